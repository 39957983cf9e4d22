# stdin
# This script is read from standard input ("subplex --batch -"): messages
# name it <stdin>.
new-pane
send '"from standard input"'
wait
capture
send -t 9 'x'
