# set-option: history-limit bounds the scrollback of panes made after it
# (the lines that scrolled off their 24-row terminal: up to 13 are gone);
# an unknown option or a bad value is an error that says what is allowed.
set-option history-limit 3
new-pane -n short
send 'for i in range(40): print(i)'
send ''
wait
capture
set-option mouse off
set-option status on
set-option prefix C-a
set-option history-size 50
set-option history-limit lots
