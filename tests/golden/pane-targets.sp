# Targets: a name, a number (position from 0), "." the current pane (the
# one last created), "+" the next one and "-" the previous one, wrapping
# around; -t . and no -t are the same.
new-pane
new-pane -n middle
new-pane
send -t 0 'who = ["py0"]'
send -t middle 'who = ["middle"]'
send -t py1 'who = ["py1"]'
send -t . 'who.append(".")'
send 'who.append("none")'
send -t + 'who.append("+")'
send -t - 'who.append("-")'
send -t 2 'who.append(2)'
send -t 1 'who.append(1)'
send -t 0 'who'
send -t 1 'who'
send -t 2 'who'
wait -t 0
wait -t 1
wait -t 2
capture -t 0
capture -t 1
capture -t 2
