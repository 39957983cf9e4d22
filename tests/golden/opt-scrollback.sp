# args: --scrollback 4 --batch opt-scrollback.sp
# --scrollback LINES bounds each pane's transcript: capture shows the last
# LINES lines (and the pending prompt).
new-pane
send 'for i in range(10): print(i)'
send ''
wait
capture
