#!/bin/sh
# bench/memory.sh: memory of idle panes.
#
# What: the PSS (proportional set size: private pages plus a fair share of
# shared ones, from /proc/PID/smaps_rollup) of one subplex process holding
# 8, then 32, idle panes.  Its session creates the panes, waits for each
# prompt, prints list-panes (our signal that all are ready) and blocks in
# `wait -r NEVER -T 30`; we read smaps_rollup half a second later, then kill
# it.
# Baseline: tmux (private socket, -f /dev/null, a detached 400x200
# session, 8 panes to a window, tiled) running 8, then 32, `python3 -q`
# panes; once every pane shows `>>>` (capture-pane polling, 60 s
# deadline) and half a second has passed, the PSS of the tmux server and of
# all its descendants is summed.  python3 is the one on PATH (the spec's
# baseline: pyenv's 3.11.7 here; resolved past the pyenv shim, which execs
# it anyway); the same figure with $PYTHON_EXE is given on a note line.
# How: median of BENCH_RUNS (3) for subplex, of 2 for the baseline (PSS
# varies little), one run for the $PYTHON_EXE figure.
# Target: ratio (subplex / tmux) <= 0.5 at 8 and at 32 panes; the result
# line's verdict is the worse of the two.
bench_name=memory
. "$(dirname "$0")/lib.sh"
require_env
command -v tmux > /dev/null 2>&1 ||
    skip "tmux is not installed: no baseline to compare with"
make_tmpdir
bench_cleanup_hook=tmux_kill

RUNS=${BENCH_RUNS:-3}
BRUNS=2
[ "$RUNS" -lt 2 ] && BRUNS=$RUNS

# sub_pss N: PSS in kB of subplex with N idle panes.
sub_pss() {
	local _n _s _i _pid
	_n=$1
	_s="$TMPD/session$_n"
	{
		_i=0
		while [ "$_i" -lt "$_n" ]; do
			echo "new-pane -n p$_i"
			_i=$((_i + 1))
		done
		_i=0
		while [ "$_i" -lt "$_n" ]; do
			echo "wait -t p$_i -T 60"
			_i=$((_i + 1))
		done
		echo "list-panes"
		echo "wait -t p0 -r NEVER -T 30"
	} > "$_s"
	: > "$TMPD/sub.out"
	"$SUBPLEX" --batch "$_s" > "$TMPD/sub.out" 2> "$TMPD/sub.err" &
	_pid=$!
	bench_pids="$bench_pids $_pid"
	if ! wait_for_line "$TMPD/sub.out" "^$((_n - 1)): p$((_n - 1)) " 60 \
	    "$_pid"; then
		kill "$_pid" 2>/dev/null
		wait "$_pid" 2>/dev/null
		echo "subplex: panes not ready: $(head -n 3 "$TMPD/sub.err")" >&2
		return 1
	fi
	sleep 0.5
	pss_kb "$_pid"
	kill "$_pid" 2>/dev/null
	wait "$_pid" 2>/dev/null
	return 0
}

# tmux_pss N PYTHON: PSS in kB of tmux running N idle PYTHON -q panes.
tmux_pss() {
	local _srv
	tmux_kill
	tmux_start_panes "$1" "$2" -q || return 1
	if ! tmux_wait_prompts "$1" 60; then
		echo "tmux: only $(tmux_prompts) of $1 prompts after 60 s" >&2
		tmux_kill
		return 1
	fi
	sleep 0.5
	_srv=$(tmux_server_pid)
	pss_kb "$_srv" $(descendants "$_srv")
	tmux_kill
}

repeat_median() {
	local _k _j
	_k=$1; shift
	: > "$TMPD/.vals"
	_j=0
	while [ "$_j" -lt "$_k" ]; do
		"$@" >> "$TMPD/.vals" || return 1
		_j=$((_j + 1))
	done
	median_of < "$TMPD/.vals"
}

mib() {
	fmt 1 "$(calc "$1 / 1024")"
}

path_py=$(find_path_python3)
base_py=${path_py:-$PYTHON_EXE}
[ -n "$path_py" ] ||
    note "no python3 on PATH: the baseline runs $PYTHON_EXE instead"

verdict=PASS
line_sub='' line_base='' line_ratio='' sub_8=0 sub_32=0
for n in 8 32; do
	s=$(repeat_median "$RUNS" sub_pss "$n") ||
	    broken "subplex with $n panes could not be measured"
	b=$(repeat_median "$BRUNS" tmux_pss "$n" "$base_py") ||
	    broken "tmux with $n panes could not be measured"
	f=$(repeat_median 1 tmux_pss "$n" "$PYTHON_EXE") ||
	    broken "tmux with $n $PYTHON_EXE panes could not be measured"
	r=$(calc "$s / $b")
	rf=$(calc "$s / $f")
	le "$r" 0.5 || verdict=FAIL
	note "$n panes: subplex $(mib "$s") MiB; tmux + $n $(basename "$base_py") $(mib "$b") MiB," \
	    "ratio $(fmt 2 "$r"); tmux + $n $PYTHON_EXE $(mib "$f") MiB," \
	    "ratio $(fmt 2 "$rf")"
	case $n in 8) sub_8=$s ;; 32) sub_32=$s ;; esac
	line_sub="$line_sub${line_sub:+ / }$n: $(mib "$s") MiB"
	line_base="$line_base${line_base:+ / }$n: $(mib "$b") MiB"
	line_ratio="$line_ratio${line_ratio:+ / }$n: $(fmt 2 "$r")"
done
note "subplex, each pane beyond 8: $(fmt 2 "$(calc "($sub_32 - $sub_8) / 24 / 1024")") MiB"
result_line "$verdict" "subplex $line_sub," \
    "baseline $line_base (tmux + python3 -q $(py_version "$base_py"))," \
    "ratio $line_ratio (target <= 0.5)"
