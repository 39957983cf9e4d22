# A flag that takes a value, at the end of the line.
new-pane
wait -T
