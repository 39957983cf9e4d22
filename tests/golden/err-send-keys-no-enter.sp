# Batch mode has no line editor to keep half a line in: text that no
# Enter ends is an error.
new-pane
send-keys 'print(1)'
