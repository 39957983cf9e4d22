# set-option: history-limit bounds the transcripts of panes made after it;
# an unknown option or a bad value is an error that says what is allowed.
set-option history-limit 3
new-pane -n short
send 'for i in range(10): print(i)'
send ''
wait
capture
set-option mouse off
set-option status on
set-option prefix C-a
set-option history-size 50
set-option history-limit lots
