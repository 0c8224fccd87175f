#!/usr/bin/env bash
# Issue 15's benchmark on a lent 16-core machine that reaches no package registry (see
# ../shared/device-bench/README.md). Two steps:
#
#   ./bench/device.sh kit                 here: build spool-bench, pack .devkit/ (the shared kit plus
#                                         the bench's jars and this script), about 50 MiB
#   bash .devkit/device.sh run [--quick]  there, carrying .devkit: nginx on half the cores, the
#                                         harness pinned to the other half; results under $OUT
#
# `run` works here too (try `bash .devkit/device.sh run --quick` before spending device time). It
# serves the bench's bodies from an nginx set up as bench/run.sh's (HTTP, HTTPS without h2, and
# HTTPS with h2, on 127.0.0.1:18080, :18081 and :18443), runs seq, c16, stream, https, h2c16 and
# h2c256 with every client, then c16 again at 64 and 256 threads, and writes each run's
# results.json and page under $OUT (or bench/results/device, ignored by git). nginx stops on exit,
# whatever the exit.
set -euo pipefail

cmd=${1:-}
shift || true

if [ "$cmd" = kit ]; then
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cd "$root"
  mvn -B -q -pl spool-bench -am -DskipTests package
  ../shared/device-bench/make-kit.sh
  rm -rf .devkit/jars && mkdir -p .devkit/jars
  cp spool-bench/target/spool-bench-0.1.0-SNAPSHOT.jar .devkit/jars/
  tr ':' '\n' < spool-bench/target/classpath.txt | while read -r jar || [ -n "$jar" ]; do cp "$jar" .devkit/jars/; done
  cp bench/device.sh .devkit/device.sh
  du -sh .devkit
  exit 0
fi
[ "$cmd" = run ] || { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

KIT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -f "$KIT/jre.tgz" ] || { echo "device.sh: run it as .devkit/device.sh, after './bench/device.sh kit'" >&2; exit 2; }
quick=()
rounds=(--rounds 3 --duration 1500ms --warmup 1s) # about 5 minutes on 16 cores, all three runs
[ "${1:-}" = --quick ] && { quick=(--quick); rounds=(); }
OUT=${OUT:-bench/results/device}
mkdir -p "$OUT"

# shellcheck source=/dev/null
source "$KIT/serve.sh" # JAVA, PIN, SERVE, W (its www), CA; starts its own nginx, which we replace
stop_nginx
for _ in $(seq 100); do kill -0 "$(cat "$S/ngx/nginx.pid" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
for f in 1k 1m 100m; do ln -sf "$W/$f" "$W/$f.bin"; done
BIN=$KIT/bin
mkdir -p "$BIN"
for tool in nginx wrk h2load; do
  printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$KIT/native" "$KIT/native/$tool" > "$BIN/$tool"
  chmod +x "$BIN/$tool"
done

D=$(mktemp -d)
half=$(( $(nproc) / 2 ))
[ "$half" -ge 1 ] || half=1
user=""
[ "$(id -u)" -eq 0 ] && user="user $(id -un) $(id -gn);" # as root, workers would run as nobody
cat > "$D/nginx.conf" <<CONF
$user
worker_processes $half;
daemon on; pid $D/nginx.pid; error_log $D/error.log warn;
events { worker_connections 16384; }
http { access_log off; sendfile on; gzip off; keepalive_timeout 300s; keepalive_requests 1000000;
  default_type application/octet-stream;
  client_body_temp_path $D/b; proxy_temp_path $D/p; fastcgi_temp_path $D/f; uwsgi_temp_path $D/u; scgi_temp_path $D/s;
  server { listen 127.0.0.1:18080; root $W; }
  server { listen 127.0.0.1:18081 ssl; root $W; ssl_certificate $KIT/cert.pem; ssl_certificate_key $KIT/key.pem; }
  server { listen 127.0.0.1:18443 ssl http2; http2_max_concurrent_streams 128; root $W;
    ssl_certificate $KIT/cert.pem; ssl_certificate_key $KIT/key.pem; } }
CONF
# shellcheck disable=SC2086
$SERVE "$BIN/nginx" -p "$D/" -c "$D/nginx.conf"
trap 'kill "$(cat "$D/nginx.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$D/nginx.pid" ] && break; sleep 0.1; done
NGINX_PID=$(cat "$D/nginx.pid")

bench() { # bench NAME ARGS...: one harness run into $OUT/NAME
  local name=$1
  shift
  mkdir -p "$OUT/$name"
  echo "device.sh: $name on cores ${PIN:-unpinned}: $*"
  # shellcheck disable=SC2086
  $PIN "$JAVA" -Xms2g -Xmx2g -cp "$KIT/jars/*" dev.spool.bench.BenchMain \
    --http http://127.0.0.1:18080 --https https://127.0.0.1:18081 --h2 https://127.0.0.1:18443 --ca "$CA" \
    --wrk "$BIN/wrk" --h2load "$BIN/h2load" --nginx "$BIN/nginx" --python none --server-pid "$NGINX_PID" \
    --out "$OUT/$name" --docs "$OUT/$name/benchmarks.md" "${rounds[@]}" "${quick[@]}" "$@" \
    2>&1 | tee "$OUT/$name/log.txt"
}
bench main --workloads seq,c16,stream,https,h2c16,h2c256
bench c64 --workloads c16 --threads 64
bench c256 --workloads c16 --threads 256
echo "device.sh: done; results under $OUT ($(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2))"
