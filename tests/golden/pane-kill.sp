# kill-pane ends a pane, interrupting code that runs there, and removes
# it: the panes after it move up one number, and the killed name is an
# error.
new-pane -n first
new-pane -n doomed
new-pane -n last
send -t first 'who = "first"'
send -t last 'who = "last"'
send -t doomed <<'EOF'
print('looping')
while True: pass
EOF
wait -t doomed -r '^looping$'
kill-pane -t doomed
send -t 1 'who'
wait -t 1
capture -t 1
wait -t 0
capture -t 0
send -t doomed 'who'
