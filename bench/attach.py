#!/usr/bin/env python3
"""attach.py: subplex through an attached client, beside tmux and beside the
terminal that started the session (make bench: attach, flood).

Every program runs on a pseudo-terminal this script holds, 100x30, which it
reads all the time (a full pty buffer would stall the program drawing).
Each session gets a socket name of its own (-L bench-PID-N for subplex,
tmux -L subplex-bench-PID-N -f /dev/null) and is killed at the end and on
every failure (kill-server, then the server's pid if it is still there).

attach: 8 busy panes; then ATTACHES times, start `subplex attach` on a
  fresh pty and time it from just before the fork to the byte that
  completes the first full screen, then detach (C-b d) and wait for the
  client to exit.
  Busy means each pane runs
      while True: print(time.time()); time.sleep(0.01)
  (about 100 lines a second a pane, 800 in all: the screen changes all the
  time, as the issue's "busy" asks, without eight CPU-bound loops on a
  2-core machine starving whichever program is measured).
  Full screen: this script emulates the terminal (the escape sequences
  ncurses and tmux send) and takes, after an untimed first attach that
  settles for 0.5 s, a reference screen.  A screen is full when every
  border cell of the reference is a border again, the status line shows
  what the reference's shows (subplex: each NUMBER:pyN there, cut at the
  screen's width, 0:py0 .. 5:py5 in 100 columns with 8 running panes, and
  a note says how many; tmux: [bench] and 0:busy), and each pane column
  has at least as many non-blank rows as in the reference, less 2.  The
  time is that of the read which brought the byte that made the screen
  full (all there is to read is read, each read timed, before any is
  emulated).  No wait for quiet: busy panes never let the screen go quiet
  (subplex draws a frame every 16 ms; tmux writes as the panes print,
  with gaps under 5 ms).  Process start of the attaching client is part
  of the time.
  Baseline: tmux 3.x with one window of 8 panes side by side
  (even-horizontal, as subplex lays out 8 panes here) each running
  python3 -c with the same loop, `tmux attach` measured the same way.
  Target: subplex's p50 <= 50 ms (the issue's absolute figure); tmux's
  p50 and the ratio are printed beside it.

flood: `for i in range(1000000): print(i)` typed into the focused pane
  (py1) as a line, then an empty line, (a) on the terminal that started the
  session (the server draws on the terminal it inherited: the path of the
  old in-process UI) and (b) on a terminal attached with `subplex attach`
  after a detach (C-b d); a fresh session for each run.  Time from writing
  the empty line's Enter to the pane idle again (a `subplex wait -t py1`
  started once list-panes shows py1 running) and the screen quiet for
  0.2 s, up to the last byte drawn.  The last screen is checked (999999
  then a prompt in the pane).  Best of FLOOD_RUNS each, the sides taking
  turns.  Target: (b) / (a) <= 1.2.

usage: attach.py attach SUBPLEX PYTHON3 ATTACHES
       attach.py flood SUBPLEX PYTHON3 FLOOD_RUNS
"""
import codecs
import fcntl
import os
import re
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLS = 30, 100
BUSY = "while True: print(time.time()); time.sleep(0.01)"
LOOP = "for i in range(1000000): print(i)"
NAME = "attach"             # the benchmark's name, for its result line


class Broken(Exception):
    """Could not measure."""


# ---- a terminal, as far as ncurses and tmux use one ----

BORDER = set("─│┌┐└┘├┤┬┴┼")
ACS = str.maketrans("qxlkmjtuwvn", "─│┌┐└┘├┤┬┴┼")
TOKEN = re.compile(
    r"\x1b\[([?>=!]?)([0-9;:]*)[ -/]*([@-~])"     # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"         # OSC
    r"|\x1b[P^_][^\x1b]*\x1b\\"                   # DCS, PM, APC
    r"|\x1b([()*+])(.)"                           # designate a charset
    r"|\x1b[#% ]."
    r"|\x1b([^\[\]P^_()*+#% ])"                   # other ESC
    r"|([\x00-\x1a\x1c-\x1f\x7f])"                # C0 controls
    r"|([^\x00-\x1f\x7f]+)", re.S)                # text


class Screen:
    def __init__(self, rows=ROWS, cols=COLS):
        self.rows, self.cols = rows, cols
        self.dec = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""
        self.reset()

    def reset(self):
        self.g = [self.blank_row() for _ in range(self.rows)]
        self.r = self.c = 0
        self.top, self.bot = 0, self.rows - 1
        self.wrap = False
        self.autowrap = True
        self.charset = ["B", "B"]
        self.shift = 0
        self.saved = (0, 0)
        self.last = " "

    def blank_row(self):
        return [" "] * self.cols

    def text(self, r):
        return "".join(self.g[r])

    def dump(self):
        return "\n".join(self.text(r).rstrip() for r in range(self.rows))

    # -- scrolling within the region --
    def scroll_up(self, n=1, top=None):
        top = self.top if top is None else top
        for _ in range(n):
            del self.g[top]
            self.g.insert(self.bot, self.blank_row())

    def scroll_down(self, n=1, top=None):
        top = self.top if top is None else top
        for _ in range(n):
            del self.g[self.bot]
            self.g.insert(top, self.blank_row())

    def lf(self):
        self.wrap = False
        if self.r == self.bot:
            self.scroll_up()
        elif self.r < self.rows - 1:
            self.r += 1

    def put(self, s):
        if self.charset[self.shift] == "0":
            s = s.translate(ACS)
        self.last = s[-1]
        while s:
            if self.wrap:
                if self.autowrap:
                    self.c = 0
                    self.lf()
                self.wrap = False
            n = min(len(s), self.cols - self.c)
            row = self.g[self.r]
            row[self.c:self.c + n] = s[:n]
            self.c += n
            if self.c >= self.cols:
                self.c = self.cols - 1
                self.wrap = True
            s = s[n:]

    def feed(self, data):
        s = self.pending + self.dec.decode(data)
        pos, end = 0, len(s)
        while pos < end:
            m = TOKEN.match(s, pos)
            if m is None:
                if s[pos] == "\x1b" and end - pos < 64:
                    break               # an escape cut in two: wait
                pos += 1                # something unknown: skip it
                continue
            pos = m.end()
            if m.group(8) is not None:
                self.put(m.group(8))
            elif m.group(3) is not None:
                self.csi(m.group(1), m.group(2), m.group(3))
            elif m.group(7) is not None:
                self.ctl(m.group(7))
            elif m.group(4) is not None:
                i = "()".find(m.group(4))
                if i >= 0:
                    self.charset[i] = m.group(5)
            elif m.group(6) is not None:
                self.esc(m.group(6))
        self.pending = s[pos:]

    def ctl(self, ch):
        if ch == "\r":
            self.c, self.wrap = 0, False
        elif ch in "\n\x0b\x0c":
            self.lf()
        elif ch == "\b":
            self.c, self.wrap = max(0, self.c - 1), False
        elif ch == "\t":
            self.c = min(self.cols - 1, (self.c // 8 + 1) * 8)
        elif ch == "\x0e":
            self.shift = 1
        elif ch == "\x0f":
            self.shift = 0

    def esc(self, ch):
        if ch == "7":
            self.saved = (self.r, self.c)
        elif ch == "8":
            self.r, self.c = self.saved
            self.wrap = False
        elif ch == "D":
            self.lf()
        elif ch == "E":
            self.c = 0
            self.lf()
        elif ch == "M":
            self.wrap = False
            if self.r == self.top:
                self.scroll_down()
            elif self.r > 0:
                self.r -= 1
        elif ch == "c":
            self.reset()

    def csi(self, prefix, params, final):
        ps = [int(p) if p.isdigit() else 0
              for p in params.replace(":", ";").split(";")] if params else []
        p1 = ps[0] if ps else 0
        n = max(1, p1)
        if prefix == "?":
            if final in "hl":
                on = final == "h"
                for p in ps:
                    if p in (47, 1047, 1049) and on:
                        self.g = [self.blank_row() for _ in range(self.rows)]
                    elif p == 7:
                        self.autowrap = on
            return
        if prefix:
            return
        if final not in "mb":
            self.wrap = False
        rows, cols = self.rows, self.cols
        if final == "A":
            self.r = max(0, self.r - n)
        elif final == "B":
            self.r = min(rows - 1, self.r + n)
        elif final in "Ca":
            self.c = min(cols - 1, self.c + n)
        elif final == "D":
            self.c = max(0, self.c - n)
        elif final == "E":
            self.r, self.c = min(rows - 1, self.r + n), 0
        elif final == "F":
            self.r, self.c = max(0, self.r - n), 0
        elif final in "G`":
            self.c = min(cols - 1, n - 1)
        elif final in "Hf":
            r = ps[0] if ps else 1
            c = ps[1] if len(ps) > 1 else 1
            self.r = min(rows - 1, max(1, r) - 1)
            self.c = min(cols - 1, max(1, c) - 1)
        elif final == "d":
            self.r = min(rows - 1, n - 1)
        elif final == "e":
            self.r = min(rows - 1, self.r + n)
        elif final == "J":
            if p1 == 0:
                self.g[self.r][self.c:] = [" "] * (cols - self.c)
                for r in range(self.r + 1, rows):
                    self.g[r] = self.blank_row()
            elif p1 == 1:
                self.g[self.r][:self.c + 1] = [" "] * (self.c + 1)
                for r in range(self.r):
                    self.g[r] = self.blank_row()
            else:
                self.g = [self.blank_row() for _ in range(rows)]
        elif final == "K":
            row = self.g[self.r]
            if p1 == 0:
                row[self.c:] = [" "] * (cols - self.c)
            elif p1 == 1:
                row[:self.c + 1] = [" "] * (self.c + 1)
            else:
                self.g[self.r] = self.blank_row()
        elif final == "X":
            k = min(n, cols - self.c)
            self.g[self.r][self.c:self.c + k] = [" "] * k
        elif final == "P":
            row = self.g[self.r]
            k = min(n, cols - self.c)
            del row[self.c:self.c + k]
            row.extend([" "] * k)
        elif final == "@":
            row = self.g[self.r]
            k = min(n, cols - self.c)
            row[self.c:self.c] = [" "] * k
            del row[cols:]
        elif final == "L":
            if self.top <= self.r <= self.bot:
                self.scroll_down(min(n, self.bot - self.r + 1), self.r)
        elif final == "M":
            if self.top <= self.r <= self.bot:
                self.scroll_up(min(n, self.bot - self.r + 1), self.r)
        elif final == "S":
            self.scroll_up(n)
        elif final == "T":
            self.scroll_down(n)
        elif final == "r":
            top = ps[0] if ps and ps[0] else 1
            bot = ps[1] if len(ps) > 1 and ps[1] else rows
            if top < bot <= rows:
                self.top, self.bot = top - 1, bot - 1
                self.r = self.c = 0
        elif final == "b":
            self.put(self.last * n)
        elif final == "s":
            self.saved = (self.r, self.c)
        elif final == "u":
            self.r, self.c = self.saved


# ---- what a full screen is, taken from a settled reference screen ----

class Full:
    def __init__(self, ref, tokens):
        self.tokens = tokens
        status = ref.text(ref.rows - 1)
        missing = [t for t in tokens if t not in status]
        if missing:
            raise Broken("the settled screen's status line lacks %s: %r" %
                          (" ".join(missing), status.rstrip()))
        content = range(ref.rows - 1)
        self.borders = [(r, c) for r in content for c in range(ref.cols)
                        if ref.g[r][c] in BORDER]
        cols = [c for c in range(ref.cols)
                if sum(ref.g[r][c] in BORDER for r in content) >=
                0.8 * len(content)]
        edges = [-1] + cols + [ref.cols]
        self.segs = [(a + 1, b) for a, b in zip(edges, edges[1:]) if b > a + 1]
        self.want = [max(1, self.nonblank(ref, s) - 2) for s in self.segs]

    @staticmethod
    def nonblank(scr, seg):
        a, b = seg
        return sum(1 for r in range(scr.rows - 1)
                   if "".join(scr.g[r][a:b]).strip())

    def __call__(self, scr):
        status = scr.text(scr.rows - 1)
        if any(t not in status for t in self.tokens):
            return False
        if any(scr.g[r][c] not in BORDER for r, c in self.borders):
            return False
        return all(self.nonblank(scr, s) >= w
                   for s, w in zip(self.segs, self.want))

    def describe(self):
        return ("%d border cells, %d pane columns wanting %s non-blank rows, "
                "status tokens %s" % (len(self.borders), len(self.segs),
                                      "/".join(map(str, self.want)),
                                      " ".join(self.tokens)))


# ---- processes on ptys ----

class Pty:
    """A program on a new pty of ROWS x COLS (size set before it starts),
    as the session leader with the pty as its controlling terminal."""

    def __init__(self, argv, env):
        argv = [shutil.which(argv[0]) or argv[0]] + list(argv[1:])
        self.fd, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(self.fd)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for i in range(3):
                    os.dup2(slave, i)
                if slave > 2:
                    os.close(slave)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid = pid
        self.status = None
        self.out = bytearray()
        self.eof = False
        self.argv = argv

    def read(self, timeout):
        """One read, waiting at most timeout; returns the bytes (b"" on
        timeout or end) and keeps them in self.out."""
        if self.eof:
            time.sleep(timeout)
            return b""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            b = os.read(self.fd, 1 << 16)
        except OSError:
            b = b""
        if not b:
            self.eof = True
        self.out += b
        return b

    def drain(self, quiet, limit=10.0):
        """Read until nothing came for `quiet` seconds (or limit)."""
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            if self.read(min(quiet, 0.05)):
                last = time.monotonic()
            elif time.monotonic() - last >= quiet or self.eof:
                break

    def until(self, needle, limit, since=0):
        end = time.monotonic() + limit
        while needle not in self.out[since:]:
            if time.monotonic() > end or (self.eof and not self.alive()):
                return False
            self.read(0.05)
        return True

    def write(self, b):
        os.write(self.fd, b)

    def alive(self):
        if self.status is not None:
            return False
        pid, st = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = st
        return False

    def wait_exit(self, limit):
        """Read (so the program never blocks on a full pty) until it ends;
        False if it has not within limit."""
        end = time.monotonic() + limit
        while self.alive():
            if time.monotonic() > end:
                return False
            self.read(0.02)
        return True

    def close(self):
        if self.status is None and self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = -9
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def detach_client(term, session):
    """C-b d on term: its client prints [detached (from session NAME)]
    and exits 0 (subplex and tmux alike)."""
    mark = len(term.out)
    term.write(b"\x02d")
    if not term.wait_exit(10):
        raise Broken("the client did not exit 10 s after C-b d")
    term.drain(0.05, 1)
    if b"[detached (from session " + session.encode() \
            not in term.out[mark:]:
        raise Broken("no [detached ...] after C-b d: %r" %
                     bytes(term.out[-200:]))
    if term.status != 0:
        raise Broken("the client exited with status %r after C-b d" %
                     term.status)
    term.close()


def children(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open("/proc/%s/stat" % d) as f:
                    st = f.read()
            except OSError:
                continue
            if int(st[st.rindex(")") + 2:].split()[1]) == pid:
                out.append(int(d))
    return out


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def stop_pid(pid, marker):
    """SIGKILL pid if it is still the process whose command line has
    marker (our unique socket name); reap it if it is our child."""
    if pid and marker in cmdline(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


# ---- a subplex session of our own ----

class Subplex:
    count = 0

    def __init__(self, exe, env, args=(), ready=b"1:py1"):
        """A session started on a terminal of its own (self.term), once
        that terminal's status line shows ready."""
        Subplex.count += 1
        self.exe, self.env = exe, env
        self.name = "bench-%d-%d" % (os.getpid(), Subplex.count)
        self.server = 0
        self.clients = []
        LIVE.append(self)
        self.term = self.client(list(args))
        if not self.term.until(ready, 15):
            raise Broken("subplex did not draw its status line: %r" %
                         bytes(self.term.out[-300:]))
        kids = children(self.term.pid)
        self.server = kids[0] if kids else 0

    def client(self, args):
        p = Pty([self.exe, "-L", self.name] + args, self.env)
        self.clients.append(p)
        return p

    def cmd(self, *args, timeout=30, check=True):
        try:
            r = subprocess.run([self.exe, "-L", self.name] + list(args),
                               env=self.env, capture_output=True, text=True,
                               timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise Broken("subplex %s: no answer in %d s" %
                         (" ".join(args), timeout))
        if check and r.returncode != 0:
            raise Broken("subplex %s: exit %d: %s" %
                         (" ".join(args), r.returncode, r.stderr.strip()))
        return r.stdout

    def detach(self, term):
        detach_client(term, self.name)

    def kill(self):
        if self in LIVE:
            LIVE.remove(self)
        try:
            self.cmd("kill-server", timeout=5, check=False)
        except Broken:
            pass
        end = time.monotonic() + 3
        while (self.server and self.name in cmdline(self.server)
               and time.monotonic() < end):
            time.sleep(0.02)
            for p in self.clients:
                p.alive()
                if p.fd >= 0:
                    p.read(0)
        stop_pid(self.server, self.name)
        for p in self.clients:
            p.close()
        rt = os.environ.get("XDG_RUNTIME_DIR")
        sock = (os.path.join(rt, "subplex", self.name) if rt else
                os.path.join(os.environ.get("TMPDIR", "/tmp"),
                             "subplex-%d" % os.getuid(), self.name))
        try:
            os.unlink(sock)
        except OSError:
            pass


class Tmux:
    count = 0

    def __init__(self, env):
        Tmux.count += 1
        self.env = env
        self.name = "subplex-bench-%d-%d" % (os.getpid(), Tmux.count)
        self.base = ["tmux", "-L", self.name, "-f", "/dev/null"]
        self.clients = []
        LIVE.append(self)

    def cmd(self, *args):
        r = subprocess.run(self.base + list(args), env=self.env,
                           capture_output=True, text=True, timeout=30,
                           stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise Broken("tmux %s: exit %d: %s" % (" ".join(args[:2]),
                                                    r.returncode,
                                                    r.stderr.strip()))
        return r.stdout

    def client(self, args):
        p = Pty(self.base + args, self.env)
        self.clients.append(p)
        return p

    def detach(self, term):
        detach_client(term, "bench")

    def kill(self):
        if self in LIVE:
            LIVE.remove(self)
        server = 0
        try:
            server = int(self.cmd("display-message", "-p", "#{pid}"))
        except (Broken, ValueError, subprocess.TimeoutExpired):
            pass
        try:
            subprocess.run(self.base + ["kill-server"], env=self.env,
                           capture_output=True, timeout=5,
                           stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass
        end = time.monotonic() + 3
        while server and self.name in cmdline(server) and \
                time.monotonic() < end:
            time.sleep(0.02)
        stop_pid(server, self.name)
        for p in self.clients:
            p.close()
        try:
            os.unlink(os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"),
                                   "tmux-%d" % os.getuid(), self.name))
        except OSError:
            pass


LIVE = []
WAITERS = []                # subplex wait processes, killed at the end


def kill_all():
    for w in WAITERS:
        if w.poll() is None:
            w.kill()
            w.wait()
    for s in list(LIVE):
        try:
            s.kill()
        except Exception as e:          # keep killing the others
            print("  cleanup: %s: %s" % (s.name, e))


def on_signal(sig, frame):
    raise SystemExit(128 + sig)


# ---- attach ----

def time_attach(sess, args, full, limit=10.0):
    """Start an attaching client; the time from the fork to the read that
    brought the byte which made the screen full.  Detaches it."""
    scr = Screen()
    p = sess.client(args)
    end = p.t0 + limit
    got = []
    while True:
        if time.monotonic() > end:
            raise Broken("%s: no full screen in %.0f s; the screen:\n%s" %
                         (" ".join(args), limit, scr.dump()))
        # Read all there is, each read timed, before emulating any: the
        # emulation's own time never delays a timestamp.
        b = p.read(0.05)
        while b:
            got.append((time.monotonic(), b))
            b = p.read(0)
        for t, b in got:
            scr.feed(b)
            if full(scr):
                sess.detach(p)
                return t - p.t0
        got.clear()
        if p.eof and not p.alive():
            raise Broken("%s: the client ended (status %r): %r" %
                         (" ".join(args), p.status, bytes(p.out[-300:])))


def settle(sess, args):
    """An untimed attach, its screen after 0.5 s; detached again."""
    p = sess.client(args)
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        p.read(0.02)
    scr = Screen()
    scr.feed(bytes(p.out))
    sess.detach(p)
    return scr


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def run_attach_side(sess, args, tokens, n):
    ref = settle(sess, args)
    if callable(tokens):
        tokens = tokens(ref.text(ref.rows - 1))
    full = Full(ref, tokens)
    if len(full.segs) != 8:
        raise Broken("%d pane columns on the settled screen, not 8:\n%s" %
                     (len(full.segs), ref.dump()))
    times = [time_attach(sess, args, full) * 1000 for _ in range(n)]
    return times, full


def bench_attach(exe, python, n, env):
    s = Subplex(exe, env, ["-n", "8"])
    s.cmd("select-layout", "even-horizontal")
    cmds = []
    for i in range(8):
        for line in ("import time", BUSY, ""):
            cmds += ["send", "-t", "py%d" % i, line, ";"]
    s.cmd(*cmds[:-1])
    end = time.monotonic() + 15
    while s.cmd("list-panes").count("(running") < 8:
        if time.monotonic() > end:
            raise Broken("the 8 panes are not all running: %s" %
                         s.cmd("list-panes"))
        s.term.read(0.05)
    s.term.drain(0.3, 1)
    s.detach(s.term)
    # The pane names the settled status line shows (it cuts them at the
    # screen's width: not all 8 fit in 100 columns).
    stimes, sfull = run_attach_side(
        s, ["attach"], lambda st: re.findall(r"\b[0-7]:py[0-7]", st), n)
    s.kill()
    if len(sfull.tokens) < 4:
        raise Broken("the settled status line shows %d pane names (%s)" %
                     (len(sfull.tokens), " ".join(sfull.tokens)))
    print("  subplex attach, 8 busy panes (%s): p50 %.1f ms, p90 %.1f ms, "
          "worst %.1f ms over %d attaches" %
          (BUSY, pct(stimes, .5), pct(stimes, .9), max(stimes), n))
    print("  full screen: %s" % sfull.describe())
    print("  subplex's status line shows %d of the 8 pane names at %d "
          "columns" % (len(sfull.tokens), COLS))
    s50 = pct(stimes, .5)
    verdict = "PASS" if s50 <= 50 else "FAIL"
    if shutil.which("tmux") is None:
        print("%s: subplex p50 %.1f ms, baseline none (tmux missing) "
              "(target p50 <= 50 ms) %s" % (NAME, s50, verdict))
        return verdict
    t = Tmux(env)
    prog = "%s -c %s" % (shlex.quote(python),
                         shlex.quote("import time\n" + BUSY))
    args = ["new-session", "-d", "-s", "bench", "-n", "busy",
            "-x", str(COLS), "-y", str(ROWS), prog]
    for _ in range(7):
        args += [";", "split-window", "-t", "bench", prog,
                 ";", "select-layout", "-t", "bench", "even-horizontal"]
    t.cmd(*args)
    time.sleep(0.5)
    ttimes, tfull = run_attach_side(t, ["attach", "-t", "bench"],
                                    ["[bench]", "0:busy"], n)
    t.kill()
    t50 = pct(ttimes, .5)
    print("  tmux attach, 8 busy panes (%s -c, same loop): p50 %.1f ms, "
          "p90 %.1f ms, worst %.1f ms over %d attaches" %
          (os.path.basename(python), t50, pct(ttimes, .9), max(ttimes), n))
    print("  full screen: %s" % tfull.describe())
    print("%s: subplex p50 %.1f ms (p90 %.1f), baseline %.1f ms (tmux attach "
          "p50), ratio %.2f (target p50 <= 50 ms) %s" %
          (NAME, s50, pct(stimes, .9), t50, s50 / max(t50, 0.001), verdict))
    return verdict


# ---- flood ----

def flood_once(exe, env, attached):
    """One session: the loop in py1, on the starting terminal or, when
    attached, on a terminal attached after a detach.  Seconds."""
    s = Subplex(exe, env)
    try:
        s.cmd("select-pane", "-t", "py1", ";", "wait", "-t", "py0", ";",
              "wait", "-t", "py1")
        term = s.term
        term.drain(0.3, 3)
        if attached:
            s.detach(term)
            term = s.client(["attach"])
            if not term.until(b"1:py1", 10):
                raise Broken("subplex attach drew no status line: %r" %
                             bytes(term.out[-300:]))
            term.drain(0.3, 3)
        term.write(LOOP.encode() + b"\r")
        term.drain(0.1, 2)
        mark = len(term.out)
        term.write(b"\r")
        t0 = time.monotonic()
        # Wait for py1 to run before asking to wait for it to be idle.
        end = t0 + 10
        while "1: py1 (running" not in s.cmd("list-panes"):
            if time.monotonic() > end:
                raise Broken("py1 does not run the loop: %r" %
                             bytes(term.out[-300:]))
            term.read(0.01)
        w = subprocess.Popen([exe, "-L", s.name, "wait", "-t", "py1",
                              "-T", "300"], env=env,
                             stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
        WAITERS.append(w)
        # Its stderr reaches end of file as it exits: seen at once, the
        # terminal read all the while.
        errfd = w.stderr.fileno()
        err = b""
        last = t0
        end = t0 + 300
        while True:
            r, _, _ = select.select([term.fd, errfd], [], [], 0.5)
            if term.fd in r and term.read(0):
                last = time.monotonic()
            if errfd in r:
                b = os.read(errfd, 4096)
                if not b:
                    break
                err += b
            if time.monotonic() > end:
                w.kill()
                raise Broken("the loop did not end in 300 s")
        w.wait()
        w.stderr.close()
        if w.returncode != 0:
            raise Broken("subplex wait: exit %d: %s" %
                         (w.returncode, err.decode().strip()))
        idle = time.monotonic()
        while True:
            if term.read(0.2):
                last = time.monotonic()
            elif time.monotonic() - last >= 0.2:
                break
        t = max(last, idle) - t0
        scr = Screen()
        scr.feed(bytes(term.out))
        rows = [scr.text(r).split("│") for r in range(ROWS - 1)]
        py1 = [r[1].rstrip() if len(r) > 1 else "" for r in rows]
        tail = [x for x in py1 if x]
        if len(tail) < 2 or tail[-2].strip() != "999999" or \
                not tail[-1].startswith(">>>"):
            raise Broken("the last screen does not show 999999 then a "
                         "prompt in py1:\n%s" % scr.dump())
        return t, len(term.out) - mark
    finally:
        s.kill()


def bench_flood(exe, runs, env):
    a, b = [], []
    for _ in range(runs):
        a.append(flood_once(exe, env, False))
        b.append(flood_once(exe, env, True))
    ta, tb = min(x[0] for x in a), min(x[0] for x in b)
    print("  (a) the terminal that started the session: best %.3f s of %s"
          % (ta, " ".join("%.3f" % x[0] for x in a)))
    print("  (b) attached after C-b d: best %.3f s of %s" %
          (tb, " ".join("%.3f" % x[0] for x in b)))
    print("  bytes drawn per run: (a) %s, (b) %s" %
          (" ".join(str(x[1]) for x in a), " ".join(str(x[1]) for x in b)))
    ratio = tb / ta
    verdict = "PASS" if ratio <= 1.2 else "FAIL"
    print("%s: subplex %.3f s (attached), baseline %.3f s (the starting "
          "terminal), ratio %.2f (target <= 1.2) %s" %
          (NAME, tb, ta, ratio, verdict))
    return verdict


def bench_env(mode):
    """The environment every program measured runs in, with a HOME, state
    and config of its own (a temporary directory, returned too)."""
    env = dict(os.environ)
    env["TERM"] = "xterm-256color"
    home = tempfile.mkdtemp(prefix="subplex-%s." % mode)
    env["XDG_STATE_HOME"] = os.path.join(home, "state")
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["HOME"] = home
    for v in ("TMUX", "NO_COLOR", "COLUMNS", "LINES"):
        env.pop(v, None)
    return env, home


def judged(name, run, home):
    """run() gives PASS or FAIL; an error gives a result line too.  Every
    session is killed and home removed after.  The exit status."""
    try:
        verdict = run()
    except Broken as e:
        print("  " + str(e).replace("\n", "\n  "))
        print("%s: ERROR (%s) FAIL" % (name, str(e).split("\n")[0]))
        return 2
    except Exception as e:              # a bug here: still a result line
        import traceback
        print("  " + traceback.format_exc().rstrip().replace("\n", "\n  "))
        print("%s: ERROR (%s: %s) FAIL" % (name, type(e).__name__, e))
        return 2
    finally:
        kill_all()
        shutil.rmtree(home, ignore_errors=True)
    return 0 if verdict == "PASS" else 1


def main():
    global NAME
    mode, exe, python, n = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    NAME = mode
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    env, home = bench_env(mode)
    if mode == "attach":
        return judged(NAME, lambda: bench_attach(exe, python, n, env), home)
    return judged(NAME, lambda: bench_flood(exe, n, env), home)


if __name__ == "__main__":
    sys.exit(main())
