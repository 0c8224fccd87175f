#!/usr/bin/env bash
# Runs Spool's side-by-side benchmark (issue 3): installs nginx-light, wrk and curl when missing,
# builds spool-bench, generates the bodies and a self-signed certificate, starts nginx on free
# loopback ports, runs every workload on every client, and stops nginx on exit whatever happens.
#
#   ./bench/run.sh                 full run (about 15 minutes on 2 cores)
#   ./bench/run.sh --quick         smoke test: 2 short rounds per workload
#   ./bench/run.sh --clients spool,okhttp --workloads seq,c16 [--rounds N --duration 3s --warmup 5s]
#   ./bench/run.sh --no-build ...  reuse the last build of spool-bench
#
# Writes bench/results/results.json, bench/results/chart.png and docs/benchmarks.md; scratch files
# (bodies, certificate, nginx.conf, pid, logs) live in bench/results/tmp/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RESULTS=bench/results
TMP=$ROOT/$RESULTS/tmp
ORIGINS=1000

build=1
java_args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) java_args+=("$a") ;;
  esac
done

log() { printf '[run.sh] %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------------
# nginx lives in /usr/sbin, which a non-root PATH may lack.
find_nginx() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true; }

missing=()
[ -n "$(find_nginx)" ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
command -v h2load >/dev/null || missing+=(nghttp2-client)
command -v openssl >/dev/null || missing+=(openssl)
# The chart is drawn with Java2D, which needs fontconfig and at least one font.
command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -n1)" ] || missing+=(fontconfig fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "missing ${missing[*]}, and not root to install them"; exit 1; }
    SUDO=sudo
  fi
  log "installing ${missing[*]}"
  # Debian starts an installed nginx on port 80 of every interface; a policy-rc.d that refuses keeps
  # it from starting (only while installing, and only if the machine has none of its own).
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  ok=1
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || ok=0
  if [ $made_policy -eq 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
  [ $ok -eq 1 ] || { log "apt-get could not install ${missing[*]}"; exit 1; }
fi
NGINX=$(find_nginx)
WRK=$(command -v wrk)
CURL=$(command -v curl)
H2LOAD=$(command -v h2load)

# The issue's figures are on JDK 25; use it when installed, else whatever java is on the PATH.
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA_HOME_RUN=/usr/lib/jvm/temurin-25-jdk-amd64
  JAVA=$JAVA_HOME_RUN/bin/java
else
  JAVA=$(command -v java)
fi

# --- build -----------------------------------------------------------------------------------
if [ $build -eq 1 ]; then
  log "building spool-bench"
  # Upstream modules' tests are not what this script is for; CI runs them.
  mvn -q -pl spool-bench -am -DskipTests package
fi
CP="$ROOT/spool-bench/target/spool-bench-0.1.0-SNAPSHOT.jar:$(cat "$ROOT/spool-bench/target/classpath.txt")"

# --- files -----------------------------------------------------------------------------------
mkdir -p "$TMP/www" "$TMP/nginx"
make_body() { # name size: random bytes, so no layer can compress them
  local f="$TMP/www/$1"
  if [ ! -f "$f" ] || [ "$(stat -c %s "$f")" -ne "$2" ]; then
    head -c "$2" /dev/urandom > "$f.part" && mv "$f.part" "$f"
  fi
}
make_body 1k.bin 1024
make_body 1m.bin $((1024 * 1024))
make_body 100m.bin $((100 * 1024 * 1024))

CERT=$TMP/cert.pem
KEY=$TMP/key.pem
if [ ! -f "$CERT" ] || [ ! -f "$KEY" ] || ! openssl x509 -in "$CERT" -noout -checkend 86400 >/dev/null 2>&1; then
  log "making a self-signed certificate for 127.0.0.1 and localhost"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$KEY" -out "$CERT" \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1
fi

# --- ports -----------------------------------------------------------------------------------
# Ports listened on now, from /proc (TCP state 0A = LISTEN), as decimal numbers.
listening() {
  local f _sl addr _rem st _rest
  for f in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$f" ] || continue
    while read -r _sl addr _rem st _rest; do
      if [ "$st" = 0A ]; then echo $((16#${addr##*:})); fi
    done < <(tail -n +2 "$f")
  done
}
# A block of consecutive free ports below the ephemeral range: HTTP, HTTPS, HTTP/2, then the origins.
read -r eph_low _ < /proc/sys/net/ipv4/ip_local_port_range
need=$((ORIGINS + 3))
used=" $(listening | tr '\n' ' ') "
BASE=""
for ((start = 20000; start + need < eph_low && start + need < 65535; start += 500)); do
  clash=0
  for ((p = start; p < start + need; p++)); do
    case "$used" in *" $p "*) clash=1; break ;; esac
  done
  if [ $clash -eq 0 ]; then BASE=$start; break; fi
done
[ -n "$BASE" ] || { log "no block of $need free loopback ports below $eph_low"; exit 1; }
HTTP_PORT=$BASE
HTTPS_PORT=$((BASE + 1))
H2_PORT=$((BASE + 2))
ORIGIN_PORT=$((BASE + 3))

# --- nginx -----------------------------------------------------------------------------------
CONF=$TMP/nginx.conf
hard_nofile=$(ulimit -Hn)
[ "$hard_nofile" = unlimited ] && hard_nofile=65536
nofile=$(( hard_nofile < 16384 ? hard_nofile : 16384 ))
{
  echo "# Written by bench/run.sh for one run; loopback only."
  echo "daemon off;"
  echo "worker_processes 2;"
  echo "worker_rlimit_nofile $nofile;"
  # As root, nginx would switch its workers to 'nobody'; name the current user to keep it as is.
  [ "$(id -u)" -eq 0 ] && echo "user $(id -un) $(id -gn);"
  echo "pid $TMP/nginx.pid;"
  echo "error_log $TMP/nginx-error.log warn;"
  echo "events { worker_connections 4096; }"
  echo "http {"
  echo "  default_type application/octet-stream;"
  echo "  access_log off;"
  echo "  sendfile on;"
  echo "  gzip off;"
  echo "  keepalive_requests 1000000;"
  echo "  keepalive_timeout 300s;"
  # Temp paths inside tmp/, so nothing is written under /var/lib/nginx (only those modules built in).
  for t in client_body proxy fastcgi uwsgi scgi; do
    if [ $t = client_body ] || ! "$NGINX" -V 2>&1 | grep -q -- "--without-http_${t}_module"; then
      echo "  ${t}_temp_path $TMP/nginx/$t;"
    fi
  done
  echo "  server {"
  echo "    listen 127.0.0.1:$HTTP_PORT;"
  for ((p = ORIGIN_PORT; p < ORIGIN_PORT + ORIGINS; p++)); do echo "    listen 127.0.0.1:$p;"; done
  echo "    root $TMP/www;"
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$HTTPS_PORT ssl;"
  echo "    ssl_certificate $CERT;"
  echo "    ssl_certificate_key $KEY;"
  echo "    root $TMP/www;"
  echo "  }"
  # HTTP/2 over TLS for the h2 workloads (nginx 1.22's syntax; 1.25 moved it to 'http2 on;').
  # 128 streams per connection is nginx's default, stated because the harness reads it too.
  echo "  server {"
  echo "    listen 127.0.0.1:$H2_PORT ssl http2;"
  echo "    http2_max_concurrent_streams 128;"
  echo "    ssl_certificate $CERT;"
  echo "    ssl_certificate_key $KEY;"
  echo "    root $TMP/www;"
  echo "  }"
  echo "}"
} > "$CONF"

NGINX_PID=""
JAVA_PID=""
stop_nginx() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    log "stopping nginx (pid $NGINX_PID)"
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  NGINX_PID=""
}
cleanup() {
  if [ -n "$JAVA_PID" ] && kill -0 "$JAVA_PID" 2>/dev/null; then
    log "stopping the harness (pid $JAVA_PID)"
    kill -TERM "$JAVA_PID" 2>/dev/null || true
    wait "$JAVA_PID" 2>/dev/null || true
  fi
  stop_nginx
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# -e: the error log from the first line on, not the packaged /var/log/nginx path.
"$NGINX" -t -q -p "$TMP/nginx" -e "$TMP/nginx-error.log" -c "$CONF"
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx-error.log" -c "$CONF" &
NGINX_PID=$!
log "nginx $NGINX_PID on 127.0.0.1: http $HTTP_PORT, https $HTTPS_PORT, h2 $H2_PORT, origins $ORIGIN_PORT-$((ORIGIN_PORT + ORIGINS - 1))"

ready=0
for _ in $(seq 100); do
  kill -0 "$NGINX_PID" 2>/dev/null || { log "nginx exited; see $TMP/nginx-error.log"; exit 1; }
  if curl -sf -o /dev/null "http://127.0.0.1:$HTTP_PORT/1k.bin"; then ready=1; break; fi
  sleep 0.1
done
[ $ready -eq 1 ] || { log "nginx did not answer on port $HTTP_PORT"; exit 1; }
curl -sf -o /dev/null --cacert "$CERT" "https://127.0.0.1:$HTTPS_PORT/1k.bin" || { log "HTTPS check failed"; exit 1; }
[ "$(curl -sf -o /dev/null -w '%{http_version}' --http2 --cacert "$CERT" "https://127.0.0.1:$H2_PORT/1k.bin")" = 2 ] \
  || { log "HTTP/2 check failed on port $H2_PORT"; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:$((ORIGIN_PORT + ORIGINS - 1))/1k.bin" || { log "origin port check failed"; exit 1; }
# Every client offers gzip (Spool's default header); nginx must still answer with the plain bytes.
if curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip, deflate' "http://127.0.0.1:$HTTP_PORT/1k.bin" | grep -qi '^content-encoding'; then
  log "nginx compressed a response although gzip is off"; exit 1
fi

# --- run -------------------------------------------------------------------------------------
log "running the benchmark with $("$JAVA" -version 2>&1 | head -n1)"
# In the background with a wait, so that an INT or TERM sent to this script is handled at once
# (bash runs traps only between commands) and the harness and nginx are both stopped.
# One-shot Spool.get over HTTPS cannot be given a CA bundle, so the seed comparison trusts the
# certificate the way a requests user would: REQUESTS_CA_BUNDLE, which wins over the CURL_CA_BUNDLE
# and SSL_CERT_FILE a machine may set (Spool reads them as requests does). The peers are given the
# certificate in code and read none of these.
REQUESTS_CA_BUNDLE="$CERT" "$JAVA" -Xms2g -Xmx2g \
  -cp "$CP" dev.spool.bench.BenchMain \
  --http "http://127.0.0.1:$HTTP_PORT" --https "https://127.0.0.1:$HTTPS_PORT" --h2 "https://127.0.0.1:$H2_PORT" --ca "$CERT" \
  --origins-port "$ORIGIN_PORT" --origins "$ORIGINS" \
  --wrk "$WRK" --curl "$CURL" --h2load "$H2LOAD" --nginx "$NGINX" \
  --out "$RESULTS" --docs docs/benchmarks.md --server-pid "$NGINX_PID" \
  ${java_args[@]+"${java_args[@]}"} &
JAVA_PID=$!
status=0
wait "$JAVA_PID" || status=$?
JAVA_PID=""
exit $status
