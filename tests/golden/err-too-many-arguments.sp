# A second word where one argument is expected (quote the text to send).
new-pane
send print 1
