/*
 * repl.c: compile and run one line of input the way CPython's interactive
 * console does.
 *
 * Lines accumulate until codeop.CommandCompiler (which carries __future__
 * flags from one input to the next and knows each version's rules for
 * incomplete input) returns a code object; it runs in __main__ in 'single'
 * mode, so expression results go through sys.displayhook and set
 * builtins._.  Errors are shown through sys.excepthook with sys.last_*
 * set, as PyErr_Print would, except that SystemExit never reaches
 * PyErr_Print (which would end the whole process): it ends the pane, with
 * the status CPython would have exited with.  Syntax errors are shown
 * without a traceback, like code.InteractiveConsole.showsyntaxerror.
 *
 * On 3.13 and later a first line that is only "clear" clears the pane's
 * screen instead, as 3.13's console does (repl_command).
 *
 * Each input (a line, a block typed line by line, a paste) compiles under
 * a name of its own, "<python-input-N>" with N counting the pane's inputs
 * from 0, and its source is kept in linecache under that name, as CPython
 * 3.13's console does, on every version: tracebacks and warnings show the
 * lines typed, inspect.getsource finds typed functions.  That costs one
 * dict set per input (repl_register); linecache is not imported for it
 * (see repl_linecache_code).  On 3.11 and 3.12, whose default
 * sys.excepthook prints in C and reads source only from real files,
 * tracebacks are printed by the traceback module instead, as
 * code.InteractiveConsole prints them.
 *
 * repl_new also makes the interpreter fit for a pane: its streams
 * (pyio.c), sys.ps1/ps2, site (skipped by the main interpreter), an import
 * blocker for modules that cannot work inside subplex, and threading
 * imported from the worker.  Every function here runs on a thread attached
 * to the pane's interpreter: its worker, except repl_interrupt (the
 * interrupter).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>

#include "engine.h"
#include "pyexc.h"

struct repl {
	PyObject	*globals;	/* __main__.__dict__ */
	PyObject	*compiler;	/* codeop.CommandCompiler() */
	PyObject	*lines;		/* the block typed so far */
	PyObject	*join;		/* joins pane code threads */
	PyObject	*complete;	/* rlcompleter in __main__ */
	PyObject	*filename;	/* this input's "<python-input-N>" */
	PyObject	*ns;		/* the setup code's namespace */
	PyObject	*newline;	/* "\n" */
	PyObject	*pending;	/* sources until linecache exists */
	PyObject	*linecache;	/* the linecache module, once seen */
	PyObject	*str_linecache;	/* "linecache" */
	PyObject	*str_cache;	/* "cache" */
	PyObject	*sysdict;	/* sys.__dict__ (repl_sys) */
	PyObject	*str_sys[4];	/* "stderr" "stdout" "ps1" "ps2" */
	PyObject	*str_flush;	/* "flush" */
	unsigned long	 ninput;	/* N of the input being typed */
	char		*exc_type;	/* the last exception shown, */
	char		*exc_msg;	/* for repl_outcome */
	int		 finished;	/* repl_finish has run */
	int		 future;	/* __future__ flags so far */
	unsigned long	 ident;
};

/*
 * Longer inputs (a big paste) are not kept in linecache: their tracebacks
 * show no source lines.  Everything kept stays for the interpreter's life,
 * as in CPython's console; a 1 MB paste costs about 2 MB there.
 */
#define REPL_LINECACHE_MAX	(1024 * 1024)

/*
 * Run in a private namespace of every pane at start.  BLOCK_ASYNCIO is
 * set on 3.12 with an own GIL, where importing asyncio aborts the process
 * (its C accelerator is not isolated): refuse it before it can.
 */
static const char repl_setup_code[] =
"import sys\n"
"import _subplex\n"
"class SubplexImportBlocker:\n"
"    '''Refuses modules that cannot work inside a subplex pane.'''\n"
"    find_spec = staticmethod(_subplex.find_blocked)\n"
"    @staticmethod\n"
"    def invalidate_caches():\n"
"        pass\n"
"_rl = ('readline cannot be imported in a subplex pane: GNU readline is '\n"
"       'shared by the whole process and subplex\\'s own line editor '\n"
"       'uses it')\n"
"_cu = 'curses cannot be imported in a subplex pane: subplex draws the '\\\n"
"      'terminal'\n"
"_table = {'readline': _rl, 'curses': _cu, '_curses': _cu,\n"
"          '_curses_panel': _cu}\n"
"if BLOCK_ASYNCIO:\n"
"    _as = ('asyncio cannot be imported in an own-GIL pane on CPython '\n"
"           '3.12: it aborts the process there; use a shared-GIL pane '\n"
"           '(subplex --shared-gil) or CPython 3.13')\n"
"    _table['asyncio'] = _table['_asyncio'] = _as\n"
"_c = ('%s is not loaded in subplex panes on CPython %d.%d (with it two '\n"
"      'interpreters can abort the process); the pure-Python version '\n"
"      'is used')\n"
"if sys.version_info[:2] == (3, 12):\n"
"    # 3.12: once an own-GIL interpreter has refused _decimal or\n"
"    # _datetime, loading them in a second interpreter frees memory\n"
"    # twice and aborts.  Refused in every pane, decimal and datetime\n"
"    # use their pure-Python twins (_pydecimal, _pydatetime).\n"
"    _table['_decimal'] = _c % (('_decimal',) + sys.version_info[:2])\n"
"if sys.version_info[:2] in ((3, 12), (3, 13)):\n"
"    # 3.13.0: ending an interpreter after two have used _datetime\n"
"    # can free a tuple twice (seen 1 run in 6).\n"
"    _table['_datetime'] = _c % (('_datetime',) + sys.version_info[:2])\n"
"import io\n"
"io.TextIOBase.register(type(sys.stdout))\n"
"io.TextIOBase.register(type(sys.stdin))\n"
"io.BufferedIOBase.register(type(sys.stdout.buffer))\n"
"_subplex.set_blocked(_table)\n"
"import time\n"
"_subplex.wrap_sleep(time)  # an interrupt cuts the worker's sleep short\n"
"import os\n"
"_subplex.wrap_os(os)  # os._exit ends the pane; os.fork is refused\n"
"# Extension modules go through subplex's loader (pyio.c, extmod.c).\n"
"import _frozen_importlib_external as _bx\n"
"_bx.ExtensionFileLoader.create_module = _subplex.create_extension\n"
"# The main interpreter runs this again for each pane it serves.\n"
"sys.meta_path[:] = [f for f in sys.meta_path\n"
"                    if type(f).__name__ != 'SubplexImportBlocker']\n"
"sys.meta_path.insert(0, SubplexImportBlocker())\n"
"if SHARED_GIL:\n"
"    sys.setswitchinterval(0.001)  # see pane.c, the interrupter\n"
"sys.ps1 = '>>> '\n"
"sys.ps2 = '... '\n"
"import builtins\n"
"# importlib sets this on every module it imports; without it, 3.11's\n"
"# sys.displayhook raises and clears an AttributeError at every call.\n"
"builtins.__spec__._initializing = False\n";

/*
 * Run once the pane shows its prompt, before it takes its first input:
 * the rest of what python3 does at start (site: sys.path, .pth files,
 * exit/quit/help) and what the console needs.  The prompt does not wait
 * for it; what is typed meanwhile waits in the queue.
 */
static const char repl_finish_code[] =
"import threading\n"
"_me = threading.current_thread()\n"
"if isinstance(_me, threading._DummyThread) and _me.daemon:\n"
"    # 3.13, legacy config: the worker is a daemon dummy thread, so the\n"
"    # threads pane code starts would be daemons, as in no python3 REPL.\n"
"    _me._daemonic = False\n"
"try:\n"
"    import site\n"
"    site.main()\n"
"except Exception:\n"
"    sys.excepthook(*sys.exc_info())\n"
"# As in python3 -i: modules in the pane's working directory import.\n"
"if sys.path[:1] != ['']:\n"
"    sys.path.insert(0, '')\n"
"import codeop\n"
"compiler = codeop.CommandCompiler()\n"
"def complete(text, limit=200):\n"
"    import rlcompleter, __main__\n"
"    c = rlcompleter.Completer(__main__.__dict__)\n"
"    out = []\n"
"    for i in range(limit):\n"
"        m = c.complete(text, i)\n"
"        if m is None:\n"
"            break\n"
"        if m not in out:\n"
"            out.append(m)\n"
"    return out\n"
"def join_threads(timeout):\n"
"    import time\n"
"    deadline = time.monotonic() + timeout\n"
"    me = threading.current_thread()\n"
"    alive = []\n"
"    for t in threading.enumerate():\n"
"        if (t is me or t is threading.main_thread() or\n"
"                isinstance(t, threading._DummyThread)):\n"
"            continue\n"
"        t.join(max(0.0, deadline - time.monotonic()))\n"
"        if t.is_alive():\n"
"            alive.append(t.name + (' (daemon)' if t.daemon else ''))\n"
"    return ', '.join(alive)\n"
"def children():\n"
"    # Child processes start on the pane's terminal: through subplex-exec\n"
"    # (see its opening comment), with the pane's os.environ when the call\n"
"    # gives no env.  fork_exec is _posixsubprocess's, which subprocess\n"
"    # (os.popen, pydoc's pager) and multiprocessing call, with the same\n"
"    # arguments in 3.11 to 3.13.  The wrappers are C (_subplex.wrap), so\n"
"    # what they wrap raises as in python3, with no frame of ours.\n"
"    import os, _posixsubprocess, _signal, _thread\n"
"    d = _subplex.__dict__\n"
"    orig = d.setdefault('orig', (_posixsubprocess.fork_exec, os.posix_spawn,\n"
"                                 os.posix_spawnp, os.waitpid, os.write))\n"
"    wrap = _subplex.wrap\n"
"    dfl = (_signal.SIGINT, _signal.SIGQUIT, _signal.SIGTSTP,\n"
"           _signal.SIGPIPE, _signal.SIGXFSZ)\n"
"    helpers = set()     # threads in multiprocessing's spawnv_passfds\n"
"    def helper_in(*a, **kw):\n"
"        helpers.add(_thread.get_ident())\n"
"        return a, kw, None\n"
"    def helper_out(token, result):\n"
"        helpers.discard(_thread.get_ident())\n"
"    _subplex.wrap_spawnv = lambda fn: wrap(fn, helper_in, helper_out)\n"
"    if 'multiprocessing.util' in sys.modules:\n"
"        u = sys.modules['multiprocessing.util']\n"
"        u.spawnv_passfds = _subplex.wrap_spawnv(u.spawnv_passfds)\n"
"    def fork_exec_in(*a):\n"
"        a = list(a)\n"
"        if a[5] is None:\n"
"            a[5] = [k + b'=' + v for k, v in os.environ._data.items()]\n"
"        tty = _subplex.tty()\n"
"        if tty >= 0:\n"
"            for i in (6, 9, 11):    # stdin, stdout, stderr not redirected\n"
"                if a[i] == -1:\n"
"                    a[i] = tty\n"
"        helper = _subplex.exec_helper()\n"
"        if helper is None:\n"
"            return tuple(a), None, -1\n"
"        # A session on the terminal, unless one or a group was asked\n"
"        # for, or it is one of multiprocessing's helpers.\n"
"        own = (tty >= 0 and tty in (a[6], a[9], a[11]) and not a[15] and\n"
"               a[16] == -1 and _thread.get_ident() not in helpers)\n"
"        # A copy of the error pipe that outlives the exec of the helper\n"
"        # (fork_exec keeps its own close-on-exec); closed after the call.\n"
"        err = os.dup(a[13])\n"
"        mode = b't' if own else b'p' if a[16] != -1 else b'-'\n"
"        a[0] = [helper, mode, b'%d' % err,\n"
"                b'%d' % len(a[1]), *a[1], *a[0]]\n"
"        a[1] = (helper,)\n"
"        a[3] = tuple(sorted({*a[3], err}))\n"
"        return tuple(a), None, err\n"

"    def spawn_in(path, argv, env, *, file_actions=None, setpgroup=None,\n"
"                 resetids=False, setsid=False, setsigmask=(), setsigdef=(),\n"
"                 scheduler=None):\n"
"        fa = list(file_actions or ())\n"
"        tty = _subplex.tty()\n"
"        if tty >= 0:\n"
"            name = None\n"
"            if setpgroup is None and not setsid:\n"
"                name = _subplex.tty_name()\n"
"            if name is not None:\n"
"                # Opened by a session leader: its controlling terminal.\n"
"                setsid = True\n"
"                fa[:0] = [(os.POSIX_SPAWN_OPEN, 0, name, os.O_RDWR, 0),\n"
"                          (os.POSIX_SPAWN_DUP2, 0, 1),\n"
"                          (os.POSIX_SPAWN_DUP2, 0, 2)]\n"
"            else:\n"
"                fa[:0] = [(os.POSIX_SPAWN_DUP2, tty, i) for i in range(3)]\n"
"        kw = {'file_actions': fa, 'resetids': resetids, 'setsid': setsid,\n"
"              'setsigmask': setsigmask, 'setsigdef': (*setsigdef, *dfl)}\n"
"        if setpgroup is not None:\n"
"            kw['setpgroup'] = setpgroup\n"
"        if scheduler is not None:\n"
"            kw['scheduler'] = scheduler\n"
"        return (path, argv, env), kw, -1\n"

"    def write_in(*a, **kw):\n"
"        return a, kw, a[0] if a and type(a[0]) is int else -1\n"

"    def system(command):\n"
"        import subprocess\n"
"        try:\n"
"            p = subprocess.Popen(command, shell=True)\n"
"        except OSError:\n"
"            return -1\n"
"        while True:\n"
"            try:\n"
"                rc = p.wait()\n"
"                break\n"
"            except KeyboardInterrupt:\n"
"                pass    # as system(3): C-c is the child's\n"
"        return rc << 8 if rc >= 0 else -rc\n"
"    system.__doc__ = os.system.__doc__\n"
"    # The after hooks are C: an interrupt cannot cut them short (the\n"
"    # error pipe's copy closed, the child recorded, its output first).\n"
"    _posixsubprocess.fork_exec = wrap(orig[0], fork_exec_in,\n"
"                                      _subplex.after_spawn)\n"
"    if 'subprocess' in sys.modules:\n"
"        sys.modules['subprocess']._fork_exec = _posixsubprocess.fork_exec\n"
"    os.posix_spawn = wrap(orig[1], spawn_in, _subplex.after_spawn)\n"
"    os.posix_spawnp = wrap(orig[2], spawn_in, _subplex.after_spawn)\n"
"    os.waitpid = wrap(orig[3], None, _subplex.after_wait)\n"
"    os.write = wrap(orig[4], write_in, _subplex.after_write)\n"
"    os.system = system\n"
"children()\n";

enum { REPL_STDERR, REPL_STDOUT, REPL_PS1, REPL_PS2 };
static const char *const repl_sys_names[] = { "stderr", "stdout", "ps1",
    "ps2" };

/*
 * PySys_GetObject for the names the worker reads after every input (a
 * borrowed reference, or NULL), from names made once: PySys_GetObject
 * makes a str of its char * at each call, which cost more than the rest
 * of the flush and the prompt together.  sys.__dict__ is the dict
 * PySys_GetObject reads.
 */
static PyObject *
repl_sys(struct repl *r, int which)
{
	PyObject	*v;

	if (r->sysdict == NULL)
		return (PySys_GetObject(repl_sys_names[which]));
	if ((v = PyDict_GetItemWithError(r->sysdict, r->str_sys[which])) ==
	    NULL)
		PyErr_Clear();
	return (v);
}

static void
repl_flush(struct repl *r)
{
	PyObject	*f, *res;
	int		 i;

	for (i = REPL_STDERR; i <= REPL_STDOUT; i++) {
		f = repl_sys(r, i);	/* borrowed */
		if (f == NULL || f == Py_None)
			continue;
		res = r->str_flush != NULL ?
		    PyObject_CallMethodNoArgs(f, r->str_flush) :
		    PyObject_CallMethod(f, "flush", NULL);
		if (res == NULL)
			PyErr_Clear();
		Py_XDECREF(res);
	}
}

static void
repl_write_stderr(const char *s)
{
	PyObject	*f;

	f = PySys_GetObject("stderr");
	if (f == NULL || f == Py_None || PyFile_WriteString(s, f) != 0)
		PyErr_Clear();
}

/* SystemExit's status, as CPython's handle_system_exit computes it. */
static int
repl_exit_status(PyObject *exc)
{
	PyObject	*code, *f;
	int		 status;

	code = PyObject_GetAttrString(exc, "code");
	if (code == NULL) {
		PyErr_Clear();
		return (1);
	}
	if (code == Py_None)
		status = 0;
	else if (PyLong_Check(code)) {
		status = (int)PyLong_AsLong(code);
		if (PyErr_Occurred()) {
			PyErr_Clear();
			status = -1;
		}
	} else {
		f = PySys_GetObject("stderr");
		if (f != NULL && f != Py_None &&
		    PyFile_WriteObject(code, f, Py_PRINT_RAW) == 0)
			PyFile_WriteString("\n", f);
		PyErr_Clear();
		status = 1;
	}
	Py_DECREF(code);
	return (status);
}

#if PY_VERSION_HEX < 0x030D0000
/*
 * 3.11 and 3.12: print a traceback with the traceback module, which reads
 * source lines through linecache, where the default sys.excepthook (C)
 * opens files and skips names like "<python-input-3>".  As
 * code.InteractiveConsole.showtraceback: formatted first, then written in
 * one go, so that a failure to format (MemoryError) leaves the C hook a
 * clean slate.  0, or -1 (no error set) for the caller to fall back.
 */
static int
repl_print_traceback(PyObject *exc, PyObject *tb)
{
	PyObject	*mod, *lines = NULL, *empty = NULL, *text = NULL, *f;
	int		 rc = -1;

	if ((mod = PyImport_ImportModule("traceback")) == NULL)
		goto out;
	lines = PyObject_CallMethod(mod, "format_exception", "OOO",
	    (PyObject *)Py_TYPE(exc), exc, tb);
	if (lines == NULL || (empty = PyUnicode_FromString("")) == NULL ||
	    (text = PyUnicode_Join(empty, lines)) == NULL)
		goto out;
	rc = 0;
	f = PySys_GetObject("stderr");
	if (f != NULL && f != Py_None)
		(void)PyFile_WriteObject(text, f, Py_PRINT_RAW);
out:
	PyErr_Clear();
	Py_XDECREF(text);
	Py_XDECREF(empty);
	Py_XDECREF(lines);
	Py_XDECREF(mod);
	return (rc);
}
#endif

/* Keep the type and message of an exception shown, for repl_outcome. */
static void
repl_note_exception(struct repl *r, PyObject *exc)
{
	PyObject	*s;
	const char	*u;

	if (r == NULL)
		return;
	free(r->exc_type);
	free(r->exc_msg);
	r->exc_type = xstrdup(Py_TYPE(exc)->tp_name);
	r->exc_msg = NULL;
	if ((s = PyObject_Str(exc)) != NULL &&
	    (u = PyUnicode_AsUTF8(s)) != NULL)
		r->exc_msg = xstrdup(u);
	else
		PyErr_Clear();
	Py_XDECREF(s);
	if (r->exc_msg == NULL)
		r->exc_msg = xstrdup("");
}

/*
 * The exception the last input ended with: 1 with its type and message
 * (the caller's to free), 0 if it raised none.  Clears it.
 */
int
repl_outcome(struct repl *r, char **type, char **msg)
{
	if (r->exc_type == NULL)
		return (0);
	*type = r->exc_type;
	*msg = r->exc_msg;
	r->exc_type = r->exc_msg = NULL;
	return (1);
}

/*
 * Show the raised exception as the console does; returns 1 (and the
 * status) if it is a SystemExit, which the caller turns into the end of
 * the pane.  With no_tb the traceback is dropped (syntax errors).
 */
static int
repl_show_error(struct repl *rp, int no_tb, int *status)
{
	PyObject	*exc, *tb, *hook, *r;

	if ((exc = py_exc_fetch()) == NULL)
		return (0);
	if (PyErr_GivenExceptionMatches(exc, PyExc_SystemExit)) {
		*status = repl_exit_status(exc);
		Py_DECREF(exc);
		return (1);
	}
	repl_note_exception(rp, exc);
	if (no_tb)
		PyException_SetTraceback(exc, Py_None);
	tb = PyException_GetTraceback(exc);
	if (tb == NULL)
		tb = Py_NewRef(Py_None);
	PySys_SetObject("last_type", (PyObject *)Py_TYPE(exc));
	PySys_SetObject("last_value", exc);
	PySys_SetObject("last_traceback", tb);
#if PY_VERSION_HEX >= 0x030C0000
	PySys_SetObject("last_exc", exc);
#endif
	hook = PySys_GetObject("excepthook");
	r = NULL;
#if PY_VERSION_HEX < 0x030D0000
	if (!no_tb && hook != NULL && hook == PySys_GetObject("__excepthook__")
	    && repl_print_traceback(exc, tb) == 0)
		r = Py_NewRef(Py_None);
	else
#endif
	if (hook != NULL && hook != Py_None)
		r = PyObject_CallFunctionObjArgs(hook, (PyObject *)Py_TYPE(exc),
		    exc, tb, NULL);
	if (r == NULL) {
		PyObject *hookexc = py_exc_fetch();
		if (hookexc != NULL && PyErr_GivenExceptionMatches(hookexc,
		    PyExc_SystemExit)) {
			*status = repl_exit_status(hookexc);
			Py_DECREF(hookexc);
			Py_DECREF(tb);
			Py_DECREF(exc);
			return (1);
		}
		if (hookexc != NULL) {
			repl_write_stderr("Error in sys.excepthook:\n");
			PyErr_Display((PyObject *)Py_TYPE(hookexc), hookexc,
			    Py_None);
			repl_write_stderr("\nOriginal exception was:\n");
			Py_DECREF(hookexc);
		}
		PyErr_Display((PyObject *)Py_TYPE(exc), exc, tb);
		PyErr_Clear();
	}
	Py_XDECREF(r);
	Py_DECREF(tb);
	Py_DECREF(exc);
	return (0);
}

/*
 * linecache is not imported to keep the inputs' sources: on 3.11 and 3.12
 * it imports tokenize, re and enum, which cost each pane about 0.65 MB and
 * 14 to 18 ms (8 idle panes on 3.12: 35 MB PSS became 40 MB, past the
 * memory benchmark's target).  Until some code imports it (traceback,
 * inspect, warnings and pdb do), the sources go into a dict of the pane's
 * own, LINECACHE_PENDING.  This finder, first in sys.meta_path until then,
 * wraps the loader of the first import of linecache so that the module,
 * once run, takes those sources into its cache: code that imports
 * linecache and reads an earlier input's lines in the same input finds
 * them.  From then on repl_register writes to linecache.cache itself.  It
 * costs one Python call for each module imported until linecache is.
 */
static const char repl_linecache_code[] =
"import sys\n"
"class SubplexLinecacheLoader:\n"
"    '''Runs linecache's loader, then hands it the pane's inputs.'''\n"
"    def __init__(self, loader):\n"
"        self.loader = loader\n"
"    def create_module(self, spec):\n"
"        return self.loader.create_module(spec)\n"
"    def exec_module(self, module):\n"
"        module.__loader__ = module.__spec__.loader = self.loader\n"
"        self.loader.exec_module(module)\n"
"        module.cache.update(LINECACHE_PENDING)\n"
"class SubplexLinecacheFinder:\n"
"    '''Sees the first import of linecache (see repl.c).'''\n"
"    def find_spec(self, name, path=None, target=None):\n"
"        if name != 'linecache':\n"
"            return None\n"
"        try:\n"
"            sys.meta_path.remove(self)\n"
"        except ValueError:\n"
"            pass\n"
"        for finder in list(sys.meta_path):\n"
"            find = getattr(finder, 'find_spec', None)\n"
"            spec = find(name, path, target) if find else None\n"
"            if spec is not None:\n"
"                break\n"
"        else:\n"
"            return None\n"
"        if hasattr(spec.loader, 'exec_module'):\n"
"            spec.loader = SubplexLinecacheLoader(spec.loader)\n"
"        return spec\n"
"if 'linecache' not in sys.modules:\n"
"    sys.meta_path.insert(0, SubplexLinecacheFinder())\n";

/*
 * Where the sources go (a new reference): linecache.cache once linecache
 * has been imported, with what was kept before moved into it; until then
 * LINECACHE_PENDING.  A dict lookup and an attribute read: every input
 * comes through here.
 */
static PyObject *
repl_linecache(struct repl *r)
{
	PyObject	*mod, *cache;

	if (r->linecache == NULL) {
		mod = PyDict_GetItemWithError(PyImport_GetModuleDict(),
		    r->str_linecache);
		if (mod == NULL || !PyModule_Check(mod)) {
			PyErr_Clear();
			return (Py_NewRef(r->pending));
		}
		r->linecache = Py_NewRef(mod);
	}
	cache = PyObject_GetAttr(r->linecache, r->str_cache);
	if (cache == NULL || !PyDict_Check(cache)) {
		/* Not run yet (another thread is importing it), or broken. */
		PyErr_Clear();
		Py_XDECREF(cache);
		return (Py_NewRef(r->pending));
	}
	if (PyDict_GET_SIZE(r->pending) > 0) {
		if (PyDict_Update(cache, r->pending) != 0)
			PyErr_Clear();
		PyDict_Clear(r->pending);
	}
	return (cache);
}

/*
 * Keep lines (a list of str without their newlines; the first n) as the
 * source of the input being typed, as linecache._register_code does in
 * 3.13: (size, None, lines with newlines, name).  An mtime of None tells
 * linecache.checkcache to leave the entry alone.  Called before the input
 * compiles, so that warnings from the compiler show the line too; a block
 * typed line by line registers again at each line, under the same name.
 * Failures are silent: the input runs, its tracebacks show no source.
 */
static void
repl_register(struct repl *r, PyObject *lines, Py_ssize_t n)
{
	PyObject	*withnl, *line, *entry, *item, *cache;
	Py_ssize_t	 i, size = 0;

	for (i = 0; i < n; i++)
		size += PyUnicode_GET_LENGTH(PyList_GET_ITEM(lines, i)) + 1;
	if (size > REPL_LINECACHE_MAX)
		return;
	if ((withnl = PyList_New(n)) == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		line = PyUnicode_Concat(PyList_GET_ITEM(lines, i), r->newline);
		if (line == NULL) {
			Py_DECREF(withnl);
			goto fail;
		}
		PyList_SET_ITEM(withnl, i, line);
	}
	if ((entry = PyTuple_New(4)) == NULL ||
	    (item = PyLong_FromSsize_t(size)) == NULL) {
		Py_XDECREF(entry);
		Py_DECREF(withnl);
		goto fail;
	}
	PyTuple_SET_ITEM(entry, 0, item);
	PyTuple_SET_ITEM(entry, 1, Py_NewRef(Py_None));
	PyTuple_SET_ITEM(entry, 2, withnl);
	PyTuple_SET_ITEM(entry, 3, Py_NewRef(r->filename));
	/* Strings in a list in a tuple: no cycle can go through them.  Kept
	 * for the interpreter's life, tracked they would make every full
	 * collection longer (20,000 inputs: 2,000 instructions an input). */
	PyObject_GC_UnTrack(withnl);
	PyObject_GC_UnTrack(entry);
	cache = repl_linecache(r);
	if (PyDict_SetItem(cache, r->filename, entry) != 0)
		PyErr_Clear();
	Py_DECREF(cache);
	Py_DECREF(entry);
	return;
fail:
	PyErr_Clear();
}

/*
 * The name of the input being typed, "<python-input-N>" (a borrowed
 * reference, or NULL with an exception), made once per input; by hand,
 * as PyUnicode_FromFormat costs more than the rest of the registration.
 */
static PyObject *
repl_input_name(struct repl *r)
{
	static const char	 head[] = "<python-input-";
	char			 buf[sizeof head + 24], digits[24];
	size_t			 n = 0, len = sizeof head - 1;
	unsigned long		 v = r->ninput;

	if (r->filename != NULL)
		return (r->filename);
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	memcpy(buf, head, len);
	while (n > 0)
		buf[len++] = digits[--n];
	buf[len++] = '>';
	r->filename = PyUnicode_FromStringAndSize(buf, (Py_ssize_t)len);
	return (r->filename);
}

/* The input has compiled and run, or failed to: the next one is N+1. */
static void
repl_input_done(struct repl *r)
{
	Py_CLEAR(r->filename);
	r->ninput++;
}

/*
 * A SyntaxError raised by the compiler rather than the parser ("'return'
 * outside function") has no text: CPython reads it from the file named,
 * and an input has none.  Give it its line from lines (str without
 * newlines, or NULL), as CPython 3.13's console does, so that it shows
 * with its carets.  Leaves the error raised.
 */
static void
repl_syntax_text(PyObject *lines)
{
	PyObject	*exc, *text, *lineno;
	long		 n;

	if (lines == NULL || !PyErr_ExceptionMatches(PyExc_SyntaxError))
		return;
	exc = py_exc_fetch();
	text = PyObject_GetAttrString(exc, "text");
	lineno = PyObject_GetAttrString(exc, "lineno");
	if (text == Py_None && lineno != NULL && PyLong_Check(lineno)) {
		n = PyLong_AsLong(lineno);
		if (n >= 1 && n <= PyList_GET_SIZE(lines))
			(void)PyObject_SetAttrString(exc, "text",
			    PyList_GET_ITEM(lines, n - 1));
	}
	Py_XDECREF(text);
	Py_XDECREF(lineno);
	PyErr_Clear();
	py_exc_restore(exc);
}

/* The names repl_sys and repl_flush use; without them, they do as before. */
static void
repl_sys_init(struct repl *r)
{
	PyObject	*sys;
	size_t		 i;

	for (i = 0; i < 4; i++)
		if ((r->str_sys[i] = PyUnicode_InternFromString(
		    repl_sys_names[i])) == NULL)
			goto fail;
	if ((r->str_flush = PyUnicode_InternFromString("flush")) == NULL ||
	    (sys = PyImport_ImportModule("sys")) == NULL)
		goto fail;
	r->sysdict = Py_NewRef(PyModule_GetDict(sys));
	Py_DECREF(sys);
	return;
fail:
	PyErr_Clear();
}

/*
 * Attached, on the worker: set the interpreter up for a pane whose streams
 * go to host (with ctx, handed to pyio_install).
 */
struct repl *
repl_new(const struct pyio_host *host, void *ctx, int block_asyncio,
    int shared_gil, char **cause)
{
	struct repl	*r;
	PyObject	*ns = NULL, *main_mod, *res;

	r = xcalloc(1, sizeof *r);
	r->ident = PyThread_get_thread_ident();
	if (pyio_install(host, ctx) != 0)
		goto fail;
	if ((ns = PyDict_New()) == NULL)
		goto fail;
	if (PyDict_SetItemString(ns, "__name__", Py_None) != 0 ||
	    PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins()) != 0 ||
	    PyDict_SetItemString(ns, "BLOCK_ASYNCIO", block_asyncio ?
	    Py_True : Py_False) != 0 ||
	    PyDict_SetItemString(ns, "SHARED_GIL", shared_gil ?
	    Py_True : Py_False) != 0)
		goto fail;
	res = PyRun_String(repl_setup_code, Py_file_input, ns, ns);
	if (res == NULL)
		goto fail;
	Py_DECREF(res);
	if ((main_mod = PyImport_AddModule("__main__")) == NULL)
		goto fail;
	r->globals = Py_NewRef(PyModule_GetDict(main_mod));
	if ((r->lines = PyList_New(0)) == NULL ||
	    (r->newline = PyUnicode_FromString("\n")) == NULL ||
	    (r->str_linecache = PyUnicode_InternFromString("linecache")) ==
	    NULL ||
	    (r->str_cache = PyUnicode_InternFromString("cache")) == NULL ||
	    (r->pending = PyDict_New()) == NULL ||
	    PyDict_SetItemString(ns, "LINECACHE_PENDING", r->pending) != 0)
		goto fail;
	res = PyRun_String(repl_linecache_code, Py_file_input, ns, ns);
	if (res == NULL)
		goto fail;
	Py_DECREF(res);
	r->ns = ns;
	repl_sys_init(r);
	return (r);

fail:
	{
		PyObject *exc = py_exc_fetch();
		PyObject *s = exc != NULL ? PyObject_Str(exc) : NULL;
		const char *msg = s != NULL ? PyUnicode_AsUTF8(s) : NULL;

		xasprintf(cause, "cannot set the pane up: %s: %s",
		    exc != NULL ? Py_TYPE(exc)->tp_name : "error",
		    msg != NULL ? msg : "?");
		PyErr_Clear();
		Py_XDECREF(s);
		Py_XDECREF(exc);
	}
	Py_XDECREF(ns);
	repl_free(r);
	return (NULL);
}

/*
 * Attached, on the worker: the second half of the set-up, run once the
 * prompt is up (see repl_finish_code).  An error in it is shown in the
 * pane, which goes on, as python3 goes on after a broken .pth file.
 */
void
repl_finish(struct repl *r)
{
	PyObject	*res;
	int		 status;

	if (r->finished)
		return;
	r->finished = 1;
	res = PyRun_String(repl_finish_code, Py_file_input, r->ns, r->ns);
	if (res == NULL)
		(void)repl_show_error(r, 0, &status);
	Py_XDECREF(res);
	r->compiler = Py_XNewRef(PyDict_GetItemString(r->ns, "compiler"));
	r->join = Py_XNewRef(PyDict_GetItemString(r->ns, "join_threads"));
	r->complete = Py_XNewRef(PyDict_GetItemString(r->ns, "complete"));
	repl_flush(r);
	PyErr_Clear();
}

/*
 * new-pane -e: set NAME=VALUE in this interpreter's os.environ only.  Each
 * interpreter has its own os.environ, filled from the process environment
 * when os is first imported; putenv would change that one environment,
 * which every pane and every process they start share, so the value goes
 * into the mapping's data and not through putenv.  Attached, worker.
 */
void
repl_setenv(struct repl *r, char *const *env, size_t n)
{
	PyObject	*os, *environ = NULL, *data = NULL, *k, *v, *ek, *ev;
	const char	*eq;
	size_t		 i;
	int		 status;

	(void)r;
	if ((os = PyImport_ImportModule("os")) == NULL ||
	    (environ = PyObject_GetAttrString(os, "environ")) == NULL ||
	    (data = PyObject_GetAttrString(environ, "_data")) == NULL)
		goto error;
	for (i = 0; i < n; i++) {
		eq = strchr(env[i], '=');
		k = PyUnicode_DecodeFSDefaultAndSize(env[i], eq - env[i]);
		v = PyUnicode_DecodeFSDefault(eq + 1);
		ek = ev = NULL;
		if (k != NULL && v != NULL &&
		    (ek = PyObject_CallMethod(environ, "encodekey", "O", k)) &&
		    (ev = PyObject_CallMethod(environ, "encodevalue", "O", v)))
			(void)PyObject_SetItem(data, ek, ev);
		Py_XDECREF(k);
		Py_XDECREF(v);
		Py_XDECREF(ek);
		Py_XDECREF(ev);
		if (PyErr_Occurred())
			goto error;
	}
	goto out;
error:
	(void)repl_show_error(r, 0, &status);
out:
	Py_XDECREF(data);
	Py_XDECREF(environ);
	Py_XDECREF(os);
	repl_flush(r);
	PyErr_Clear();
}

void
repl_free(struct repl *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	free(r->exc_type);
	free(r->exc_msg);
	Py_XDECREF(r->globals);
	Py_XDECREF(r->compiler);
	Py_XDECREF(r->lines);
	Py_XDECREF(r->join);
	Py_XDECREF(r->complete);
	Py_XDECREF(r->filename);
	Py_XDECREF(r->ns);
	Py_XDECREF(r->newline);
	Py_XDECREF(r->pending);
	Py_XDECREF(r->linecache);
	Py_XDECREF(r->str_linecache);
	Py_XDECREF(r->str_cache);
	Py_XDECREF(r->sysdict);
	for (i = 0; i < 4; i++)
		Py_XDECREF(r->str_sys[i]);
	Py_XDECREF(r->str_flush);
	free(r);
}

/*
 * Attached, on the worker, before repl_free: the pane is going and its
 * interpreter is not (the main interpreter).  Its streams stop reaching
 * the pane, and the next pane there starts with a new __main__ (the
 * modules it imported stay: an interpreter cannot unload them).
 */
void
repl_retire(struct repl *r)
{
	static const char *const keep[] = {
		"__builtins__", "__loader__", "__spec__", "__doc__",
		"__package__"
	};
	PyObject	*modules, *fresh, *d, *v;
	size_t		 i;

	if (pyio_install(NULL, NULL) != 0)
		PyErr_Clear();
	modules = PyImport_GetModuleDict();
	if ((fresh = PyModule_New("__main__")) == NULL) {
		PyErr_Clear();
		return;
	}
	d = PyModule_GetDict(fresh);
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if ((v = PyDict_GetItemString(r->globals, keep[i])) != NULL)
			(void)PyDict_SetItemString(d, keep[i], v);
	if (PyDict_SetItemString(modules, "__main__", fresh) == 0)
		PyDict_Clear(r->globals);
	Py_DECREF(fresh);
	/* The last value shown (builtins._) may hold much: drop it too. */
	if ((v = PyImport_AddModule("builtins")) != NULL &&
	    PyObject_HasAttrString(v, "_"))
		(void)PyObject_DelAttrString(v, "_");
	PyErr_Clear();
}

/* str(sys.ps1) or str(sys.ps2), "" when missing or broken. */
char *
repl_prompt(struct repl *r, int more)
{
	PyObject	*v, *s;
	const char	*u;
	char		*out;

	v = repl_sys(r, more ? REPL_PS2 : REPL_PS1);
	if (v == NULL)
		return (xstrdup(""));
	if ((s = PyObject_Str(v)) == NULL) {
		PyErr_Clear();
		return (xstrdup(""));
	}
	u = PyUnicode_AsUTF8(s);
	out = xstrdup(u != NULL ? u : "");
	PyErr_Clear();
	Py_DECREF(s);
	return (out);
}

void
repl_reset(struct repl *r)
{
	PyList_SetSlice(r->lines, 0, PyList_GET_SIZE(r->lines), NULL);
}

void
repl_show_interrupt(struct repl *r)
{
	repl_reset(r);
	repl_write_stderr("\nKeyboardInterrupt\n");
}

/*
 * After an input has run: flush the streams, drop any stray error, and
 * clear a pending asynchronous exception, so that an interrupt that came
 * as the code finished cannot hit the next input.
 */
static void
repl_settle(struct repl *r)
{
	repl_flush(r);
	PyErr_Clear();
	PyThreadState_SetAsyncExc(r->ident, NULL);
}

/* Is every line of s blank or a comment?  codeop compiles those as pass. */
static int
repl_blank(const char *s)
{
	const char	*p = s;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\r')
			p++;
		if (*p == '#')
			p += strcspn(p, "\n");
		if (*p == '\0')
			return (1);
		if (*p != '\n')
			return (0);
		p++;
	}
}

/*
 * codeop in CPython 3.11.0 to 3.11.2 reports invalid input such as "1 +"
 * as "SyntaxError: incomplete input" (fixed in 3.11.3; python3's own REPL
 * says "invalid syntax").  When codeop raised that, compile once more
 * without PyCF_ALLOW_INCOMPLETE_INPUT, which raises the real error in its
 * place.  Returns 1 when it replaced the error.
 */
static int
repl_fix_incomplete(struct repl *r, const char *u)
{
	PyCompilerFlags	 cf;
	PyObject	*exc, *msg, *code;
	char		*nl;
	int		 incomplete = 0;

	if (!PyErr_ExceptionMatches(PyExc_SyntaxError))
		return (0);
	exc = py_exc_fetch();
	if ((msg = PyObject_GetAttrString(exc, "msg")) != NULL &&
	    PyUnicode_Check(msg))
		incomplete = PyUnicode_CompareWithASCIIString(msg,
		    "incomplete input") == 0;
	Py_XDECREF(msg);
	PyErr_Clear();
	if (!incomplete) {
		py_exc_restore(exc);
		return (0);
	}
	cf.cf_flags = r->future | PyCF_SOURCE_IS_UTF8;
	cf.cf_feature_version = PY_MINOR_VERSION;
	xasprintf(&nl, "%s\n", u);	/* as the terminal's line has */
	code = Py_CompileStringObject(nl, r->filename, Py_single_input, &cf,
	    -1);
	free(nl);
	if (code != NULL || !PyErr_ExceptionMatches(PyExc_SyntaxError)) {
		Py_XDECREF(code);
		PyErr_Clear();
		py_exc_restore(exc);
		return (0);
	}
	Py_DECREF(exc);
	return (1);
}

/*
 * Compile the block typed so far as codeop.CommandCompiler would: a code
 * object, Py_None for "more input needed", or NULL with an exception.
 * Fast path: one compile with PyCF_ALLOW_INCOMPLETE_INPUT, whose result,
 * when it succeeds, is the code object codeop's final compile returns (the
 * flag changes only how input that ends early fails).  Everything else
 * (incomplete or invalid input, blank lines) goes through codeop itself,
 * which knows each version's rules.  The __future__ flags are kept in
 * step with codeop's Compile object both ways.  One difference: a warning
 * the parser raises for a line of a block not yet complete can show on
 * each line typed, where codeop shows it once.
 */
static PyObject *
repl_compile(struct repl *r, PyObject *src)
{
	PyCompilerFlags	 cf;
	PyObject	*code, *inner, *flags;
	const char	*u;
	Py_ssize_t	 len;
	long		 f;

	if ((u = PyUnicode_AsUTF8AndSize(src, &len)) == NULL)
		return (NULL);
	/* NUL bytes and blank input: codeop's own rules. */
	if (!repl_blank(u) && strlen(u) == (size_t)len) {
		cf.cf_flags = r->future | PyCF_DONT_IMPLY_DEDENT |
		    PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_SOURCE_IS_UTF8;
		cf.cf_feature_version = PY_MINOR_VERSION;
		code = Py_CompileStringObject(u, r->filename, Py_single_input,
		    &cf, -1);
		if (code != NULL) {
			f = ((PyCodeObject *)code)->co_flags & PyCF_MASK;
			if ((f & ~r->future) != 0) {
				r->future |= (int)f;
				inner = PyObject_GetAttrString(r->compiler,
				    "compiler");
				flags = PyLong_FromLong(r->future |
				    PyCF_DONT_IMPLY_DEDENT |
				    PyCF_ALLOW_INCOMPLETE_INPUT);
				if (inner == NULL || flags == NULL ||
				    PyObject_SetAttrString(inner, "flags",
				    flags) != 0)
					PyErr_Clear();
				Py_XDECREF(inner);
				Py_XDECREF(flags);
			}
			return (code);
		}
		if (!PyErr_ExceptionMatches(PyExc_SyntaxError))
			return (NULL);
		PyErr_Clear();
	}
	if (r->compiler == NULL) {
		PyErr_SetString(PyExc_RuntimeError, "the console could not be "
		    "set up (codeop)");
		return (NULL);
	}
	code = PyObject_CallFunction(r->compiler, "OOs", src, r->filename,
	    "single");
	if (code == NULL && repl_fix_incomplete(r, u))
		return (NULL);
	if (code == NULL || code == Py_None)
		return (code);
	if ((inner = PyObject_GetAttrString(r->compiler, "compiler")) != NULL &&
	    (flags = PyObject_GetAttrString(inner, "flags")) != NULL) {
		f = PyLong_AsLong(flags);
		if (f != -1)
			r->future = (int)(f & PyCF_MASK);
		Py_DECREF(flags);
	}
	Py_XDECREF(inner);
	PyErr_Clear();
	return (code);
}

#if PY_VERSION_HEX >= 0x030D0000
/*
 * CPython 3.13's console takes a first line that is only "clear" (with
 * blanks around it), when __main__ has no name clear, as its command to
 * clear the screen: nothing runs and no input number is used.  The pane's
 * terminal clears as at C-l (its lines go to the scrollback; the
 * transcript keeps them).  Of 3.13's other such words, help, exit, quit
 * and copyright, none is taken so here: they are Python's names, shown
 * as 3.12 shows them (help and copyright the same; exit and quit say
 * "Use exit() or Ctrl-D (i.e. EOF) to exit").  1 when line was clear.
 */
static int
repl_command(struct repl *r, const char *line, size_t len)
{
	static const char	 clear[] = "\033[H\033[2J";
	const char		*s = line, *e = line + len;
	PyObject		*f, *res;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		e--;
	if (PyList_GET_SIZE(r->lines) != 0 || e - s != 5 ||
	    memcmp(s, "clear", 5) != 0)
		return (0);
	if (PyDict_ContainsString(r->globals, "clear") != 0) {
		PyErr_Clear();
		return (0);		/* a name of the user's: Python */
	}
	if ((f = repl_sys(r, REPL_STDOUT)) != NULL && f != Py_None) {
		res = PyObject_CallMethod(f, "write", "s", clear);
		Py_XDECREF(res);
	}
	repl_settle(r);
	return (1);
}
#endif

enum repl_result
repl_push(struct repl *r, const char *line, size_t len, int *status)
{
	PyObject		*s, *src, *code, *res;
	enum repl_result	 rr = REPL_DONE;
	int			 syntax;

#if PY_VERSION_HEX >= 0x030D0000
	if (repl_command(r, line, len))
		return (REPL_DONE);
#endif
	s = PyUnicode_DecodeUTF8(line, (Py_ssize_t)len, "surrogateescape");
	if (s == NULL || PyList_Append(r->lines, s) != 0) {
		Py_XDECREF(s);
		goto error;
	}
	Py_DECREF(s);
	if (repl_input_name(r) == NULL)
		goto error;
	repl_register(r, r->lines, PyList_GET_SIZE(r->lines));
	if ((src = PyUnicode_Join(r->newline, r->lines)) == NULL)
		goto error;
	code = repl_compile(r, src);
	Py_DECREF(src);
	if (code == NULL) {
		syntax = PyErr_ExceptionMatches(PyExc_SyntaxError) ||
		    PyErr_ExceptionMatches(PyExc_OverflowError) ||
		    PyErr_ExceptionMatches(PyExc_ValueError);
		repl_syntax_text(r->lines);
		repl_reset(r);
		repl_input_done(r);
		if (repl_show_error(r, syntax, status))
			rr = REPL_EXIT;
		goto done;
	}
	if (code == Py_None) {
		Py_DECREF(code);
		rr = REPL_MORE;
		goto done;
	}
	repl_reset(r);
	repl_input_done(r);
	res = PyEval_EvalCode(code, r->globals, r->globals);
	Py_DECREF(code);
	if (res == NULL) {
		if (repl_show_error(r, 0, status))
			rr = REPL_EXIT;
		goto done;
	}
	Py_DECREF(res);
	goto done;

error:
	repl_reset(r);
	repl_input_done(r);
	if (repl_show_error(r, 0, status))
		rr = REPL_EXIT;
done:
	repl_settle(r);
	return (rr);
}

/*
 * A block typed or pasted as one input (CPython 3.13's console does the
 * same with a paste): kept in linecache whole under one name, parsed
 * whole, so blank lines inside functions do not end it, then run
 * statement by statement in 'single' mode, so each expression
 * statement's value is shown.  The first error stops it.
 */
enum repl_result
repl_push_block(struct repl *r, const char *text, size_t len, int *status)
{
	PyCompilerFlags		 cf;
	PyObject		*src = NULL, *mod = NULL, *body = NULL;
	PyObject		*astmod = NULL, *inter_t = NULL, *compile;
	PyObject		*lines = NULL, *name = NULL;
	PyObject		*stmt, *inter, *code, *res;
	enum repl_result	 rr = REPL_DONE;
	const char		*u;
	Py_ssize_t		 i, n;
	int			 syntax;

	repl_reset(r);
	if ((src = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len,
	    "surrogateescape")) == NULL || (u = PyUnicode_AsUTF8(src)) ==
	    NULL || (name = Py_XNewRef(repl_input_name(r))) == NULL)
		goto error;
	if (len <= REPL_LINECACHE_MAX) {	/* a big paste: no lines */
		if ((lines = PyUnicode_Split(src, r->newline, -1)) == NULL)
			goto error;
		n = PyList_GET_SIZE(lines);
		if (n > 1 && PyUnicode_GET_LENGTH(PyList_GET_ITEM(lines,
		    n - 1)) == 0)
			n--;	/* the text ends with a newline */
		repl_register(r, lines, n);
	}
	cf.cf_flags = r->future | PyCF_ONLY_AST | PyCF_SOURCE_IS_UTF8;
	cf.cf_feature_version = PY_MINOR_VERSION;
	if ((mod = Py_CompileStringObject(u, name, Py_file_input, &cf,
	    -1)) == NULL) {
		syntax = PyErr_ExceptionMatches(PyExc_SyntaxError);
		repl_syntax_text(lines);
		if (repl_show_error(r, syntax, status))
			rr = REPL_EXIT;
		goto done;
	}
	if ((body = PyObject_GetAttrString(mod, "body")) == NULL ||
	    (astmod = PyImport_ImportModule("ast")) == NULL ||
	    (inter_t = PyObject_GetAttrString(astmod, "Interactive")) == NULL)
		goto error;
	compile = PyDict_GetItemString(PyEval_GetBuiltins(), "compile");
	n = PyList_Check(body) ? PyList_GET_SIZE(body) : 0;
	for (i = 0; i < n; i++) {
		stmt = PyList_GET_ITEM(body, i);
		inter = PyObject_CallFunction(inter_t, "([O])", stmt);
		if (inter == NULL)
			goto error;
		code = PyObject_CallFunction(compile, "OOsii", inter, name,
		    "single", r->future, 1);
		Py_DECREF(inter);
		if (code == NULL) {
			/* From the compiler: "'return' outside function". */
			syntax = PyErr_ExceptionMatches(PyExc_SyntaxError) ||
			    PyErr_ExceptionMatches(PyExc_OverflowError) ||
			    PyErr_ExceptionMatches(PyExc_ValueError);
			repl_syntax_text(lines);
			if (repl_show_error(r, syntax, status))
				rr = REPL_EXIT;
			goto done;
		}
		r->future |= ((PyCodeObject *)code)->co_flags & PyCF_MASK;
		res = PyEval_EvalCode(code, r->globals, r->globals);
		Py_DECREF(code);
		if (res == NULL)
			goto error;
		Py_DECREF(res);
		repl_flush(r);
	}
	goto done;

error:
	if (repl_show_error(r, 0, status))
		rr = REPL_EXIT;
done:
	if (name != NULL)
		repl_input_done(r);
	Py_XDECREF(name);
	Py_XDECREF(lines);
	Py_XDECREF(src);
	Py_XDECREF(mod);
	Py_XDECREF(body);
	Py_XDECREF(astmod);
	Py_XDECREF(inter_t);
	repl_settle(r);
	return (rr);
}

/*
 * Run a startup file (new-pane -s) in __main__, silently, as python3 runs
 * PYTHONSTARTUP: only errors show.  Returns REPL_EXIT (and the status) if
 * it raised SystemExit.
 */
enum repl_result
repl_run_file(struct repl *r, const char *path, int *status)
{
	PyObject	*name, *code = NULL, *res;
	FILE		*f;
	char		*buf = NULL;
	size_t		 len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
		goto error;
	}
	for (;;) {
		if (cap - len < 4096)
			buf = xrealloc(buf, (cap = cap * 2 + 65536));
		if ((n = fread(buf + len, 1, cap - len - 1, f)) == 0)
			break;
		len += n;
	}
	fclose(f);
	buf[len] = '\0';
	if ((name = PyUnicode_DecodeFSDefault(path)) == NULL)
		goto error;
	code = Py_CompileStringObject(buf, name, Py_file_input, NULL, -1);
	Py_DECREF(name);
	if (code == NULL)
		goto error;
	r->future |= ((PyCodeObject *)code)->co_flags & PyCF_MASK;
	res = PyEval_EvalCode(code, r->globals, r->globals);
	Py_DECREF(code);
	if (res == NULL)
		goto error;
	Py_DECREF(res);
	free(buf);
	repl_settle(r);
	return (REPL_DONE);
error:
	free(buf);
	if (repl_show_error(r, 0, status))
		return (REPL_EXIT);
	repl_settle(r);
	return (REPL_DONE);
}

/*
 * Join the threads the pane's code started, for at most timeout seconds.
 * Returns how many are still alive, with their names in *names.
 */
int
repl_join_threads(struct repl *r, double timeout, char **names)
{
	PyObject	*res;
	const char	*u;
	int		 n = 0;

	*names = NULL;
	if (r->join == NULL)
		return (0);
	res = PyObject_CallFunction(r->join, "d", timeout);
	if (res == NULL) {
		PyErr_Clear();
		return (0);
	}
	u = PyUnicode_AsUTF8(res);
	if (u != NULL && *u != '\0') {
		*names = xstrdup(u);
		n = 1;
		for (; *u != '\0'; u++)
			if (*u == ',')
				n++;
	}
	PyErr_Clear();
	Py_DECREF(res);
	return (n);
}

/*
 * Attached, any thread: run src (statements) in __main__ of the current
 * interpreter.  Returns 0, or -1 with "Type: message" in *err.  For the
 * embedding tests and for commands that need a value from a pane.
 */
int
repl_exec(const char *src, char **err)
{
	PyObject	*m, *d, *res, *exc, *s;
	const char	*msg;

	*err = NULL;
	if ((m = PyImport_AddModule("__main__")) == NULL)
		goto fail;
	d = PyModule_GetDict(m);
	if ((res = PyRun_String(src, Py_file_input, d, d)) == NULL)
		goto fail;
	Py_DECREF(res);
	return (0);
fail:
	exc = py_exc_fetch();
	s = exc != NULL ? PyObject_Str(exc) : NULL;
	msg = s != NULL ? PyUnicode_AsUTF8(s) : NULL;
	xasprintf(err, "%s: %s", exc != NULL ? Py_TYPE(exc)->tp_name :
	    "error", msg != NULL ? msg : "?");
	PyErr_Clear();
	Py_XDECREF(s);
	Py_XDECREF(exc);
	return (-1);
}

/*
 * Attached, on the worker idle at its prompt: completions of text by
 * rlcompleter in the pane's __main__.  Returns how many, in a malloc'd
 * array of malloc'd strings.  An interrupt cuts it short (no matches),
 * and none is left pending after it.
 */
size_t
repl_complete(struct repl *r, const char *text, char ***out)
{
	PyObject	*res, *item;
	Py_ssize_t	 i, n;
	const char	*u;
	size_t		 k = 0;

	*out = NULL;
	if (r->complete == NULL)
		return (0);
	res = PyObject_CallFunction(r->complete, "s", text);
	repl_settle(r);
	if (res == NULL || !PyList_Check(res)) {
		Py_XDECREF(res);
		return (0);
	}
	n = PyList_GET_SIZE(res);
	*out = xcalloc((size_t)n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		item = PyList_GET_ITEM(res, i);
		if ((u = PyUnicode_AsUTF8(item)) != NULL)
			(*out)[k++] = xstrdup(u);
		else
			PyErr_Clear();
	}
	Py_DECREF(res);
	return (k);
}

/* From a thread attached to the pane's interpreter (the interrupter). */
void
repl_interrupt(unsigned long ident)
{
	PyThreadState_SetAsyncExc(ident, PyExc_KeyboardInterrupt);
}

unsigned long
repl_thread_ident(void)
{
	return (PyThread_get_thread_ident());
}
