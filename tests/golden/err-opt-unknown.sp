# args: --frobnicate --batch err-opt-unknown.sp
# An unknown option is named (without the program's path), then the
# usage (status 2).
new-pane
