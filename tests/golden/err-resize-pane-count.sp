# resize-pane's count is a number of cells.
new-pane -n a
resize-pane -U many
