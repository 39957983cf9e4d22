# capture -o (and save-transcript) name the file they cannot write and
# say why.
new-pane
capture -o no-such-dir/out.txt
