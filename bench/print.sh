#!/bin/sh
# bench/print.sh: the cost of a pane's output path.
#
# What: one pane runs `for i in range(1000000): print(i)` (sent as one
# line, then a blank line to end the block) and the session waits until the
# pane is idle again; the scrollback keeps its default 10,000 lines, so
# almost every line is written and then dropped.
# Baseline: the same loop in $PYTHON_EXE (the CPython whose libpython
# subplex embeds) with standard output on /dev/null, block-buffered as
# CPython makes it for a non-terminal (PYTHONUNBUFFERED is unset).
# How: wall time of whole runs, best of BENCH_RUNS (5) with the sides
# taking turns, minus each side's own start and end measured the same way:
# an empty session (new-pane, wait) for subplex, `python -c pass` for the
# baseline.  So the figures are the loop's time alone.  A warm-up session checks the transcript (last
# line 999999, 10,000 lines kept).  A note gives, for reference, the same
# typed loop in $PYTHON_EXE -i (CPython's own REPL), not judged.
# Target: subplex <= 1.3x the baseline's time.
bench_name=print
. "$(dirname "$0")/lib.sh"
require_env
make_tmpdir

RUNS=${BENCH_RUNS:-5}
LOOP='for i in range(1000000): print(i)'

cat > "$TMPD/empty" <<EOF
new-pane -n a
wait -t a
EOF
cat > "$TMPD/session" <<EOF
new-pane -n a
wait -t a
send -t a '$LOOP'
send -t a ''
wait -t a -T 300
EOF
{ cat "$TMPD/session"; echo "capture -t a"; } > "$TMPD/check"
printf '%s\n\n' "$LOOP" > "$TMPD/typed"

"$SUBPLEX" --batch "$TMPD/check" > "$TMPD/out" 2> "$TMPD/err" ||
    broken "subplex failed: $(head -n 3 "$TMPD/err")"
last=$(grep -x '[0-9]*' "$TMPD/out" | tail -n 1)
nlines=$(grep -c -x '[0-9]*' "$TMPD/out")
[ "$last" = 999999 ] || broken "the transcript ends with '$last', not 999999"
note "transcript check: $nlines number lines kept, last $last"

sub_loop() {
	time_cmd "$SUBPLEX" --batch "$TMPD/session"
}
sub_empty() {
	time_cmd "$SUBPLEX" --batch "$TMPD/empty"
}
py_loop() {
	time_cmd sh -c '"$0" -c "$1" > /dev/null' "$PYTHON_EXE" "$LOOP"
}
# Reference, not judged: CPython's own REPL running the same typed loop.
# Interactive ('single') compilation sends each print(i)'s None through
# sys.displayhook, which costs a lot on 3.11; that share is inherent to
# REPL semantics, the rest is subplex's own.
py_repl() {
	time_cmd sh -c '"$0" -i < "$1" > /dev/null 2>&1' "$PYTHON_EXE" \
	    "$TMPD/typed"
}
py_empty() {
	time_cmd sh -c '"$0" -c pass > /dev/null' "$PYTHON_EXE"
}

r=$(interleave "$RUNS" sub_loop py_loop sub_empty py_empty py_repl) ||
    broken "a run failed"
set -- $r
ts=$1 tp=$2 t0s=$3 t0p=$4 tr=$5

sub=$(calc "$ts - $t0s")
base=$(calc "$tp - $t0p")
ratio=$(calc "$sub / $base")
note "subplex: session $(fmt 3 "$ts") s - empty session $(fmt 3 "$t0s") s;" \
    "baseline: $(fmt 3 "$tp") s - python -c pass $(fmt 3 "$t0p") s" \
    "(CPython $(subplex_py_version))"
repl=$(calc "$tr - $t0p")
note "reference: $(basename "$PYTHON_EXE") -i running the same typed loop:" \
    "$(fmt 3 "$repl") s; subplex / that = $(fmt 2 "$(calc "$sub / $repl")")"
verdict=FAIL
le "$ratio" 1.3 && verdict=PASS
result_line "$verdict" "subplex $(fmt 3 "$sub") s," \
    "baseline $(fmt 3 "$base") s ($(basename "$PYTHON_EXE") > /dev/null)," \
    "ratio $(fmt 2 "$ratio") (target <= 1.3)"
