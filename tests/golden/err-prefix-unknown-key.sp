# set-option prefix takes a key name.
set-option prefix C-a
set-option prefix ctrl-a
