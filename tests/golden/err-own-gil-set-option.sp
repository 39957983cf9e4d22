# set-option gil own needs CPython 3.12 or later, as new-pane -g own
# does; on 3.12 and later panes made after it have their own GIL.
set-option gil own
new-pane -n after
wait
list-panes
