#!/bin/sh
# bench/print.sh: the cost of a pane's output path.
#
# What: one pane runs `for i in range(1000000): print(i)` (sent as one
# line, then a blank line to end the block) and the session waits until the
# pane is idle again; the scrollback keeps its default 10,000 lines, so
# almost every line is written and then dropped.
# Baseline: CPython's own REPL, $PYTHON_EXE -i (the CPython whose
# libpython subplex embeds), the same loop typed on its standard input
# (the line, then a blank line), its output (prompts included) to
# /dev/null: the issue's "REPL floor".  Both sides are interactive
# consoles, so in both each print(i) of the loop also goes through
# sys.displayhook.
# How: wall time of whole runs, best of BENCH_RUNS (5) with the sides
# taking turns, minus each side's own start and end measured the same way:
# an empty session (new-pane, wait) for subplex, `python -i < /dev/null`
# for the baseline.  So the figures are the loop's time alone.  Warm-up
# runs check both outputs (subplex's transcript: last line 999999, 10,000
# lines kept; the REPL's: 1,000,000 lines, the last 999999).  A note
# gives, for reference, the same loop run by $PYTHON_EXE -c with standard
# output on /dev/null, block-buffered as CPython makes it for a
# non-terminal (PYTHONUNBUFFERED is unset): no console, no displayhook;
# not judged (it was the baseline, with a target of 1.3x, until
# 2026-12-03).
# Target: subplex <= 1.0x the baseline's time (no slower than the REPL).
bench_name=print
. "$(dirname "$0")/lib.sh"
require_env
make_tmpdir

RUNS=${BENCH_RUNS:-5}
LOOP='for i in range(1000000): print(i)'

cat > "$TMPD/empty" <<EOS
new-pane -n a
wait -t a
EOS
cat > "$TMPD/session" <<EOS
new-pane -n a
wait -t a
send -t a '$LOOP'
send -t a ''
wait -t a -T 300
EOS
{ cat "$TMPD/session"; echo "capture -t a"; } > "$TMPD/check"
printf '%s\n\n' "$LOOP" > "$TMPD/typed"

"$SUBPLEX" --batch "$TMPD/check" > "$TMPD/out" 2> "$TMPD/err" ||
    broken "subplex failed: $(head -n 3 "$TMPD/err")"
last=$(grep -x '[0-9]*' "$TMPD/out" | tail -n 1)
nlines=$(grep -c -x '[0-9]*' "$TMPD/out")
[ "$last" = 999999 ] || broken "the transcript ends with '$last', not 999999"
note "transcript check: $nlines number lines kept, last $last"

# The baseline's own check: the REPL printed the whole loop.
"$PYTHON_EXE" -i < "$TMPD/typed" > "$TMPD/rout" 2> /dev/null ||
    broken "$PYTHON_EXE -i failed"
last=$(tail -n 1 "$TMPD/rout")
nlines=$(wc -l < "$TMPD/rout")
[ "$last" = 999999 ] && [ "$nlines" -eq 1000000 ] ||
    broken "$PYTHON_EXE -i printed $nlines lines, the last '$last'"
rm -f "$TMPD/rout"

sub_loop() {
	time_cmd "$SUBPLEX" --batch "$TMPD/session"
}
sub_empty() {
	time_cmd "$SUBPLEX" --batch "$TMPD/empty"
}
# CPython's own REPL running the same typed loop, and its start and end.
py_repl() {
	time_cmd sh -c '"$0" -i < "$1" > /dev/null 2>&1' "$PYTHON_EXE" \
	    "$TMPD/typed"
}
repl_empty() {
	time_cmd sh -c '"$0" -i < /dev/null > /dev/null 2>&1' "$PYTHON_EXE"
}
# Reference, not judged: the loop with no console at all.
py_loop() {
	time_cmd sh -c '"$0" -c "$1" > /dev/null' "$PYTHON_EXE" "$LOOP"
}
py_empty() {
	time_cmd sh -c '"$0" -c pass > /dev/null' "$PYTHON_EXE"
}

r=$(interleave "$RUNS" sub_loop py_repl sub_empty repl_empty py_loop \
    py_empty) || broken "a run failed"
set -- $r
ts=$1 tr=$2 t0s=$3 t0r=$4 tp=$5 t0p=$6

sub=$(calc "$ts - $t0s")
base=$(calc "$tr - $t0r")
ratio=$(calc "$sub / $base")
py=$(basename "$PYTHON_EXE")
note "subplex: session $(fmt 3 "$ts") s - empty session $(fmt 3 "$t0s") s;" \
    "baseline: $py -i $(fmt 3 "$tr") s - $py -i < /dev/null" \
    "$(fmt 3 "$t0r") s (CPython $(subplex_py_version))"
plain=$(calc "$tp - $t0p")
note "reference: $py -c with the loop, output to /dev/null (no console," \
    "no displayhook): $(fmt 3 "$tp") s - $py -c pass $(fmt 3 "$t0p") s" \
    "= $(fmt 3 "$plain") s; subplex / that =" \
    "$(fmt 2 "$(calc "$sub / $plain")")"
verdict=FAIL
le "$ratio" 1.0 && verdict=PASS
result_line "$verdict" "subplex $(fmt 3 "$sub") s," \
    "baseline $(fmt 3 "$base") s ($py -i, the loop typed, > /dev/null)," \
    "ratio $(fmt 2 "$ratio") (target <= 1.0)"
