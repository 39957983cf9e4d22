# "<<" with no tag after it.
new-pane
send <<
print('x')
