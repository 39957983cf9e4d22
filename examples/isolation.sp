# isolation.sp: two panes, one process, no Python state shared.
#
# Shows: the same module state set differently in two panes, and each pane
# still seeing its own value; expect lines prove it (the script stops with
# what the pane printed if one does not hold).  The panes import the same
# stdlib modules and the same module file, yet each interpreter has its
# own module objects, its own sys, its own globals:
#	- json.dumps replaced in alpha only
#	- sys.ps1 (the prompt) changed in alpha only
#	- tally.py, one file both panes import, with a module-level counter
#	  bumped three times in alpha and once in beta
# tally.py is written to a directory named after the process id: beta finds
# it because both panes are the same process.
#
# Not shown: decimal's precision.  The C module _decimal of CPython 3.11
# (and of 3.12 in a pane with a shared GIL) keeps its state in C globals
# that every interpreter shares, so decimal.getcontext() in one pane can
# return another pane's context; plain CPython does the same with two
# sub-interpreters.  3.12 panes with their own GIL refuse _decimal (see
# CPYTHON VERSIONS in subplex(1)), and 3.13's _decimal is isolated.
#
# Run it from the repository root:
#	subplex --batch examples/isolation.sp	headless: checks, then prints
#						both transcripts
#	subplex -f examples/isolation.sp	the terminal interface: the
#		same in the panes; the captures at the end open a full-screen
#		view of beta's transcript, closed with q

new-pane -n alpha
send -t alpha <<'EOF'
import json, os, sys, tempfile
folder = os.path.join(tempfile.gettempdir(), f"subplex-isolation-{os.getpid()}")
os.makedirs(folder, exist_ok=True)
source = "count = 0\n\ndef bump():\n    global count\n    count += 1\n    return count"
with open(os.path.join(folder, "tally.py"), "w") as f:
    print(source, file=f)
sys.path.insert(0, folder)
import tally
print("alpha: pid", os.getpid(), "wrote", os.path.basename(tally.__file__))
EOF
expect -t alpha '^alpha: pid [0-9]+ wrote tally\.py$'
wait -t alpha

new-pane -n beta
send -t beta <<'EOF'
import json, os, sys, tempfile
folder = os.path.join(tempfile.gettempdir(), f"subplex-isolation-{os.getpid()}")
sys.path.insert(0, folder)
import tally
print("beta: pid", os.getpid(), "imported", os.path.basename(tally.__file__))
EOF
expect -t beta '^beta: pid [0-9]+ imported tally\.py$'

# A module attribute: json.dumps monkey-patched in alpha.
send -t alpha 'json.dumps = lambda obj, **kw: "patched in alpha"'
send -t alpha 'json.dumps([1, 2])'
expect -t alpha "^'patched in alpha'$"
send -t beta 'json.dumps([1, 2])'
expect -t beta "^'\\[1, 2\\]'$"

# The interpreter's own sys: alpha's prompt changes, beta's does not.
send -t alpha 'sys.ps1 = "alpha>>> "'
send -t alpha 'sys.ps1'
expect -t alpha "^'alpha>>> '$"
send -t beta 'sys.ps1'
expect -t beta "^'>>> '$"

# Module globals: one tally.py, two module objects, two counters.
send -t alpha 'tally.bump(); tally.bump(); tally.bump()'
expect -t alpha '^3$'
send -t beta 'tally.bump()'
expect -t beta '^1$'
send -t alpha 'print("alpha: tally.count =", tally.count)'
expect -t alpha '^alpha: tally\.count = 3$'
send -t beta 'print("beta: tally.count =", tally.count)'
expect -t beta '^beta: tally\.count = 1$'

# Clean up the shared directory once both panes are done with it.
wait -t beta
send -t alpha 'import shutil; shutil.rmtree(folder); os.path.exists(folder)'
expect -t alpha '^False$'

wait -t alpha
wait -t beta
capture -t alpha
capture -t beta
