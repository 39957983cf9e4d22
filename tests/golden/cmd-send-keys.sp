# send-keys in batch mode, which has no line editor: text and Enter make
# a line, -l types its words as text (a newline is Enter), -H types bytes
# given in hex, C-c interrupts (and drops the text typed before it), C-d
# on an empty line ends the pane's input.  With synchronize-panes on,
# send-keys with no -t types at every live pane but one in getpass();
# send with no -t stays the current pane's.
new-pane -n a
send-keys -t a 'print(1+1)' Enter
send-keys -t a -l "print('Enter', 'C-c')\n"
send-keys -t a -H 70 72 69 6e 74 28 33 29 0d
send-keys -t a 'import time' Enter 'try:' Enter "    print('sleeping'); time.sleep(30)" Enter 'except KeyboardInterrupt:' Enter "    print('interrupted')" Enter Enter
wait -t a -r '^sleeping$'
send-keys -t a 'never sent' C-c
wait -t a
send-keys -t a '"after"' Enter
wait -t a
new-pane -n b
new-pane -n c
send -t c 'import getpass; pw = getpass.getpass()'
wait -t c
select-pane -t a
set-option synchronize-panes
send-keys 'print("in every pane")' Enter
send 'print("current pane only")'
wait -t a
wait -t b
send -t c 'one-secret'
send -t c 'len(pw)'
wait -t c
set-option synchronize-panes off
send-keys -t b C-d
wait -t b
wait -t a
capture -t a
capture -t b
capture -t c
