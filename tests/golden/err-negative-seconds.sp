# A negative number of seconds.
new-pane
wait -T -1
