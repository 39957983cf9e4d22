# split-window makes a pane with new-pane's flags (and focus) in a script
# too; where it goes needs a screen, so here only the pane is made.
# resize-pane checks its arguments and does nothing more; swap-pane trades
# the panes' places in the order (list-panes shows it).
split-window -n a
split-window -h -l 30% -n b -t a
splitw -v -b -l 5 -d -n c
send-line 'print("in", "b")'
wait
wait -t a
wait -t c
capture
list-panes
resize-pane -L 5
resize-pane -t a -D
resizep -x 40 -y 50%
resize-pane -Z
swap-pane -U
list-panes
swap-pane -D -d
swapp -s a -t c
list-panes
split-window -t c -e SPLIT=yes -n d
send-line 'import os; print(os.environ["SPLIT"])'
wait
capture -t d
