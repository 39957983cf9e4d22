"""control-check.py: checks the JSON lines of one control.test case.

Usage: control-check.py FILE CASE.  Every line must be one JSON object
with a "type"; the first is the hello (protocol 1); replies come in order
(id 1, 2, ...).  Then what CASE (runs, exit, input, waitui) expects.
Exits 0 when all holds, else 1 with what did not on stderr.
"""
import json
import sys


def fail(msg):
    sys.stderr.write(msg + "\n")
    sys.exit(1)


def main():
    path, case = sys.argv[1], sys.argv[2]
    events = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                ev = json.loads(line)
            except ValueError as e:
                fail("line %d is not JSON (%s): %r" % (n, e, line))
            if not isinstance(ev, dict) or "type" not in ev:
                fail("line %d has no type: %r" % (n, line))
            events.append(ev)
    if not events or events[0]["type"] != "hello":
        fail("the first event is not the hello")
    hello = events[0]
    if hello.get("protocol") != 1 or not isinstance(hello.get("panes"), list):
        fail("hello: %r" % hello)
    replies = [e for e in events if e["type"] == "reply"]
    if [r["id"] for r in replies] != list(range(1, len(replies) + 1)):
        fail("replies out of order: %r" % [r["id"] for r in replies])

    def find(pred, what):
        for e in events:
            if pred(e):
                return e
        fail("no %s in %s" % (what, path))

    def after(a, b):
        return events.index(a) < events.index(b)

    def stream(pane, name):
        """What a pane printed on one stream: output may come in pieces."""
        return "".join(e["text"] for e in events if e["type"] == "output"
                       and e["pane"] == pane and e["stream"] == name)

    if case == "runs":
        if [p["pane"] for p in hello["panes"]] != ["py0", "py1"]:
            fail("hello's panes: %r" % hello["panes"])
        if stream("py1", "stdout") != "42\n":
            fail("py1's stdout: %r" % stream("py1", "stdout"))
        out = find(lambda e: e["type"] == "output" and e["pane"] == "py1"
                   and e["stream"] == "stdout", "output 42")
        ok = find(lambda e: e["type"] == "run-finished" and
                  e["input"] == 1 and e["status"] == "ok", "run 1 ok")
        exc = find(lambda e: e["type"] == "run-finished" and
                   e["input"] == 2 and e["status"] == "exception", "run 2")
        if exc["exception"] != {"type": "ZeroDivisionError",
                                "message": "division by zero"}:
            fail("exception: %r" % exc["exception"])
        if not isinstance(exc["seconds"], float) or exc["seconds"] < 0:
            fail("seconds: %r" % exc)
        if "ZeroDivisionError: division by zero\n" not in stream("py1",
                                                                 "stderr"):
            fail("the traceback on stderr: %r" % stream("py1", "stderr"))
        if not after(out, ok):
            fail("run-finished before its output")
        if len(replies) != 7:
            fail("%d replies for 7 lines" % len(replies))
        if replies[4] != {"type": "reply", "id": 5, "ok": False,
                          "error": "-:1:1: send: no pane named 'nope'"}:
            fail("the error reply: %r" % replies[4])
        if not replies[5]["output"].startswith("0: py0 (idle"):
            fail("list-panes' output: %r" % replies[5])
        # source-file: its file's errors, a line each.
        errs = replies[6].get("error", "").split("\n")
        if (replies[6]["ok"] is not False or len(errs) != 2 or
                not errs[0].endswith("bad.rc:1:1: set-option: no option "
                                     "'base-index' in subplex (it is "
                                     "tmux's; show-options lists "
                                     "subplex's)") or
                not errs[1].endswith("bad.rc:3:1: unknown command "
                                     "'bogus'")):
            fail("source-file's reply: %r" % replies[6])
    elif case == "exit":
        added = find(lambda e: e["type"] == "pane-added" and
                     e["pane"] == "e", "pane-added e")
        run = find(lambda e: e["type"] == "run-finished" and
                   e["pane"] == "e", "e's run-finished")
        if run["status"] != "exit" or run["code"] != 3:
            fail("e's run: %r" % run)
        exited = find(lambda e: e["type"] == "pane-exited", "pane-exited")
        if exited["code"] != 3 or exited["id"] != added["id"]:
            fail("pane-exited: %r" % exited)
        closed = find(lambda e: e["type"] == "pane-closed", "pane-closed")
        if closed["id"] != added["id"] or not after(exited, closed):
            fail("pane-closed: %r" % closed)
    elif case == "input":
        want = find(lambda e: e["type"] == "input-wanted" and
                    e["pane"] == "py1", "input-wanted")
        if want["secret"] is not False:
            fail("input-wanted: %r" % want)
        runs = [e for e in events if e["type"] == "run-finished"]
        if [r["status"] for r in runs] != ["ok", "ok"]:
            fail("runs: %r" % runs)
        # The answer goes to input(): the run is still the first input's.
        if runs[0]["input"] != 1 or not after(want, runs[0]):
            fail("the input() run: %r" % runs[0])
        if "BOB\n" not in stream("py1", "stdout"):
            fail("py1's stdout: %r" % stream("py1", "stdout"))
    elif case == "waitui":
        run = find(lambda e: e["type"] == "run-finished" and
                   e["pane"] == "py1", "py1's run-finished")
        if run["status"] != "ok" or run["seconds"] < 2.5:
            fail("the sleep's run: %r" % run)
        if len(replies) != 2:
            fail("replies: %r" % replies)
    else:
        fail("no case %s" % case)


main()
