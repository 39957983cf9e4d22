# send-keys -H takes bytes in hex, 00 to ff.
new-pane
send-keys -H 70 72 zz
