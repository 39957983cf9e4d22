# bench/lib.sh: helpers shared by the benchmark scripts (sourced, POSIX sh).
#
# Every benchmark measures subplex and its baseline in the same run and
# judges a ratio, never an absolute figure, because the machines this runs
# on are small, shared and noisy.  Each measurement is repeated and the
# best run kept (noise only ever adds time); memory takes the median.
#
# Environment:
#   SUBPLEX       the subplex binary (required; `make bench` sets it)
#   PYTHON_EXE    the interpreter whose libpython subplex embeds (required)
#   BENCH_PYREPL  CPython's REPL on subplex's libpython (optional;
#                 `make bench` builds bench/pyrepl)
#   BENCH_RUNS    repetitions of each timing (default: per benchmark)
#   BENCH_KEEP    if set, keep the temporary directory for inspection
#
# Functions keep their variables `local` (dash, bash and busybox sh all
# have it), so that they can call each other freely.
#
# A benchmark prints notes (lines starting with two spaces) and exactly one
# result line, last:
#   NAME: subplex X, baseline Y, ratio R (target T) PASS|FAIL|SKIP
# and exits 0 (pass or skip), 1 (fail) or 2 (could not measure).

set -u

bench_name=${bench_name:-bench}

# The variables that change how any CPython behaves (the harness that runs
# us sets PYTHONUNBUFFERED=1, which makes print() one write(2) per call in
# a plain python3 and would slow every baseline down) are dropped, for
# subplex and baselines alike.
for _v in PYTHONUNBUFFERED PYTHONSTARTUP PYTHONINSPECT PYTHONVERBOSE \
    PYTHONDEVMODE PYTHONMALLOC PYTHONMALLOCSTATS PYTHONTRACEMALLOC \
    PYTHONPROFILEIMPORTTIME PYTHONWARNINGS PYTHONASYNCIODEBUG \
    PYTHONFAULTHANDLER PYTHONHOME PYTHONPATH PYTHONNODEBUGRANGES \
    PYTHONINTMAXSTRDIGITS PYTHONSAFEPATH PYTHON_GIL PYTHON_PERF_JIT_SUPPORT \
    PYTHONPERFSUPPORT; do
	unset "$_v" 2>/dev/null || :
done
unset _v

note() {
	printf '  %s\n' "$*"
}

# A result line and the matching exit status.  $1 is PASS, FAIL or SKIP.
result_line() {
	local _verdict
	_verdict=$1; shift
	printf '%s: %s %s\n' "$bench_name" "$*" "$_verdict"
	case $_verdict in
	PASS|SKIP) exit 0 ;;
	FAIL) exit 1 ;;
	*) exit 2 ;;
	esac
}

skip() {
	printf '%s: SKIP (%s)\n' "$bench_name" "$*"
	exit 0
}

# Could not measure: a result line that run.sh counts as a failure.
broken() {
	printf '%s: ERROR (%s) FAIL\n' "$bench_name" "$*"
	exit 2
}

require_env() {
	if [ -z "${SUBPLEX:-}" ] || [ ! -x "$SUBPLEX" ]; then
		broken "SUBPLEX is not set to an executable (run: make bench)"
	fi
	if [ -z "${PYTHON_EXE:-}" ] || [ ! -x "$PYTHON_EXE" ]; then
		broken "PYTHON_EXE is not set to an executable (run: make bench)"
	fi
}

# Temporary directory, removed at exit unless BENCH_KEEP is set.  Processes
# a benchmark starts in the background are killed by their pid on exit.
bench_pids=
bench_cleanup_hook=:
make_tmpdir() {
	TMPD=$(mktemp -d "${TMPDIR:-/tmp}/subplex-bench.XXXXXX") ||
	    broken "mktemp failed"
	# subplex's histories and session transcripts: not the user's.
	XDG_STATE_HOME=$TMPD/state
	export XDG_STATE_HOME
	trap 'bench_exit' EXIT
	trap 'exit 130' INT TERM HUP
}
bench_exit() {
	local _p
	for _p in $bench_pids; do
		kill "$_p" 2>/dev/null
	done
	$bench_cleanup_hook
	if [ -z "${BENCH_KEEP:-}" ]; then
		rm -rf "$TMPD"
	else
		echo "  (kept $TMPD)" >&2
	fi
}

now() {
	date +%s.%N
}

# Float arithmetic: calc 'EXPR' prints EXPR evaluated by awk.
calc() {
	awk "BEGIN { printf \"%.6f\", $1 }"
}

# fmt DIGITS VALUE
fmt() {
	awk -v d="$1" -v v="$2" 'BEGIN { printf "%.*f", d, v }'
}

# Minimum and median of the numbers on standard input, one a line.
min_of() {
	grep -v '^ *$' | sort -g | head -n 1
}
median_of() {
	grep -v '^ *$' | sort -g | awk '{ a[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) print a[(NR + 1) / 2]
		else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# le A B / ge A B: float comparisons as exit statuses.
le() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'
}
ge() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'
}

# Wall time in seconds of a command (its output is the caller's business).
# Fails if the command fails.
time_cmd() {
	local _t0 _t1
	_t0=$(now)
	"$@" || return 1
	_t1=$(now)
	calc "$_t1 - $_t0"
}

# Best of N timings of a command, to standard output; the command's own
# output must be redirected by the caller (time_best N sh -c '...').
time_best() {
	local _n _i
	_n=$1; shift
	_i=0
	: > "$TMPD/.times"
	while [ "$_i" -lt "$_n" ]; do
		time_cmd "$@" >> "$TMPD/.times" || return 1
		echo >> "$TMPD/.times"
		_i=$((_i + 1))
	done
	min_of < "$TMPD/.times"
}

# interleave N FUNC...: N rounds, each calling every FUNC once in turn
# (each prints one time in seconds); prints the best time of each FUNC, one
# a line, in order.  Interleaving spreads a noisy spell over all sides
# rather than over whichever was being timed.  Fails if a FUNC fails.
interleave() {
	local _n _i _k _f
	_n=$1; shift
	_k=0
	for _f in "$@"; do
		: > "$TMPD/.il$_k"
		_k=$((_k + 1))
	done
	_i=0
	while [ "$_i" -lt "$_n" ]; do
		_k=0
		for _f in "$@"; do
			"$_f" >> "$TMPD/.il$_k" || return 1
			echo >> "$TMPD/.il$_k"
			_k=$((_k + 1))
		done
		_i=$((_i + 1))
	done
	_k=0
	for _f in "$@"; do
		min_of < "$TMPD/.il$_k"
		_k=$((_k + 1))
	done
}

# The python3 that PATH finds, as the real binary: a pyenv shim is a bash
# script that costs hundreds of milliseconds per start, which would inflate
# every baseline.  Prints nothing if there is no python3.
find_path_python3() {
	local _p _r
	_p=$(command -v python3 2>/dev/null) || return 0
	case $_p in
	*/.pyenv/shims/*|*/pyenv/shims/*)
		_r=$(pyenv which python3 2>/dev/null) || _r=
		[ -n "$_r" ] && _p=$_r
		;;
	esac
	_p=$(readlink -f "$_p" 2>/dev/null || echo "$_p")
	[ -x "$_p" ] && echo "$_p"
}

# "3.11.7" for an interpreter.
py_version() {
	"$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' \
	    2>/dev/null || echo "?"
}

# The CPython version subplex embeds (that of PYTHON_EXE).
subplex_py_version() {
	py_version "$PYTHON_EXE"
}

# PSS in kB of the processes given (summed, one awk); those gone count 0.
pss_kb() {
	local _p _files
	_files=
	for _p in "$@"; do
		[ -r "/proc/$_p/smaps_rollup" ] &&
		    _files="$_files /proc/$_p/smaps_rollup"
	done
	[ -n "$_files" ] || { echo 0; return; }
	# shellcheck disable=SC2086
	awk '/^Pss:/ { s += $2 } END { print s + 0 }' $_files 2>/dev/null
}

# All descendants of a pid (children, grandchildren, ...), from one ps.
descendants() {
	ps -e -o pid= -o ppid= | awk -v root="$1" '
		{ parent[$1] = $2; pids[NR] = $1 }
		END {
			for (i = 1; i <= NR; i++) {
				p = pids[i]
				for (q = parent[p]; q != "" && q != 0 && q != p;
				    q = parent[q])
					if (q == root) { print p; break }
			}
		}'
}

# Wait until a file contains a line matching an ERE, or the deadline
# (seconds); fails on timeout.  A fourth argument, a pid, fails early if
# that process has died.
wait_for_line() {
	local _f _re _deadline _pid
	_f=$1 _re=$2 _deadline=$(calc "$(now) + $3") _pid=${4:-}
	while :; do
		grep -Eq -- "$_re" "$_f" 2>/dev/null && return 0
		if [ -n "$_pid" ] && ! kill -0 "$_pid" 2>/dev/null; then
			return 1
		fi
		le "$(now)" "$_deadline" || return 1
		sleep 0.02
	done
}

# ---- tmux on a private socket ----

TMUX_SOCKET=subplex-bench-$$
tmux_cmd() {
	tmux -L "$TMUX_SOCKET" -f /dev/null "$@"
}
tmux_kill() {
	tmux_cmd kill-server >/dev/null 2>&1 || :
	# tmux 3.3 leaves the socket file of a killed server behind.
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCKET"
}

# tmux_start_panes N CMD...: in one tmux client call, start a server with
# N panes running CMD, 8 to a window (tiled) in a 400x200 session.
tmux_start_panes() {
	local _n _q _a _script _i
	_n=$1; shift
	_q=
	for _a in "$@"; do
		_q="$_q '$(printf '%s' "$_a" | sed "s/'/'\\\\''/g")'"
	done
	_script="$TMPD/.tmux-start.sh"
	{
		printf 'exec tmux -L %s -f /dev/null new-session -d -x 400 -y 200%s' \
		    "$TMUX_SOCKET" "$_q"
		printf " \\\\; set -g default-size 400x200"
		printf " \\\\; set -g remain-on-exit on"
		_i=1
		while [ "$_i" -lt "$_n" ]; do
			if [ $((_i % 8)) -eq 0 ]; then
				printf " \\\\; new-window%s" "$_q"
			else
				printf " \\\\; split-window%s" "$_q"
				printf " \\\\; select-layout tiled"
			fi
			_i=$((_i + 1))
		done
		printf '\n'
	} > "$_script"
	sh "$_script"
}

# How many panes show a line starting ">>>" (the python prompt): one tmux
# client call that captures every pane.
tmux_prompts() {
	local _ids _id
	_ids=$(tmux_cmd list-panes -a -F '#{pane_id}' 2>/dev/null) || {
		echo 0
		return
	}
	set --
	for _id in $_ids; do
		[ $# -gt 0 ] && set -- "$@" ';'
		set -- "$@" capture-pane -p -t "$_id"
	done
	tmux_cmd "$@" 2>/dev/null | grep -c '^>>>'
}

# Wait until N panes show the prompt; fails after DEADLINE seconds.
tmux_wait_prompts() {
	local _n _deadline
	_n=$1 _deadline=$(calc "$(now) + $2")
	while :; do
		[ "$(tmux_prompts)" -ge "$_n" ] && return 0
		le "$(now)" "$_deadline" || return 1
		sleep 0.01
	done
}

tmux_server_pid() {
	tmux_cmd display-message -p '#{pid}' 2>/dev/null
}
