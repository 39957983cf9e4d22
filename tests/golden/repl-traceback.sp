# Runtime errors show a traceback (one frame per call, each input under
# its own <python-input-N>, with the lines typed), chained exceptions show
# both parts, and the pane goes on.
new-pane
send '1/0'
send <<'EOF'
def outer(items):
    return inner(items)
EOF
send <<'EOF'
def inner(items):
    return items[len(items)]
EOF
send 'outer([1, 2])'
send <<'EOF'
try:
    {}['key']
except KeyError as e:
    raise ValueError('lookup failed') from e
EOF
send <<'EOF'
try:
    int('x')
except ValueError:
    raise TypeError('while handling')
EOF
send "raise RuntimeError('plain') from None"
send <<'EOF'
class Bad:
    def __repr__(self):
        return 1 / 0
EOF
send 'Bad()'
send 'import sys; sys.last_type.__name__'
send '"still running"'
wait
capture
