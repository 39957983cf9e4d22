# source-file runs another file's commands (its errors say that file's
# name and line); quit ends the script at once, successfully.
source-file cmd-source-quit.inc
send -t sourced 'print(x * 2)'
wait
capture -t sourced
quit
send 'this never runs'
