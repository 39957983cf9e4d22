# list-keys -T TABLE lists one table's bindings (C-b ? shows the prefix
# table so); a table nobody made is an error naming it.
bind-key -T copy-mode-vi x send -X copy-selection-and-cancel
list-keys -T copy-mode-vi
list-keys -T nosuch
