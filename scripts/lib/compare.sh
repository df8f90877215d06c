# Sourced by the scripts/compare-*.sh side-by-side comparisons: what all of them do the same way
# before and around a measurement (checking options, skipping when a peer is absent, finding a port,
# asking a server whether it answers, taking medians), so each script keeps only its own method.
# The functions read the calling script's $name (for messages) and $usage (for option errors).

# Whether $1 is a positive whole number of at most $2 digits. The digit limit keeps a typo such as
# --count 10000000000 from becoming a run that never ends (each script picks its own).
c2c_is_count() {
  local re="^[1-9][0-9]{0,$(($2 - 1))}\$"
  [[ $1 =~ $re ]]
}

# Checks a counting option: c2c_count_option DIGITS "$@", with the script's own "$@" whose $1 is the
# option and $2 its value. On a missing or bad value: one line and exit 2, the usage-error status.
c2c_count_option() {
  local digits=$1
  shift
  if [ $# -lt 2 ] || ! c2c_is_count "$2" "$digits"; then
    echo "$name: $1 needs a positive whole number${2:+, not '$2'} ($usage)" >&2
    exit 2
  fi
}

# A comparison without its peer has nothing to compare: it says so and exits 0 (skipped, not failed),
# so a machine without node or wrk can still run every script.
c2c_need_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "$name: skipped: node is not installed (install Node.js 20+, e.g. 'apt-get install -y nodejs')"
    exit 0
  fi
}
c2c_need_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "$name: skipped: wrk is not installed (install it with 'apt-get install -y wrk')"
    exit 0
  fi
}

# The lines every comparison prints first, and last: on a shared machine the figures only mean
# something next to how busy it was.
c2c_say_machine() {
  echo "machine:     $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || uname -m)), $(uname -sr)"
  echo "load:        $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime) at the start (1, 5, 15 min; above ~1 someone else holds a core)"
}
c2c_say_load_at_end() {
  echo "load:        $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime) at the end"
}

# A port the kernel says is free now (there is a small window before the server binds it; a server
# that loses that race exits with EADDRINUSE, and the caller says so). Without python3: a random
# port that refuses a connection, which is free unless something binds it in between.
c2c_free_port() {
  if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null; then
    return
  fi
  local port tries
  for ((tries = 0; tries < 50; tries++)); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

# One GET over bash's /dev/tcp, in a subshell that closes the connection; true when the status line
# says 200 within 2 s (a refused connection fails at once; a server that accepts and hangs, here).
c2c_answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    IFS= read -r -t 2 status <&3 && [[ $status == "HTTP/1."?" 200"* ]]
  ) 2>/dev/null
}

# The median of the numbers on stdin, one a line (blank lines skipped); with no numbers, $1 if given,
# else nothing (callers test for the empty answer: "no figure" is not zero).
c2c_median() {
  sort -g | awk -v empty="${1-}" 'NF {v[++n] = $1}
    END {if (n) print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2; else if (empty != "") print empty}'
}
