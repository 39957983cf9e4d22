# args: --scrollback 0 --batch err-opt-scrollback.sp
# --scrollback takes a number of lines from 1 to 10000000 (status 2).
new-pane
