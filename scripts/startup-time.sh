#!/usr/bin/env bash
# Start-up time of the spool command against curl and HTTPie: the median wall time of N runs
# (default 10) of one GET of a small JSON file from a local server, output piped as in a script.
# The tools take turns, run by run, so that a busy machine slows them alike; one run of each
# before the count warms the file cache (and builds the command if its jar is out of date).
#
#   scripts/startup-time.sh [-n N] [NAME=LAUNCHER ...]
#
# NAME=LAUNCHER adds another spool launcher to the table, e.g. that of an older checkout:
#   scripts/startup-time.sh before=/tmp/old-checkout/spool
# SPOOL_CDS_ARCHIVE=none (a file that does not exist) measures ./spool without its archive.
# HTTPie runs as scripts run it, with --ignore-stdin (else it would send standard input as a body).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
names=(spool curl httpie)
cmds=("./spool get" "curl -s" "http --ignore-stdin GET")
for extra in "$@"; do
  names+=("${extra%%=*}")
  cmds+=("${extra#*=} get")
done
for tool in curl http java; do
  command -v "$tool" >/dev/null || { echo "startup-time: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
printf '{"hello": "world", "n": [1, 2.5, true, null]}\n' > "$work/hello.json"
# A keep-alive HTTP/1.1 server on a free loopback port, for at most 10 minutes.
cat > "$work/server.py" <<'PY'
import http.server, functools, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
handler.func.protocol_version = "HTTP/1.1"
handler.func.log_message = lambda *a: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
timeout 600 python3 "$work/server.py" "$work" "$work/port.tmp" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port.tmp" ] && break; sleep 0.1; done
[ -s "$work/port.tmp" ] || { echo "startup-time: the local server did not start" >&2; exit 1; }
url="http://127.0.0.1:$(cat "$work/port.tmp")/hello.json"

expected=$(cat "$work/hello.json")
for i in "${!cmds[@]}"; do
  got=$(${cmds[$i]} "$url" </dev/null)
  [ "$got" = "$expected" ] || { echo "startup-time: ${names[$i]} printed something else: $got" >&2; exit 1; }
done

# CPU time too (user + system, of the tool and its children: this shell's cutime and cstime, in
# clock ticks), which a busy machine inflates less than wall time.
tick=$(getconf CLK_TCK)
for _ in $(seq "$runs"); do
  for i in "${!cmds[@]}"; do
    read -r -a s0 < /proc/$$/stat
    t0=$(date +%s%N)
    ${cmds[$i]} "$url" >/dev/null </dev/null
    t1=$(date +%s%N)
    read -r -a s1 < /proc/$$/stat
    echo $(( (t1 - t0) / 1000 )) >> "$work/times.$i"
    echo $(( (s1[15] + s1[16] - s0[15] - s0[16]) * 1000000 / tick )) >> "$work/cpu.$i"
  done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f", m / 1e6 }'; }
echo "median wall time of $runs runs of one GET of $url (s), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg):"
echo
echo "| tool | median (s) | min (s) | max (s) | median CPU, user + system (s) |"
echo "|---|---|---|---|---|"
for i in "${!cmds[@]}"; do
  printf '| %s | %s | %s | %s | %s |\n' "${names[$i]}" "$(median "$work/times.$i")" \
    "$(sort -n "$work/times.$i" | head -1 | awk '{ printf "%.3f", $1 / 1e6 }')" \
    "$(sort -n "$work/times.$i" | tail -1 | awk '{ printf "%.3f", $1 / 1e6 }')" "$(median "$work/cpu.$i")"
done
