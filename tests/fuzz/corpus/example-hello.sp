# hello.sp: two panes, two interpreters, two threads, one process.
# Run it with: subplex --batch examples/hello.sp
new-pane -n left
send 'import threading'
send 'counter = 1'
send 'print("left runs on thread", threading.get_ident())'
new-pane -n right
send 'import threading'
send 'counter'
send 'print("right runs on thread", threading.get_ident())'
wait -t left
wait -t right
capture -t left
capture -t right
