# A pane name must not look like a pane number.
new-pane -n 12
