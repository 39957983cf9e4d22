# last-pane goes back to the previous current pane in a script too, as
# select-pane -l does; twice returns where it started.
new-pane -n one
new-pane -n two
last-pane
send 'print("typed in one")'
last-pane
send 'print("typed in two")'
wait -t one
wait -t two
capture -t one
capture -t two
