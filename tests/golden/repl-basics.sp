# The REPL basics: assignments show nothing, expression results are shown
# with repr and saved in _, None is not shown, print writes its text, an
# empty line gives a fresh prompt, and "a; b" shows both results.
new-pane
send 'x = 6 * 7'
send 'x'
send '_ + 1'
send '_'
send "print('hello,', 'world')"
send 'None'
send '_'
send ''
send '"text"'
send 'y = _'
send 'y'
send '1; 2'
send '[i * i for i in range(5)]'
send 'import sys; sys.stdout.write("written")'
wait
capture
