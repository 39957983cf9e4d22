# Writes to file descriptors 1 and 2 from C (libc's write and printf,
# called through ctypes) are captured into the pane that ran them, never
# written raw to the terminal.  ctypes does not load in own-GIL panes on
# 3.12, so the pane shares the GIL.  Each write is a statement of its own
# (see repl-fd-output for the order of fd and sys.stdout output).
new-pane -g shared
send 'import ctypes, time; libc = ctypes.CDLL(None)'
send 'n = libc.write(1, b"from C on fd 1\n", 15); time.sleep(0.05)'
send 'n = libc.write(2, b"from C on fd 2\n", 15); time.sleep(0.05)'
send 'n = libc.printf(b"printf says %d\n", 42); m = libc.fflush(None); time.sleep(0.05)'
wait
capture
