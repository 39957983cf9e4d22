# Syntax errors are shown without a traceback, as CPython's console shows
# them, the block typed so far is dropped, and the pane goes on.
new-pane
send 'x = = 1'
send "print 'hello'"
send 'else:'
send '1 = x'
send ')'
send 'for i in range(3):'
send '    y = i +* 2'
send 'y'
send '"still alive"'
wait
capture
