# confirm-before needs the terminal UI (there is nobody to answer y/n):
# a script says so.
new-pane
confirm-before -p 'really?' kill-pane
