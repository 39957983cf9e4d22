# A buffer loaded from a file that is not UTF-8 cannot be pasted into a
# pane: paste-buffer says so and where, and nothing reaches the pane.
new-pane -n p
wait -t p
load-buffer -b bad err-send-file-utf8.py
paste-buffer -b bad -t p
