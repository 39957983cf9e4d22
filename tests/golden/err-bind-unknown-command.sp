# bind-key checks its command when it binds, as tmux does, not when the
# key is pressed: a name that is no command (with the one meant) and
# arguments the command does not take fail there, with FILE:LINE:COLUMN.
bind-key F5 display-message 'fine'
bind-key F6 dispaly-message 'a slip'
