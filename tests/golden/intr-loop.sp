# interrupt stops running code with KeyboardInterrupt and a traceback; the
# pane goes on.  Wait for the code to be running (it prints first).
new-pane
send <<'EOF'
def spin():
    print('spinning')
    while True: pass
EOF
send 'spin()'
wait -r '^spinning$'
interrupt
wait
send '"after the interrupt"'
send <<'EOF'
n = 0
try:
    print('counting')
    while True:
        n += 1
except KeyboardInterrupt:
    print('caught, n > 0:', n > 0)
EOF
wait -r '^counting$'
interrupt
wait
capture
