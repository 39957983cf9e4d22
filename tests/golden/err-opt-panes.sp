# args: -n 65
# -n takes a number of panes from 0 to 64 (a usage error: status 2,
# before anything starts).
