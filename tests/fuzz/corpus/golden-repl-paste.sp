# Text of several lines (a here-document) runs as one input, as a paste
# does: the first line after the prompt, the others after "... ", then
# each statement runs in turn and expression results are shown.  Blank
# lines inside the text do not end it; an error stops the rest.
new-pane
send <<'EOF'
x = 1
x + 10
class K:
    a = 1

    def m(self):
        return 2

K().m()
EOF
send <<'EOF'
y = 'first'
1/0
y = 'not reached'
EOF
send 'y'
send <<'EOF'
def f(a):
    return g(a)
def g(a):
    return a[3]
f('ab')
EOF
send <<'EOF'
ok = 'not set'
def broken(:
    pass
EOF
send 'ok'
send <<'EOF'
from __future__ import annotations
def h(x: Undefined): pass
EOF
send 'h.__annotations__'
wait
capture
