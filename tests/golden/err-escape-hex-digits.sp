# \xHH needs two hex digits (\u four, \U eight): the message shows the
# escape as written and how many digits it needs.
new-pane
send "print('\x4g')"
