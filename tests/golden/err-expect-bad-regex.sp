# expect with a regular expression that does not compile.
new-pane
send '1 + 1'
expect '[2'
