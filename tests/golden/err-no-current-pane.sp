# args: -F err-no-current-pane.conf --batch err-no-current-pane.sp
# The panes a config file (-F) makes exist in the script, but the
# script starts with no current pane: a command needs -t PANE.
send -t fromrc 'print("named")'
wait -t fromrc
capture -t fromrc
send 'print("current")'
