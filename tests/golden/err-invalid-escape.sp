# An unknown backslash escape (here inside double quotes) is a parse error.
new-pane
send "print('a\qb')"
