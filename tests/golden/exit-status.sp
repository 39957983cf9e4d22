# exit(), quit(), sys.exit(N) and raise SystemExit(...) end the pane, which
# stays listed, dead, with the status CPython would exit with; a message
# given to SystemExit is printed as CPython prints it.
new-pane -n ex
send 'exit()'
new-pane -n qu
send 'quit()'
new-pane -n sy
send 'import sys; sys.exit(3)'
new-pane -n msg
send "raise SystemExit('bye')"
new-pane -n none
send <<'EOF'
def leave():
    print('leaving')
    raise SystemExit
EOF
send 'leave()'
new-pane -n nested
send <<'EOF'
try:
    exit(4)
finally:
    print('finally runs')
EOF
wait -t ex
wait -t qu
wait -t sy
wait -t msg
wait -t none
wait -t nested
capture -t ex
capture -t qu
capture -t sy
capture -t msg
capture -t none
capture -t nested
list-panes
