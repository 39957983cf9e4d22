# A pane whose code started a thread that does not end is kept by
# kill-pane, after waiting 1 s for the thread, and the script fails.
new-pane -n keeper
send 'import threading'
send 'ev = threading.Event()'
send "t = threading.Thread(target=ev.wait, name='sleeper'); t.start()"
wait
kill-pane
