# bind-key with a key name it does not know (names as in tmux: C-b, M-1,
# F5, PPage, Space, ...).
bind-key F5 display-message 'fine'
bind-key Ctrl-x display-message 'not a key name'
