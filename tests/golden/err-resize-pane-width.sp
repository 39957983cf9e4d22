# resize-pane -x takes cells or a percentage.
new-pane -n a
resize-pane -x 120%
