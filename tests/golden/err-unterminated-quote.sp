# A parse error anywhere stops the script before anything runs: no pane,
# no capture output; the message gives FILE:LINE:COLUMN of the quote.
new-pane
send 'x = 1'
capture
send "print('x')
