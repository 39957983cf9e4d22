# split-window -l takes cells or a percentage; the pane is not made.
new-pane -n a
split-window -l 0%
