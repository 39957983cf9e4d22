#!/bin/sh
# bench/run.sh: run subplex's benchmarks and judge them (make bench).
#
# Runs each benchmark script (bench/NAME.sh) in turn with a time limit,
# prints what it prints (notes, then one result line
# `NAME: subplex X, baseline Y, ratio R (target T) PASS|FAIL|SKIP`), then a
# summary, and exits 1 if any target failed or a benchmark could not
# measure, 0 otherwise.  Every baseline is measured in the same run and
# only ratios are judged, so a slow machine is not a failure; a busy one
# can be (run again on a quiet machine before believing a FAIL).
#
# Needs SUBPLEX (the binary) and PYTHON_EXE (the CPython whose libpython
# it embeds), which `make bench` exports, with BENCH_PYREPL (bench/pyrepl,
# CPython's REPL linked to that libpython: a note line of throughput).  Optional: BENCH_ONLY="print
# memory" to run some benchmarks only; BENCH_RUNS to change repetitions;
# BENCH_TIMEOUT (seconds, default 240) per benchmark.  tmux (memory,
# startup, tmuxflood and vtstream baselines) and python3 on PATH (pyenv's
# 3.11.7 on the reference machine: the baseline of memory and startup, a
# note line of throughput, which is judged against PYTHON_EXE -i) are used
# when present: without tmux those benchmarks SKIP; without python3,
# baselines use PYTHON_EXE and say so.  The parallel benchmark SKIPs when subplex embeds CPython 3.11.
# latency, attach and flood drive ptys from python3 (they SKIP without
# it); latency and attach print tmux's figures beside subplex's when tmux
# is there, and judge subplex's alone either way.  tmuxflood and vtstream
# judge subplex against tmux (they SKIP without it), driving ptys from
# PYTHON_EXE.
set -u

here=$(cd "$(dirname "$0")" && pwd)
all="throughput print memory startup parallel latency attach flood"
all="$all tmuxflood vtstream"
only=${BENCH_ONLY:-$all}
limit=${BENCH_TIMEOUT:-240}

if [ -z "${SUBPLEX:-}" ] || [ ! -x "$SUBPLEX" ]; then
	echo "bench: SUBPLEX is not set to an executable; run make bench" >&2
	exit 2
fi
if [ -z "${PYTHON_EXE:-}" ] || [ ! -x "$PYTHON_EXE" ]; then
	echo "bench: PYTHON_EXE is not set to an executable; run make bench" >&2
	exit 2
fi
export SUBPLEX PYTHON_EXE

pyver=$("$PYTHON_EXE" -c 'import sys; print(sys.version.split()[0])' \
    2>/dev/null || echo "?")
echo "subplex benchmarks: $SUBPLEX (CPython $pyver, $PYTHON_EXE)"
echo "machine: $(nproc 2>/dev/null || echo '?') cores, load" \
    "$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')"
if command -v python3 > /dev/null 2>&1; then
	echo "python3 on PATH: $(command -v python3)" \
	    "($(python3 -c 'import sys; print(sys.version.split()[0])' \
	    2>/dev/null || echo '?'))"
else
	echo "SKIP note: no python3 on PATH; baselines use $PYTHON_EXE"
fi
command -v tmux > /dev/null 2>&1 ||
    echo "SKIP note: tmux is not installed; memory, startup, tmuxflood" \
    "and vtstream will SKIP"
case " ${PYTHONUNBUFFERED:+x} " in
*x*) echo "note: PYTHONUNBUFFERED is set here; the benchmarks unset it" ;;
esac
command -v timeout > /dev/null 2>&1 && have_timeout=1 || have_timeout=

pass=0 fail=0 skip=0
results=
out=$(mktemp "${TMPDIR:-/tmp}/subplex-bench-run.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT TERM HUP

for name in $only; do
	case " $all " in
	*" $name "*) ;;
	*) echo "bench: no benchmark '$name' (have: $all)" >&2; exit 2 ;;
	esac
	script="$here/$name.sh"
	echo
	echo "== $name"
	t0=$(date +%s)
	if [ -n "$have_timeout" ]; then
		timeout -k 10 "$limit" sh "$script" > "$out" 2>&1
	else
		sh "$script" > "$out" 2>&1
	fi
	rc=$?
	t1=$(date +%s)
	cat "$out"
	line=$(grep -E "^$name: " "$out" | tail -n 1)
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		line="$name: ERROR (timed out after $limit s) FAIL"
		echo "$line"
	elif [ -z "$line" ]; then
		line="$name: ERROR (no result line, exit status $rc) FAIL"
		echo "$line"
	fi
	echo "  ($((t1 - t0)) s)"
	case $line in
	*" PASS") pass=$((pass + 1)) ;;
	*" SKIP"|*": SKIP "*) skip=$((skip + 1)) ;;
	*) fail=$((fail + 1)) ;;
	esac
	results="$results$line
"
done

echo
echo "== summary (CPython $pyver)"
printf '%s' "$results"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
