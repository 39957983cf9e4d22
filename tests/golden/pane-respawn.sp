# respawn-pane gives a dead pane a fresh interpreter: same name and
# position, the old transcript kept, none of the old variables.
new-pane -n a
send 'x = 1'
send 'import sys; sys.exit(5)'
wait
respawn-pane
send "'x' in globals()"
send 'x = 2; x'
wait
capture
respawn-pane -t a
send 'x = 3; x'
wait
capture
