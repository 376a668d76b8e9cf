#!/usr/bin/env bash
# Runs a test command (`swift test ...`) with its output line by line (stdbuf), copied to
# .build/swift-test.log. If it has not ended after SWIFT_TEST_LIMIT seconds (default 2700),
# it prints what is still running -- the tests started and not finished, the process tree, and
# every thread's stack of the test binary (gdb, when installed) -- then kills it and fails with
# 124. A bound against a hang (so CI says where it hung), not a measure of speed.
set -uo pipefail
limit=${SWIFT_TEST_LIMIT:-2700}
mkdir -p .build
log=.build/swift-test.log
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
( echo "$BASHPID" > "$state/pid"; stdbuf -oL -eL "$@"; echo $? > "$state/rc" ) 2>&1 | tee "$log" &
watched=$!

descendants() {  # every process under $1
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

start=$(date +%s)
while kill -0 "$watched" 2>/dev/null; do
  if (( $(date +%s) - start >= limit )); then
    runner=$(cat "$state/pid" 2>/dev/null)
    echo
    echo "=== $* has run for ${limit} s (SWIFT_TEST_LIMIT): stopping it. Still running:"
    sed -n 's/^.*◇ Test \(.*\) started\.$/\1/p' "$log" | sort -u > "$state/started"
    sed -n 's/^.*[✔✘━] Test \(.*\) \(passed\|failed\).*$/\1/p' "$log" | sort -u > "$state/ended"
    comm -23 "$state/started" "$state/ended" | sed 's/^/  test: /'
    pids=$(descendants "$runner")
    [ -n "$pids" ] && ps -o pid,ppid,etime,args -p $(echo $pids | tr ' ' ',') | cut -c1-240
    for pid in $pids; do
      if ps -o args= -p "$pid" | grep -q '\.xctest'; then
        if command -v gdb > /dev/null; then
          echo "=== threads of the test binary (pid $pid):"
          timeout 180 gdb -p "$pid" -batch -ex 'thread apply all bt 25' 2>/dev/null \
            | grep -E '^(Thread|#[0-9]+ .* (in|at) )' | grep -vE 'libdispatch|libc\.so|futex|nptl|clone3|start_thread' | cut -c1-240
        fi
      fi
    done
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
    wait "$watched" 2>/dev/null
    exit 124
  fi
  sleep 5
done
wait "$watched"
exit "$(cat "$state/rc" 2>/dev/null || echo 1)"
