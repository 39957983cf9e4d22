# args: --scrollback 4 --batch opt-scrollback.sp
# --scrollback LINES bounds each pane's scrollback (the lines that scrolled
# off its 24-row terminal): capture shows the last LINES lines of it, then
# the terminal's 23 and the pending prompt.
new-pane
send 'for i in range(40): print(i)'
send ''
wait
capture
