# send-prefix needs the terminal UI: a script says so.
new-pane
send-prefix
