# CPython 3.13's console takes a line that is only "clear" (blanks around
# it allowed) as its command to clear the screen, unless __main__ has a
# name clear; it runs nothing and uses no input number.  On 3.11 and 3.12
# it is a NameError, as in their consoles.  The transcript keeps the
# lines cleared off the screen.
new-pane
send 'print("before")'
send 'clear'
send '  clear  '
send '1/0'
send 'clear = "mine"'
send 'clear'
wait
capture
