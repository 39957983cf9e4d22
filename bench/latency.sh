#!/bin/sh
# latency.sh: keystroke-to-echo latency in the focused pane while three
# other panes run `while True: pass`, p50 and p99 over 200 keys, beside
# the same measurement in tmux running python3 -q panes (see latency.py).
# Target: subplex's p99, in a terminal attached to the running session, at
# most 30 ms and no worse than tmux's.
bench_name=latency
. "$(dirname "$0")/lib.sh"
py=$(command -v python3 || true)
[ -n "$py" ] || skip "python3 not found to drive the terminal"
exec "$py" "$(dirname "$0")/latency.py" "$SUBPLEX" python3 "${BENCH_KEYS:-200}"
