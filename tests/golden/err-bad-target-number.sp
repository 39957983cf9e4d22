# -t with a number past the last pane (numbers count from 0).
new-pane
new-pane
capture -t 2
