# getpass.getpass() reads the next line sent to its pane as a secret: the
# prompt shows, the line never does (capture, transcripts and journals
# hold what the pane shows), and the code gets it without its newline.
# Also with a prompt of its own and stream=, for a line sent before it
# asks (typed ahead), the first line of a block, from another thread of
# the pane; interrupt raises KeyboardInterrupt and respawn-pane ends it,
# as with input().  getuser() works.  Only digests of the secrets show
# (pure Python: hashlib aborts own-GIL panes on CPython 3.12.1).
new-pane
send 'import sys; "getpass" in sys.modules'
send 'def digest(s): return len(s), sum(i * ord(c) for i, c in enumerate(s, 1))'
send ''
send 'import getpass'
send 'pw = getpass.getpass()'
wait
send 'Xyzzy-s3cret-41'
send 'digest(pw)'
send 'pin = getpass.getpass(prompt="PIN: ", stream=sys.stderr); digest(pin)'
send '  0000 with spaces  '
send 'getpass.getpass is getpass.unix_getpass is getpass.fallback_getpass, getpass.getpass.__module__, bool(getpass.getuser())'
send 'first = getpass.getpass("block: ")'
send <<'EOF'
Plugh-bl0ck-3
print("the rest of the block runs:", digest(first))
EOF
send 'import threading; got = []; t = threading.Thread(target=lambda: got.append(getpass.getpass("thread: "))); t.start()'
wait -r '^thread: $'
send 'Frotz-thr3ad-7'
send 't.join(); digest(got[0])'
send 'getpass.getpass("interrupted: ")'
wait
interrupt
wait
send 'getpass.getpass("respawned: ")'
wait
respawn-pane
wait
send '"getpass" in __import__("sys").modules'
wait
capture
