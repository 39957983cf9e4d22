# rename-pane: the new name targets the pane, the old one is gone.
new-pane -n work
send 'x = "in work"'
rename-pane calc
send -t calc 'x'
wait -t calc
capture -t calc
rename-pane -t calc again
send -t again '"renamed twice"'
wait -t again
capture -t again
send -t work 'x'
