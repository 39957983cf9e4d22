# An unknown command stops the script with FILE:LINE and exit status 1.
new-pane
send 'x = 1'
frobnicate 'x'
send 'never sent'
