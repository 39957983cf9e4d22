# Copy mode's commands (send-keys -X, tmux's send -X) bind in the
# copy-mode-vi and copy-mode tables; run where there is no terminal
# interface (batch), they say copy mode is the terminal's.
bind-key -T copy-mode-vi x send -X copy-selection-and-cancel
bind-key -T copy-mode M-y send-keys -X copy-selection
new-pane -n p
wait
send-keys -X cancel
