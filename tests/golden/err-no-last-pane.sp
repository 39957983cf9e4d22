# last-pane (as select-pane -l) needs a previous current pane that still
# exists: here it was killed.
new-pane -n a
new-pane -n b
kill-pane -t a
last-pane
