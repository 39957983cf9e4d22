# Output written to file descriptors 1 and 2 directly (os.write, C code,
# child processes) is captured into the pane's transcript, never shown
# raw: invalid UTF-8 becomes U+FFFD.  Each os.write is a statement on its
# own whose result is not displayed: the order between captured fd output
# and sys.stdout output of one statement is not defined.  The sleeps work
# around a race: fd output read just as its statement ends can be given to
# no pane (it then goes to standard error as "output on fd 1 from no
# single pane").
new-pane
send 'import os, time'
send <<'EOF'
n = os.write(1, b'fd 1: invalid UTF-8 \xff\xfe| and \xe9t\xe9\n'); time.sleep(0.05)
EOF
send 'n'
send <<'EOF'
n = os.write(2, b'fd 2: to standard error\n'); time.sleep(0.05)
EOF
send <<'EOF'
n = os.write(1, b'no newline on fd 1'); time.sleep(0.05)
EOF
send <<'EOF'
status = os.system('echo from a shell; echo to its stderr >&2')
EOF
send 'status'
wait
capture
