# bind-key checks its command's arguments when it binds.
bind-key F7 select-pane -Q
