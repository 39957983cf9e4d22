# sys.stdout.buffer and sys.stderr.buffer take bytes: invalid UTF-8 shows
# as U+FFFD, a character split between two writes is put back together,
# and text and bytes written in turn keep their order.
new-pane
send 'import sys'
send <<'EOF'
n = sys.stdout.buffer.write(b'bytes: \xff\xfe caf\xc3\xa9\n')
EOF
send 'n'
send <<'EOF'
n = sys.stdout.buffer.write(b'split: caf\xc3'); n = sys.stdout.buffer.write(b'\xa9\n')
EOF
send <<'EOF'
print('text, ', end=''); n = sys.stdout.buffer.write(b'bytes, '); print('text')
EOF
send <<'EOF'
n = sys.stderr.buffer.write(b'to stderr: \x1b[1mbold\n')
EOF
send "sys.stdout.buffer.write('text')"
wait
capture
