# A single quote that never closes: the column is the quote's (a parse
# error, so nothing runs).
new-pane
send 'print("x")
capture
