# os.fork() and os.forkpty() raise a clear RuntimeError in a pane (the
# child would be a copy of every pane with one thread); subprocess works,
# and so does multiprocessing with the 'spawn' start method (here in a
# shared-GIL pane; environ.test has Pool in own-GIL panes).
new-pane
send "import os, subprocess; os.fork()"
send "os.forkpty()"
send "r = subprocess.run(['echo', 'subprocess works'])"
send "r.returncode"
wait
capture
new-pane -g shared -n mp
send <<'EOF'
import multiprocessing as mp
with mp.get_context('spawn').Pool(2) as pool:
    print(pool.map(abs, [-1, -2, 3]))
EOF
wait -T 60
capture
