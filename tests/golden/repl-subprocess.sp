# A child process writes to the pane's captured fds 1 and 2: its output
# shows in the pane's transcript, before the next prompt.  fds 1 and 2 are
# two pipes, read in turn: what a child writes to both at once may arrive
# in either order (CI saw it under load), so the child waits a moment
# between the two here.
new-pane
send 'import subprocess'
send "r = subprocess.run(['echo', 'hi from echo'])"
send 'r.returncode'
send "r = subprocess.run(['sh', '-c', 'echo out; sleep 0.1; echo err >&2; exit 3'])"
send 'r.returncode'
send "subprocess.run(['printf', 'captured'], capture_output=True).stdout"
send "subprocess.check_output(['sh', '-c', 'echo a; echo b'], text=True)"
wait
capture
