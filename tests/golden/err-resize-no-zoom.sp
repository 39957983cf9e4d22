# resize-pane with nothing to do says what it takes.
new-pane
resize-pane
