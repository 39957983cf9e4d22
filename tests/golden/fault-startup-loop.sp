# A startup file that loops is running code like any other: the pane is
# listed as running, wait waits for it, interrupt cuts it short and the
# pane goes on; kill-pane ends a pane stuck in one; on a shared GIL the
# loop holds up no other pane's start.
new-pane -n a -s fault-startup-loop.py
expect -t a -T 10 looping
list-panes
interrupt
wait -T 10
send 'print("after", 1 + 1)'
wait
capture
new-pane -n b -s fault-startup-loop.py
new-pane -n c
send 'print("c starts")'
wait -T 10
capture
kill-pane -t b
list-panes
