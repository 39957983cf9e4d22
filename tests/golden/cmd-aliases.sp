# args: --shared-gil --batch cmd-aliases.sp
# Every command's short alias runs that command (list-commands prints
# them all; lscm and lsk are left out here for their length, and the
# UI-only displayp, copym, cmdp, confirm and sendp fail in a script as
# their long names do).
set history-limit 100
newp -n a
newp -d -n b
send-line 'x = 6 * 7'
waitp
exp '^>>> x = 6 \* 7'
send-line 'x'
waitp -t a
intr -t a
renamep -t b second
sendf -t second cmd-send-file.py
waitp -t second
respawnp -t second
selectp -t second
send-line 'print("respawned")'
waitp
lastp
send-line 'print("back in a")'
waitp
capturep -t a
capturep -t second
savet -t a cmd-aliases.tmp
sl 0.01
selectl tiled
nextl
resizep -Z
bind -n F5 display 'F5 pressed'
unbind -n F5
display 'aliases run'
source cmd-aliases.inc
lsp
killp -t second
lsp
kill-server
display 'never shown'
