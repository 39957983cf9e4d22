# A backslash as the very last byte of a script (no newline follows it
# to continue onto) is a parse error at the backslash.
new-pane
send x\