# An unknown flag: the message shows the command's usage.
new-pane
send -x 'x = 1'
