# readline and curses cannot work inside a pane: importing them fails at
# once with an ImportError that says why, and the pane goes on.
new-pane
send 'import readline'
send 'import curses'
send 'from _curses import initscr'
send 'import _curses_panel'
send 'import json; json.dumps([1])'
wait
capture
