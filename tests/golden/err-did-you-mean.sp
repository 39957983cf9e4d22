# A command name one slip from a command's (or its alias's) says which:
# the script stops there, with FILE:LINE:COLUMN, as for any unknown one.
new-pane
sned 'x = 1'
send 'never sent'
