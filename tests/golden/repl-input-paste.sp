# A paste while input() waits: input() gets the first line, as from a
# terminal; the other lines go to the prompt after it.
new-pane
send "v = input('v? ')"
wait
send <<'EOF'
first line
x = 5
EOF
send 'v, x'
wait
capture
