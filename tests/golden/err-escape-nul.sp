# An escape that gives a NUL byte is refused: text sent to a pane is a C
# string.
new-pane
send "print('a\x00b')"
