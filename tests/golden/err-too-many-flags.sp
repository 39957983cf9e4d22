# At most 32 flags in one command.
new-pane -dddddddddddddddddddddddddddddddddd
