# time.sleep in a pane ends at once on interrupt with KeyboardInterrupt, as
# C-c does in python3 (the pane's worker is its main thread); a caught
# interrupt does not cut a later sleep short; threads the pane's code
# starts sleep as usual.  The witness pane keeps its state throughout.
new-pane -n witness
send "kept = [1, 2, 3]"
new-pane -n sleeper
send "import time, threading; t0 = time.monotonic(); print('sleeping')"
send "time.sleep(30)"
wait -r '^sleeping$'
sleep 0.2
interrupt
wait
send "print('cut short:', time.monotonic() - t0 < 20)"
send <<'EOF'
def spin():
    print('spinning')
    try:
        n = 0
        while True:
            n += 1
    except KeyboardInterrupt:
        print('caught')
    time.sleep(0.1)
    print('the next sleep is whole')
EOF
send "spin()"
wait -r '^spinning$'
interrupt
wait
send "th = threading.Thread(target=time.sleep, args=(0.1,)); th.start(); th.join(); print('thread slept')"
send "time.sleep(-1)"
send "time.sleep(0); time.sleep"
wait
capture
send -t witness "kept"
wait -t witness
capture -t witness
