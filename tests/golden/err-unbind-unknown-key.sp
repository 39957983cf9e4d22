# unbind-key with a key name it does not know.
unbind-key -n Meta-Up
