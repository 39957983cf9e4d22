# new-pane -c DIR starts the pane in DIR: its working directory is its own
# (os.chdir in one pane moves no other), modules there import as in
# python3 -i, and a respawn starts in DIR again.  -e NAME=VALUE (repeatable)
# sets NAME in that pane's os.environ only.
new-pane -n a -c cwd-dir -e GREETING=hello -e 'SPACED=a b=c'
new-pane -n b
send -t a <<'EOF'
import os, cwd_helper
print(os.path.basename(os.getcwd()), cwd_helper.WHERE)
print(os.environ['GREETING'], os.getenv('SPACED'), os.environb[b'GREETING'])
EOF
wait -t a
send -t b "import os; print(os.path.basename(os.getcwd()), os.getenv('GREETING'))"
wait -t b
send -t a "os.chdir('..'); print(os.path.basename(os.getcwd()))"
wait -t a
send -t b "print(os.path.basename(os.getcwd())); os.chdir('cwd-dir')"
wait -t b
send -t a "open('cwd-dir/cwd_helper.py').readline()[:10]"
wait -t a
respawn-pane -t a
send -t a "import os; print(os.path.basename(os.getcwd()), os.environ['GREETING'])"
wait -t a
capture -t a
capture -t b
new-pane -c no-such-dir
