# new-pane -s FILE runs a Python file in the pane when it starts (and at
# each respawn), silently as python3 runs PYTHONSTARTUP; a missing file is
# an error before any pane is made.
new-pane -n s -s cmd-new-pane-startup.py
send 'GREETING'
send 'round(area(2), 3)'
wait
capture
new-pane -s no-such-startup.py
