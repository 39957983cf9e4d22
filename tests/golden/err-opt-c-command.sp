# args: -c new-pane;frobnicate;list-panes
# A failing command in -c COMMANDS: -c:1:COLUMN names where it is.
