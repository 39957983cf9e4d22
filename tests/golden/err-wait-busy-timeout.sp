# wait without -r gives up after -T seconds when the pane is still busy;
# the message says what the pane is doing.  (At the end the sleeping
# pane is interrupted once its sleep returns.)
new-pane
send 'import time'
wait
send 'time.sleep(0.8)'
wait -T 0.2
