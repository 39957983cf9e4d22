#!/usr/bin/env python3
"""drawn.py: a pane's output drawn on an attached terminal, subplex beside
tmux in the same run (make bench: tmuxflood, vtstream).

Both sides get the same terminal: a pseudo-terminal this script holds,
100x30, TERM=xterm-256color, read all the time (a full pty buffer would
stall the program drawing).  subplex: `subplex --no-main -n 1` (one pane,
100x29 under its status line, a sub-interpreter like every pane but the
main one) started on a pty, detached with C-b d, then `subplex attach` on
a fresh pty.  tmux: `new-session -d -x 100 -y 30` (one pane, 100x29 under
its status line; -f /dev/null and a socket of its own), then
`tmux attach` on a fresh pty.  A fresh session for every run; starting
and attaching are not timed.  Sessions, sockets and servers are removed at
the end and on every failure (attach.py's Subplex and Tmux).

The command is typed into the attached terminal, then its Enter is written
and the clock starts.  Every read from then on is kept with its time; the
run ends when the terminal has been quiet for 0.3 s and the pane is done
(subplex list-panes shows it idle; tmux capture-pane shows its last
lines).  Then the bytes are emulated read by read (attach.py's Screen,
untimed): the time is that of the read which made the screen show the
pane's last lines (below), the output done and drawn.  Every read is
timed before any is emulated, so the emulation never delays a timestamp,
and what either program draws after that (tmux renaming its window on the
status line) is not counted.  Best of RUNS each, the sides taking turns.

tmuxflood: `for i in range(1000000): print(i)` typed as a line, then an
  empty line ends the block (the clock starts at that Enter), into
  subplex's pane and into a tmux pane running PYTHON -i (the CPython that
  subplex embeds, as its own binary: the same version, and Debian's
  python3.11 runs the REPL faster than its libpython does).  Done and
  drawn: the pane's last non-blank rows are 999999 then a prompt (>>>);
  the rows above must be the numbers before it, in order, filling the
  pane.  Target: subplex / tmux <= 0.2 (the issue's "at least 5x faster").

vtstream: a stream of about 50 MB (made here, seeded: the same every run)
  of coloured, cursor-moving output: log lines in 16 and 256 colours (some
  wrap), rows of 24-bit background colours, tqdm-like progress bars
  redrawn with CR, stacks of bars redrawn with cursor up, erase line and
  CHA, dashboard cells written with CUP and erase to end of line between a
  cursor save and restore, plain lines; it ends with six lines
  `vtstream tail K/6`.  subplex: the pane has imported a module written
  here whose run(path) writes the file in 64 KiB reads to
  sys.stdout.fileno(), the pane's own pty, looping over short writes, then
  writes `vtstream done` there too; `vtwrite.run(PATH)` is typed.  tmux: a
  pane running /bin/sh, `cat PATH; printf ...` typed, which writes the same
  `vtstream done` line.  Done and drawn: the pane's last non-blank rows are
  the six tail lines, `vtstream done` and a prompt.  Not judged, a note
  per side: whether the best run's last screen shows, above the prompt,
  the rows that the stream makes on a 100x29 terminal (the stream fed to
  Screen here).  Target: subplex / tmux <= 1.0.  The issue asks for the
  figure beside tmux's and names no factor; both programs do the same
  work here (read the pane's pty, run every byte through an emulator,
  libvterm or tmux's own, and draw what changed), so subplex should be no
  slower.

usage: drawn.py tmuxflood SUBPLEX PYTHON RUNS
       drawn.py vtstream SUBPLEX PYTHON RUNS
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import attach                                           # noqa: E402
from attach import Broken, Screen, Subplex, Tmux        # noqa: E402

ROWS, COLS = attach.ROWS, attach.COLS
LOOP = attach.LOOP
QUIET = 0.3
LIMIT = 120                 # seconds a run may take before it is broken
NAME = "drawn"


# ---- the stream ----

WORDS = ("alpha beta gamma delta request response cache miss hit worker "
         "thread pool queue flush write read socket retry timeout commit "
         "index build link test pass fail skip module loader frame cell"
         ).split()
EIGHTHS = " ▏▎▍▌▋▊▉"
TAIL = ["vtstream tail %d/6" % k for k in range(1, 7)]
DONE = "vtstream done"


def sgr(*p):
    return "\x1b[" + ";".join(map(str, p)) + "m"


def make_stream(size, seed):
    """About size bytes of terminal output, the same for the same seed."""
    rnd = random.Random(seed)
    out = []
    n = 0
    ms = 0

    def emit(s):
        nonlocal n
        b = s.encode()
        out.append(b)
        n += len(b)

    def words(a, b):
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(a, b)))

    while n < size:
        k = rnd.random()
        if k < 0.35:
            # log lines: dim time, bold level in 16 colours, a 256-colour
            # name; some are longer than a row and wrap
            for _ in range(rnd.randint(5, 40)):
                ms += rnd.randint(1, 900)
                lvl, c = rnd.choice((("INFO", 32), ("WARN", 33),
                                     ("ERROR", 31), ("DEBUG", 36)))
                emit("%s%02d:%02d:%02d.%03d%s %s%-5s%s %s%s%s %s\n" % (
                    sgr(2), ms // 3600000 % 24, ms // 60000 % 60,
                    ms // 1000 % 60, ms % 1000, sgr(0), sgr(1, c), lvl,
                    sgr(0), sgr(38, 5, rnd.randrange(256)),
                    rnd.choice(WORDS), sgr(0), words(3, 12)))
        elif k < 0.45:
            # rows of 24-bit background colours, a cell each
            for _ in range(rnd.randint(1, 6)):
                r, g, b = (rnd.randrange(256) for _ in range(3))
                w = rnd.randint(20, COLS - 1)
                emit("".join("%s%s" % (sgr(48, 2, (r + 3 * x) % 256,
                                           (g + 5 * x) % 256,
                                           (b + 7 * x) % 256),
                                       "*" if x % 7 == 0 else " ")
                             for x in range(w)) + sgr(0) + "\n")
        elif k < 0.70:
            # a tqdm-like bar, redrawn with CR
            total = rnd.choice((100, 250, 1000, 4096))
            steps = rnd.randint(20, 120)
            desc = rnd.choice(WORDS)
            width = 40
            for s in range(steps + 1):
                done = total * s // steps
                frac = done / total
                full, part = divmod(int(frac * width * 8), 8)
                bar = "█" * full + (EIGHTHS[part] if full < width else "")
                bar += " " * (width - len(bar))
                el, left = int(s * 0.07), int((steps - s) * 0.07)
                emit("\r%s: %s%3d%%%s|%s%s%s| %d/%d [%02d:%02d<%02d:%02d, "
                     "%.2fit/s]" % (desc, sgr(1), int(frac * 100), sgr(0),
                                    sgr(32), bar, sgr(0), done, total,
                                    el // 60, el % 60, left // 60, left % 60,
                                    done / (s * 0.07) if s else 0.0))
            emit("\n")
        elif k < 0.85:
            # a stack of bars (pip, docker pull): cursor up, then each
            # line erased and written from column 1
            m = rnd.randint(2, 6)
            emit("\n" * m)
            for s in range(rnd.randint(5, 30)):
                emit("\x1b[%dA" % m)
                for j in range(m):
                    pct = min(100, s * (j + 3))
                    emit("\x1b[2K\x1b[1G%s layer %d: %s%s>%s %3d%%\n" % (
                        rnd.choice(WORDS), j, sgr(38, 5, 16 + j * 36),
                        "=" * (pct // 4), sgr(0), pct))
        elif k < 0.95:
            # a dashboard: cursor saved, cells written at absolute
            # positions (CUP) and the rest of their row erased, restored
            emit("\x1b7")
            for _ in range(rnd.randint(3, 10)):
                emit("\x1b[%d;%dH%s%s %6.2f%%%s\x1b[K" % (
                    rnd.randint(1, ROWS - 1), rnd.randint(1, COLS - 30),
                    sgr(rnd.choice((91, 92, 93, 94, 95, 96, 97))),
                    rnd.choice(WORDS), rnd.random() * 100, sgr(0)))
            emit("\x1b8")
        else:
            for _ in range(rnd.randint(5, 60)):
                emit(words(1, 14) + "\n")
    # The tail: each line erased first, so that nothing the dashboards
    # left on a row shows beside it.
    emit(sgr(0) + "\n" + "".join("\r\x1b[2K" + t + "\n" for t in TAIL))
    return b"".join(out)


# The marker goes the stream's way, to the pty: print() would reach the
# pane's screen by another path, which may overtake what the pty's reader
# has not handed on yet.
END = b"\x1b[2K" + DONE.encode() + b"\n"
VTWRITE = '''\
import os
import sys


def write(fd, b):
    while b:
        b = b[os.write(fd, b):]


def run(path):
    fd = sys.stdout.fileno()
    with open(path, "rb") as f:
        while True:
            b = f.read(65536)
            if not b:
                break
            write(fd, b)
    write(fd, %r)
''' % END


# ---- what the screen shows ----

def pane_rows(scr):
    """The pane's rows (all but the status line), right-trimmed."""
    return [scr.text(r).rstrip() for r in range(scr.rows - 1)]


def last_rows(scr, n):
    rows = [r for r in pane_rows(scr) if r.strip()]
    return rows[-n:]


def is_prompt(row, prompt):
    return row.rstrip() == prompt.rstrip()


def flood_done(prompt):
    def done(scr):
        rows = last_rows(scr, 2)
        return (len(rows) == 2 and rows[0] == "999999" and
                is_prompt(rows[1], prompt))
    return done


def flood_check(scr, prompt):
    """The last screen: consecutive numbers up to 999999, then a prompt."""
    rows = [r for r in pane_rows(scr) if r.strip()]
    if not rows or not is_prompt(rows[-1], prompt):
        return "no prompt on the last row"
    want = [str(999999 - k) for k in range(len(rows) - 2, -1, -1)]
    if rows[:-1] != want or len(rows) < ROWS - 2:
        return "the rows above the prompt are not the last numbers in order"
    return None


def stream_done(prompt):
    def done(scr):
        rows = last_rows(scr, 8)
        return (rows[:7] == TAIL + [DONE] and len(rows) == 8 and
                is_prompt(rows[7], prompt))
    return done


# ---- one run ----

def timed_run(term, line, enter, probe, done):
    """Type line, and Enter too when enter is true (a block: the empty
    line's Enter is the timed one), then write Enter and time until the
    screen shows done.  Seconds, bytes drawn after the Enter, the last
    screen."""
    term.write(line)
    term.drain(0.1, 2)
    if enter:
        term.write(b"\r")
        term.drain(0.1, 2)
    scr = Screen()
    scr.feed(bytes(term.out))
    got = []
    fed = 0
    t = None
    term.write(b"\r")
    t0 = time.monotonic()
    last = t0
    while True:
        b = term.read(0.05)
        while b:
            last = time.monotonic()
            got.append((last, b))
            b = term.read(0)
        now = time.monotonic()
        if now - last >= QUIET and probe():
            # Quiet and the pane done: emulate what came (the first time
            # the screen showed the end is the time), and stop if it shows
            # the end now.
            for tb, b in got[fed:]:
                scr.feed(b)
                if t is None and done(scr):
                    t = tb - t0
            fed = len(got)
            if t is not None and done(scr):
                break
        if now - t0 > LIMIT:
            raise Broken("the end not drawn in %d s; the screen:\n%s" %
                         (LIMIT, scr.dump()))
        if term.eof and not term.alive():
            raise Broken("the terminal's client ended: %r" %
                         bytes(term.out[-300:]))
    return t, sum(len(b) for _, b in got), scr


def subplex_session(exe, env, setup=()):
    """A one-pane session that has run the setup lines, detached, and a
    terminal attached to it."""
    s = Subplex(exe, env, ["--no-main", "-n", "1"], ready=b"0:py0")
    cmds = ["wait", "-t", "py0"]
    for line in setup:
        cmds += [";", "send", "-t", "py0", line, ";", "wait", "-t", "py0"]
    s.cmd(*cmds)
    s.term.drain(0.3, 3)
    s.detach(s.term)
    term = s.client(["attach"])
    if not term.until(b"0:py0", 10):
        raise Broken("subplex attach drew no status line: %r" %
                     bytes(term.out[-300:]))
    term.drain(0.3, 3)
    return s, term


def subplex_idle(s):
    return lambda: "0: py0 (idle" in s.cmd("list-panes")


def tmux_session(env, command, ready):
    t = Tmux(env)
    t.cmd("new-session", "-d", "-s", "bench", "-x", str(COLS),
          "-y", str(ROWS), command)
    term = t.client(["attach", "-t", "bench"])
    if not term.until(ready, 10):
        raise Broken("tmux attach does not show %r: %r" %
                     (ready, bytes(term.out[-300:])))
    term.drain(0.3, 3)
    return t, term


def tmux_last_line(t, want):
    def probe():
        rows = [r for r in t.cmd("capture-pane", "-p", "-t",
                                 "bench").split("\n") if r.strip()]
        return bool(rows) and want(rows[-2:])
    return probe


def flood_subplex(exe, python, env, tmp):
    s, term = subplex_session(exe, env)
    try:
        t, n, scr = timed_run(term, LOOP.encode(), True, subplex_idle(s),
                              flood_done(">>>"))
        why = flood_check(scr, ">>>")
        if why:
            raise Broken("subplex: %s:\n%s" % (why, scr.dump()))
        return t, n, scr
    finally:
        s.kill()


def flood_tmux(exe, python, env, tmp):
    t, term = tmux_session(env, "exec %s -i" % python, b">>>")
    try:
        probe = tmux_last_line(
            t, lambda r: len(r) == 2 and r[0] == "999999" and
            r[1].startswith(">>>"))
        secs, n, scr = timed_run(term, LOOP.encode(), True, probe,
                                 flood_done(">>>"))
        why = flood_check(scr, ">>>")
        if why:
            raise Broken("tmux: %s:\n%s" % (why, scr.dump()))
        return secs, n, scr
    finally:
        t.kill()


def stream_subplex(exe, python, env, tmp):
    s, term = subplex_session(exe, env, ["import sys",
                                         "sys.path.insert(0, %r)" % tmp,
                                         "import vtwrite"])
    try:
        line = "vtwrite.run(%r)" % os.path.join(tmp, "stream")
        return timed_run(term, line.encode(), False, subplex_idle(s),
                         stream_done(">>>"))
    finally:
        s.kill()


def stream_tmux(exe, python, env, tmp):
    t, term = tmux_session(env, "exec env PS1='$ ' /bin/sh", b"$ ")
    try:
        probe = tmux_last_line(
            t, lambda r: len(r) == 2 and r[0] == DONE and
            r[1].startswith("$"))
        line = "cat %s; printf '\\033[2K%s\\n'" % (
            os.path.join(tmp, "stream"), DONE)
        return timed_run(term, line.encode(), False, probe,
                         stream_done("$"))
    finally:
        t.kill()


# ---- the two benchmarks ----

def best(runs):
    return min(runs, key=lambda r: r[0])


def bench(mode, exe, python, runs, env, tmp):
    py = os.path.basename(python)
    if mode == "tmuxflood":
        sides = (flood_subplex, flood_tmux)
        print("  typed: %s, then an empty line; timed from its Enter to "
              "the read that drew 999999 and the prompt" % LOOP)
        tmux_runs = "%s -i" % py
        target = 0.2
    else:
        sides = (stream_subplex, stream_tmux)
        tmux_runs = "/bin/sh, cat"
        target = 1.0
        t = time.monotonic()
        data = make_stream(50 << 20, 1203)
        with open(os.path.join(tmp, "stream"), "wb") as f:
            f.write(data)
        with open(os.path.join(tmp, "vtwrite.py"), "w") as f:
            f.write(VTWRITE)
        # What a terminal of the pane's size shows at the end, emulated
        # here (the line discipline makes each newline CR LF).
        ref = Screen(ROWS - 1, COLS)
        ref.feed((data + END).replace(b"\n", b"\r\n"))
        ref = [ref.text(r).rstrip() for r in range(ROWS - 2)]
        print("  the stream: %d bytes, %d lines, seed 1203 (made and "
              "emulated in %.1f s); timed from the Enter to the read that "
              "drew its tail, `%s` and the prompt" %
              (len(data), data.count(b"\n"), time.monotonic() - t, DONE))
        del data
    a, b = [], []
    for _ in range(runs):
        a.append(sides[0](exe, python, env, tmp))
        b.append(sides[1](exe, python, env, tmp))
    sa, sb = best(a), best(b)
    print("  subplex, one pane (a sub-interpreter), attached, %dx%d: best "
          "%.3f s of %s" % (COLS, ROWS, sa[0],
                            " ".join("%.3f" % x[0] for x in a)))
    print("  tmux %s, one pane running %s, attached, %dx%d: best %.3f s "
          "of %s" % (tmux_version(env), tmux_runs, COLS, ROWS, sb[0],
                     " ".join("%.3f" % x[0] for x in b)))
    print("  bytes drawn per run: subplex %s; tmux %s" %
          (" ".join(str(x[1]) for x in a), " ".join(str(x[1]) for x in b)))
    if mode == "vtstream":
        # Not judged: the pane's rows above its prompt on the last screen
        # of the best run, against the stream emulated here.
        for side, run in (("subplex", sa), ("tmux", sb)):
            rows = pane_rows(run[2])[:-1]
            bad = [k for k, (x, y) in enumerate(zip(rows, ref)) if x != y]
            if not bad:
                print("  %s's last screen: the %d rows above the prompt are "
                      "those the stream makes" % (side, len(ref)))
                continue
            print("  %s's last screen: %d of the %d rows above the prompt "
                  "are not those the stream makes (rows %s); row %d shows "
                  "%r, the stream makes %r" %
                  (side, len(bad), len(ref),
                   " ".join(str(k + 1) for k in bad), bad[0] + 1,
                   rows[bad[0]][:50], ref[bad[0]][:50]))
    ratio = sa[0] / sb[0]
    verdict = "PASS" if ratio <= target else "FAIL"
    print("%s: subplex %.3f s, baseline %.3f s (tmux, %s), ratio %.3f "
          "(target <= %.1f) %s" % (NAME, sa[0], sb[0], tmux_runs, ratio,
                                   target, verdict))
    return verdict


def tmux_version(env):
    try:
        return subprocess.run(["tmux", "-V"], capture_output=True,
                              text=True, env=env).stdout.split()[-1]
    except (OSError, IndexError):
        return "?"


def main():
    global NAME
    mode, exe, python, runs = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    NAME = mode
    signal.signal(signal.SIGTERM, attach.on_signal)
    signal.signal(signal.SIGHUP, attach.on_signal)
    if shutil.which("tmux") is None:
        print("%s: SKIP (tmux is not installed: no baseline)" % NAME)
        return 0
    env, home = attach.bench_env(mode)
    loc = [env.get(v, "") for v in ("LC_ALL", "LC_CTYPE", "LANG")]
    loc = next((x for x in loc if x), "")
    if "utf-8" not in loc.lower() and "utf8" not in loc.lower():
        env.pop("LC_ALL", None)
        env["LC_CTYPE"] = "C.UTF-8"
        print("  no UTF-8 locale here (%r): both sides run with "
              "LC_CTYPE=C.UTF-8" % loc)
    return attach.judged(NAME, lambda: bench(mode, exe, python, runs, env,
                                            home), home)


if __name__ == "__main__":
    sys.exit(main())
