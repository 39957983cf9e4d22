# lib.sh: small Test Anything Protocol helpers for subplex's shell tests.
#
# Source it from a POSIX sh test:  . "$top_srcdir/tests/lib.sh"
# Then call plan N first (or plan_skip_all REASON), one of ok, not_ok or
# skip per test, and diag for "# " comment lines.  Descriptions are put on
# one line with '#' escaped, so they never start a directive.  End the
# script with "tap_done": it exits non-zero when a test failed or the count
# does not match the plan.  The driver (build-aux/tap-driver.sh) reads
# standard output; write nothing else there.

tap_n=0
tap_planned=
tap_failed=0

# plan N: announce N tests.
plan() {
	tap_planned=$1
	echo "1..$1"
}

# plan_skip_all REASON: announce that nothing runs, and exit.
plan_skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# tap_clean TEXT: TEXT on one line, with '#' escaped as '\#'.
tap_clean() {
	case $* in
	*'#'*|*'
'*)	printf '%s' "$*" | tr '\n' ' ' | sed 's/#/\\#/g' ;;
	*)	printf '%s' "$*" ;;
	esac
}

# ok DESC [DIRECTIVE]: a passed test; DIRECTIVE is e.g. "TODO why".
ok() {
	tap_n=$((tap_n + 1))
	if test -n "$2"; then
		echo "ok $tap_n - $(tap_clean "$1") # $2"
	else
		echo "ok $tap_n - $(tap_clean "$1")"
	fi
}

# not_ok DESC [DIRECTIVE]: a failed test (a TODO one does not count).
not_ok() {
	tap_n=$((tap_n + 1))
	if test -n "$2"; then
		echo "not ok $tap_n - $(tap_clean "$1") # $2"
		case $2 in
		TODO*|todo*) ;;
		*) tap_failed=$((tap_failed + 1)) ;;
		esac
	else
		echo "not ok $tap_n - $(tap_clean "$1")"
		tap_failed=$((tap_failed + 1))
	fi
}

# skip DESC REASON: a test that was not run.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $(tap_clean "$1") # SKIP $(tap_clean "$2")"
}

# diag TEXT...: comment lines "# TEXT"; with no argument, standard input.
diag() {
	if test $# -gt 0; then
		printf '%s\n' "$*" | sed 's/^/# /'
	else
		sed 's/^/# /'
	fi
}

# bail_out REASON: stop the whole test run.
bail_out() {
	echo "Bail out! $*"
	exit 1
}

# tap_done: the exit status for the end of a test script.
tap_done() {
	if test -n "$tap_planned" && test "$tap_n" -ne "$tap_planned"; then
		diag "planned $tap_planned tests but ran $tap_n"
		exit 1
	fi
	test "$tap_failed" -eq 0
	exit $?
}
