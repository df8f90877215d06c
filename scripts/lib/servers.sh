# Sourced by the scripts/compare-*.sh that start servers of their own (compare-node-http.sh,
# compare-node-cluster.sh, compare-load-generators.sh): each server runs in a process group of its
# own, so that stopping it and reading its CPU time reach every process it starts (./workbook's JVM
# and the server JVM it starts; a cluster's primary and its workers; nginx's master and worker).
#
# State, kept in the calling script's globals because a stop must also happen from its EXIT trap:
#   pids, labels, logs   the groups started (leader pid = group id), their names and log files
#   started              the pid c2c_start_group set last
#   c2c_what             what a group is called in messages: "server" (the default) or "cluster"
#   c2c_stop_wait        seconds a group gets between SIGTERM and SIGKILL (default 10)
#   c2c_ready_line       if set, c2c_await_server also waits for a log line matching it (grep -E)
# and the script's $root (servers start there), $name (messages) and $work (its temporary folder).

pids=()
labels=()
logs=()
c2c_what=server
c2c_stop_wait=10
c2c_ready_line=

# Whether process group $1 still has a live member. A zombie does not count: a server JVM whose
# parent (the workbook's JVM) is gone waits as a zombie until init reaps it, and kill -0 would
# still say yes. Without /proc, kill -0 is all we have. cat fails when a process vanishes between
# the glob and its read, which is common while servers exit; the scripts run with pipefail, so
# that failure must not become the answer (it made a stop give up its wait at once and SIGKILL).
c2c_group_alive() {
  if [ -r /proc/self/stat ]; then
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v g="$1" '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " ")
      if (f[3] == g && f[1] != "Z") alive = 1 } END { exit !alive }'
  else
    kill -0 -- "-$1" 2>/dev/null
  fi
}

# Starts "$@" from $root, in a process group of its own, output to log $1, called $2 in messages;
# sets $started. setsid where there is one; else job control gives the background job its own group.
c2c_start_group() {
  local log=$1
  labels+=("$2")
  logs+=("$log")
  shift 2
  if command -v setsid >/dev/null 2>&1; then
    (cd "$root" && exec setsid "$@") </dev/null >"$log" 2>&1 &
  else
    set -m
    (cd "$root" && exec "$@") </dev/null >"$log" 2>&1 &
    set +m
  fi
  started=$!
  pids+=("$started")
}

# Stops every group started: SIGTERM to the whole group (the leader may stop its children itself;
# the group signal makes sure), up to $c2c_stop_wait s for all of them to exit, then SIGKILL, saying
# what was left. The wait is per script: a cluster's primary gives its workers time to finish, and a
# JVM on a machine at a load average above 15 took more than 10 s to exit.
c2c_stop_servers() {
  local pid i alive t
  [ ${#pids[@]} -gt 0 ] || return 0
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
  for ((i = 0; i < c2c_stop_wait * 10; i++)); do
    alive=0
    for pid in "${pids[@]}"; do c2c_group_alive "$pid" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for i in "${!pids[@]}"; do
    pid=${pids[$i]}
    if c2c_group_alive "$pid"; then
      echo "$name: the ${labels[$i]} $c2c_what (process group $pid) ignored SIGTERM for $c2c_stop_wait s: SIGKILL; what was left:" >&2
      ps -o pid=,stat=,args= -g "$pid" 2>/dev/null | cut -c1-120 | sed 's/^/    /' >&2
      echo "  its last lines:" >&2
      tail -n 6 "${logs[$i]}" 2>/dev/null | sed 's/^/    /' >&2
      if [ -n "${C2C_STUCK_DUMP:-}" ]; then # for whoever debugs it: each thread's name, state and kernel wait
        for t in /proc/"$pid"/task/*; do
          printf '%s %s %s | %s\n' "${t##*/}" "$(cat "$t/comm" 2>/dev/null)" "$(awk '{print $3}' "$t/stat" 2>/dev/null)" \
            "$(cat "$t/wchan" 2>/dev/null) $(cut -d' ' -f1 "$t/syscall" 2>/dev/null)"
        done >"$C2C_STUCK_DUMP" 2>&1
      fi
      kill -KILL -- "-$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
  done
  pids=()
  labels=()
  logs=()
}

# Waits until the server on port $2 answers (and, with $c2c_ready_line, its log $5 has that line),
# while its process $1 lives, for at most $3 seconds; $4 names it in messages.
c2c_await_server() {
  local pid=$1 port=$2 deadline=$((SECONDS + $3)) label=$4 log=$5
  until { [ -z "$c2c_ready_line" ] || grep -Eq "$c2c_ready_line" "$log" 2>/dev/null; } && c2c_answers "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name: the $label $c2c_what exited before it answered; its last lines:" >&2
      tail -n 8 "$log" | sed 's/^/    /' >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$name: the $label $c2c_what did not answer on port $port within $3 s; its last lines:" >&2
      tail -n 8 "$log" | sed 's/^/    /' >&2
      return 1
    fi
    sleep 0.2
  done
}

# CPU clock ticks (user + system, all threads) used so far by the processes of group $1; empty
# without Linux's /proc. The fields after the ")" that ends the command name: pgrp is the 3rd,
# utime and stime the 12th and 13th. cat goes on past a process that vanished; awk would not.
c2c_ticks=$(getconf CLK_TCK 2>/dev/null || echo 100)
c2c_group_cpu_ticks() {
  [ -r /proc/self/stat ] || return 0
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); if (f[3] == g) t += f[12] + f[13] } END { print t + 0 }'
}

# The EXIT trap of a script that starts servers: stop a wrk still running (${wrk_pid}, see wrk.sh),
# the servers, and remove $work. INT and TERM exit with 128 + the signal, as a shell does, and so
# pass through the EXIT trap too.
c2c_clean_up_on_exit() {
  trap c2c_clean_up EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
c2c_clean_up() {
  if [ -n "${wrk_pid:-}" ]; then kill -TERM "$wrk_pid" 2>/dev/null; wait "$wrk_pid" 2>/dev/null; fi
  c2c_stop_servers
  rm -rf "$work"
}
