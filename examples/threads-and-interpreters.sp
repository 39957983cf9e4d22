# threads-and-interpreters.sp: every pane is an interpreter of its own,
# run by a thread of its own, in one process.
#
# Shows: each pane (the same code is sent to each) printing its interpreter
# id, its thread (threading's ident and the OS's native id) and the process
# id; then one pane gathering what all three reported and checking, with expect,
# that the interpreter ids and the threads differ while the process is the
# same; then list-panes, which gives each pane's GIL: its own on CPython
# 3.12 and later unless asked for a shared one (as the pane "shared" is
# here), one shared GIL for all on 3.11.
#
# The interpreter id comes from the module _interpreters (3.13) or
# _xxsubinterpreters (3.11, 3.12), private modules behind the interpreters
# API of PEP 554/734; a build without them gets id(sys.modules), which also
# differs between interpreters.  The panes pass their findings through
# files in a directory named after the process id (removed at the end): it
# is the process's file system they share, not Python objects.
#
# Run it from the repository root:
#	subplex --batch examples/threads-and-interpreters.sp
#		headless: checks, then prints the panes' transcripts and the
#		pane list
#	subplex -f examples/threads-and-interpreters.sp
#		the terminal interface: the same in the panes; the captures
#		and list-panes at the end open a full-screen view of the pane
#		list, closed with q

new-pane -n first
send -t first <<'EOF'
import json, os, sys, tempfile, threading
try:
    import _interpreters as interpreters           # CPython 3.13
except ImportError:
    try:
        import _xxsubinterpreters as interpreters  # CPython 3.11, 3.12
    except ImportError:
        interpreters = None
if interpreters is None:
    interp = f"sys.modules@{id(sys.modules):#x}"
else:
    interp = interpreters.get_current()            # 3.13: (id, whence)
    interp = int(interp[0] if isinstance(interp, tuple) else interp)
me = {"interpreter": interp, "thread": threading.get_ident(),
      "native": threading.get_native_id(), "pid": os.getpid()}
print("interpreter {interpreter}, thread {thread}, native id {native}, "
      "pid {pid}".format(**me))
folder = os.path.join(tempfile.gettempdir(), f"subplex-threads-{os.getpid()}")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, f"{me['native']}.json"), "w") as f:
    json.dump(me, f)
EOF
expect -t first '^interpreter [^ ]+, thread [0-9]+, native id [0-9]+, pid [0-9]+$'

new-pane -n second
send -t second <<'EOF'
import json, os, sys, tempfile, threading
try:
    import _interpreters as interpreters           # CPython 3.13
except ImportError:
    try:
        import _xxsubinterpreters as interpreters  # CPython 3.11, 3.12
    except ImportError:
        interpreters = None
if interpreters is None:
    interp = f"sys.modules@{id(sys.modules):#x}"
else:
    interp = interpreters.get_current()            # 3.13: (id, whence)
    interp = int(interp[0] if isinstance(interp, tuple) else interp)
me = {"interpreter": interp, "thread": threading.get_ident(),
      "native": threading.get_native_id(), "pid": os.getpid()}
print("interpreter {interpreter}, thread {thread}, native id {native}, "
      "pid {pid}".format(**me))
folder = os.path.join(tempfile.gettempdir(), f"subplex-threads-{os.getpid()}")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, f"{me['native']}.json"), "w") as f:
    json.dump(me, f)
EOF
expect -t second '^interpreter [^ ]+, thread [0-9]+, native id [0-9]+, pid [0-9]+$'

# -g shared: this pane shares the main interpreter's GIL (on 3.11 every
# pane does); it is still an interpreter of its own.
new-pane -n shared -g shared
send -t shared <<'EOF'
import json, os, sys, tempfile, threading
try:
    import _interpreters as interpreters           # CPython 3.13
except ImportError:
    try:
        import _xxsubinterpreters as interpreters  # CPython 3.11, 3.12
    except ImportError:
        interpreters = None
if interpreters is None:
    interp = f"sys.modules@{id(sys.modules):#x}"
else:
    interp = interpreters.get_current()            # 3.13: (id, whence)
    interp = int(interp[0] if isinstance(interp, tuple) else interp)
me = {"interpreter": interp, "thread": threading.get_ident(),
      "native": threading.get_native_id(), "pid": os.getpid()}
print("interpreter {interpreter}, thread {thread}, native id {native}, "
      "pid {pid}".format(**me))
folder = os.path.join(tempfile.gettempdir(), f"subplex-threads-{os.getpid()}")
os.makedirs(folder, exist_ok=True)
with open(os.path.join(folder, f"{me['native']}.json"), "w") as f:
    json.dump(me, f)
EOF
expect -t shared '^interpreter [^ ]+, thread [0-9]+, native id [0-9]+, pid [0-9]+$'

# Once every pane has written its file, compare them in the last pane.
wait -t first
wait -t second
wait -t shared
send -t shared <<'EOF'
import glob, shutil
panes = []
for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
    with open(path) as f:
        panes.append(json.load(f))
shutil.rmtree(folder)
def distinct(key):
    return len({str(p[key]) for p in panes}) == len(panes)
print("panes reporting:", len(panes))
print("interpreter ids differ:", distinct("interpreter"))
print("thread idents differ:", distinct("thread"))
print("native thread ids differ:", distinct("native"))
print("one process:", len({p["pid"] for p in panes}) == 1)
print("none is the main interpreter (id 0):",
      all(p["interpreter"] != 0 for p in panes))
print("CPython", sys.version.split()[0])
EOF
expect -t shared '^panes reporting: 3$'
expect -t shared '^interpreter ids differ: True$'
expect -t shared '^thread idents differ: True$'
expect -t shared '^native thread ids differ: True$'
expect -t shared '^one process: True$'
expect -t shared '^none is the main interpreter \(id 0\): True$'

wait -t shared
capture -t first
capture -t second
capture -t shared
list-panes
