# args: --batch err-opt-needs-value.sp -F
# An option that takes a value, last on the command line (status 2).
new-pane
