# A regular expression that does not compile (POSIX extended syntax).
new-pane
wait -r '(unclosed'
