# "from __future__ import annotations" typed once holds for every later
# input of the pane (typed or pasted), and only in that pane.
new-pane -n lazy
new-pane -n eager
send -t lazy 'from __future__ import annotations'
send -t lazy 'def f(x: NotDefinedAnywhere) -> list[int]:'
send -t lazy '    return x'
send -t lazy ''
send -t lazy 'f.__annotations__'
send -t lazy <<'EOF'
class C:
    attr: AlsoUndefined = 1
EOF
send -t lazy 'C.__annotations__'
send -t eager 'def f(x: NotDefinedAnywhere) -> list[int]:'
send -t eager '    return x'
send -t eager ''
wait -t lazy
wait -t eager
capture -t lazy
capture -t eager
