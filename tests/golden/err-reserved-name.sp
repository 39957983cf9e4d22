# '.', '+' and '-' are targets (current, next, previous), not names.
new-pane -n +
