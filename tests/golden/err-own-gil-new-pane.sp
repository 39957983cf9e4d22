# new-pane -g own needs CPython 3.12 or later: on 3.11 the message says
# which version this is; on 3.12 and later the pane has its own GIL.
new-pane -g own -n own
wait
list-panes
