# -t with a name no pane has.
new-pane -n real
send -t unreal 'x = 1'
