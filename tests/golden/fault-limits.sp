# Code that hits Python's limits fails in its pane only, with the error
# Python gives, and the pane goes on: unbounded recursion (RecursionError),
# a huge allocation (MemoryError), output with invalid UTF-8 and terminal
# escapes (shown as U+FFFD and in caret notation, never sent to the
# terminal), a 1 MB line of output and a million lines of output (the
# scrollback keeps its last lines).  The witness pane keeps its state.
new-pane -n witness
send "kept = 'still here'"
new-pane -n limits
send <<'EOF'
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print('RecursionError:', e)
EOF
send <<'EOF'
try:
    huge = bytearray(1 << 50)
except MemoryError:
    print('MemoryError, as in python3')
EOF
send 'import sys; n = sys.stdout.buffer.write(b"bad \xff\xfe utf-8 \x1b[2J escape\n")'
wait
capture -t limits
send "print('x' * 1_000_000 + '|end')"
wait
expect -t limits '^x{255}.*x{255}[|]end$'
send <<'EOF'
for i in range(1_000_000):
    print(i)
EOF
wait
expect -t limits '^999999$'
send "'the pane goes on'"
wait
expect -t limits "^'the pane goes on'$"
send -t witness "kept"
wait -t witness
capture -t witness
