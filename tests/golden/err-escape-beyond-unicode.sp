# \U past U+10FFFF is not a code point.
new-pane
send "print('\U00110000')"
