# \u and \U give UTF-8, so a surrogate code point is refused.
new-pane
send "print('\ud800')"
