#!/bin/sh
# bench/attach.sh: time to a full screen of `subplex attach`.
#
# What: a session on a 100x30 pty with 8 busy panes (each runs
# `while True: print(time.time()); time.sleep(0.01)`: the screen changes
# all the time), detached with C-b d; then BENCH_ATTACHES (20) times
# `subplex attach` on a fresh 100x30 pty, timed from just before its fork
# (process start included) to the byte that completes the first full
# screen (borders, status line, every pane's rows: attach.py says how it
# tells), then C-b d and the client's exit.  p50, p90 and worst.
# Baseline: tmux 3.x (-L of its own, -f /dev/null), one window of 8 panes
# side by side each running python3 (PATH's, the real binary) -c with the
# same loop, `tmux attach` timed the same way in the same run.
# Target: subplex's p50 <= 50 ms, the issue's absolute figure; tmux's p50
# and the ratio are printed beside it, not judged.
bench_name=attach
. "$(dirname "$0")/lib.sh"
require_env
py=$(command -v python3 || true)
[ -n "$py" ] || skip "python3 not found to drive the terminal"
base=$(find_path_python3)
exec "$py" "$(dirname "$0")/attach.py" attach "$SUBPLEX" "$base" \
    "${BENCH_ATTACHES:-20}"
