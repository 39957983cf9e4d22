# A backslash before a byte that is not printable ASCII (here the first
# byte of the UTF-8 e-acute) names that byte.
new-pane
send "print('caf\é')"
