# clear-history empties a pane's scrollback, as tmux's does: the lines
# that scrolled off its screen go, the screen's 23 lines and the prompt
# stay (24 x 80 in batch mode).
new-pane -n t
wait -t t
send -t t "for i in range(60): print('line', i)"
send -t t ""
wait -t t
clearhist -t t
capture -t t
