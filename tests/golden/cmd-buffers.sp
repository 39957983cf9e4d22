# Paste buffers, as tmux's: set-buffer adds the newest (bufferN, or -b's
# name), list-buffers lists them newest first with a sample, show-buffer
# prints one, save-buffer writes it (-a appends), load-buffer reads a
# file, capture -b puts a pane's text in one, paste-buffer gives one to a
# pane (in batch mode a line runs as a line, several lines as one block),
# delete-buffer drops one.
new-pane -n p
wait -t p
set-buffer "print('from a buffer')"
set-buffer -b two "x = 6\nprint(x * 7)"
set-buffer -a -b two "\nprint('appended')"
list-buffers
show-buffer -b buffer0
paste-buffer -t p
wait -t p
paste-buffer -b two -t p
wait -t p
save-buffer -b two cmd-buffers.tmp
save-buffer -a -b two cmd-buffers.tmp
delete-buffer -b two
load-buffer -b loaded cmd-buffers.tmp
send -t p 'import os; os.remove("cmd-buffers.tmp")'
wait -t p
show-buffer
capture -t p -b cap
delete-buffer -b loaded
list-buffers
paste-buffer -d -b buffer0 -t p
wait -t p
capture -t p
list-buffers
