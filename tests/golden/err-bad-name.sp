# A pane name must not hold spaces, '/' or control characters.
new-pane -n 'two words'
