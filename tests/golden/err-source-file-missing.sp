# source-file of a file that cannot be read names it and says why.
new-pane
source-file no-such-file.inc
