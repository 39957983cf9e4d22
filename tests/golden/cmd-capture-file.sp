# capture -o and save-transcript write the transcript to a file; the
# file is read back through the pane itself to show it.
new-pane -n w
send 'print("saved line")'
wait
capture -o cmd-capture-file.tmp
save-transcript cmd-capture-file.tmp2
send 'import os; a = open("cmd-capture-file.tmp").read(); b = open("cmd-capture-file.tmp2").read()'
send '"saved line" in a, a == b'
send 'os.remove("cmd-capture-file.tmp"); os.remove("cmd-capture-file.tmp2")'
wait
capture
