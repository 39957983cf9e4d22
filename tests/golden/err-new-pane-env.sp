# -e takes NAME=VALUE: an empty name or no '=' is an error.
new-pane -e =value
