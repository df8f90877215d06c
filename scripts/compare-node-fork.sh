#!/usr/bin/env bash
# Lab 04 side by side: the lab's fork and IPC channel (ChildProcesses.fork) against Node's
# child_process.fork, in one run on this machine.
#
#   scripts/compare-node-fork.sh [--rounds N] [--count N] [--warmup N] [--window W] [--runs N] [--pin]
#
# Defaults: 3 rounds; in each, per side, one child, 300,000 round trips of warm-up, then 100,000
# round trips one at a time and 100,000 with a pipelined window of 16; 10 forks per start-up
# figure. About 4 minutes.
#
# What it measures:
#   - IPC round trips (ForkSideBySide ipc, scripts/node/fork-parent.js ipc): one forked child that
#     echoes; the parent sends {"n": i} and sends the next message from its 'message' listener as
#     each echo arrives. Window 1: one message in flight, the latency of the whole path both ways.
#     Window W: W in flight, the channel's throughput for request/response traffic. Each round trip
#     is timed from its send to its echo reaching the listener (p50, p99). The Java side runs its
#     events on the channel's reader thread (Runnable::run, on both sides), as a Node process runs
#     them on its one thread. The lab's default hands each event to a pooled thread, which costs a
#     thread wake-up per message on each side (ForkSideBySide ipc --pooled: 6,500 to 10,500 round
#     trips/s against 22,000 to 24,000, and 90 to 130 us of CPU per round trip against 31 to 40).
#   - cpu us/rt: the CPU time both processes used during the measured round trips (all threads:
#     JIT, GC), per round trip, from /proc. A busy machine slows a process down but hardly changes
#     the CPU it needs: compare this column when the wall-clock ones disagree between rounds.
#   - floor: two JVMs echoing 12 bytes over the same kind of socket with no JSON, no events, one
#     thread each (RawChannelFloor). What the kernel (and, in a VM, the hypervisor) charges for
#     two writes, two reads and two wake-ups. No runtime goes faster one message at a time.
#   - Start-up: fork-to-first-message, from the fork() call to the child's hello in the parent's
#     listener, N forks one after the other: Node; the JVM as fork starts it; the JVM with an AOT
#     cache (JEP 483/514/515) made in one training run first (its time is printed too).
#
# Why this way: each round forks a fresh child per side, so rounds alternate the sides and the order
# flips every round (java, node; then node, java): a machine that gets busier or quieter shifts both.
# The warm-up is long because the JVM needs it. Each round trip calls the channel's methods once per
# side, and on a busy 2-core machine the JIT took some 300,000 round trips (15 s) to finish: per
# 100,000 round trips, the two reader threads used 7.6 s of CPU in the first batch, 5.5 s and 4.1 s
# in the next two, and 3.4 s from the fourth on (plus 1.8 s of C1 and C2 compiling in the first).
# The warm-up runs with the pipelined window, which is quicker and runs the same code. V8 settles
# sooner, and gets the same warm-up.
#
# The goal it checks (the lab's performance issue): at least 2x Node's round trips/s at an equal or
# lower p99, one message in flight. Exit status: 0 when it is met (or when node is missing: it
# skips), 1 when it is not, 2 for a bad option, 3 when a side would not run.
#
# What skews it: everything else on the machine (the script prints nproc and the load average at
# the start and the end). Compare ratios from one run, never absolute figures from different runs.
# And where the two processes of a side run: one message at a time, each round trip wakes the other
# process twice, and a wake-up across CPUs costs far more in a VM (an interrupt between virtual CPUs)
# than one on the same CPU. Unpinned, the scheduler's placement made rounds bimodal on a quiet course
# VM (Java 30,600 round trips/s at 39 us of CPU per round trip, then 17,800 at 89). --pin puts every
# process of both sides on CPU 0 (taskset; children inherit it): no cross-CPU wake-ups, steadier
# figures (Java 27,000 to 35,000 at 28 to 38 us, in 4 pinned runs against 20,000 to 23,000 unpinned).
# It pins the start-up part too, and a JVM starts slower on one CPU (its compiler and GC threads wait):
# 660 ms against 316 unpinned in the same quiet hour. Read start-up from an unpinned run.
#
# A run on the course VM (2 vCPUs, shared with other sessions' builds: load average 5 to 6):
#
#   round  side   window       rt/s    p50 us    p99 us  cpu us/rt
#   floor  raw         1      31680      23.3     100.8       25.7
#   1      java        1      32015      20.1     123.8       31.1
#   1      java       16     132511     107.4     443.6        9.1
#   1      node        1      21750      33.4     162.7       45.5
#   1      node       16      75893     190.0     553.6       13.9
#   2      node        1      23757      36.7     106.5       48.9
#   2      node       16      75570     190.0     499.0       13.8
#   2      java        1      36150      20.7      81.1       28.8
#   2      java       16      83354     120.3    1756.4        9.7
#   3      java        1      30158      21.5      99.8       28.0
#   3      java       16     101818     109.4     311.4        8.6
#   3      node        1      14901      33.6     458.0       57.7
#   3      node       16      64549     188.5    1454.0       14.4
#   median java        1      32015      20.7      99.8       28.8
#   median node        1      21750      33.6     162.7       48.9
#   median java       16     101818     109.4     443.6        9.1
#   median node       16      75570     190.0     553.6       13.9
#   fork-to-first-message         median ms   p90 ms   min ms
#   node                              130.3    155.2     80.7
#   java (fork as it is)              996.2   1467.8    421.2
#   java with an AOT cache            243.9    255.3    233.9   (training run: 3714 ms)
#   load:        6.35 5.44 5.74 at the end
#   Java/Node:   window 1: 1.47x the round trips/s; p99 99.8 us vs 162.7 us; CPU per round trip 28.8 vs 48.9 us
#                window 16: 1.35x the round trips/s; p99 443.6 us vs 553.6 us; CPU per round trip 9.1 vs 13.9 us
#   floor:       one message at a time, a bare socket allows 31680 round trips/s here: 1.46x Node's rate
#   start-up:    Java/Node 7.65x as fork is, 1.87x with the AOT cache (medians: 996.2, 243.9 and 130.3 ms)
#   goal:        at least 2x Node's round trips/s at an equal or lower p99, one message in flight: FAIL (window 16: FAIL)
#
# Read it so: after its warm-up the Java channel ran one message at a time as fast as the bare
# socket did (32,000 round trips/s, the floor row): what is left per round trip is the kernel's
# two writes, two reads and two wake-ups, which in this VM cost more than all of the JSON, events
# and bookkeeping on both sides. Node ran at 15,000 to 24,000 with 49 us of CPU per round trip
# against Java's 29. The 2x goal cannot be met here by any runtime: the floor itself was 1.46x
# Node's rate (1.5x to 2.5x over four runs that day). At window 1 Java's p99 was the lower one in
# every round.
# The JVM's fork-as-is start-up is the figure the neighbours move most (421 to 1,468 ms in this run:
# some 600 ms of CPU on two busy cores); with the AOT cache it needs less than half the CPU and
# moved less. Two earlier runs that day: window 1 at 2.12x (Node had a bad minute: 12,700) and
# 0.5x (with 100,000 round trips of warm-up instead of 300,000: the JIT had not finished).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
name=${0##*/}
usage="usage: $name [--rounds N] [--count N] [--warmup N] [--window W] [--runs N] [--pin]   (defaults: 3 rounds, 100000 round trips after 300000 of warm-up, window 16, 10 forks, not pinned)"
. "$root/scripts/lib/compare.sh"

rounds=3
count=100000
warmup=300000
window=16
runs=10
pin=()

while [ $# -gt 0 ]; do
  case "$1" in
    --rounds|--count|--warmup|--window|--runs)
      c2c_count_option 8 "$@"
      case "$1" in
        --rounds) rounds=$2 ;;
        --count) count=$2 ;;
        --warmup) warmup=$2 ;;
        --window) window=$2 ;;
        --runs) runs=$2 ;;
      esac
      shift 2 ;;
    --pin)
      if ! command -v taskset >/dev/null 2>&1; then
        echo "$name: --pin needs taskset (util-linux)" >&2
        exit 2
      fi
      pin=(taskset -c 0)
      shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) echo "$name: unknown option '$1' ($usage)" >&2; exit 2 ;;
  esac
done
if [ "$window" -gt "$count" ]; then
  echo "$name: --window ($window) cannot exceed --count ($count) ($usage)" >&2
  exit 2
fi

c2c_need_node
unset NODE_EXTRA_CA_CERTS # it only slows Node's start (peers.md), but measure Node at its best

. "$root/scripts/lib/jdk.sh"
if ! jdk=$(c2c_find_jdk 2>/dev/null); then
  echo "$name: no JDK 25 or newer found (set JAVA_HOME)" >&2
  exit 3
fi
export JAVA_HOME=$jdk

# The Java side runs the lab's classes directly (lab 04 is not yet runnable through ./workbook).
lab=labs/04-child-processes
if [ -z "${C2C_SKIP_BUILD:-}" ]; then
  echo "building $lab (./mvnw -q -pl $lab -am compile)..."
  if ! (cd "$root" && ./mvnw -B -q -pl "$lab" -am compile >/dev/null); then
    echo "$name: the build of $lab failed; run ./mvnw -pl $lab -am compile to see why" >&2
    exit 3
  fi
fi
classpath="$root/$lab/target/classes:$(cat "$root/$lab/target/classpath-runtime.txt" 2>/dev/null)"
java_cmd=("$jdk/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" cachetocluster.child.startup.ForkSideBySide)
node_cmd=(node "$root/scripts/node/fork-parent.js")

windows=1
[ "$window" = 1 ] || windows="1,$window"
work=$(mktemp -d "${TMPDIR:-/tmp}/c2c-compare-fork.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs one side ("java" or "node") with the given arguments; sets $result to its last result line
# and $results to all of them (ipc prints one per window).
run_side() {
  local side=$1 out=$work/out.txt err=$work/err.txt
  shift
  local -a cmd
  if [ "$side" = java ]; then cmd=("${pin[@]}" "${java_cmd[@]}"); else cmd=("${pin[@]}" "${node_cmd[@]}"); fi
  if ! (cd "$root" && "${cmd[@]}" "$@") >"$out" 2>"$err"; then
    echo "$name: the $side side failed ($*):" >&2
    tail -n 8 "$err" | sed 's/^/    /' >&2
    exit 3
  fi
  results=$(grep -E '^(ipc|raw|startup) ' "$out")
  result=$(tail -n 1 <<<"$results")
  if [ -z "$result" ]; then
    echo "$name: the $side side printed no result ($*):" >&2
    sed 's/^/    /' "$out" "$err" >&2
    exit 3
  fi
}

# The value of key $2 in a result line $1 ("ipc count=... p99_us=12.5 ...").
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

c2c_say_machine
echo "peers:       node $(node --version), java: $("$jdk/bin/java" -version 2>&1 | head -n 1)"
echo "ipc:         $rounds rounds; per side and round one child, $warmup round trips of warm-up, then $count with window 1 and $count with window $window"
echo "pinning:     $([ ${#pin[@]} -gt 0 ] && echo "every process of both sides on CPU 0 (--pin)" || echo "none: the scheduler places the processes (--pin puts them on one CPU)")"
echo

# ---- IPC round trips ------------------------------------------------------------------------------
row() { printf '%-6s %-6s %6s %10s %9s %9s %10s\n' "$@"; }
row round side window "rt/s" "p50 us" "p99 us" "cpu us/rt"
run_side java raw --count "$count" --warmup 20000
row floor raw 1 "$(field "$result" roundtrips_per_s)" "$(field "$result" p50_us)" "$(field "$result" p99_us)" "$(field "$result" cpu_us_per_rt)"
floor_rps=$(field "$result" roundtrips_per_s)
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order=(java node); else order=(node java); fi
  for side in "${order[@]}"; do
    run_side "$side" ipc --count "$count" --warmup "$warmup" --windows "$windows"
    while IFS= read -r line; do
      w=$(field "$line" window)
      row "$r" "$side" "$w" "$(field "$line" roundtrips_per_s)" "$(field "$line" p50_us)" "$(field "$line" p99_us)" "$(field "$line" cpu_us_per_rt)"
      echo "$(field "$line" roundtrips_per_s) $(field "$line" p50_us) $(field "$line" p99_us) $(field "$line" cpu_us_per_rt)" >>"$work/$side-$w.results"
    done <<<"$results"
  done
done
echo
declare -A rps p99 cpu # by "side window": the medians over the rounds
for w in ${windows//,/ }; do
  for side in java node; do
    f=$work/$side-$w.results
    rps[$side $w]=$(cut -d' ' -f1 "$f" | c2c_median)
    p99[$side $w]=$(cut -d' ' -f3 "$f" | c2c_median)
    cpu[$side $w]=$(cut -d' ' -f4 "$f" | c2c_median)
    row median "$side" "$w" "${rps[$side $w]}" "$(cut -d' ' -f2 "$f" | c2c_median)" "${p99[$side $w]}" "${cpu[$side $w]}"
  done
done

# ---- start-up -------------------------------------------------------------------------------------
echo
printf '%-28s %10s %8s %8s\n' "fork-to-first-message" "median ms" "p90 ms" "min ms"
run_side node startup --runs "$runs" --warmup 1
node_start=$(field "$result" median_ms)
printf '%-28s %10s %8s %8s\n' "node" "$node_start" "$(field "$result" p90_ms)" "$(field "$result" min_ms)"
run_side java startup --runs "$runs" --warmup 1
java_start=$(field "$result" median_ms)
printf '%-28s %10s %8s %8s\n' "java (fork as it is)" "$java_start" "$(field "$result" p90_ms)" "$(field "$result" min_ms)"
run_side java startup --runs "$runs" --warmup 1 --aot "$work/aot"
aot_start=$(field "$result" median_ms)
printf '%-28s %10s %8s %8s   (training run: %s ms)\n' "java with an AOT cache" "$aot_start" "$(field "$result" p90_ms)" "$(field "$result" min_ms)" "$(field "$result" training_ms)"

# ---- summary --------------------------------------------------------------------------------------
echo
c2c_say_load_at_end
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
verdict() { awk -v j="${rps[java $1]}" -v n="${rps[node $1]}" -v jp="${p99[java $1]}" -v np="${p99[node $1]}" 'BEGIN { print (j >= 2 * n && jp <= np) ? "PASS" : "FAIL" }'; }
for w in ${windows//,/ }; do
  printf '%-13s%s\n' "$([ "$w" = 1 ] && echo "Java/Node:")" "window $w: $(ratio "${rps[java $w]}" "${rps[node $w]}")x the round trips/s; p99 ${p99[java $w]} us vs ${p99[node $w]} us; CPU per round trip ${cpu[java $w]} vs ${cpu[node $w]} us"
done
echo "floor:       one message at a time, a bare socket allows $floor_rps round trips/s here: $(ratio "$floor_rps" "${rps[node 1]}")x Node's rate"
echo "start-up:    Java/Node $(ratio "$java_start" "$node_start")x as fork is, $(ratio "$aot_start" "$node_start")x with the AOT cache (medians: $java_start, $aot_start and $node_start ms)"
verdict=$(verdict 1)
pipelined=$(verdict "$window")
echo "goal:        at least 2x Node's round trips/s at an equal or lower p99, one message in flight: $verdict (window $window: $pipelined)"
[ "$verdict" = PASS ]
