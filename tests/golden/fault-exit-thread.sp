# sys.exit(3), exit() and raise SystemExit in a thread the pane's code
# started end that thread only, silently, as in python3; the pane and its
# state go on.  (os._exit in a thread ends the pane: fault-os-exit.)
new-pane -n witness
send "kept = 'still here'"
new-pane -n threads
send "import sys, threading; state = []"
send <<'EOF'
def run(how):
    state.append(how + ' starts')
    if how == 'sys.exit':
        sys.exit(3)
    elif how == 'exit':
        exit()
    else:
        raise SystemExit('bye')
    state.append('never')
EOF
send <<'EOF'
for how in ('sys.exit', 'exit', 'raise'):
    t = threading.Thread(target=run, args=(how,))
    t.start()
    t.join()
EOF
send "state"
send "'the pane goes on'"
wait
capture
send -t witness "kept"
wait -t witness
capture -t witness
