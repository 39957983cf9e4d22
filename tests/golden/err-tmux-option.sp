# One of tmux's options subplex does not have: one clear line (a session
# script stops there; a config would go on, and set -q says nothing).
set -q -g base-index 1
set -g base-index 1
display-message 'never shown'
