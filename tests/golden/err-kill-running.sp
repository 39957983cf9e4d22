# kill-pane gives up after 3 s when the pane's code does not return to
# the interpreter (a blocking C call, here select.select, takes an
# interrupt only when it returns): the pane is kept and the message says
# why.  (At the end the script's quit interrupts it again once the call
# returns.)
new-pane -n blocked
send 'import select'
send 'print("blocking"); select.select([], [], [], 4)'
wait -r '^blocking$'
kill-pane
