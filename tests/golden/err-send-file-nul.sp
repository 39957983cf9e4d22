# send-file refuses a file with a NUL byte, naming its line, before
# anything is typed.
new-pane
send-file err-send-file-nul.py
