# select-pane -U/-D/-L/-R need the terminal UI (directions come from the
# layout on screen): a script says so, while select-pane -t works.
new-pane -n a
new-pane -n b
select-pane -t a
select-pane -L
