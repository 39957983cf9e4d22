#!/bin/sh
# bench/throughput.sh: how fast a pane runs typed statements.
#
# What: 20,001 one-line statements (20,000 small mixed ones -- assignments,
# augmented assignments, arithmetic, str(), a list, a dict, a tuple, len()
# -- then print(x)) sent to one pane by a batch session: new-pane, wait,
# 20,001 `send` lines, wait, capture > /dev/null.
# Baseline: the same statements as a plain file fed to an interactive
# CPython, `$PYTHON_EXE -i < FILE > /dev/null 2>&1` (each line read,
# compiled and run one at a time, with prompts, as typed).  PYTHON_EXE is
# the CPython subplex was configured with (Debian's /usr/bin/python3.11 by
# default): the same version and sources as the libpython subplex embeds.
# It is not the same machine code, though: Debian's binary has its own
# copy of the interpreter linked in statically, built with other options
# than the shared libpython subplex links, which takes more instructions
# for the same work (about 25% more for this REPL run, callgrind).
# How: wall time of each whole run (process start to exit; both sides
# include their interpreter's start and end), best of BENCH_RUNS (5), the
# sides taking turns.  A warm-up run of each side checks the answer (the
# value x prints).
# Figure: statements per second; ratio = subplex / baseline throughput.
# Target: >= 1.0 against $PYTHON_EXE -i.  The python3 that PATH finds
# (pyenv's 3.11.7 on the reference machine, resolved past the pyenv shim,
# which alone costs ~0.7 s per start), a slower build, is measured too and
# reported on a note line, not judged.  So is BENCH_PYREPL -i when set
# (bench/pyrepl: CPython's own REPL linked to the libpython subplex
# links), whose ratio is subplex's own cost alone.
bench_name=throughput
. "$(dirname "$0")/lib.sh"
require_env
make_tmpdir

RUNS=${BENCH_RUNS:-5}
NSTMT=20001

# The statements, and the session that types them.
awk -v n=$((NSTMT - 1)) 'BEGIN {
	k[0] = "x = 1"; k[1] = "x += 1"; k[2] = "y = x * 2"
	k[3] = "x = y - x"; k[4] = "s = str(x)"; k[5] = "l = [x, y, s]"
	k[6] = "d = {\"k\": x, \"n\": len(l)}"; k[7] = "x += len(l)"
	k[8] = "t = (x, y)"; k[9] = "x -= d[\"n\"] - 2"
	for (i = 0; i < n; i++)
		print k[i % 10]
	print "print(x)"
}' > "$TMPD/stmts.py"
{
	echo "new-pane -n a"
	echo "wait -t a"
	sed "s/'/'\\\\''/g; s/.*/send -t a '&'/" "$TMPD/stmts.py"
	echo "wait -t a -T 300"
	echo "capture -t a"
} > "$TMPD/session"

expect=$("$PYTHON_EXE" "$TMPD/stmts.py") || broken "the statements fail"

# Warm-up and check: subplex's transcript ends with print(x) and its value.
"$SUBPLEX" --batch "$TMPD/session" > "$TMPD/sub.out" 2> "$TMPD/sub.err" ||
    broken "subplex failed: $(head -n 3 "$TMPD/sub.err")"
got=$(grep -A1 -x '>>> print(x)' "$TMPD/sub.out" | tail -n 1)
[ "$got" = "$expect" ] ||
    broken "subplex printed '$got', expected '$expect'"
if grep -q -E 'Error|Traceback' "$TMPD/sub.out"; then
	broken "subplex's transcript shows an error"
fi

sub_once() {
	time_cmd sh -c '"$0" --batch "$1" > /dev/null' "$SUBPLEX" "$TMPD/session"
}
fair_once() {
	time_cmd sh -c '"$0" -i < "$1" > /dev/null 2>&1' "$fair_py" \
	    "$TMPD/stmts.py"
}
lib_once() {
	time_cmd sh -c '"$0" -i < "$1" > /dev/null 2>&1' "$lib_py" \
	    "$TMPD/stmts.py"
}
path_once() {
	time_cmd sh -c '"$0" -i < "$1" > /dev/null 2>&1' "$path_py" \
	    "$TMPD/stmts.py"
}

# check_py PYTHON: PYTHON -i prints the expected value.
check_py() {
	local _out
	_out=$("$1" -i < "$TMPD/stmts.py" 2>/dev/null | tail -n 1)
	[ "$_out" = "$expect" ] ||
	    broken "$1 -i printed '$_out', expected '$expect'"
}

path_py=$(find_path_python3)
fair_py=$PYTHON_EXE
check_py "$fair_py"
# The python3 on PATH only when it is another interpreter.
if [ -n "$path_py" ] &&
    [ "$(readlink -f "$path_py")" = "$(readlink -f "$fair_py")" ]; then
	path_py=
fi
lib_py=${BENCH_PYREPL:-}
if [ -n "$lib_py" ] && [ ! -x "$lib_py" ]; then
	lib_py=
fi
[ -z "$lib_py" ] || check_py "$lib_py"
[ -z "$path_py" ] || check_py "$path_py"
sides="sub_once fair_once${lib_py:+ lib_once}${path_py:+ path_once}"
r=$(interleave "$RUNS" $sides) || broken "a run failed"
set -- $r
t_sub=$1 t_fair=$2
shift 2
if [ -n "$lib_py" ]; then
	t_lib=$1
	shift
fi
[ -z "$path_py" ] || t_path=$1

rate() {
	calc "$NSTMT / $1"
}
r_sub=$(rate "$t_sub")
r_fair=$(rate "$t_fair")
ratio_fair=$(calc "$t_fair / $t_sub")
v_sub=$(subplex_py_version)

note "subplex $(fmt 3 "$t_sub") s for $NSTMT statements (CPython $v_sub;" \
    "best of $RUNS, whole run)"
note "baseline $fair_py -i ($(py_version "$fair_py")): $(fmt 3 "$t_fair") s"
if [ -n "$lib_py" ]; then
	note "not judged: CPython's REPL on subplex's libpython," \
	    "$(basename "$lib_py") -i: $(fmt 0 "$(rate "$t_lib")") stmt/s" \
	    "($(fmt 3 "$t_lib") s), ratio $(fmt 2 "$(calc "$t_lib / $t_sub")")"
fi
if [ -n "$path_py" ]; then
	note "not judged: python3 on PATH, $path_py -i" \
	    "($(py_version "$path_py")): $(fmt 0 "$(rate "$t_path")") stmt/s" \
	    "($(fmt 3 "$t_path") s), ratio $(fmt 2 "$(calc "$t_path / $t_sub")")"
else
	note "not judged: no other python3 on PATH"
fi
verdict=FAIL
ge "$ratio_fair" 1.0 && verdict=PASS
result_line "$verdict" "subplex $(fmt 0 "$r_sub") stmt/s," \
    "baseline $(fmt 0 "$r_fair") stmt/s ($(basename "$fair_py") -i," \
    "$(py_version "$fair_py")), ratio $(fmt 2 "$ratio_fair") (target >= 1.0)"
