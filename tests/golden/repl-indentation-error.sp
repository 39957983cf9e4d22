# IndentationError in its three forms, typed line by line; an empty line
# inside a class body ends the block (as in CPython's console), so the
# method after it is an unexpected indent.
new-pane
send '  x = 1'
send 'if True:'
send '    a = 1'
send '  b = 2'
send 'def f():'
send 'return 1'
send 'class K:'
send '    a = 1'
send ''
send '    def m(self):'
send '        return 2'
send ''
send 'K.a'
wait
capture
