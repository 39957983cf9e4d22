# Commands for the terminal UI's layout and keys also run in a script
# (layouts have no screen to change here, keys no terminal to come from):
# they are checked and remembered.  list-keys shows the bindings.
new-pane -n a
new-pane -n b
select-layout tiled
select-layout even-v
next-layout
resize-pane -Z
bind-key -n F5 send -t a 'print(5)'
unbind-key -T prefix d
list-keys
display-message "layout and keys done"
select-layout spiral
