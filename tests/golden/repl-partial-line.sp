# Output without a final newline: the next prompt follows it on the same
# line, and a bare carriage return makes the following text replace the
# line, as progress output looks on a terminal.  CR LF is a newline.
new-pane
send "print('no newline', end='')"
send <<'EOF'
print('abc\rXYZ')
EOF
send 'for i in range(5):'
send "    print(f'\\rprogress {i * 25}%', end='')"
send ''
send "print(' finished')"
send <<'EOF'
print('dos\r\nline')
EOF
send <<'EOF'
print('ends with cr\r')
EOF
send "print('more')"
wait
capture
