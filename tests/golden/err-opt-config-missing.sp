# args: -F no-such.conf --batch err-opt-config-missing.sp
# -F names a config file that cannot be read: nothing runs (status 1).
new-pane
