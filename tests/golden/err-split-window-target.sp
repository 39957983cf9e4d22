# split-window -t names a pane that is not there: no pane is made.
new-pane -n a
split-window -t nope
