#!/usr/bin/env python3
"""latency.py: keystroke-to-echo latency in the focused pane while every
other pane runs a CPU-bound loop, in subplex and in tmux running python3 -q.
subplex is measured twice: in the terminal it started on, then, after a
detach (C-b d), in a terminal attached with `subplex attach` (the judged
figure: keys through a client of a running server).

Each program runs on a pseudo-terminal this script holds (100x30).  Four
panes: three run `while True: pass`, the fourth is focused.  Then, KEYS
times: write a 'y' or a 'w' (alternately, so that each key changes the
screen), read what the program draws until that letter appears (neither is
in an escape sequence either program sends here), note the time, and wait
for the screen to settle; C-u empties the line every 40 keys.  Prints p50 and p99 in milliseconds for each program.

usage: latency.py SUBPLEX PYTHON KEYS
"""
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import fcntl
import termios
import time
import tempfile


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    return pid, fd


def drain(fd, quiet=0.05, limit=5.0):
    """Read until nothing arrives for `quiet` seconds; return the bytes."""
    out = b""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            break
        try:
            out += os.read(fd, 65536)
        except OSError:
            break
    return out


def wait_for(fd, needle, limit=15.0):
    out = b""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
            if needle in out:
                return True
    return False


def typ(fd, s, pause=0.05):
    os.write(fd, s.encode())
    drain(fd, pause)


def measure(fd, keys):
    lat = []
    for i in range(keys):
        drain(fd, 0.02)
        # Alternate two letters, so that every key changes the screen.
        key = b"y" if i % 2 == 0 else b"w"
        t0 = time.monotonic()
        os.write(fd, key)
        got = b""
        while key not in got:
            r, _, _ = select.select([fd], [], [], 2.0)
            if not r:
                break
            got += os.read(fd, 65536)
        lat.append((time.monotonic() - t0) * 1000)
        if i % 40 == 39:
            os.write(fd, b"\x15")      # C-u: start the line again
            drain(fd, 0.1)
    lat.sort()
    return lat[len(lat) // 2], lat[min(len(lat) - 1, int(len(lat) * 0.99))]


def run_subplex(subplex, keys, env):
    """The terminal subplex started on, then (C-b d, subplex attach) a
    terminal attached to the detached session: (p50, p99) of each."""
    label = ["-L", "subplex-latency-%d" % os.getpid()]
    pid, fd = spawn([subplex] + label + ["-n", "4"], env)
    try:
        wait_for(fd, b"3:py3")
        drain(fd, 0.5)
        for n in (1, 2, 3):
            typ(fd, "\x02%d" % n)              # C-b N
            typ(fd, "while True: pass\r")
            typ(fd, "\r", 0.2)
        typ(fd, "\x020", 0.3)                   # focus pane 0
        first = measure(fd, keys)
        os.write(fd, b"\x15\x02d")               # C-u, C-b d: detach
        drain(fd, 0.3, 5)
        os.waitpid(pid, 0)
        pid, fd = spawn([subplex] + label + ["attach"], env)
        wait_for(fd, b"3:py3")
        drain(fd, 0.5)
        attached = measure(fd, keys)
    finally:
        subprocess.run([subplex] + label + ["kill-server"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        drain(fd, 0.2, 3)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    return first, attached


def run_tmux(python, keys, env):
    sock = "subplex-latency-%d" % os.getpid()
    tm = ["tmux", "-L", sock, "-f", "/dev/null"]
    pid, fd = spawn(tm + ["new-session", python, "-q"], env)
    wait_for(fd, b">>>")
    for _ in range(3):
        os.system(" ".join(tm) + " split-window -t 0 %s -q >/dev/null" %
                  python)
    os.system(" ".join(tm) + " select-layout tiled >/dev/null")
    drain(fd, 1.0)
    for n in (1, 2, 3):
        os.system(" ".join(tm) + " send-keys -t .%d 'while True: pass' "
                  "Enter Enter" % n)
    os.system(" ".join(tm) + " select-pane -t .0")
    drain(fd, 0.5)
    res = measure(fd, keys)
    os.system(" ".join(tm) + " kill-server")
    drain(fd, 0.2, 3)
    os.waitpid(pid, 0)
    return res


def main():
    subplex, python, keys = sys.argv[1], sys.argv[2], int(sys.argv[3])
    env = dict(os.environ)
    env["TERM"] = "xterm-256color"
    home = tempfile.mkdtemp(prefix="subplex-latency.")
    env["XDG_STATE_HOME"] = home
    env["HOME"] = home
    env.pop("TMUX", None)
    (f50, f99), (s50, s99) = run_subplex(subplex, keys, env)
    print("  subplex, the terminal it started on: p50 %.1f ms, p99 %.1f ms "
          "over %d keys" % (f50, f99, keys))
    print("  subplex, a terminal attached (subplex attach): p50 %.1f ms, "
          "p99 %.1f ms over %d keys" % (s50, s99, keys))
    if shutil.which("tmux") is None:
        print("latency: subplex p99 %.1f ms, baseline none (tmux missing) "
              "(target p99 <= 30 ms) %s" % (s99, "PASS" if s99 <= 30 else
                                            "FAIL"))
        return 0 if s99 <= 30 else 1
    t50, t99 = run_tmux(python, keys, env)
    print("  tmux + %s -q: p50 %.1f ms, p99 %.1f ms over %d keys" %
          (os.path.basename(python), t50, t99, keys))
    shutil.rmtree(home, ignore_errors=True)
    verdict = "PASS" if s99 <= 30 and s99 <= t99 else "FAIL"
    print("latency: subplex p99 %.1f ms, baseline %.1f ms, ratio %.2f "
          "(target p99 <= 30 ms and <= tmux's) %s" %
          (s99, t99, s99 / max(t99, 0.001), verdict))
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
