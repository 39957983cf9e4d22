# The script stops at the first failing command, after everything before
# it ran: the first capture is on standard output, the second never runs.
new-pane
send 'print("before the error")'
wait
capture
send -t nowhere 'print("after")'
capture
