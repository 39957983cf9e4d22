# ui-lib.sh: the harness of the tmux-driven UI tests (ui.test, ui-faults.test).
#
# Source it after setting nothing: it checks for tmux and a UTF-8 locale
# (skipping the whole test otherwise), starts a private tmux server
# (tmux -L subplex-test-PID -f /dev/null) that it kills on exit, and
# defines the helpers: start/stop subplex in a fresh session with its own
# HOME, XDG_STATE_HOME, XDG_CONFIG_HOME and an empty INPUTRC; screen,
# wait_for/wait_status/wait_cond (polling every 50 ms up to a deadline,
# never a fixed sleep), keys/type_text/line; and check DESC DIRECTIVE FUNC,
# one TAP line per test (UI_ONLY="t_a t_b" runs a subset).  The test then
# calls plan N and its checks, and ends with tap_done.

: "${top_srcdir:=.}"
: "${top_builddir:=.}"
: "${SUBPLEX:=$top_builddir/src/subplex}"
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || plan_skip_all "tmux not installed"
# resize-window is tmux 2.9's; "tmux next-3.4" or "tmux master" are new.
case $(tmux -V 2>/dev/null) in
"tmux "[01].*|"tmux 2."[0-8]|"tmux 2."[0-8][!0-9]*)
	plan_skip_all "tmux 2.9 or later needed ($(tmux -V))" ;;
esac
test -x "$SUBPLEX" || bail_out "no executable $SUBPLEX"
case $SUBPLEX in
/*) ;;
*) SUBPLEX=$(pwd)/$SUBPLEX ;;
esac

# A UTF-8 locale for subplex and tmux (wide characters, box drawing).
utf8=
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
	if locale -a 2>/dev/null | grep -qix "$l"; then
		utf8=$l
		break
	fi
done
test -n "$utf8" || plan_skip_all "no UTF-8 locale (C.UTF-8 or en_US.UTF-8)"
LC_ALL=$utf8
export LC_ALL
unset TMUX TMUX_PANE NO_COLOR

# TERM inside tmux: one whose box drawing ncurses writes as UTF-8 (with
# xterm-256color it uses the alternate character set and capture-pane shows
# the border as 'x').
term=screen
for t in tmux-256color screen-256color; do
	if infocmp "$t" >/dev/null 2>&1; then
		term=$t
		break
	fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/subplex-ui.XXXXXX") || bail_out "mktemp"
sock=subplex-test-$$
tm() {
	tmux -L "$sock" -f /dev/null "$@"
}
sockpath=
cleanup() {
	tm kill-server >/dev/null 2>&1
	test -z "$sockpath" || rm -f "$sockpath"	# tmux leaves it
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# run.sh STATE TERM [ARGS]: subplex with its own home and state.  Its pid
# goes to STATE/pid, its standard error to STATE/stderr (tmux may drop a
# dying pane's last output) and its exit status to STATE/exit.
cat >"$tmp/run.sh" <<EOF
d=\$1
t=\$2
shift 2
rm -f "\$d/pid" "\$d/exit" "\$d/stderr"
trap : HUP
env HOME="\$d/home" XDG_STATE_HOME="\$d/state" \\
    XDG_CONFIG_HOME="\$d/config" XDG_RUNTIME_DIR="\$d/run" \\
    INPUTRC="\$d/inputrc" TERM="\$t" \\
    sh -c 'echo \$\$ >"\$0/pid"; exec "\$@"' "\$d" '$SUBPLEX' "\$@" \\
    2>"\$d/stderr"
echo \$? >"\$d/exit.new"
mv "\$d/exit.new" "\$d/exit"
EOF

tm start-server \; set-option -g exit-empty off \; \
    set-option -g default-shell /bin/sh \; \
    set-option -g remain-on-exit on >/dev/null 2>&1 ||
	bail_out "cannot start a tmux server"
sockpath=$(tm display-message -p '#{socket_path}' 2>/dev/null)

timeout=
if command -v timeout >/dev/null 2>&1; then
	timeout="timeout 20 env"
fi


# ---- helpers ----

S=
W=120
H=30
state=
nsess=0

# fresh_state: a new empty home/state/config for the next start.
fresh_state() {
	nsess=$((nsess + 1))
	state=$tmp/st$nsess
	mkdir -p "$state/home" "$state/state" "$state/config"
	mkdir -m 700 -p "$state/run"	# the session's socket (server.c)
	: >"$state/inputrc"
}

# start W H [ARGS]: subplex in a new session $S, with $state (fresh unless
# keep_state is set); SP_TERM overrides TERM.
start() {
	W=$1
	H=$2
	shift 2
	test -n "$keep_state" && test -n "$state" || fresh_state
	keep_state=
	rm -f "$state/pid" "$state/exit" "$state/stderr"
	nsess=$((nsess + 1))
	S=s$nsess
	tm new-session -d -s "$S" -x "$W" -y "$H" \
	    "sh '$tmp/run.sh' '$state' '${SP_TERM:-$term}' $*"
}

# stop: end the session, and make sure subplex is gone.
stop() {
	test -n "$S" || return 0
	tm kill-session -t "$S" >/dev/null 2>&1
	S=
	pid=$(cat "$state/pid" 2>/dev/null)
	if test -n "$pid"; then
		i=0
		while kill -0 "$pid" 2>/dev/null; do
			i=$((i + 1))
			if test $i -gt 100; then
				diag "subplex (pid $pid) still runs 5 s after" \
				    "its terminal closed: killed"
				kill -9 "$pid" 2>/dev/null
				break
			fi
			sleep 0.05
		done
	fi
	# The session outlives its terminal (a detached server): end it.
	XDG_RUNTIME_DIR="$state/run" timeout 10 "$SUBPLEX" kill-server \
	    >/dev/null 2>&1
	if test -s "$state/stderr"; then
		diag "subplex's standard error:"
		diag <"$state/stderr"
	fi
}

screen() {
	tm capture-pane -p -t "$S" 2>&1
}

# The status line (the last row) and the last row of the panes.
status_line() {
	screen | tail -n 1
}
last_row() {
	screen | tail -n 2 | head -n 1
}

# wait_cond TIMEOUT WHAT CMD...: until CMD succeeds; else print WHAT and the
# last screen as diagnostics and fail.
wait_cond() {
	_to=$1
	_what=$2
	shift 2
	_end=$(($(date +%s) + _to))
	while :; do
		"$@" && return 0
		test "$(date +%s)" -lt "$_end" || break
		sleep 0.05
	done
	diag "timed out after ${_to}s waiting for $_what; the screen:"
	screen | diag
	return 1
}

has() {
	screen | grep -E -q -- "$1"
}
has_not() {
	! screen | grep -E -q -- "$1"
}
status_has() {
	status_line | grep -F -q -- "$1"
}
last_row_has() {
	last_row | grep -E -q -- "$1"
}
# dimmed ERE: a row holds text matching ERE drawn dim (SGR 2 in
# capture-pane -e, maybe with colour changes between).
dimmed() {
	_e=$(printf '\033')
	tm capture-pane -p -e -t "$S" |
	    grep -E -q -- "$_e\\[([0-9]+;)*2(;[0-9]+)*m($_e\\[[0-9;]*m)*$1"
}
# count_is ERE N: N lines of the screen match.
count_is() {
	test "$(screen | grep -E -c -- "$1")" -eq "$2"
}

# wait_for ERE [TIMEOUT]: until a line of the screen matches.
wait_for() {
	wait_cond "${2:-10}" "/$1/" has "$1"
}
wait_gone() {
	wait_cond "${2:-10}" "/$1/ to go" has_not "$1"
}
# wait_status TEXT [TIMEOUT]: until the status line holds TEXT.
wait_status() {
	wait_cond "${2:-10}" "status line with '$1'" status_has "$1"
}
wait_last_row() {
	wait_cond "${2:-10}" "last row /$1/" last_row_has "$1"
}
wait_count() {
	wait_cond "${3:-10}" "$2 lines /$1/" count_is "$1" "$2"
}

keys() {
	tm send-keys -t "$S" "$@"
}
# type_text TEXT: TEXT as typed, no key names.
type_text() {
	tm send-keys -t "$S" -l "$1"
}
# line TEXT: TEXT and Enter.
line() {
	type_text "$1" && keys Enter
}

# Both panes are up and idle (the status line lists no state).
wait_ready() {
	wait_status "0:py0[main]* 1:py1 " &&
	    wait_for '^>>> +│>>> *$'
}

# dead: subplex exited (run.sh wrote its status).
dead() {
	test -f "$state/exit"
}
dead_status() {
	cat "$state/exit" 2>/dev/null
}

# in_half TEXT left|right: TEXT is on a row, left or right of the border
# (panes side by side).
in_half() {
	screen | awk -F '│' -v t="$1" -v side="$2" '
	    index($0, t) { f = side == "left" ? $1 : $2
		if (index(f, t)) found = 1 }
	    END { exit !found }'
}
# in_part TEXT top|bottom: TEXT is above or below the horizontal border
# (panes stacked).
in_part() {
	screen | awk -v t="$1" -v part="$2" '
	    /─/ && !border { border = NR; next }
	    index($0, t) { where = border ? "bottom" : "top"
		if (where == part) found = 1 }
	    END { exit !found }'
}

# typed_in TEXT WHERE [CHECK]: type TEXT on the focused pane's line, see
# it in WHERE (left/right/top/bottom), erase it again.
typed_in() {
	_check=${3:-in_half}
	type_text "$1" &&
	    wait_cond 10 "'$1' typed in the $2 pane" "$_check" "$1" "$2" &&
	    keys C-u &&
	    wait_gone "$1"
}

# rows_follow ERE1 ERE2 ERE3: three rows in a row match them.
rows_follow() {
	screen | awk -v a="$1" -v b="$2" -v c="$3" '
	    $0 ~ c && p2 ~ b && p1 ~ a { f = 1 }
	    { p1 = p2; p2 = $0 }
	    END { exit !f }'
}

# near_after ERE TEXT: one of the 3 rows after a row matching ERE holds TEXT.
near_after() {
	screen | awk -v re="$1" -v t="$2" '
	    n > 0 { if (index($0, t)) f = 1; n-- }
	    $0 ~ re { n = 3 }
	    END { exit !f }'
}

# pad N: N spaces.
pad() {
	_p=
	_i=0
	while test $_i -lt "$1"; do
		_p="$_p "
		_i=$((_i + 1))
	done
	printf '%s' "$_p"
}

# has_line TEXT: a row is exactly TEXT.
has_line() {
	screen | grep -F -x -q -- "$1"
}

# clean_two COL: the two side-by-side panes are drawn cleanly: every row but
# the status line has exactly one border, at column COL, and the left pane
# shows only what was printed in it (no stale cells).
clean_two() {
	screen | awk -v col="$1" '
	    { rows[NR] = $0 }
	    END {
		for (i = 1; i < NR; i++) {
			s = rows[i]
			n = gsub(/│/, "|", s)
			if (n != 1 || index(s, "|") != col + 1)
				exit 1
			left = substr(s, 1, col)
			sub(/ +$/, "", left)
			if (left != "")
				got = got "[" left "]"
		}
		exit got != "[>>> print(\"before\")][before][>>>]"
	    }'
}

# check DESC DIRECTIVE FUNC: one test line from FUNC's status.
check() {
	if test -n "$UI_ONLY" && ! echo " $UI_ONLY " | grep -q " $3 "; then
		skip "$1" "not in UI_ONLY"
		return
	fi
	if "$3"; then
		ok "$1" "$2"
	else
		not_ok "$1" "$2"
	fi
	stop
}
