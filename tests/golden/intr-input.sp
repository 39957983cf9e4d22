# interrupt while input() waits for a line raises KeyboardInterrupt in
# the code that called input(); a try statement can catch it.
new-pane
send 'x = input("? ")'
wait
interrupt
wait
send <<'EOF'
try:
    answer = input('answer: ')
except KeyboardInterrupt:
    answer = 'interrupted'
EOF
wait
interrupt
wait
send 'answer'
wait
capture
