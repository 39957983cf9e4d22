# test-session.sp: a session written as a test.
#
# Shows: expect turning a session into a test.  A pane gets functions from
# a here-document; calls must print what is expected, an exception must
# carry its message, input() must read a line sent to the pane, and another
# pane must not see the first one's names.  Each expect waits (up to 10 s,
# or -T SECONDS) for the pane's output since the text last sent to it to
# match an extended regular expression.
#
# Run it from the repository root:
#	subplex --batch examples/test-session.sp
#		exits 0 and prints "test-session: all checks passed" when every
#		expectation holds; otherwise it stops at the first one that
#		does not, exits 1, and says on standard error where and what
#		the pane printed.  Change '^2\.5$' below to '^3\.5$' to see:
#		  subplex: examples/test-session.sp:39:1: expect: /^3\.5$/ not
#		  in what pane calc printed:
#		      >>> mean([1, 2, 3, 4])
#		      2.5
#		      >>>
#	subplex -f examples/test-session.sp
#		the same in the terminal interface, with the result (or the
#		failure) on the status line

new-pane -n calc
send -t calc <<'EOF'
def mean(values):
    """The arithmetic mean of values."""
    return sum(values) / len(values)

def parse(line):
    """Numbers separated by spaces or commas."""
    return [float(word) for word in line.replace(",", " ").split()]
EOF
wait -t calc

# Plain calls.
send -t calc 'mean([1, 2, 3, 4])'
expect -t calc '^2\.5$'
send -t calc 'parse("1, 2.5 4")'
expect -t calc '^\[1\.0, 2\.5, 4\.0\]$'

# Exceptions: the traceback's last line, and the pane goes on afterwards.
send -t calc 'mean([])'
expect -t calc '^ZeroDivisionError: division by zero$'
send -t calc 'parse("1 two")'
expect -t calc "^ValueError: could not convert string to float: 'two'$"
send -t calc '"still running"'
expect -t calc "^'still running'$"

# input(): the line sent next is what input() returns.
send -t calc 'values = parse(input("numbers? "))'
wait -t calc
send -t calc '10 20 30 40'
expect -t calc '^numbers\? 10 20 30 40$'
send -t calc 'mean(values), len(values)'
expect -t calc '^\(25\.0, 4\)$'

# Another pane is another interpreter: mean is not defined there.
new-pane -n other
send -t other 'mean([1, 2])'
expect -t other "^NameError: name 'mean' is not defined"
send -t other 'import sys; "parse" in dir(sys.modules["__main__"])'
expect -t other '^False$'

display-message 'test-session: all checks passed'
