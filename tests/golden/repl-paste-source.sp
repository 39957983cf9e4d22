# A block sent (or pasted) as one input is kept in linecache whole under
# one name: its traceback shows lines from anywhere in it, and a function
# it defined shows its lines when called later.
new-pane
send <<'EOF2'
def parse(text):

    value = int(text)
    return value

parse("12")
parse("x")
EOF2
send 'parse("y")'
wait
capture
