# wait -r gives up after -T seconds when the text never appears.
new-pane
send 'print("something else")'
wait -T 0.3 -r '^never printed$'
