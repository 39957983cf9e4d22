# A line typed to a child that holds the terminal raw (no ICRNL: its Enter
# is a CR) and never reads it runs in the pane after the child ends, as
# python3 reads it then; the soak found it dropped.  (The child says
# "ready" in a way its command line does not, so the wait is for it.)
new-pane -n t
wait -t t
send -t t "import subprocess; r = subprocess.run(['sh', '-c', 'stty raw -echo; printf \"rea%sy\\\\n\" d; sleep 2'])"
wait -t t -r ready
send -t t "'after ' + 'raw'"
wait -t t -r "'after raw'"
wait -t t
capture -t t
