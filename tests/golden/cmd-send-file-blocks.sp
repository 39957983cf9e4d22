# send-file runs a .py file as one block, as a paste runs: blank lines
# inside a class or a function do not end it, expression statements show
# their values, and the file is one input, whose lines its tracebacks
# show.  Sending a file to a pane that has exited is an error.
new-pane -n f
send-file cmd-send-file-blocks.py
send 'fail()'
send 'exit(3)'
wait
capture
send-file cmd-send-file-blocks.py
