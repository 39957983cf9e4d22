# interrupt at an idle prompt shows KeyboardInterrupt and a fresh prompt;
# in the middle of a block it drops the lines typed so far.
new-pane
send 'x = 1'
wait
interrupt
wait
send 'if x:'
send '    print("dropped")'
wait
interrupt
wait
send 'x'
wait
capture
