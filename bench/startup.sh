#!/bin/sh
# bench/startup.sh: time until 32 panes are ready.
#
# What: a session of 32 `new-pane` then `wait -t pK` on each (a pane is
# ready when its prompt is up, which is when wait returns); the session
# then prints list-panes (our signal) and ends.
# How (subplex): from process start to the last wait returning, which is
# when the session's closing list-panes reaches the pipe we read it from
# (the moment its first line arrives); nothing is subtracted.  Best of
# BENCH_RUNS (5).  The whole run (to process exit, so also closing the 32
# interpreters and finalizing Python, which is not startup) is measured
# too and shown with its ratio; it is not judged.
# Baseline: tmux on a private socket (-f /dev/null, detached 400x200
# session, 8 panes to a window, tiled) starting 32 `python3 -q` panes in
# one tmux client call; time from that call to the moment capture-pane
# polling (every pane in one client call, every 10 ms) has seen `>>>` in
# all 32 panes.  python3 is the one on PATH (the spec's baseline; resolved
# past the pyenv shim, which would add ~0.7 s of bash to every pane).
# Best of 3.  The same with $PYTHON_EXE is given on a note line (1 run).
# Target: subplex <= 0.3x the baseline's time.
bench_name=startup
. "$(dirname "$0")/lib.sh"
require_env
command -v tmux > /dev/null 2>&1 ||
    skip "tmux is not installed: no baseline to compare with"
make_tmpdir
bench_cleanup_hook=tmux_kill

RUNS=${BENCH_RUNS:-5}
BRUNS=3
[ "$RUNS" -lt 3 ] && BRUNS=$RUNS
N=32

{
	i=0
	while [ "$i" -lt "$N" ]; do
		echo "new-pane -n p$i"
		i=$((i + 1))
	done
	i=0
	while [ "$i" -lt "$N" ]; do
		echo "wait -t p$i -T 60"
		i=$((i + 1))
	done
} > "$TMPD/session"
{ cat "$TMPD/session"; echo "list-panes"; } > "$TMPD/check"

# Check: all 32 panes idle at the end.
"$SUBPLEX" --batch "$TMPD/check" > "$TMPD/out" 2> "$TMPD/err" ||
    broken "subplex failed: $(head -n 3 "$TMPD/err")"
[ "$(grep -c '(idle' "$TMPD/out")" -eq "$N" ] ||
    broken "not all $N panes are idle: $(head -n 3 "$TMPD/out")"

# Process start to the first byte of list-panes (after the last wait).
sub_ready_once() {
	local t0 t1
	t0=$(now)
	t1=$("$SUBPLEX" --batch "$TMPD/check" 2>/dev/null |
	    { read -r _ && now; cat > /dev/null; })
	[ -n "$t1" ] && calc "$t1 - $t0"
}

tmux_once() {
	local t0 t1
	tmux_kill
	t0=$(now)
	tmux_start_panes "$N" "$1" -q || return 1
	if ! tmux_wait_prompts "$N" 60; then
		echo "tmux: only $(tmux_prompts) of $N prompts after 60 s" >&2
		tmux_kill
		return 1
	fi
	t1=$(now)
	tmux_kill
	calc "$t1 - $t0"
}

best_of() {
	local k j
	k=$1; shift
	: > "$TMPD/.vals"
	j=0
	while [ "$j" -lt "$k" ]; do
		"$@" >> "$TMPD/.vals" || return 1
		echo >> "$TMPD/.vals"
		j=$((j + 1))
	done
	min_of < "$TMPD/.vals"
}

path_py=$(find_path_python3)
base_py=${path_py:-$PYTHON_EXE}
[ -n "$path_py" ] ||
    note "no python3 on PATH: the baseline runs $PYTHON_EXE instead"

tmux_base_once() {
	tmux_once "$base_py"
}
sub_whole_once() {
	time_cmd "$SUBPLEX" --batch "$TMPD/session"
}
r=$(interleave "$BRUNS" sub_ready_once tmux_base_once sub_whole_once) ||
    broken "a run failed"
set -- $r
tr=$1 tb=$2 ts=$3
if [ "$RUNS" -gt "$BRUNS" ]; then
	# subplex runs are short: a few more of them.
	r=$(interleave $((RUNS - BRUNS)) sub_ready_once sub_whole_once) ||
	    broken "subplex failed"
	set -- $r
	tr=$(printf '%s\n%s\n' "$tr" "$1" | min_of)
	ts=$(printf '%s\n%s\n' "$ts" "$2" | min_of)
fi
tf=$(best_of 1 tmux_once "$PYTHON_EXE") || broken "tmux failed"
ratio=$(calc "$tr / $tb")
wratio=$(calc "$ts / $tb")

note "subplex: last wait returned at $(fmt 3 "$tr") s" \
    "($(fmt 1 "$(calc "$tr * 1000 / $N")") ms/pane); whole run to exit" \
    "$(fmt 3 "$ts") s (with closing the $N interpreters)" \
    "(CPython $(subplex_py_version))"
note "tmux + $N $PYTHON_EXE -q: $(fmt 3 "$tf") s," \
    "ratio $(fmt 2 "$(calc "$tr / $tf")")"
verdict=FAIL
le "$ratio" 0.3 && verdict=PASS
result_line "$verdict" "subplex $(fmt 3 "$tr") s to ready," \
    "baseline $(fmt 3 "$tb") s (tmux + $N python3 -q $(py_version "$base_py"))," \
    "ratio $(fmt 2 "$ratio") (target <= 0.3)" \
    "[whole run $(fmt 3 "$ts") s, ratio $(fmt 2 "$wratio")]"
