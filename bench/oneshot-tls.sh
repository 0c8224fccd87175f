#!/usr/bin/env bash
# What TLS resumption buys one-shot HTTPS calls (issue 15): Spool.get and Python requests' requests.get,
# one new connection per call, against nginx servers that allow resumption (TLS 1.2 tickets as nginx's
# defaults give, TLS 1.3 tickets) and the same servers refusing it (no tickets, no session cache),
# interleaved round by round in one run. Builds nothing: run ./bench/run.sh (or mvn package of
# spool-bench) first. Stops nginx on exit, whatever the exit.
#
#   ./bench/oneshot-tls.sh [--rounds N --duration 2s --warmup 2s --python python3]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TMP=$ROOT/bench/results/tmp/oneshot-tls
mkdir -p "$TMP/www" "$TMP/nginx"
log() { printf '[oneshot-tls.sh] %s\n' "$*" >&2; }

NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { log "nginx not found (Debian: nginx-light)"; exit 1; }
JAVA=java
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=$ROOT/spool-bench/target/spool-bench-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || { log "build spool-bench first (mvn -pl spool-bench -am -DskipTests package)"; exit 1; }
CP="$JAR:$(cat "$ROOT/spool-bench/target/classpath.txt")"

[ -f "$TMP/www/1k.bin" ] || head -c 1024 /dev/urandom > "$TMP/www/1k.bin"
CERT=$TMP/cert.pem
KEY=$TMP/key.pem
if [ ! -f "$CERT" ] || ! openssl x509 -in "$CERT" -noout -checkend 86400 >/dev/null 2>&1; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -keyout "$KEY" -out "$CERT" \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1
fi

# Five free consecutive loopback ports: one plain (readiness), four TLS.
listening() {
  local f _sl addr _rem st _rest
  for f in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$f" ] || continue
    while read -r _sl addr _rem st _rest; do
      if [ "$st" = 0A ]; then echo $((16#${addr##*:})); fi
    done < <(tail -n +2 "$f")
  done
}
used=" $(listening | tr '\n' ' ') "
BASE=""
for ((b = 23000; b < 32000; b += 100)); do
  clash=0
  for ((p = b; p < b + 5; p++)); do case "$used" in *" $p "*) clash=1 ;; esac; done
  if [ $clash -eq 0 ]; then BASE=$b; break; fi
done
[ -n "$BASE" ] || { log "no free ports"; exit 1; }

tls_server() { # port directives
  echo "  server { listen 127.0.0.1:$1 ssl; ssl_certificate $CERT; ssl_certificate_key $KEY; $2 root $TMP/www; }"
}
{
  echo "daemon off; worker_processes 1;"
  [ "$(id -u)" -eq 0 ] && echo "user $(id -un) $(id -gn);"
  echo "pid $TMP/nginx.pid; error_log $TMP/nginx-error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http { access_log off; client_body_temp_path $TMP/nginx;"
  echo "  server { listen 127.0.0.1:$BASE; root $TMP/www; }"
  tls_server $((BASE + 1)) "ssl_protocols TLSv1.2;"
  tls_server $((BASE + 2)) "ssl_protocols TLSv1.2; ssl_session_tickets off; ssl_session_cache off;"
  tls_server $((BASE + 3)) "ssl_protocols TLSv1.3;"
  tls_server $((BASE + 4)) "ssl_protocols TLSv1.3; ssl_session_tickets off; ssl_session_cache off;"
  echo "}"
} > "$TMP/nginx.conf"

NGINX_PID=""
cleanup() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" &
NGINX_PID=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$BASE/1k.bin" && break
  kill -0 "$NGINX_PID" 2>/dev/null || { log "nginx exited; see $TMP/nginx-error.log"; exit 1; }
  sleep 0.1
done
log "nginx $NGINX_PID on 127.0.0.1:$((BASE + 1))-$((BASE + 4)); $("$JAVA" -version 2>&1 | head -n1)"

U=/1k.bin
REQUESTS_CA_BUNDLE="$CERT" "$JAVA" -Xms1g -Xmx1g -cp "$CP" dev.spool.bench.OneShotTlsMain --server-pid "$NGINX_PID" "$@" \
  "tls1.2-tickets=https://127.0.0.1:$((BASE + 1))$U" "tls1.2-refused=https://127.0.0.1:$((BASE + 2))$U" \
  "tls1.3-tickets=https://127.0.0.1:$((BASE + 3))$U" "tls1.3-refused=https://127.0.0.1:$((BASE + 4))$U"
