# A send-keys word that starts as a key name with modifiers (C-, M-, S-)
# but names no key is an error, not text; nothing of the command is sent.
new-pane
send-keys 'print(1)' C-Enterr
