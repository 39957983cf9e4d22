# send-file checks the whole file first: invalid UTF-8 (a Latin-1 byte on
# line 2) is refused with the file's line, and nothing is typed.
new-pane
send-file err-send-file-utf8.py
