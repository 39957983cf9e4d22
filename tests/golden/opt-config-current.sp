# args: -F opt-config-current.conf --batch opt-config-current.sp
# The panes a config file (-F) makes exist in the script, and the newest
# of them is its current pane, as it has the focus in the terminal UI.
send -t fromrc 'print("named")'
wait -t fromrc
capture -t fromrc
send 'print("current")'
wait
capture
