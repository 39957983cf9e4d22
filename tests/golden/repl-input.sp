# input() reads the next line sent to the pane, whether it was sent before
# input() asked (typed ahead) or after; the line is echoed after the
# prompt, like a terminal shows it.
new-pane
send "name = input('Name? ')"
wait
send 'Ada'
send "n = int(input()); m = input('second: ')"
send '41'
send 'typed ahead'
send 'print(name, n + 1, m)'
send <<'EOF'
for i in range(2):
    print('got', repr(input(f'line {i}: ')))
EOF
send '  spaces kept  '
send ''
send '"done"'
wait
capture
