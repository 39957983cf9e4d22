# An option name one slip from an option's says which, in a session
# script as in a config; the script stops there.
set-option mouse off
setw -g mosue on
display-message 'never shown'
