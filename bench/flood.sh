#!/bin/sh
# bench/flood.sh: a pane's output flood drawn through an attached terminal.
#
# What: `for i in range(1000000): print(i)` typed into the focused pane
# (py1), a line then an empty line, on a terminal attached with
# `subplex attach` after C-b d; timed from the empty line's Enter to the
# pane idle again and the screen quiet, up to the last byte drawn; the
# last screen must show 999999 then a prompt (attach.py).
# Baseline: the same on the terminal that started the session, which the
# server draws on as it inherited it (the path of the in-process UI).  A
# fresh 100x30 session for every run.
# How: best of BENCH_RUNS (7) each, the sides taking turns: one run's
# time varies by up to 2x here (0.75 to 1.9 s; the same loop in --batch
# varies from 0.5 to 0.85 s of CPU), and best of 3 or 5 left the ratio of
# two sides that draw alike to chance (0.87 to 1.26 in runs a minute apart).
# Target: attached / starting terminal <= 1.2.
bench_name=flood
. "$(dirname "$0")/lib.sh"
require_env
py=$(command -v python3 || true)
[ -n "$py" ] || skip "python3 not found to drive the terminal"
exec "$py" "$(dirname "$0")/attach.py" flood "$SUBPLEX" python3 \
    "${BENCH_RUNS:-7}"
