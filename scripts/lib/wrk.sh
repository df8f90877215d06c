# Sourced by compare-node-http.sh and compare-node-cluster.sh (after servers.sh and compare.sh):
# one wrk run against a server's port, read into figures, and the table both print, so that the two
# comparisons measure and show requests/s, latency and CPU in exactly the same way.
#
# Reads the calling script's $threads, $connections and $duration (wrk's -t, -c and the rounds'
# seconds), $rounds, $wrk_pin (an optional command prefix such as `taskset -c 1`), $name, $work
# (where wrk's output and the figures go), and $c2c_row_indent (what each table line starts with). Sets $wrk_pid while wrk runs (servers.sh's
# c2c_clean_up stops it) and $result after a run.

wrk_pid=
c2c_row_indent=

# "1.23ms" -> "1.230" (milliseconds), from wrk's units (us, ms, s; m and h never at these rates).
c2c_to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) exit 1
    printf "%.3f", n * f }'
}

# The CPU seconds (user + system) of this shell's finished children, from the output of the `times`
# builtin in file $1 (its second line is "0m1.250s 0m2.500s"). `times` itself must run in this
# shell, not in a $(...) subshell, which has children of its own.
c2c_children_cpu() {
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }; print t }' "$1"
}

# Runs wrk for $2 seconds against port $1 (server process group $4), its output in file $3, and sets
# result="req/s p50_ms p99_ms errors server_cpu_s wrk_cpu_s", or fails. wrk runs in the background
# and we `wait` for it: a signal then interrupts the wait at once (and the EXIT trap stops wrk),
# where a foreground wrk would hold the trap back until it finished.
c2c_run_wrk() {
  local port=$1 seconds=$2 out=$3 group=$4 rps p50 p99 errors before after server_cpu wrk_cpu status
  before=$(c2c_group_cpu_ticks "$group")
  times >"$out.times-before"
  ${wrk_pin[@]+"${wrk_pin[@]}"} wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid"
  status=$?
  wrk_pid=
  times >"$out.times-after"
  wrk_cpu=$(awk -v a="$(c2c_children_cpu "$out.times-before")" -v b="$(c2c_children_cpu "$out.times-after")" 'BEGIN {print b - a}')
  after=$(c2c_group_cpu_ticks "$group")
  server_cpu=$(awk -v a="$before" -v b="$after" -v t="$c2c_ticks" 'BEGIN {print (a == "" || b == "") ? "-" : (b - a) / t}')
  if [ "$status" != 0 ]; then
    echo "$name: wrk failed against port $port:" >&2
    sed 's/^/    /' "$out" >&2
    return 1
  fi
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  # Socket errors (connect/read/write/timeout) and non-2xx answers: a fast server that fails is not fast.
  errors=$(awk '/Socket errors:/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx responses:/ {s += $5} END {print s + 0}' "$out")
  if [ -z "$rps" ] || [ -z "$p50" ] || [ -z "$p99" ] || ! p50=$(c2c_to_ms "$p50") || ! p99=$(c2c_to_ms "$p99"); then
    echo "$name: could not read wrk's output:" >&2
    sed 's/^/    /' "$out" >&2
    return 1
  fi
  result="$rps $p50 $p99 $errors $server_cpu $wrk_cpu"
}

# The table. server cpu: % of one core the server's processes used; req/cpu-s: requests per second
# of that CPU; wrk cpu: % of one core wrk used (near 100%, wrk set the pace, not the server).
c2c_wrk_header() {
  printf '%s%-6s %-6s %10s %8s %8s %7s %11s %10s %9s\n' "$c2c_row_indent" round server "req/s" "p50 ms" "p99 ms" errors "server cpu" "req/cpu-s" "wrk cpu"
}
c2c_wrk_row() { # round server rps p50 p99 errors server_cpu_s wrk_cpu_s [req/cpu-s, if not rps over cpu]
  awk -v r="$1" -v s="$2" -v rps="$3" -v p50="$4" -v p99="$5" -v e="$6" -v sc="$7" -v wc="$8" -v given="${9:-}" -v d="$duration" -v indent="$c2c_row_indent" 'BEGIN {
    cpu = (sc == "-") ? "-" : sprintf("%.0f%%", 100 * sc / d)
    eff = (given != "") ? sprintf("%.0f", given) : (sc == "-" || sc <= 0) ? "-" : sprintf("%.0f", rps * d / sc)
    wcpu = (wc == "-") ? "-" : sprintf("%.0f%%", 100 * wc / d)
    printf "%s%-6s %-6s %10.0f %8.2f %8.2f %7d %11s %10s %9s\n", indent, r, s, rps, p50, p99, e, cpu, eff, wcpu }'
}

# One round against one server: round $1, server $2 (java or node) on port $3, process group $4;
# wrk's output in file $5. Prints the row and appends the figures to file $6; fails if wrk did.
c2c_wrk_round() {
  local rps p50 p99 errors server_cpu wrk_cpu
  c2c_run_wrk "$3" "$duration" "$5" "$4" || return 1
  read -r rps p50 p99 errors server_cpu wrk_cpu <<<"$result"
  c2c_wrk_row "$1" "$2" "$rps" "$p50" "$p99" "$errors" "$server_cpu" "$wrk_cpu"
  echo "$rps $p50 $p99 $errors $server_cpu $wrk_cpu" >>"$6"
}

# The rounds: $rounds of them, each server once per round; the order flips every round (java, node;
# then node, java), so a machine that gets busier or quieter during the run shifts both the same way.
# Java on port $2 (process group $3), Node on port $4 (group $5; without them, Java alone); wrk's
# output in "$work/$1round<r>-<server>.txt", the figures appended to "$work/<server>.results".
c2c_wrk_rounds() {
  local prefix=$1 r order server port group
  for ((r = 1; r <= rounds; r++)); do
    if ((r % 2)); then order=(java node); else order=(node java); fi
    for server in "${order[@]}"; do
      port=$2 group=$3
      if [ "$server" = node ]; then
        [ $# -ge 5 ] || continue
        port=$4 group=$5
      fi
      c2c_wrk_round "$r" "$server" "$port" "$group" "$work/${prefix}round$r-$server.txt" "$work/$server.results" || return 1
    done
  done
}

# The median row of server $1 from its rounds' figures in file $2: the median of each column (errors:
# the sum; req/cpu-s: the median of the rounds' own). Sets ${1}_rps, ${1}_p99, ${1}_errors, ${1}_eff.
c2c_wrk_summary() {
  local f=$2 rps p50 p99 errors sc wc eff
  rps=$(cut -d' ' -f1 "$f" | c2c_median)
  p50=$(cut -d' ' -f2 "$f" | c2c_median)
  p99=$(cut -d' ' -f3 "$f" | c2c_median)
  errors=$(awk '{s += $4} END {print s + 0}' "$f")
  if grep -q ' - ' "$f"; then sc=-; else sc=$(awk '{print $5}' "$f" | c2c_median); fi
  wc=$(awk '{print $6}' "$f" | c2c_median)
  eff=$(awk -v d="$duration" '$5 != "-" && $5 > 0 {print $1 * d / $5}' "$f" | c2c_median)
  eval "${1}_rps=\$rps ${1}_p99=\$p99 ${1}_errors=\$errors ${1}_eff=\$eff"
  c2c_wrk_row median "$1" "$rps" "$p50" "$p99" "$errors" "$sc" "$wc" "$eff"
}
