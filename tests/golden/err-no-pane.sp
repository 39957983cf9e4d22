# A command that needs a pane before any new-pane.
send 'x = 1'
