# command-prompt needs the terminal UI: a script says so.
new-pane
command-prompt -p 'name?' 'rename-pane %%'
