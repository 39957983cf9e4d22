# list-panes: number, name, state and GIL of each pane, the current one
# marked.  The default GIL is the pane's own from CPython 3.12 on, shared
# on 3.11 (expected output: .out-3.12, .out-3.13); -g shared asks for it.
new-pane -n default
new-pane -n shared -g shared
new-pane -n reader
send 'x = input()'
wait
wait -t default
wait -t shared
new-pane -n gone
send 'exit(7)'
wait
list-panes
