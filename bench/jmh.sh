#!/usr/bin/env bash
# Runs the JMH microbenchmarks of Spool's hot paths (bench/run.sh is the side-by-side benchmark):
#
#   ./bench/jmh.sh                     all of them, briefly (1 fork, 2 x 1 s warm-up, 3 x 1 s measured)
#   ./bench/jmh.sh ResponseParser      those whose name matches
#   ./bench/jmh.sh --no-build -- ...   reuse the last build; anything after -- goes to JMH as is
#
# Results: bench/results/jmh.json (and the usual JMH summary on the terminal). The gc profiler adds
# bytes allocated per operation (gc.alloc.rate.norm).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

build=1
filters=()
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --) shift; jmh_args=("$@"); break ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) filters+=("$1") ;;
  esac
  shift
done
[ ${#filters[@]} -gt 0 ] || filters=("dev.spool.bench.jmh.")

if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
else
  JAVA=$(command -v java)
fi
if [ $build -eq 1 ]; then
  mvn -q -pl spool-bench -am -DskipTests package
fi
CP="$ROOT/spool-bench/target/spool-bench-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/spool-bench/target/classpath.txt")"
mkdir -p bench/results
# JMH 1.37 reads fields through sun.misc.Unsafe, which JDK 23+ warns about on every start (JEP 471);
# allow it explicitly there, in this JVM and in the forks that do the measuring.
unsafe=()
spec=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${spec%%.*}" -ge 23 ] 2>/dev/null; then
  unsafe=(--sun-misc-unsafe-memory-access=allow)
fi
# The class path, not the module path: JMH reaches the codec in dev.spool.internal.http1, which the
# module descriptor rightly does not export.
exec "$JAVA" ${unsafe[@]+"${unsafe[@]}"} -cp "$CP" org.openjdk.jmh.Main \
  -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc ${unsafe[@]+-jvmArgsPrepend "${unsafe[@]}"} \
  -rf json -rff bench/results/jmh.json \
  ${jmh_args[@]+"${jmh_args[@]}"} "${filters[@]}"
