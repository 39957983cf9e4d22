# send-file runs a .py file in the pane as one block, as a paste runs:
# the lines after the first under "... ", then what it printed.
new-pane -n f
send-file cmd-send-file.py
wait
capture
send-file no-such-file.py
