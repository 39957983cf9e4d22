# Text to send must be valid UTF-8: this file holds a Latin-1 byte (0xe9).
new-pane
send 'print("ok")'
wait
capture
send 'x = "café"'
capture
