#!/usr/bin/env bash
# Runs the labs' tests again and again on a busier machine than CI's, to find the tests that pass
# only when the machine is quiet: a timed bound with no slack, a state read before the message that
# sets it has arrived. Such a test fails in CI one run in ten, and nothing lands.
#
#   scripts/stress-tests.sh [--runs N] [--hogs K] [--modules LIST]
#
# Defaults: 3 runs of labs 03 to 06 (the ones with processes, sockets and timers), each with 1 busy
# loop beside it. Each run is `./mvnw -o -pl LIST -am test` in a fresh clone of this repository's
# HEAD (so you can go on editing), as a background job, which is also what a CI runner often is: a
# background job starts with SIGINT ignored, and that found a real bug (a spawned child inherited it).
# It prints each run's failing tests and their first lines, and exits 1 if any run had one.
#
# A busy loop is `sh -c 'while :; do :; done'` under `timeout`: it cannot outlive the run by more
# than its time limit, even if this script is killed. About 4 minutes per run on 2 cores.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
name=${0##*/}
usage="usage: $name [--runs N] [--hogs K] [--modules LIST]   (defaults: 3 runs, 1 busy loop, labs 03-06)"
. "$root/scripts/lib/compare.sh"

runs=3
hogs=1
modules=labs/03-event-loop,labs/04-child-processes,labs/05-cluster,labs/06-load-testing
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) c2c_count_option 2 "$@"; runs=$2; shift 2 ;;
    --hogs)
      if [ $# -lt 2 ] || ! [[ $2 =~ ^[0-9]$ ]]; then
        echo "$name: --hogs takes 0 to 9${2:+, not '$2'} ($usage)" >&2
        exit 2
      fi
      hogs=$2; shift 2 ;;
    --modules)
      if [ $# -lt 2 ] || [ -z "$2" ]; then echo "$name: --modules needs a comma-separated list ($usage)" >&2; exit 2; fi
      modules=$2; shift 2 ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) echo "$name: unknown option '$1' ($usage)" >&2; exit 2 ;;
  esac
done

. "$root/scripts/lib/jdk.sh"
c2c_use_jdk || exit 3
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"

work=$(mktemp -d "${TMPDIR:-/tmp}/c2c-stress.XXXXXX")
hog_pids=()
stop_hogs() {
  local pid
  for pid in "${hog_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${hog_pids[@]}"; do wait "$pid" 2>/dev/null; done
  hog_pids=()
}
trap 'stop_hogs; rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "cloning HEAD into $work/clone ..."
if ! git clone -q "$root" "$work/clone"; then
  echo "$name: git clone of $root failed" >&2
  exit 3
fi
c2c_say_machine
echo "runs:        $runs of $modules, each with $hogs busy loop(s) beside it"
echo

failed_runs=0
for ((r = 1; r <= runs; r++)); do
  for ((h = 0; h < hogs; h++)); do
    timeout 900 sh -c 'while :; do :; done' &
    hog_pids+=($!)
  done
  log=$work/run-$r.log
  start=$SECONDS
  # A background job, as on many CI runners: started with SIGINT ignored.
  (cd "$work/clone" && ./mvnw -B -o -pl "$modules" -am test -Dmaven.test.failure.ignore=true) >"$log" 2>&1 &
  wait $!
  stop_hogs
  failures=$(grep -E '<<< (FAILURE|ERROR)!$' "$log" | grep -v '^\[ERROR\] Tests run:' | sed 's/^\[ERROR\] //')
  tests=$(grep -E '^\[(INFO|ERROR)\] Tests run: [0-9]+, ' "$log" | grep -v ' -- in ' | awk -F'[ ,]+' '{n += $4} END {print n + 0}')
  if [ -z "$failures" ]; then
    echo "run $r: $tests tests, no failure ($((SECONDS - start)) s)"
  else
    failed_runs=$((failed_runs + 1))
    echo "run $r: $tests tests, $(wc -l <<<"$failures") failing ($((SECONDS - start)) s):"
    while IFS= read -r line; do
      test=${line%% -- *}
      echo "  $test"
      grep -A3 -F "$test -- Time" "$log" | sed -n '2,4p' | cut -c1-200 | sed 's/^/      /'
    done <<<"$failures"
  fi
done
echo
c2c_say_load_at_end
echo "$failed_runs of $runs runs had a failing test"
[ "$failed_runs" = 0 ]
