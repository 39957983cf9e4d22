# send-file types a .py file's lines into the pane, as if typed; a file
# that ends inside a block gets the empty line that ends it.
new-pane -n f
send-file cmd-send-file.py
wait
capture
send-file no-such-file.py
