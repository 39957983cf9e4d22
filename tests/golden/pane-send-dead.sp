# Sending to a pane whose code has exited is an error that names the pane
# and its status; the script stops there.
new-pane -n short
send 'exit(2)'
wait
capture
send 'print("never")'
capture
