# One command takes at most one here-document: the column is the second's.
new-pane
send <<A <<B
print('a')
A
print('b')
B
