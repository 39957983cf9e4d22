# Threads started by pane code print into the pane; a thread printing
# while the pane waits at its prompt adds a line before the prompt.
new-pane
send 'import sys, threading'
send <<'EOF'
def work(n):
    print(f'thread {n} says hello')
EOF
send <<'EOF'
for n in range(3):
    t = threading.Thread(target=work, args=(n,), name=f'worker-{n}')
    t.start()
    t.join()
EOF
send "t = threading.Timer(0.05, sys.stdout.write, ['late, from a timer\\n'])"
send 't.start()'
wait -r '^late, from a timer$'
send 't.join(); t.is_alive()'
send "[t.name for t in threading.enumerate() if t.name.startswith('worker')]"
wait
capture
