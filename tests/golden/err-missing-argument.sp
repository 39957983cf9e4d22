# A command without its argument.
new-pane
rename-pane -t 0
