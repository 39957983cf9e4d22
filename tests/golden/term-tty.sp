# A pane's code sees a terminal: sys.stdout and sys.stderr are the pane's
# pseudo-terminal (isatty, os.get_terminal_size and shutil's give its
# size, 24 x 80 in batch mode); what is written to that fd, and what a
# child given sys.stdout writes, shows in the pane.  sys.stdin is a
# terminal too (lines typed at the pane).
new-pane -n t
wait -t t
send -t t "import os, sys, shutil, subprocess"
send -t t "sys.stdout.isatty(), sys.stderr.isatty(), sys.stdin.isatty()"
send -t t "os.get_terminal_size(sys.stdout.fileno()), os.isatty(sys.stderr.fileno())"
send -t t "_ = [os.environ.pop(v, None) for v in ('COLUMNS', 'LINES')]"
send -t t "shutil.get_terminal_size()"
send -t t "n = os.write(sys.stdout.fileno(), b'through the pty\\n')"
send -t t "r = subprocess.run([sys.executable, '-c', 'import os; print(os.isatty(1), os.get_terminal_size(1))'], stdout=sys.stdout)"
wait -t t
capture -t t
