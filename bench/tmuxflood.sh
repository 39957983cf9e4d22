#!/bin/sh
# bench/tmuxflood.sh: the 1M-print flood drawn on an attached terminal,
# beside tmux.
#
# What: `for i in range(1000000): print(i)` typed into the one pane of a
# `subplex --no-main -n 1` session on a 100x30 terminal attached with
# `subplex attach` after C-b d (a line, then an empty line); timed from
# that last Enter to the read that drew the end: the pane's last rows show
# 999999 then a prompt (drawn.py tells from the bytes, emulated after the
# run; the numbers above must be the ones before, in order).
# Baseline: tmux 3.x (-f /dev/null, a socket of its own), one pane running
# $PYTHON_EXE -i (the CPython subplex embeds, as its own binary), on a
# 100x30 terminal attached with `tmux attach`: the same loop typed, timed
# and checked the same way.  A fresh session each run, both sides.
# How: best of BENCH_RUNS (7) each, the sides taking turns: one run of
# either side varies by up to 1.5x here.  The pty driver is $PYTHON_EXE.
# Without tmux: SKIP.
# Target: subplex / tmux <= 0.2 (at least 5x faster, as the issue asks).
bench_name=tmuxflood
. "$(dirname "$0")/lib.sh"
require_env
command -v tmux > /dev/null 2>&1 || skip "tmux is not installed: no baseline"
exec "$PYTHON_EXE" "$(dirname "$0")/drawn.py" tmuxflood "$SUBPLEX" \
    "$PYTHON_EXE" "${BENCH_RUNS:-7}"
