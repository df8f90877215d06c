#!/usr/bin/env bash
# Lab 06 side by side: how much load each load generator can make from one core, against the same
# fixed, fast target: jload vs wrk vs autocannon vs loadtest; then how exactly jload keeps --rps.
#
#   scripts/compare-load-generators.sh [--duration S] [--connections C] [--rounds N] [--rps "R ..."]
#                                      [--no-rps]
#
# Defaults: 10 s per run, 50 connections, keep-alive, 3 rounds, --rps 1000 and 10000; about 3 min.
#
# Goals (lab 06's issue): jload at least 1.0x wrk's requests/s and at least 3x autocannon's; --rps R
# sent within 1% of R x duration. Exit status: 0 goals met (a goal whose peer is absent is skipped),
# 1 a goal missed, 2 bad option, 3 the target or jload would not start.
#
# How it measures, and why:
#   - The target is nginx (Debian's nginx-light) answering `return 200 "ok\n"` with access_log off
#     and one worker: about the cheapest HTTP reply there is, so the generator is what is measured.
#     Without nginx, lab 03's HelloServer (one event-loop thread) stands in, and the script says so.
#   - With taskset and 2+ CPUs: the target on CPU 0, each generator on CPU 1 (wrk -t1, jload sees one
#     CPU and runs one loop, loadtest --cores 1, autocannon is one Node thread anyway).
#   - Each generator: keep-alive, the same connections and duration. Figures: replies per second
#     (wrk's Requests/sec, autocannon's total/duration, loadtest's "Effective rps", jload's JSON
#     rate.repliesPerSecond), the p99 each reports (all closed-model, from the actual send), and
#     the generator's own CPU time from /usr/bin/time: "req/cpu-s", replies per second of generator
#     CPU. A generator near 100% of its core is the bottleneck; one well below it is waiting for the
#     target, and then its req/s is the target's. For jload, /usr/bin/time includes the JVM's start
#     (about 0.6 s of CPU) and JIT compilation; "in-run" is the req/cpu-s jload measured of itself
#     during the run (its --json generator.cpuSeconds: still with the JIT, without the start). The
#     cleanest efficiency figure is the marginal one (CPU of a long run minus a short one, per extra
#     request), which /work/notes' lab06-engine-why.md shows how to take.
#   - Rounds rotate the order of the generators, so a neighbour that gets busier mid-run does not
#     always hit the same one. The summary takes each generator's median over the rounds.
#   - Each generator starts fresh: jload's JVM compiles its hot code during the first second or so
#     of each run (that is in the figures, as it is for a user).
#   - --rps: jload -k --rps R -t S: the count sent against R x S, the send rate, and the p99 of the
#     response time (from when each request was due) next to that of the service time.
#
# What skews it: this is a 2-core VM shared with other work. The load average is printed at the
# start and the end; above ~1, someone else holds part of a core, the target stalls (wrk's own
# p99 shows it) and every generator's req/s drops. Compare ratios from one run, not absolute figures.
#
# Peers: wrk from Debian (apt-get install -y wrk); autocannon 9 and loadtest 8 from npm into a folder
# outside the repo (npm install --prefix DIR autocannon@9 loadtest@8), found in $C2C_PEERS_DIR
# (default ~/.cache/c2c-peers, then /tmp/c2c-peers) or on PATH. Absent peers are skipped.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
name=compare-load-generators
usage="usage: scripts/$name.sh [--duration S] [--connections C] [--rounds N] [--rps \"R ...\"] [--no-rps]"
duration=10 connections=50 rounds=3 rps_list="1000 10000"
. "$root/scripts/lib/compare.sh"
. "$root/scripts/lib/servers.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --duration|--connections|--rounds)
      c2c_count_option 7 "$@"
      case "$1" in --duration) duration=$2 ;; --connections) connections=$2 ;; --rounds) rounds=$2 ;; esac
      shift 2 ;;
    --rps)
      if [ $# -lt 2 ]; then echo "$name: --rps needs rates, e.g. --rps \"1000 10000\" ($usage)" >&2; exit 2; fi
      for r in $2; do c2c_is_count "$r" 7 || { echo "$name: --rps rates are whole numbers, not '$r' ($usage)" >&2; exit 2; }; done
      rps_list=$2; shift 2 ;;
    --no-rps) rps_list=""; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) echo "$name: unknown option '$1' ($usage)" >&2; exit 2 ;;
  esac
done

unset NODE_EXTRA_CA_CERTS # it only slows Node's start (peers.md); measure Node at its best
work=$(mktemp -d "${TMPDIR:-/tmp}/c2c-loadgen.XXXXXX")
# The target runs in a process group of its own (nginx's master and worker): SIGTERM to the group,
# up to 5 s, then SIGKILL (scripts/lib/servers.sh).
c2c_stop_wait=5
c2c_clean_up_on_exit

target_pin=() gen_pin=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  target_pin=(taskset -c 0) gen_pin=(taskset -c 1)
  pinning="target on CPU 0, each generator on CPU 1 (taskset)"
else
  pinning="not pinned (needs taskset and 2+ CPUs): target and generators share the CPUs"
fi

# jload first: it builds lab 06 on first use, and the fallback target needs lab 03's classes it builds.
if ! "$root/jload" --version >"$work/jload-version" 2>"$work/jload-build"; then
  echo "$name: ./jload would not start:" >&2; cat "$work/jload-build" "$work/jload-version" >&2; exit 3
fi
. "$root/scripts/lib/jdk.sh"
c2c_use_jdk || exit 3

port=$(c2c_free_port) || { echo "$name: no free port found" >&2; exit 3; }
url="http://127.0.0.1:$port/"
nginx_bin=$(command -v nginx || ls /usr/sbin/nginx 2>/dev/null || true)
if [ -n "$nginx_bin" ]; then
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$port backlog=4096; location / { return 200 "ok\n"; } }
}
EOF
  target="nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///'), 1 worker, return 200 \"ok\\n\""
  c2c_start_group "$work/target.log" target ${target_pin[@]+"${target_pin[@]}"} "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;'
else
  cp=$(cat "$root/labs/06-load-testing/target/classpath-runtime.txt")
  target="FALLBACK: lab 03's HelloServer (one event-loop thread; install nginx-light for the real comparison)"
  c2c_start_group "$work/target.log" target ${target_pin[@]+"${target_pin[@]}"} "$JAVA_HOME/bin/java" -cp "$cp" cachetocluster.eventloop.HelloServer --port "$port"
fi
target_pid=$started
for _ in $(seq 200); do c2c_answers "$port" && break; kill -0 "$target_pid" 2>/dev/null || break; sleep 0.1; done
if ! c2c_answers "$port"; then echo "$name: the target did not answer on port $port:" >&2; cat "$work/target.log" >&2; exit 3; fi

peer() { # the path of an npm peer's command, or nothing
  local dir
  for dir in "${C2C_PEERS_DIR:-$HOME/.cache/c2c-peers}" /tmp/c2c-peers; do
    [ -x "$dir/node_modules/.bin/$1" ] && { echo "$dir/node_modules/.bin/$1"; return; }
  done
  command -v "$1" 2>/dev/null || true
}
autocannon=$(peer autocannon) loadtest=$(peer loadtest)
generators=(jload)
command -v wrk >/dev/null 2>&1 && generators+=(wrk) || echo "wrk:         absent, skipped (apt-get install -y wrk)"
[ -n "$autocannon" ] && command -v node >/dev/null 2>&1 && generators+=(autocannon) || echo "autocannon:  absent, skipped (npm install --prefix ~/.cache/c2c-peers autocannon@9)"
[ -n "$loadtest" ] && command -v node >/dev/null 2>&1 && generators+=(loadtest) || echo "loadtest:    absent, skipped (npm install --prefix ~/.cache/c2c-peers loadtest@8)"
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%U %S" -o "$work/cpu")

c2c_say_machine
echo "target:      $target on $url"
echo "pinning:     $pinning"
echo "runs:        $connections connections, keep-alive, ${duration} s each, $rounds round(s)"
echo "versions:    $(cat "$work/jload-version"), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)${autocannon:+, autocannon $(node "$autocannon" --version 2>/dev/null | head -n1 | tr -d 'v')}${loadtest:+, loadtest $(node "$loadtest" --version 2>/dev/null | head -n1)}, node $(node --version 2>/dev/null)"
echo

# Runs generator $1 once; prints "req/s p99ms cpu-seconds".
run_one() {
  local g=$1 out="$work/out-$1" rps p99 cpu
  rm -f "$work/cpu"
  case $g in
    jload) "${timer[@]}" "${gen_pin[@]}" "$root/jload" -k -c "$connections" -t "$duration" --quiet --json "$work/jload.json" "$url" >"$out" 2>&1
      read -r rps p99 inrun < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["generator"]["cpuSeconds"]; print(d["rate"]["repliesPerSecond"], d["latencyMs"]["responseTime"]["p99"], round(d["requests"]["replies"] / c) if c > 0 else "?")' "$work/jload.json" 2>/dev/null) ;;
    wrk) "${timer[@]}" "${gen_pin[@]}" wrk -t1 -c"$connections" -d"${duration}s" --latency "$url" >"$out" 2>&1
      rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
      p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' "$out") ;;
    autocannon) "${timer[@]}" "${gen_pin[@]}" node "$autocannon" -c "$connections" -d "$duration" -j "$url" >"$out" 2>/dev/null
      read -r rps p99 < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["requests"]["total"] / d["duration"], d["latency"]["p99"])' "$out" 2>/dev/null) ;;
    loadtest) "${timer[@]}" "${gen_pin[@]}" node "$loadtest" -k -c "$connections" -t "$duration" --cores 1 "$url" >"$out" 2>&1
      rps=$(awk -F: '/Effective rps|Requests per second/ {gsub(/ /, "", $2); print $2; exit}' "$out")
      p99=$(awk '$1 == "99%" {print $2; exit}' "$out") ;;
  esac
  cpu=$([ -s "$work/cpu" ] && awk '{print $1 + $2}' "$work/cpu" || echo "")
  echo "${rps:-0} ${p99:-?} ${cpu:-?} ${inrun:-}"
}

printf '%-6s %-11s %10s %9s %9s %10s %10s\n' round generator "req/s" "p99 ms" "gen cpu" "req/cpu-s" "in-run"
declare -A results
n=${#generators[@]}
for ((round = 1; round <= rounds; round++)); do
  for ((k = 0; k < n; k++)); do
    g=${generators[$(((k + round - 1) % n))]}
    inrun=
    read -r rps p99 cpu inrun < <(run_one "$g")
    if [ "$cpu" != "?" ]; then
      cpu_pct=$(awk -v c="$cpu" -v d="$duration" 'BEGIN {printf "%.0f%%", 100 * c / d}')
      per_cpu=$(awk -v r="$rps" -v c="$cpu" -v d="$duration" 'BEGIN {printf "%.0f", (c > 0 ? r * d / c : 0)}')
    else cpu_pct="?"; per_cpu="?"; fi
    printf '%-6s %-11s %10.0f %9s %9s %10s %10s\n' "$round" "$g" "$rps" "$p99" "$cpu_pct" "$per_cpu" "${inrun:-}"
    results[$g]+="$rps:$per_cpu "
  done
done

declare -A med_rps med_cpu
for g in "${generators[@]}"; do
  med_rps[$g]=$(echo "${results[$g]}" | tr ' ' '\n' | cut -d: -f1 | c2c_median 0)
  med_cpu[$g]=$(echo "${results[$g]}" | tr ' ' '\n' | cut -d: -f2 | grep -v '?' | c2c_median 0)
done
echo
echo "medians over $rounds round(s):"
for g in "${generators[@]}"; do printf '  %-11s %10.0f req/s %10.0f req/cpu-s\n' "$g" "${med_rps[$g]}" "${med_cpu[$g]}"; done

status=0
goal() { # name, peer, factor
  local peer=$2 factor=$3 ratio ratio_cpu verdict
  if [ -z "${med_rps[$peer]:-}" ]; then echo "goal:        jload >= ${factor}x $peer: skipped ($peer absent)"; return; fi
  ratio=$(awk -v a="${med_rps[jload]}" -v b="${med_rps[$peer]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
  ratio_cpu=$(awk -v a="${med_cpu[jload]}" -v b="${med_cpu[$peer]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
  verdict=$(awk -v r="$ratio" -v f="$factor" 'BEGIN {print ((r >= f) ? "PASS" : "FAIL")}')
  [ "$verdict" = FAIL ] && status=1
  echo "goal:        jload >= ${factor}x $peer's req/s: ${ratio}x: $verdict   (per generator CPU-second: ${ratio_cpu}x)"
}
goal wrk wrk 1.0
goal autocannon autocannon 3.0

if [ -n "$rps_list" ]; then
  echo
  echo "--rps accuracy (jload -k --rps R -t $duration, open model, on CPU 1):"
  printf '  %8s %10s %10s %9s %10s %12s %12s\n' target expected sent "error" "sent/s" "p99 resp ms" "p99 serv ms"
  for r in $rps_list; do
    "${gen_pin[@]}" "$root/jload" -k --rps "$r" -t "$duration" --quiet --json "$work/rps.json" "$url" >"$work/rps.out" 2>&1
    line=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); r = float(sys.argv[2]); t = float(sys.argv[3])
exp = r * t; sent = d["requests"]["sent"]
print("%8d %10d %10d %8.2f%% %10.1f %12s %12s" % (r, exp, sent, 100 * (sent - exp) / exp, d["rate"]["sentPerSecond"],
      d["latencyMs"]["responseTime"]["p99"], d["latencyMs"]["serviceTime"]["p99"]))
print(abs(sent - exp) / exp <= 0.01)' "$work/rps.json" "$r" "$duration")
    echo "  $(echo "$line" | head -n 1)"
    if [ "$(echo "$line" | tail -n 1)" != True ]; then status=1; echo "  goal: --rps $r within 1%: FAIL"; fi
  done
fi
echo
c2c_say_load_at_end
exit $status
