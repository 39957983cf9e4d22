# -T takes a number of seconds from 0 to 86400.
new-pane
wait -T 1.5
wait -T soon
