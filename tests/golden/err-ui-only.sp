# Commands that need the terminal UI say so in a script.
new-pane
display-panes
