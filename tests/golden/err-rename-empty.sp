# A pane name may not be empty.
new-pane
rename-pane ''
