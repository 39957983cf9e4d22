# Batch mode has no line editor: send-keys takes text, Tab, Enter, C-c and
# C-d on an empty line; another key (Up: the history) is an error that
# names it, and nothing of the command is sent.
new-pane
send-keys 'x = 1' Enter Up Enter
