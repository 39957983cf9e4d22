# A tmux command subplex has under another name is answered with that
# name (not run: the arguments differ).
new-pane
new-window
