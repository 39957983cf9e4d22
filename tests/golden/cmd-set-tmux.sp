# tmux's names and flags for options: setw and set-window-option are
# set-option, showw and show-window-options show-options; -g, -s, -w, -p
# change nothing (subplex has one set of options); -q makes an unknown
# option no error; -u puts one back to its default; an on/off option
# without a value is toggled; show -v gives the value alone.
setw -g mouse off
set-window-option -g status off
set -sg history-size 50
set -q -g base-index 1
set -gq default-terminal screen-256color
show-options
show -v mouse
set -u mouse
set status
showw status
show-window-options -gv history-size
set -gu history-size
set -sg escape-time 10
show -v escape-time
show -g history-size
set gil shared
show gil
set -u gil
show gil
