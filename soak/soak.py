#!/usr/bin/env python3
"""soak.py: a long random run of the real subplex UI, checked after every step.

`make soak` (in a build directory) runs it; it is never part of `make check`.
It starts the built subplex in a tmux session on a private server
(`tmux -L subplex-soak-PID -f /dev/null`) and, for SOAK_SECONDS, picks
operations at random from a generator seeded with SOAK_SEED: new, close and
respawn panes (by the `:` prompt and by keys), send code from a fixed corpus
(typed as keys, pasted, or by `:send`), most of it misbehaving (errors, loops
that are then interrupted, output floods, input(), sys.exit and os._exit,
threads, subprocesses, escape sequences, invalid UTF-8, 1 MB lines and a
10 MB paste), interrupt, resize the terminal, switch panes and layouts,
copy mode (moves, selections, copies, the mouse's drags and wheel); threads left printing in the background while other steps run;
bursts of pane commands in one command line (a pane made and closed at
once, every pane respawned, interrupts in a row).  After every step it
checks:

  alive    subplex still runs, and its `:` prompt still runs commands;
  escapes  no escape sequence printed by a pane reached the terminal (the
           tmux pane's title never becomes the one a pane sets);
  panes    the pane count is the driver's (every expected name captures,
           `capture -t N` of the next number fails);
  answers  every live pane answers a fresh token (the expression
           'ok STEP I', which its displayhook prints) within
           SOAK_ANSWER_SECONDS (2) of it being sent;
  rss      VmRSS of the subplex process (/proc/PID/status) stays under
           start + SOAK_RSS_MB + SOAK_RSS_PANE_MB per pane above the start;
  threads, fds  no more threads than 3 per pane plus slack, no more fds
           than 5 per pane (its terminal) plus slack: no leak;
plus what each step expects itself (the error a corpus entry raises, the
KeyboardInterrupt after an interrupt, the exit note, the respawn note).

Pane transcripts are read with `capture -t PANE -o FILE` run from a
`source-file` typed at the `:` prompt and followed by a sentinel capture,
so nothing depends on screen scraping or on the terminal's size.  No step
sleeps for a fixed time: each polls with a deadline.

Run:      SUBPLEX=build/src/subplex python3 soak/soak.py
          make soak SOAK_SECONDS=60 SOAK_SEED=7
Settings (environment): SOAK_SECONDS (600), SOAK_SEED (1126), SOAK_STEPS
(0: no limit; replay a failure up to its step), SOAK_MAX_PANES (8),
SOAK_ANSWER_SECONDS (2), SOAK_RSS_MB (200), SOAK_RSS_PANE_MB (25),
SOAK_DIR (work directory; default a new one under $TMPDIR), SOAK_KEEP=1
(keep it after a pass), SOAK_VERBOSE=1 (log each step to stderr).

On failure it prints the step, the operation, the pane and the invariant,
the seed to replay with, and leaves the work directory: soak.log (every
step), transcripts/ (each pane's, captured after the failure), screen.txt,
stacks.txt (every thread's backtrace, when gdb is installed), stderr
(subplex's), session.sp (subplex --record).  Exit status: 0 pass,
1 an invariant failed, 2 could not start.  Python 3 standard library only.
"""

import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter


def env_num(name, default, kind=float):
    value = os.environ.get(name, "")
    return kind(value) if value else default


SUBPLEX = os.path.abspath(os.environ.get("SUBPLEX", "src/subplex"))
SECONDS = env_num("SOAK_SECONDS", 600.0)
SEED = env_num("SOAK_SEED", 1126, int)
STEPS = env_num("SOAK_STEPS", 0, int)
MAX_PANES = env_num("SOAK_MAX_PANES", 8, int)
ANSWER = env_num("SOAK_ANSWER_SECONDS", 2.0)
RSS_MB = env_num("SOAK_RSS_MB", 200.0)
RSS_PANE_MB = env_num("SOAK_RSS_PANE_MB", 25.0)
VERBOSE = os.environ.get("SOAK_VERBOSE", "") not in ("", "0")

UI_TIMEOUT = 10.0	# the `:` prompt runs a command line
STEP_TIMEOUT = 30.0	# a corpus entry (a flood, say) finishes
PANE_THREADS = 3	# worker, interrupter (pane.c), terminal reader (panetty.c)
PANE_FDS = 5		# the pane's pseudo-terminal (master, slave, the slave again
		# for its sync mark) and its reader's stop pipe
CLOSE_TIMEOUT = 6.0	# kill/respawn: interrupt, 1 s for threads, end
INITIAL_PANES = 2
# What the driver sends to see a pane answer is an expression: its value
# is one write of the displayhook, whole even while threads print.
END = r"^'end %d'"
LONG = 4096		# longer inputs are not typed as keys
SIZES = [(1, 1), (10, 3), (20, 5), (40, 12), (80, 24), (120, 30), (160, 45),
         (200, 60)]

# ---- the corpus ----
#
# Each entry: (kind, fault, inputs, expect).  inputs are what is typed, one
# input each (a string with newlines is a block); "{k}" becomes the step's
# number.  expect is a regular expression the pane's output must show.
# Markers are printed as print("spin", k) so that the echo of the input line
# never matches the marker's output line ^spin K$.

RUN = [
    ("ok", None, ["sum(i * i for i in range(1000))"], r"^332833500$"),
    ("ok", None, ['import json; json.dumps({"k": [1, {k}]})'],
     r"""^'\{"k": \[1, \d+\]\}'$"""),
    ("ok", None, ["def twice(n):\n    return 2 * n\n", "twice(21)"], r"^42$"),
    ("ok", "unicode", ['"日本語 " * 2'], r"^'日本語 日本語 '$"),
    ("ok", "fd-write", ['import os; os.write(1, b"raw fd one\\n")'],
     r"raw fd one"),
    ("ok", "fd-write", ['import os; os.write(2, b"e" * 100000 + b"\\n")'],
     r"e{1000}"),
    ("ok", "subprocess",
     ['import subprocess; subprocess.run(["echo", "child says hi"]).returncode'],
     r"child says hi"),
    # A child on the pane's terminal: its stdin is the terminal, of the
    # pane's size; one that leaves it raw does not leave it so.
    ("ok", "child-tty",
     ['import subprocess; r = subprocess.run(["sh", "-c", "stty raw -echo; '
      'stty sane; test -t 0 && echo child tty $(stty size)"])'],
     r"^child tty \d+ \d+"),
    # The pane's terminal carries them out: a clear, red, a title it
    # swallows, the alternate screen and back; red text is what shows.
    ("ok", "escapes",
     ['print("\\x1b[2J\\x1b[31mred\\x07\\x1b]2;SOAKTITLE\\x07 \\x1b[?1049h")',
      'print("\\x1b[?1049l", end="")'],
     r"^red "),
    ("ok", "invalid-utf8",
     ['import sys; sys.stdout.buffer.write(b"bad \\xff\\xfe end\\n")'],
     r"^bad .* end$"),
    ("ok", "progress-cr",
     ['for i in range(300): print("\\rprogress %d" % i, end="")\n', "print()"],
     r"progress 299"),
    ("ok", "big-line", ['print("y" * 1000000)'], r"y{1000}"),
    ("ok", "flood", ["for i in range(100000):\n    print(i)\n"], r"^99999$"),
    ("ok", "flood-stderr",
     ["import sys\nfor i in range(20000):\n    n = sys.stderr.write('err %d\\n' % i)\n"],
     r"^err 19999$"),
    ("ok", "memory", ["b = bytearray(64 * 2**20); del b"], None),
    ("ok", "threads",
     ["import threading, time",
      "t = threading.Thread(target=lambda: [print('bg', i) or time.sleep(0.005) for i in range(40)]); t.start(); t.join()"],
     r"^bg 39$"),
    ("ok", "threads",
     ["import threading, time",
      "for i in range(3): threading.Thread(target=time.sleep, args=(0.3,)).start()\n"],
     None),
    ("ok", "daemon-thread",
     ["import threading, time; threading.Thread(target=time.sleep, args=(0.4,), daemon=True).start()"],
     None),
    ("ok", "thread-error",
     ["import threading; t = threading.Thread(target=lambda: 1/0); t.start(); t.join()"],
     r"ZeroDivisionError"),
    ("ok", "thread-exit",
     ["import sys, threading; t = threading.Thread(target=sys.exit, args=(3,)); t.start(); t.join(); print('thread alive', t.is_alive())"],
     r"^thread alive False$"),
    ("error", "exception", ["1/0"], r"^ZeroDivisionError: division by zero$"),
    ("error", "exception", ["undefined_soak_name"], r"^NameError: "),
    ("error", "exception", ['raise ValueError("soak %d" % {k})'],
     r"^ValueError: soak \d+$"),
    ("error", "syntax", ["def broken(:"], r"SyntaxError"),
    ("error", "recursion", ["def r(): return r()\n", "r()"],
     r"^RecursionError: "),
    ("error", "memory-error", ["bytearray(1 << 50)"], r"^MemoryError"),
    ("error", "import-refused", ["import curses"], r"ImportError"),
    ("error", "import-refused", ["import readline"], r"ImportError"),
    ("error", "fork-refused", ["import os; os.fork()"], r"RuntimeError"),
]

# Too long for a tmux send-keys argument: sent by :send or pasted.
RUN += [
    ("ok", "1mb-line", ["s = '" + "a" * 1000000 + "'", "len(s)"],
     r"^1000000$"),
    ("ok", "1mb-paste", ["data = [\n" + "".join(
        "    '%s',\n" % ("%d" % i * 30)[:90] for i in range(10000)) + "]\n",
        "len(data)"], r"^10000$"),
    ("ok", "10mb-paste", ['s = """\n' + ("x" * 99 + "\n") * 100000 +
                          '"""\n', "len(s)"], r"^10000001$"),
]

# Started, then interrupted once their marker shows (for the flood, its
# numbers, as they soon push the marker out of the scrollback).
INTERRUPT = [
    ("spin", ["def spin(k):\n    print('spin', k)\n    while True:\n        pass\n",
              "spin({k})"], "spin"),
    ("flood-interrupted",
     ["def flood(k):\n    print('spin', k)\n    i = 0\n    while True:\n        print(i)\n        i += 1\n",
      "flood({k})"], "flood"),
    ("sleep-interrupted", ["import time; print('spin', {k}); time.sleep(1)"],
     "spin"),
    ("input-interrupted", ['s = input("who %d? " % {k})'], "who"),
    ("child-interrupted",
     ['import subprocess; print("spin", {k}); subprocess.run(["sleep", "30"])'],
     "spin"),
]

# Threads left running (well under the 1 s kill-pane waits for them) while
# the next steps go on; the next code sent to that pane joins them first.
BACKGROUND = [
    ("bg-stdout", "import sys, threading, time; _soak_bg = threading.Thread("
     "target=lambda: [sys.stdout.write('bg %d\\n' % i) or time.sleep(0.01) "
     "for i in range(30)]); _soak_bg.start()"),
    ("bg-stderr", "import sys, threading, time; _soak_bg = threading.Thread("
     "target=lambda: [sys.stderr.write('bg %d\\n' % i) or time.sleep(0.01) "
     "for i in range(30)]); _soak_bg.start()"),
    ("bg-cpu", "import threading; _soak_bg = threading.Thread(target=lambda: "
     "sum(i * i for i in range(300000))); _soak_bg.start()"),
]

# End the pane: (fault, inputs, status); None inputs: C-d on an empty line.
EXIT = [
    ("sys-exit", ["import sys; sys.exit(3)"], 3),
    ("exit", ["exit()"], 0),
    ("systemexit", ["raise SystemExit(7)"], 7),
    ("exit-with-thread",
     ["import sys, threading, time; threading.Thread(target=time.sleep, args=(0.3,)).start(); sys.exit(4)"],
     4),
    ("os-exit", ["import os; os._exit(5)"], 5),
    ("os-exit-in-thread",
     ["import os, threading; threading.Thread(target=os._exit, args=(6,)).start()"],
     6),
    ("eof", None, 0),
]


class Failure(Exception):
    """An invariant did not hold: which one, for which pane, and why."""

    def __init__(self, invariant, pane, detail):
        super().__init__(detail)
        self.invariant = invariant
        self.pane = pane
        self.detail = detail


class Pane:
    def __init__(self, name):
        self.name = name
        self.dead = False	# its code exited; respawn-pane revives it
        self.bg = False		# a thread of its code may still be printing
        self.mark = None	# a regex for the last unique line it printed


def last_lines(text, n=8, width=160):
    """The last n lines of text for a message, each cut to width."""
    lines = [l if len(l) <= width else l[:width] + "... (%d bytes)" % len(l)
             for l in text.rstrip("\n").split("\n")[-n:]]
    return "\n    ".join(lines)


def quote(text):
    """text as one double-quoted word of the session language."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return '"' + out.replace("\n", "\\n").replace("\t", "\\t") + '"'


def since(text, mark):
    """What text holds after the last line matching mark (all if none)."""
    last = None
    if mark is not None:
        for last in re.finditer(mark, text, re.M):
            pass
    return text[last.end():] if last else text


class Tmux:
    """One tmux server on a private socket, one session, one window."""

    def __init__(self, sock):
        self.base = ["tmux", "-L", sock, "-f", "/dev/null"]
        self.target = "soak"
        self.socket = None	# its path, removed at the end (tmux leaves it)

    def run(self, *args, check=True):
        r = subprocess.run(self.base + list(args), capture_output=True,
                           text=True, timeout=20)
        if check and r.returncode != 0:
            raise Failure("alive", None, "tmux %s failed: %s" %
                          (" ".join(args[:2]), r.stderr.strip()))
        return r.stdout

    def keys(self, *keys):
        self.run("send-keys", "-t", self.target, *keys)

    def typed(self, text, enter=True):
        """text as typed keys (one tmux call), then Enter."""
        args = ["send-keys", "-t", self.target, "-l", "--", text]
        if enter:
            args += [";", "send-keys", "-t", self.target, "Enter"]
        self.run(*args)

    def prompt(self, line):
        """Run line at subplex's `:` prompt."""
        assert "\n" not in line and not line.endswith(";")
        self.run("send-keys", "-t", self.target, "C-b", ":", ";",
                 "send-keys", "-t", self.target, "-l", "--", line, ";",
                 "send-keys", "-t", self.target, "Enter")

    def screen(self):
        return self.run("capture-pane", "-p", "-t", self.target, check=False)

    def status_line(self):
        lines = self.screen().rstrip("\n").split("\n")
        return lines[-1].strip() if lines else ""


class Soak:
    def __init__(self, workdir):
        self.dir = workdir
        self.cap = os.path.join(workdir, "cap")
        os.makedirs(self.cap, exist_ok=True)
        self.rng = random.Random(SEED)
        self.tm = Tmux("subplex-soak-%d" % os.getpid())
        self.panes = []
        self.pid = None
        self.seq = 0
        self.step_no = 0
        self.names = 0
        self.ops = Counter()
        self.faults = Counter()
        self.doing = "start"
        self.doing_pane = None
        self.rss_start = self.rss_max = self.rss_now = 0
        self.base_threads = self.base_fds = 0
        self.answer_max = 0.0
        self.log = open(os.path.join(workdir, "soak.log"), "w")
        self.t0 = time.monotonic()

    # ---- logging ----

    def note(self, fmt, *args):
        line = "%7.1f %s" % (time.monotonic() - self.t0, fmt % args)
        self.log.write(line + "\n")
        self.log.flush()
        if VERBOSE:
            print(line, file=sys.stderr)

    # ---- the process ----

    def start(self):
        term = "screen"
        for t in ("tmux-256color", "screen-256color"):
            if subprocess.run(["infocmp", t], capture_output=True).returncode == 0:
                term = t
                break
        for d in ("home", "state", "config", "run"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        os.chmod(os.path.join(self.dir, "run"), 0o700)
        q = lambda s: shlex.quote(os.path.join(self.dir, s))
        cmd = ("exec env HOME=%s XDG_STATE_HOME=%s XDG_CONFIG_HOME=%s "
               "XDG_RUNTIME_DIR=%s "
               "INPUTRC=/dev/null TERM=%s %s -N -n %d --record %s 2>%s" %
               (q("home"), q("state"), q("config"), q("run"), term,
                shlex.quote(SUBPLEX), INITIAL_PANES, q("session.sp"),
                q("stderr")))
        self.tm.run("start-server", ";", "set-option", "-g", "exit-empty",
                    "off", ";", "set-option", "-g", "default-shell", "/bin/sh",
                    ";", "set-option", "-g", "remain-on-exit", "on")
        self.tm.run("new-session", "-d", "-s", self.tm.target, "-x", "120",
                    "-y", "30", cmd)
        self.tm.socket = self.tm.run("display-message", "-p",
                                     "#{socket_path}").strip()
        client = int(self.tm.run("display-message", "-p", "-t",
                                 self.tm.target, "#{pane_pid}").strip())
        # subplex forks its server at start; the process started stays
        # its terminal's client.  The server is what is measured.
        self.client = client
        self.pid = client
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with open("/proc/%d/task/%d/children" % (client, client)) as f:
                    kids = f.read().split()
            except OSError:
                kids = []
            if kids:
                self.pid = int(kids[0])
                break
            time.sleep(0.02)
        self.panes = [Pane("py%d" % i) for i in range(INITIAL_PANES)]

    def proc_status(self):
        """VmRSS (kB) and Threads of subplex, from /proc; None if gone."""
        try:
            with open("/proc/%d/status" % self.pid) as f:
                fields = dict(l.split(":", 1) for l in f if ":" in l)
        except OSError:
            return None
        if "VmRSS" not in fields or fields["State"].strip().startswith("Z"):
            return None
        return (int(fields["VmRSS"].split()[0]), int(fields["Threads"]))

    def nfds(self):
        try:
            return len(os.listdir("/proc/%d/fd" % self.pid))
        except OSError:
            return -1

    def check_alive(self):
        if self.proc_status() is None:
            dead = self.tm.run("display-message", "-p", "-t", self.tm.target,
                               "#{pane_dead} #{pane_dead_status}",
                               check=False).strip()
            raise Failure("alive", None, "subplex (pid %d) has exited "
                          "(tmux pane dead, status: %s)" % (self.pid, dead))

    # ---- commands and transcripts through the `:` prompt ----

    def script(self, lines, what):
        """Run lines as a source-file from the `:` prompt; wait for them."""
        self.seq += 1
        path = os.path.join(self.cap, "s%d.sp" % self.seq)
        done = os.path.join(self.cap, "done%d" % self.seq)
        with open(path, "w") as f:
            f.write("\n".join(lines + ["capture -t 0 -o " + done]) + "\n")
        self.tm.prompt("source-file " + path)
        deadline = time.monotonic() + UI_TIMEOUT
        while not os.path.exists(done):
            if time.monotonic() > deadline:
                self.check_alive()
                raise Failure("alive", None, "%s: the `:` prompt did not "
                              "run 'source-file %s' within %g s; status "
                              "line: %r" % (what, path, UI_TIMEOUT,
                                            self.tm.status_line()))
            time.sleep(0.02)
        os.unlink(path)
        os.unlink(done)

    def transcripts(self, names, what):
        """{name: transcript} by capture -o, all in one command line."""
        self.seq += 1
        files = {n: os.path.join(self.cap, "t%d-%s" % (self.seq, n))
                 for n in names}
        self.script(["capture -t %s -o %s" % (n, f) for n, f in files.items()],
                    what)
        out = {}
        for n, f in files.items():
            with open(f, encoding="utf-8", errors="replace") as fh:
                out[n] = fh.read()
            os.unlink(f)
        return out

    def text(self, pane, what):
        return self.transcripts([pane.name], what)[pane.name]

    def exists(self, name):
        """Does a capture of name succeed (is there such a pane)?"""
        self.seq += 1
        probe = os.path.join(self.cap, "probe%d" % self.seq)
        self.tm.prompt("capture -t %s -o %s" % (name, probe))
        self.script([], "probe " + name)	# runs after the probe
        found = os.path.exists(probe)
        if found:
            os.unlink(probe)
        return found

    def wait_output(self, pane, regex, timeout, invariant, what):
        """Until the pane's output since its mark matches regex."""
        deadline = time.monotonic() + timeout
        while True:
            text = since(self.text(pane, what), pane.mark)
            m = re.search(regex, text, re.M)
            if m:
                return text
            if time.monotonic() > deadline:
                raise Failure(invariant, pane.name, "%s: /%s/ not seen in "
                              "%g s; its last lines:\n    %s" %
                              (what, regex, timeout, last_lines(text)))
            time.sleep(0.05)

    # ---- ways to reach a pane ----

    def focus(self, pane):
        self.tm.prompt("select-pane -t " + pane.name)

    def deliver(self, pane, inputs, k, how=None):
        """Type inputs into pane: by :send, by keys or by a paste."""
        how = how or self.rng.choice(["send", "send", "keys", "paste"])
        inputs = [i.replace("{k}", str(k)) for i in inputs]
        if how == "paste" and not any("\n" in i or len(i) > LONG
                                      for i in inputs):
            how = "keys"	# only blocks and long lines are pasted
        if how == "keys" and any(len(i) > LONG for i in inputs):
            how = "paste"
        if how == "send":
            self.script(["send -t %s %s" % (pane.name, quote(i))
                         for i in inputs], "send to " + pane.name)
            return how
        self.focus(pane)
        for i in inputs:
            if how == "paste" and ("\n" in i or len(i) > LONG):
                body = i.rstrip("\n")
                path = os.path.join(self.cap, "paste.txt")
                with open(path, "w") as f:
                    f.write(body + "\n\n")
                self.tm.run("load-buffer", "-b", "soak", path, ";",
                            "paste-buffer", "-p", "-d", "-b", "soak",
                            "-t", self.tm.target)
                if "\n" not in body:
                    # One line is inserted for editing, as readline
                    # does: Enter runs it, an empty line ends a block.
                    self.tm.keys(*["Enter"] * (2 if "\n" in i else 1))
                continue
            for line in i.rstrip("\n").split("\n"):
                self.tm.typed(line)
            if "\n" in i:
                self.tm.keys("Enter")	# the empty line ends the block
        return how

    def interrupt(self, pane):
        if self.rng.random() < 0.5:
            self.tm.prompt("interrupt -t " + pane.name)
            return "prompt"
        self.focus(pane)
        self.tm.keys("C-c")
        return "C-c"

    def settle(self, pane, k):
        """Send an end marker; wait until the pane shows it.  Typed as
        'end ' + 'K', so that its echo (by the pane's terminal, when a
        child holds it) is not taken for the value 'end K'."""
        self.script(["send -t %s \"'end ' + '%d'\"" % (pane.name, k)],
                    "end marker")
        return self.wait_output(pane, END % k, STEP_TIMEOUT,
                                "step completes", "end marker")

    def quiet(self, pane):
        """Before code whose output is checked: the background is done."""
        if pane.bg:
            self.script(["send -t %s '_soak_bg.join()'" % pane.name],
                        "join the background thread")
            pane.bg = False

    # ---- operations ----

    def live(self):
        return [p for p in self.panes if not p.dead]

    def pick(self, panes):
        pane = self.rng.choice(panes)
        self.doing_pane = pane.name
        return pane

    def op_code(self):
        pane = self.pick(self.live())
        self.quiet(pane)
        kind, fault, inputs, expect = self.rng.choice(RUN)
        how = self.deliver(pane, inputs, self.step_no)
        self.doing = "code %s/%s via %s" % (kind, fault or "-", how)
        self.note("  %s: %.70r", pane.name, inputs[-1])
        text = self.settle(pane, self.step_no)
        if expect:
            body = text[:re.search(END % self.step_no, text, re.M).start()]
            if not re.search(expect, body, re.M):
                raise Failure("output", pane.name, "after %r expected /%s/; "
                              "it printed:\n    %s" % (inputs[-1], expect,
                                                       last_lines(body)))
        if fault:
            self.faults[fault] += 1
        return "code"

    def op_interrupt(self):
        pane = self.pick(self.live())
        self.quiet(pane)
        fault, inputs, marker = self.rng.choice(INTERRUPT)
        k = self.step_no
        how = self.deliver(pane, inputs, k)
        regex = {"spin": r"^spin %d$" % k, "flood": r"^spin %d$|^\d+$" % k,
                 "who": r"^who %d\? " % k}[marker]
        self.wait_output(pane, regex, STEP_TIMEOUT, "step completes",
                         "start of " + fault)
        hit = self.interrupt(pane)
        self.doing = "interrupt %s (sent via %s, interrupted by %s)" % (
            fault, how, hit)
        self.wait_output(pane, r"^KeyboardInterrupt", 5.0, "interrupt lands",
                         "KeyboardInterrupt after " + hit)
        self.settle(pane, k)
        self.faults[fault] += 1
        return "interrupt"

    def op_input(self):
        """input(), answered, or ended by C-d."""
        pane = self.pick(self.live())
        self.quiet(pane)
        k = self.step_no
        how = self.deliver(pane, ['s = input("who %d? " % {k})'], k)
        self.wait_output(pane, r"^who %d\? " % k, STEP_TIMEOUT,
                         "step completes", "input() prompt")
        if self.rng.random() < 0.6:
            self.doing = "input() answered (via %s)" % how
            self.deliver(pane, ["bob %d" % k, "s"], k)
            self.wait_output(pane, r"^'bob %d'$" % k, 5.0, "output",
                             "the answer to input()")
            self.faults["input-answered"] += 1
        else:
            self.doing = "input() ended by C-d (via %s)" % how
            self.focus(pane)
            self.tm.keys("C-d")
            self.wait_output(pane, r"^EOFError", 5.0, "output",
                             "EOFError after C-d in input()")
            self.faults["input-eof"] += 1
        self.settle(pane, k)
        return "input"

    def op_exit(self):
        live = self.live()
        pane = self.pick(live)
        self.quiet(pane)
        fault, inputs, status = self.rng.choice(EXIT)
        if inputs is None:
            self.focus(pane)
            self.tm.keys("C-d")
            how = "C-d"
        else:
            how = self.deliver(pane, inputs, self.step_no)
        self.doing = "exit %s (via %s)" % (fault, how)
        self.wait_output(pane, r"^\[pane %s exited with status %d\]$" %
                         (re.escape(pane.name), status), STEP_TIMEOUT,
                         "exit note", fault)
        pane.dead = True
        self.faults[fault] += 1
        return "exit"

    def new_name(self):
        self.names += 1
        return "s%d" % self.names

    def op_new(self):
        name = self.new_name()
        self.doing_pane = name
        # Not C-b % or C-b ": a split of a pane too small makes no pane
        # (and the rename would then rename the focused one).
        how = self.rng.choice(["prompt", "C-b c"])
        if how == "prompt":
            self.tm.prompt("new-pane -n " + name)
        else:
            self.tm.keys("C-b", how[-1])
            self.tm.prompt("rename-pane " + name)	# the new pane is current
        self.doing = "new-pane via " + how
        self.panes.append(Pane(name))
        return "new-pane"

    def busy(self, pane, k):
        """Make pane busy before it is closed: a loop, input() or threads."""
        what = self.rng.choice(["idle", "spin", "input", "threads"])
        if pane.dead or what == "idle":
            return "dead" if pane.dead else "idle"
        self.quiet(pane)
        if what == "spin":
            self.deliver(pane, INTERRUPT[0][1], k, "send")
            self.wait_output(pane, r"^spin %d$" % k, STEP_TIMEOUT,
                             "step completes", "spin before close")
        elif what == "input":
            self.deliver(pane, ['s = input("who %d? " % {k})'], k, "send")
            self.wait_output(pane, r"^who %d\? " % k, STEP_TIMEOUT,
                             "step completes", "input() before close")
        else:
            self.deliver(pane, [
                "import threading, time; ts = [threading.Thread(target="
                "time.sleep, args=(0.5,)) for i in range(3)]; "
                "[t.start() for t in ts]; print('spin', {k})"], k, "send")
            self.wait_output(pane, r"^spin %d$" % k, STEP_TIMEOUT,
                             "step completes", "threads before close")
        self.faults["close-" + what] += 1
        return what

    def op_kill(self):
        live = self.live()
        choices = [p for p in self.panes if p.dead or len(live) > 1]
        pane = self.pick(choices)
        state = self.busy(pane, self.step_no)
        how = self.rng.choice(["prompt", "C-b x"])
        if how == "prompt":
            self.tm.prompt("kill-pane -t " + pane.name)
        else:
            self.focus(pane)
            self.tm.keys("C-b", "x")
            self.tm.keys("y")
        self.doing = "kill-pane (%s) via %s" % (state, how)
        self.wait_gone(pane)
        return "kill-pane"

    def wait_gone(self, pane):
        """Until kill-pane has closed pane; then it leaves the model."""
        deadline = time.monotonic() + CLOSE_TIMEOUT
        while self.exists(pane.name):
            if time.monotonic() > deadline:
                raise Failure("pane closes", pane.name, "still there %g s "
                              "after kill-pane; status line: %r" %
                              (CLOSE_TIMEOUT, self.tm.status_line()))
            time.sleep(0.05)
        self.panes.remove(pane)

    def wait_respawned(self, pane):
        self.wait_output(pane, r"^\[pane %s respawned\]$" %
                         re.escape(pane.name), CLOSE_TIMEOUT,
                         "respawn note", "respawn-pane")
        pane.dead = pane.bg = False

    def op_respawn(self):
        pane = self.pick(self.panes)
        state = self.busy(pane, self.step_no)
        self.tm.prompt("respawn-pane -t " + pane.name)
        self.doing = "respawn-pane (%s)" % state
        self.wait_respawned(pane)
        return "respawn-pane"

    def op_rename(self):
        pane = self.pick(self.panes)
        name = self.new_name()
        self.tm.prompt("rename-pane -t %s %s" % (pane.name, name))
        self.doing = "rename-pane to " + name
        pane.name = name
        return "rename-pane"

    def op_resize(self):
        w, h = self.rng.choice(SIZES)
        if self.rng.random() < 0.3:
            w, h = self.rng.randint(1, 220), self.rng.randint(1, 70)
        self.tm.run("resize-window", "-t", self.tm.target, "-x", str(w),
                    "-y", str(h))
        self.doing = "resize to %dx%d" % (w, h)
        return "resize"

    def op_switch(self):
        n = len(self.panes)
        how = self.rng.choice([
            ["C-b", "o"], ["C-b", ";"], ["C-b", str(self.rng.randrange(n))],
            ["M-%d" % self.rng.randrange(n)], ["C-b", "Left"],
            ["C-b", "Right"], ["C-b", "Up"], ["C-b", "Down"], ["M-Left"],
            ["M-Right"], ["M-Up"], ["M-Down"],
            "select-pane -t +", "select-pane -t -", "last-pane",
            "select-pane -t " + self.rng.choice(self.panes).name])
        if isinstance(how, str):
            self.tm.prompt(how)
            self.doing = "switch by :" + how
        else:
            self.tm.keys(*how)
            self.doing = "switch by " + " ".join(how)
        return "switch"

    def op_layout(self):
        how = self.rng.choice([["C-b", "Space"], ["C-b", "z"],
                               "select-layout tiled", "select-layout "
                               "main-vertical", "next-layout",
                               "resize-pane -Z"])
        if isinstance(how, str):
            self.tm.prompt(how)
            self.doing = "layout by :" + how
        else:
            self.tm.keys(*how)
            self.doing = "layout by " + " ".join(how)
        return "layout"

    def op_view(self):
        # Copy mode swallows the keys it does not use, and a copy leaves
        # it: "q C-u" ends in the pane's empty line either way (q typed
        # there if copy mode had ended).  The selections and copies use
        # keys of both tables (mode-keys follows $EDITOR): Space and
        # C-Space begin one in one table each.
        n = len(self.panes)
        how = self.rng.choice([
            ["C-b", "[", "Up", "Up", "PPage", "g", "q", "C-u"],
            ["PPage", "Up", "q", "C-u"],
            ["PPage", "NPage", "NPage", "q", "C-u"],
            ["C-b", "[", "Up", "Up", "C-Space", "Space", "Down", "Right",
             "Enter", "q", "C-u"],
            ["C-b", "[", "PPage", "Space", "C-Space", "C-v", "R", "Down",
             "Down", "End", "Enter", "q", "C-u"],
            ["C-b", "[", "Up", "Space", "V", "Down", "Escape", "Escape",
             "q", "C-u"],
            ["C-b", "?", "Down", "NPage", "q"],
            ["C-b", "q", str(self.rng.randrange(n))]])
        self.tm.keys(*how)
        if self.rng.random() < 0.3:
            # The mouse, as the terminal sends it: a drag (which selects
            # and copies, or moves a border), or the wheel.
            x, y = self.rng.randint(1, 200), self.rng.randint(1, 60)
            x2, y2 = self.rng.randint(1, 200), self.rng.randint(1, 60)
            seq = self.rng.choice([
                "\033[<0;%d;%dM\033[<32;%d;%dM\033[<0;%d;%dm" % (
                    x, y, x2, y2, x2, y2),
                "\033[<64;%d;%dM\033[<64;%d;%dM\033[<65;%d;%dM" % (
                    x, y, x, y, x, y)])
            self.tm.run("send-keys", "-t", self.tm.target, "-l", "--", seq)
            self.tm.keys("q", "C-u")
            # The wheel may have put a pane the keys do not reach in copy
            # mode, where typed keys would be swallowed: out of it, all.
            self.tm.prompt("; ".join("copy-mode -q -t " + p.name
                                     for p in self.panes))
            how = how + ["(mouse %r)" % seq]
        self.doing = "copy/view by " + " ".join(how)
        return "scroll"

    def op_background(self):
        pane = self.pick([p for p in self.live() if not p.bg])
        fault, code = self.rng.choice(BACKGROUND)
        how = self.deliver(pane, [code], self.step_no)
        self.doing = "background %s (via %s)" % (fault, how)
        pane.bg = True
        self.faults[fault] += 1
        return "background"

    def op_burst(self):
        """Several pane commands in one command line, run back to back."""
        n, live = len(self.panes), self.live()
        kinds = ["new+kill", "respawn-all", "interrupt-storm"]
        if n < MAX_PANES:
            kinds += ["new+respawn", "new+send"]
        if len(live) > 2:
            kinds.append("kill-some")
        kind = self.rng.choice(kinds)
        self.doing = "burst " + kind
        k = self.step_no
        if kind.startswith("new"):
            pane = Pane(self.new_name())
            self.doing_pane = pane.name
            then = {"new+kill": "kill-pane -t %s",
                    "new+respawn": "respawn-pane -t %s",
                    "new+send": "send -t %s \"'new %d'\"" % ("%s", k)}[kind]
            self.tm.prompt(("new-pane -d -n %s; " + then) % (pane.name,
                                                             pane.name))
            self.panes.append(pane)
            if kind == "new+kill":
                self.wait_gone(pane)
            elif kind == "new+respawn":
                self.wait_respawned(pane)
            else:
                self.wait_output(pane, r"^'new %d'" % k, STEP_TIMEOUT,
                                 "step completes", "input sent at start")
        elif kind == "respawn-all":
            self.tm.prompt("; ".join("respawn-pane -t " + p.name
                                     for p in self.panes))
            for p in self.panes:
                self.wait_respawned(p)
        elif kind == "kill-some":
            doomed = self.rng.sample(live, self.rng.randint(2, len(live) - 1))
            self.doing_pane = " ".join(p.name for p in doomed)
            self.tm.prompt("; ".join("kill-pane -t " + p.name
                                     for p in doomed))
            for p in doomed:
                self.wait_gone(p)
        else:
            pane = self.pick(live)
            self.quiet(pane)
            self.deliver(pane, INTERRUPT[0][1], k, "send")
            self.wait_output(pane, r"^spin %d$" % k, STEP_TIMEOUT,
                             "step completes", "spin")
            self.tm.prompt("; ".join(["interrupt -t " + pane.name] * 5 +
                                     ["interrupt -t " + p.name
                                      for p in live]))
            self.wait_output(pane, r"^KeyboardInterrupt", 5.0,
                             "interrupt lands", "KeyboardInterrupt")
            self.settle(pane, k)
        self.faults["burst-" + kind] += 1
        return "burst"

    def choose(self):
        live, n = len(self.live()), len(self.panes)
        table = [(self.op_code, 30), (self.op_interrupt, 10),
                 (self.op_input, 5), (self.op_switch, 8),
                 (self.op_layout, 3), (self.op_view, 3),
                 (self.op_resize, 6), (self.op_respawn, 6),
                 (self.op_rename, 2), (self.op_burst, 4)]
        if any(not p.bg for p in self.live()):
            table.append((self.op_background, 6))
        if n < MAX_PANES:
            table.append((self.op_new, 8))
        if n > 1 and (live > 1 or n > live):
            table.append((self.op_kill, 8))
        if live > 1:
            table.append((self.op_exit, 4))
        if live == 0:	# only respawn can bring one back
            table = [(self.op_respawn, 1)]
        if any(p.dead for p in self.panes) and self.rng.random() < 0.3:
            table = [(self.op_respawn, 1)]
        ops, weights = zip(*table)
        return self.rng.choices(ops, weights)[0]

    # ---- invariants ----

    def check(self):
        self.check_alive()
        title = self.tm.run("display-message", "-p", "-t", self.tm.target,
                            "#{pane_title}")
        if "SOAKTITLE" in title:
            raise Failure("escapes", None, "an escape sequence a pane "
                          "printed reached the terminal: its title is %r" %
                          title.strip())
        k = self.step_no
        live = self.live()
        # panes: the next number does not exist (a separate command line,
        # run before the sends below), and every name captures.
        over = os.path.join(self.cap, "over%d" % k)
        self.tm.prompt("capture -t %d -o %s" % (len(self.panes), over))
        self.script(["send -t %s \"'ok %d %d'\"" % (p.name, k, i)
                     for i, p in enumerate(live)], "answer tokens")
        sent = time.monotonic()
        if os.path.exists(over):
            raise Failure("panes", None, "there is a pane number %d: more "
                          "than the %d expected (%s)" % (
                              len(self.panes), len(self.panes),
                              " ".join(p.name for p in self.panes)))
        want = {p.name: (p, r"^'ok %d %d'" % (k, i)) for i, p in
                enumerate(live)}
        names = [p.name for p in self.panes]	# first round: all of them
        while want:
            texts = self.transcripts(names, "answers")
            for name in list(want):
                pane, token = want[name]
                if re.search(token, texts[name], re.M):
                    pane.mark = token
                    del want[name]
            waited = time.monotonic() - sent
            self.answer_max = max(self.answer_max, waited if want else 0)
            if want and waited > ANSWER:
                name = next(iter(want))
                raise Failure("answers", name, "no %r within %g s; its "
                              "last lines:\n    %s" % (
                                  want[name][1], ANSWER,
                                  last_lines(texts[name])))
            names = list(want)
            if want:
                time.sleep(0.03)
        self.answer_max = max(self.answer_max, time.monotonic() - sent)

    def check_resources(self):
        st = self.proc_status()
        if st is None:
            self.check_alive()
            return
        rss, threads = st
        npanes = len(self.panes)
        self.rss_now = rss
        self.rss_max = max(self.rss_max, rss)
        limit = self.rss_start + 1024 * (RSS_MB + RSS_PANE_MB *
                                         max(0, npanes - INITIAL_PANES))
        if rss > limit:
            raise Failure("rss", None, "VmRSS %d kB over the bound %d kB "
                          "(start %d kB, %d panes)" % (rss, limit,
                                                       self.rss_start, npanes))
        # 3 threads per pane (worker, interrupter, terminal reader); pane
        # code's threads are done by the end of a step, but their ends may
        # still be under way.
        if threads > self.base_threads + PANE_THREADS * npanes + 8:
            raise Failure("threads", None, "%d threads with %d panes "
                          "(%d at start with %d)" % (threads, npanes,
                          self.base_threads + PANE_THREADS * INITIAL_PANES,
                          INITIAL_PANES))
        fds = self.nfds()
        if fds > self.base_fds + PANE_FDS * max(0, npanes -
                                                INITIAL_PANES) + 8:
            raise Failure("fds", None, "%d open fds (%d at start): %s" % (
                fds, self.base_fds, " ".join(sorted(
                    os.readlink("/proc/%d/fd/%s" % (self.pid, f))
                    for f in os.listdir("/proc/%d/fd" % self.pid)))))

    # ---- the run ----

    def run(self):
        self.start()
        self.doing = "start"
        self.check()
        rss, threads = self.proc_status()
        self.rss_start = self.rss_max = self.rss_now = rss
        self.base_threads = threads - PANE_THREADS * INITIAL_PANES
        self.base_fds = self.nfds()
        self.note("start: pid %d, VmRSS %d kB, %d threads, %d fds", self.pid,
                  rss, threads, self.base_fds)
        end = self.t0 + SECONDS
        while time.monotonic() < end and (STEPS == 0 or self.step_no < STEPS):
            self.step_no += 1
            op = self.choose()
            self.doing, self.doing_pane = op.__name__[3:], None
            kind = op()
            self.ops[kind] += 1
            self.check()
            self.check_resources()
            self.note("step %d: %s%s; %d panes (%d live), VmRSS %d kB",
                      self.step_no, self.doing, " on " + self.doing_pane
                      if self.doing_pane else "", len(self.panes),
                      len(self.live()), self.rss_now)

    def dump(self):
        """After a failure: the screen, every thread's stack (by gdb, at
        once, before the UI is asked for more) and every pane's
        transcript."""
        with open(os.path.join(self.dir, "screen.txt"), "w") as f:
            f.write(self.tm.screen())
        if self.proc_status() is None:
            return
        if shutil.which("gdb"):
            with open(os.path.join(self.dir, "stacks.txt"), "w") as f:
                subprocess.run(["gdb", "-p", str(self.pid), "-batch", "-ex",
                                "thread apply all bt"], stdout=f,
                               stderr=subprocess.STDOUT, timeout=60)
        tdir = os.path.join(self.dir, "transcripts")
        os.makedirs(tdir, exist_ok=True)
        # The ones the driver knows, then by number (names may be wrong).
        for i, p in enumerate(self.panes):
            self.tm.prompt("capture -t %s -o %s/%s.txt" % (p.name, tdir,
                                                            p.name))
        for i in range(MAX_PANES + 2):
            self.tm.prompt("capture -t %d -o %s/pane%d.txt" % (i, tdir, i))
        try:
            self.script([], "dump")
        except Failure:
            pass

    def stop(self):
        # The session outlives its terminal: end the server itself.
        subprocess.run([SUBPLEX, "kill-server"], capture_output=True,
                       env=dict(os.environ,
                                XDG_RUNTIME_DIR=os.path.join(self.dir, "run")),
                       timeout=20)
        self.tm.run("kill-server", check=False)
        if self.tm.socket:
            try:
                os.unlink(self.tm.socket)
            except OSError:
                pass
        if self.pid is None:
            return
        deadline = time.monotonic() + 5
        while self.proc_status() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.proc_status() is not None:
            print("soak: subplex (pid %d) still ran 5 s after its terminal "
                  "closed: killed" % self.pid, file=sys.stderr)
            os.kill(self.pid, signal.SIGKILL)

    def report(self, elapsed):
        mb = lambda kb: "%.1f MB" % (kb / 1024)
        lines = [
            "soak: seed %d, %.0f s, %d steps, %d panes at the end (%d live)" %
            (SEED, elapsed, self.step_no, len(self.panes), len(self.live())),
            "soak: operations: " + ", ".join(
                "%s %d" % kv for kv in sorted(self.ops.items())),
            "soak: faults injected (%d): " % sum(self.faults.values()) +
            ", ".join("%s %d" % kv for kv in sorted(self.faults.items())),
            "soak: VmRSS start %s, end %s, max %s; slowest answer %.2f s" %
            (mb(self.rss_start), mb(self.rss_now), mb(self.rss_max),
             self.answer_max)]
        for l in lines:
            print(l)
            self.note("%s", l)


def main():
    if not os.access(SUBPLEX, os.X_OK):
        print("soak: no executable %s (set SUBPLEX)" % SUBPLEX,
              file=sys.stderr)
        return 2
    if shutil.which("tmux") is None:
        print("soak: tmux is needed", file=sys.stderr)
        return 2
    os.environ["LC_ALL"] = "C.UTF-8"
    for v in ("TMUX", "TMUX_PANE", "NO_COLOR"):
        os.environ.pop(v, None)
    workdir = os.environ.get("SOAK_DIR") or tempfile.mkdtemp(
        prefix="subplex-soak.")
    os.makedirs(workdir, exist_ok=True)
    soak = Soak(workdir)

    def on_signal(sig, frame):
        raise KeyboardInterrupt
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    print("soak: seed %d, %g s, subplex %s, work directory %s" %
          (SEED, SECONDS, SUBPLEX, workdir))
    status = 0
    try:
        soak.run()
        soak.report(time.monotonic() - soak.t0)
        print("soak: PASS, no failures")
    except Failure as f:
        where = "step %d (%s%s)" % (soak.step_no, soak.doing, " on pane " +
                                    soak.doing_pane if soak.doing_pane
                                    else "")
        msg = "soak: FAIL at %s: invariant '%s'%s: %s" % (
            where, f.invariant, " for pane " + f.pane if f.pane else "",
            f.detail)
        print(msg)
        soak.note("%s", msg)
        soak.report(time.monotonic() - soak.t0)
        print("soak: replay: make soak SOAK_SEED=%d%s" % (
            SEED, " SOAK_STEPS=%d" % soak.step_no if soak.step_no else ""))
        try:
            soak.dump()
        except Exception as e:	# the failure matters more than its dump
            print("soak: could not capture everything: %s" % e)
        print("soak: transcripts, screen, log and subplex's stderr in " +
              workdir)
        status = 1
    except KeyboardInterrupt:
        print("soak: interrupted at step %d; work directory %s" %
              (soak.step_no, workdir))
        status = 1
    finally:
        soak.stop()
        soak.log.close()
    if status == 0 and os.environ.get("SOAK_KEEP", "") in ("", "0") and \
            not os.environ.get("SOAK_DIR"):
        shutil.rmtree(workdir, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
