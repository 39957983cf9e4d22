# Each input has a name of its own, <python-input-N> (N counts the pane's
# inputs from 0, an empty line too, as in CPython 3.13's console), and its
# source is kept in linecache: a traceback shows the lines typed (with
# carets where that version's traceback module draws them), a function
# typed line by line under one name, a warning its line, and a
# SyntaxError from the compiler its line too.  A startup file keeps its
# real name (absolute, hence matched with expect).
new-pane -n t
send ''
send 'def ratio(a, b):'
send '    total = a + b'
send '    return a / (b - b)'
send ''
send 'def report(items):'
send '    return [ratio(x, 1) for x in items]'
send ''
send 'report([3])'
send 'import warnings; warnings.warn("typed here")'
send 'return 1'
send 'import linecache; linecache.getline("<python-input-1>", 3)'
wait
capture
new-pane -n s -s cmd-new-pane-startup.py
send 'area("r")'
expect -t s '^  File ".*/cmd-new-pane-startup[.]py", line 5, in area$'
expect -t s '^    return math[.]pi [*] r [*] r$'
