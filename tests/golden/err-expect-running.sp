# expect fails when the pane's output does not match by the timeout: when
# the pane is still running the message says so and shows what it
# printed so far.
new-pane -n busy
send 'import time'
send 'print("started"); time.sleep(1.5)'
wait -r '^started$'
expect -T 0.2 'finished'
