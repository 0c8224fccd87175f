#!/usr/bin/env bash
# Checks that the README's "Using it" instructions work from another Maven project: installs the
# project with -DskipTests (checking that no test runs) into a private Maven repository (seeded from ~/.m2, which stays untouched), creates a
# throwaway project depending on dev.spool:spool:0.1.0-SNAPSHOT, compiles the README's Java snippet
# exactly as README.md shows it, and runs it against a small local HTTP server, checking what it
# prints. Run by .ci/run; extra arguments go to every Maven call (e.g. -o, -B).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "readme-check: $*" >&2; exit 1; }

# 1. The first ```java block of the README's "## Using it" section, unchanged.
awk '/^## Using it/ { s = 1 } s && /^```java$/ { j = 1; next } j && /^```$/ { exit } j { print }' README.md \
  > "$work/Example.java"
[ -s "$work/Example.java" ] || fail "no \`\`\`java block under '## Using it' in README.md"
grep -q 'public class Example' "$work/Example.java" || fail "the README's snippet must declare public class Example"

# 2. The library in a private repository, as "mvn install" puts it in a user's ~/.m2.
repo="$work/m2"
if [ -d "$HOME/.m2/repository" ]; then cp -r "$HOME/.m2/repository" "$repo"; else mkdir -p "$repo"; fi
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
jackson=$(sed -n 's|.*<jackson.version>\(.*\)</jackson.version>.*|\1|p' pom.xml)
# The whole reactor, which also proves that -DskipTests runs no test (every surefire execution obeys it).
mvn "$@" -Dmaven.repo.local="$repo" install -DskipTests >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; fail "mvn install -DskipTests failed"; }
if grep -E 'Tests run:|T E S T S' "$work/install.log" >&2; then
  fail "mvn install -DskipTests ran tests (above)"
fi

# 3. A new project with the README's dependency snippet, built against that repository.
proj="$work/example"
mkdir -p "$proj/src/main/java"
cp "$work/Example.java" "$proj/src/main/java/Example.java"
cat > "$proj/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>readme-example</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
$(awk '/^## Using it/ { s = 1 } s && /^```xml$/ { x = 1; next } x && /^```$/ { exit } x { print "    " $0 }' README.md)
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
      <plugin>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.9.0</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
grep -q "<version>$version</version>" "$proj/pom.xml" || fail "the README's dependency snippet does not name version $version"
grep -q "<version>$jackson</version>" "$proj/pom.xml" || fail "the README's Jackson version is not the build's ($jackson)"
(cd "$proj" && mvn -q "$@" -Dmaven.repo.local="$repo" compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt") || fail "the README's snippet does not build from another project"

# 4. A keep-alive HTTP/1.1 server on a free loopback port: GET answers with its path, POST with its body.
cat > "$work/server.py" <<'PY'
import http.server, sys

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        sent = self.rfile.read(n)
        if self.command == "POST":
            body = sent  # echoed: the log line's length is that of the JSON the snippet sent
        else:
            body = (b"x" * 100000) if self.path == "/big" else ("hello " + self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = answer
    do_POST = answer

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$work/server.py" "$work/port.tmp" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port.tmp" ] && break; sleep 0.1; done
[ -s "$work/port.tmp" ] || fail "the local server did not start"
port=$(cat "$work/port.tmp")
base="http://127.0.0.1:$port"

# 5. The snippet, run: what it prints on standard output and its log lines on standard error.
java -cp "$proj/target/classes:$(cat "$work/classpath.txt")" Example "$base" >"$work/out.txt" 2>"$work/err.txt" \
  || { cat "$work/out.txt" "$work/err.txt" >&2; fail "the README's snippet failed"; }
expected_out="200 7
PoolStats{opened=1, origins=[OriginStats[origin=$base, idle=1, inUse=0, opened=1, closed=0, multiplexed=0, streams=0, openedBy={FIRST=1}, closedBy={}, requests=4, waiting=0, connections=[ConnectionStats[number=1, protocol=http/1.1, streams=0, maxStreams=1]]]]}"
expected_err="DEBUG Starting new HTTP connection (1): 127.0.0.1:$port
DEBUG New connection (1) because no connection to $base yet (FIRST)
DEBUG $base \"GET / HTTP/1.1\" 200 7
DEBUG Closed connection (1) to $base after 1 request: the session was closed (SESSION_CLOSED)
DEBUG Starting new HTTP connection (1): 127.0.0.1:$port
DEBUG New connection (1) because no connection to $base yet (FIRST)
DEBUG $base \"GET /a HTTP/1.1\" 200 8
DEBUG $base \"GET /b HTTP/1.1\" 200 8
DEBUG $base \"POST /c?q=v HTTP/1.1\" 200 7
DEBUG $base \"GET /big HTTP/1.1\" 200 100000
DEBUG Closed connection (1) to $base after 4 requests: the session was closed (SESSION_CLOSED)"
if [ "$(cat "$work/out.txt")" != "$expected_out" ] || [ "$(cat "$work/err.txt")" != "$expected_err" ]; then
  echo "--- standard output, expected:"; echo "$expected_out"; echo "--- got:"; cat "$work/out.txt"
  echo "--- standard error, expected:"; echo "$expected_err"; echo "--- got:"; cat "$work/err.txt"
  fail "the README's snippet printed something else"
fi
echo "readme-check: the README's snippet built from another Maven project and ran against $base"
