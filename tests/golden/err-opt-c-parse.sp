# args: -c new-pane;send'print(1)
# -c COMMANDS that do not parse: messages name them -c, at line 1 and the
# column in the string; nothing runs.
