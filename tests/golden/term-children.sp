# Child processes of a pane's code run on the pane's terminal: what they
# do not redirect of stdin, stdout and stderr is the pane's pty, which is
# the controlling terminal of a session of their own (ps: s, +, pts; its N, a niced run, dropped), of
# the pane's size; TERM names the emulator, the pane's os.environ (new-pane
# -e) is their environment; no signal is blocked in them.
# subprocess's errors are python3's (and os.write's, which the pane wraps,
# with no frame of subplex's); os.system gives wait statuses.  A
# child that leaves the terminal raw and without echo does not leave it so
# for the next (its modes come back when no child runs).  While a child
# holds the terminal, send types to it (its input() here); a line typed
# to a child that does not read it runs in the pane after the child ends,
# as python3 reads it after its child; interrupt is C-c on the terminal:
# the child ends and the pane's code gets KeyboardInterrupt.  (The child
# says it waits only once C-c would end it: sh -c 'echo; sleep' may take
# a C-c that comes between the two for after the sleep, on any terminal.)  Every child
# has a session of its own (none can reach subplex's terminal through
# /dev/tty), but one that asks for a process group, which keeps it.
new-pane -n t -e FOO=bar
wait -t t
send -t t "import os, sys, subprocess"
send -t t "r = subprocess.run(['sh', '-c', 'test -t 0 && tty | sed s/[0-9]*$/N/; stty size; echo $TERM $FOO; ps -o stat= -p $$ | cut -c2- | tr -d N; grep SigBlk /proc/self/status'])"
send -t t "r.returncode, os.system('exit 3'), os.system('kill -9 $$')"
send -t t "subprocess.run(['/nonexistent/prog'])"
send -t t "subprocess.run(['no-such-program-here'])"
send -t t "print(subprocess.check_output(['pwd'], cwd='/'))"
send -t t "print(subprocess.run(['sh', '-c', 'echo out; echo err >&2; echo out2'], capture_output=True))"
send -t t "subprocess.run('echo one; echo two >&2; echo three', shell=True).returncode"
send -t t "os.write(99, b'x')"
send -t t "print(os.popen('echo popen; test -t 0 && echo stdin-tty').read(), end='')"
send -t t "pid = os.posix_spawnp('sh', ['sh', '-c', 'ps -o stat= -p $$ | cut -c2- | tr -d N'], os.environ); os.waitpid(pid, 0)[1]"
send -t t "before = subprocess.run(['stty', '-g'], capture_output=True).stdout"
send -t t "r = subprocess.run(['stty', 'raw', '-echo'])"
send -t t "before == subprocess.run(['stty', '-g'], capture_output=True).stdout"
send -t t "r = subprocess.run([sys.executable, '-c', 'print(input(\"name? \")[::-1])'])"
expect -t t 'name[?] $'
send -t t "subplex"
wait -t t
send -t t "r.returncode"
wait -t t
send -t t "r = subprocess.run(['sh', '-c', 'echo started; sleep 1'])"
expect -t t '^started'
send -t t "print('typed' + ' ahead')"
wait -t t
send -t t "try:\n    subprocess.run([sys.executable, '-c', 'import signal, time; signal.signal(signal.SIGINT, signal.SIG_DFL); print(\"waiting\", end=\"\", flush=True); time.sleep(30)'])\nexcept KeyboardInterrupt:\n    print('interrupted')\n"
expect -t t '^waiting'
interrupt -t t
wait -t t
send -t t "r = subprocess.run(['sh', '-c', 'read -r _ _ _ _ pg sid _ < /proc/$$/stat; test $pg = $$ && echo own-group; test $sid = $$ && echo own-session'], process_group=0)"
send -t t "subprocess.run(['sh', '-c', 'read -r _ _ _ _ pg sid _ < /proc/$$/stat; test $sid = $$ && echo own-session; exec cat /dev/tty'], stdin=subprocess.DEVNULL, capture_output=True)"
wait -t t
capture -t t
