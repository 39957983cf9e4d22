# -g takes own or shared.
new-pane -g mine
