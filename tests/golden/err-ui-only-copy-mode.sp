# copy-mode needs the terminal UI: a script says so.
new-pane
copy-mode
