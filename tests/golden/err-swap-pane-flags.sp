# swap-pane needs to know which pane to swap with.
new-pane -n a
new-pane -n b
swap-pane -t a
