# expect turns a session into a test: the pane's output since the last
# send must match, or the script stops there with what the pane printed.
new-pane -n calc
send 'x = 6 * 7'
send 'x'
expect '^42$'
send 'print("hello", x)'
expect -T 5 'hel+o 42'
send 'x + 1'
expect -t calc '^44$'
send 'print("not reached")'
