# os._exit(N) ends its pane with status N, as it ends a tmux pane's
# process, never subplex: from the pane's code, when something catches the
# SystemExit it raises (the pane still ends once the input returns), and
# from a thread the pane's code started, whether the pane is idle or busy.
# The witness pane and its state survive all of it.
new-pane -n witness
send "kept = [1, 2, 3]"
new-pane -n direct
send "import os; os._exit(3)"
wait -t direct
new-pane -n caught
send <<'EOF'
import os
try:
    os._exit(4)
except SystemExit as e:
    print('caught', e.code)
print('the input runs to its end')
EOF
wait -t caught
new-pane -n idle
send "import os, threading, time"
send "threading.Thread(target=lambda: (time.sleep(0.2), os._exit(5))).start()"
wait -t idle
wait -r 'exited with status 5' -t idle
new-pane -n busy
send "import os, threading, time"
send <<'EOF'
threading.Thread(target=lambda: (time.sleep(0.2), os._exit(6))).start()
n = 0
while True:
    n += 1
EOF
wait -t busy
new-pane -n bad
send "import os; os._exit('x')"
send "os._exit(2**40)"
wait -t bad
capture -t direct
capture -t caught
capture -t idle
capture -t busy
capture -t bad
send -t witness "kept"
wait -t witness
capture -t witness
respawn-pane -t direct
send -t direct "'respawned'"
wait -t direct
capture -t direct
