# A sourced file that does not parse: the message names that file, its
# line and column; none of its commands run.
new-pane -n outer
source-file err-source-parse.inc
