# args: -F opt-config-errors.conf --batch opt-config-errors.sp
# A config (-F) with errors goes on, as tmux's: each failing command and
# each line that does not parse is told with FILE:LINE:COLUMN (a sourced
# file's with its "source-file:" steps), the good lines between them run,
# and then the script; its exit status is the script's (0).
show-options
display-message 'the script ran'
