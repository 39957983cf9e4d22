# resize-pane moves one border at a time.
new-pane -n a
resize-pane -L -R 3
