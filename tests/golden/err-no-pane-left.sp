# After the only pane is killed there is no current pane.
new-pane
kill-pane
capture
