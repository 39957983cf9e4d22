# args: --batch err-opt-batch-and-c.sp -c list-panes
# --batch and -c both give the commands to run: only one may be given.
new-pane
