# A pane is a terminal, so CPython 3.13 colours its tracebacks as its own
# console does (it asks isatty() of sys.stderr and looks at TERM, which is
# xterm-256color in a pane); capture -e shows the colours.  3.11 and 3.12
# have no coloured tracebacks; PYTHON_COLORS=0 turns them off in 3.13.
new-pane -n t
wait -t t
send -t t "import os; _ = [os.environ.pop(v, None) for v in ('NO_COLOR', 'FORCE_COLOR', 'PYTHON_COLORS')]"
send -t t "1/0"
send -t t "os.environ['PYTHON_COLORS'] = '0'"
send -t t "1/0"
wait -t t
capture -e -t t
