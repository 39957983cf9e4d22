# Pane names are unique.
new-pane -n calc
new-pane -n other
rename-pane -t other calc
