# select-pane -l goes back to the previous current pane, as tmux's
# last-pane; send then types there.
new-pane -n first
new-pane -n second
select-pane -l
send 'print("in first")'
select-pane -l
send 'print("in second")'
wait -t first
wait -t second
capture -t first
capture -t second
