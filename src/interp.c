/*
 * interp.c: the only file that creates, attaches, detaches or deletes an
 * interpreter or a thread state.
 *
 * How do native threads with no fixed relation to sub-interpreters run code
 * in them safely?  The same way on every CPython we support, with the
 * differences below handled here and nowhere else:
 *
 *  1. A thread that wants to run code in interpreter I makes its own thread
 *     state for I with PyThreadState_New(I), on that thread, and never hands
 *     it to another thread.  It attaches with PyEval_RestoreThread (which
 *     takes I's GIL) and detaches with PyEval_SaveThread.  At the end it
 *     attaches, clears and deletes the state with PyThreadState_Clear and
 *     PyThreadState_DeleteCurrent, which also releases the GIL.  A thread that
 *     works in several interpreters keeps one state per interpreter and is
 *     attached to at most one at a time.  PyGILState_* is never used: it
 *     only knows the main interpreter.
 *  2. Interpreters are created and ended by one thread, the keeper, which
 *     also initialised Python and owns the main interpreter.  On 3.11 that
 *     avoids the PyGILState deadlock of a worker that created its own
 *     interpreter; on 3.12+ an interpreter must be ended on the thread that
 *     created it, and concurrent Py_NewInterpreterFromConfig calls crash,
 *     so one thread serialises both.  Workers ask the keeper and wait.
 *  3. 3.11: Py_NewInterpreter, one GIL shared by all interpreters; the
 *     keeper attaches its main-interpreter state first.  PyThreadState_Swap
 *     does not touch the GIL, so after Py_EndInterpreter (which returns with
 *     the GIL held and no current state) the keeper swaps its main state
 *     back in and releases the GIL with PyEval_SaveThread.
 *     3.12 and 3.13: Py_NewInterpreterFromConfig; by default the isolated
 *     config with its own GIL, or the legacy config (shared GIL) on request.
 *     Creation detaches the caller's state itself and returns attached to
 *     the new interpreter; Py_EndInterpreter returns holding nothing.
 *  4. Py_EndInterpreter needs the interpreter's only remaining state to be
 *     the current one.  Pane threads delete theirs first; pane code threads
 *     are joined (with a bound) by repl.c; the keeper counts the states
 *     left and, rather than abort ("not the last thread") or hang, gives up
 *     and keeps the interpreter alive (leaks it) with a message.
 *  5. A shared GIL starves other interpreters: a waiting thread sets the
 *     drop request on its own interpreter, which a busy loop in another one
 *     never reads (fixed in 3.13).  interp_attach counts waiters; a pane's
 *     interrupter, holding a state of the busy interpreter, attaches for
 *     an instant every few milliseconds while others may want the GIL
 *     (interp_gil_demand; pane.c), which makes the busy thread drop it.
 *     On an own GIL nothing is needed.
 *
 *  6. One pane at a time may run in the main interpreter (new-pane -g
 *     main), where single-phase extension modules load as in python3: its
 *     threads make their own states in it like any pane's; "ending" it
 *     only checks that they are gone, since the main interpreter lives
 *     until Py_FinalizeEx.  Every other ended interpreter is reported to
 *     extmod.c, which then refuses what it loaded.
 *
 * interp.c calls no file above it: the modules Python must know before it
 * starts (pyio.c's _subplex) come from the caller, as the modules hook of
 * struct engine_config, which the keeper runs before Py_Initialize.
 *
 * Threads: interp_start/interp_stop on the main thread (it never holds a
 * GIL: the keeper does all the work); interp_create/interp_end on any
 * thread but the UI's, blocking until the keeper is done; the thread-state
 * functions on the thread that owns the state.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <sys/mman.h>

#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

#if PY_VERSION_HEX >= 0x030C0000
#define SUBPLEX_HAVE_OWN_GIL 1
#else
#define SUBPLEX_HAVE_OWN_GIL 0
#endif

struct interp {
	PyInterpreterState	*is;
	PyThreadState		*creator;	/* the keeper's state in it */
	int			 shared;	/* uses the shared GIL */
	int			 main;		/* the main interpreter */
	unsigned long		 id;
};

struct tstate {
	PyThreadState		*ts;
	int			 shared;
};

enum keeper_op { KEEPER_CREATE, KEEPER_END, KEEPER_STOP };

struct keeper_req {
	enum keeper_op		 op;
	int			 shared;
	int			 main;
	struct interp		*ip;
	int			 done;
	int			 result;
	char			*cause;
	struct keeper_req	*next;
};

static pthread_t	 keeper_thread;
static pthread_mutex_t	 keeper_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 keeper_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t	 keeper_done = PTHREAD_COND_INITIALIZER;
static struct keeper_req *keeper_head, **keeper_tail = &keeper_head;
static int		 keeper_running;
static PyThreadState	*keeper_main_ts;
static char		*keeper_start_cause;
static int		 keeper_finalize;
static enum gil_mode	 default_gil;
static interp_modules_cb *keeper_modules;	/* engine_config's hook */
static char		 python_version[128];
static int		 keeper_main_used;	/* a pane runs in main */
static int		 keeper_own_created;	/* an own-GIL interpreter */

static atomic_int	 shared_wanted;		/* waiting to attach */
static atomic_int	 shared_running;	/* shared-GIL work under way */
static atomic_int	 shared_live;		/* live shared-GIL panes */

/* End-of-interpreter bound for stray thread states (pane code threads
 * whose join returned before their state was unlinked). */
#define INTERP_END_WAIT 2.0

const char *
interp_python_version(void)
{
	return (python_version);
}

int
interp_own_gil_supported(void)
{
	return (SUBPLEX_HAVE_OWN_GIL);
}

int
interp_own_gil_default(void)
{
	return (SUBPLEX_HAVE_OWN_GIL && default_gil != GIL_SHARED);
}

/*
 * Memory that ended own-GIL interpreters keep.  Each has its own object
 * allocator, and CPython 3.12/3.13 keep all its arenas when any block in
 * them is still allocated at the end, which in practice is always
 * (measured without subplex: 1.7 MB per bare isolated interpreter created
 * and destroyed by _interpreters on 3.13.0, 3.5 MB after importing json
 * and re).  subplex wraps the arena allocator (PyObject_SetArenaAllocator,
 * process-wide) to know which interpreter each arena was made for; when an
 * own-GIL interpreter has ended, the arenas still mapped for it are kept
 * for good, less the pages of their empty pools, which go back to the
 * system (arena_drop_empty_pools).  Once what is kept passes
 * own_gil_memory, new panes that did not ask for
 * an own GIL share the GIL instead (their interpreters use the main
 * allocator, which reuses its memory), with a note: memory stays bounded,
 * at the price of parallelism, as the README says.  Arenas are 1 MiB: the
 * table holds one entry each, scanned linearly (arena calls are rare).
 */
size_t	 own_gil_memory = 128;			/* MB; 0: no limit */

#if SUBPLEX_HAVE_OWN_GIL
struct arena_rec {
	void		*p;
	size_t		 size;
	unsigned long	 interp;
	int		 ended;		/* its interpreter has ended */
	size_t		 kept;		/* then: bytes of its pools in use */
};
static PyObjectArenaAllocator	 arena_orig;
static pthread_mutex_t		 arena_lock = PTHREAD_MUTEX_INITIALIZER;
static struct arena_rec		*arenas;
static size_t			 narenas, arenas_cap;
static size_t			 arena_kept;	/* bytes */

static void *
arena_alloc(void *ctx, size_t size)
{
	PyThreadState	*ts;
	void		*p;
	unsigned long	 id = 0;

	(void)ctx;
	if ((p = arena_orig.alloc(arena_orig.ctx, size)) == NULL)
		return (NULL);
#if PY_VERSION_HEX >= 0x030D0000
	ts = PyThreadState_GetUnchecked();
#else
	ts = _PyThreadState_UncheckedGet();
#endif
	if (ts != NULL)
		id = (unsigned long)PyInterpreterState_GetID(
		    PyThreadState_GetInterpreter(ts));
	pthread_mutex_lock(&arena_lock);
	if (narenas == arenas_cap) {
		arenas_cap = arenas_cap == 0 ? 256 : arenas_cap * 2;
		arenas = xreallocarray(arenas, arenas_cap, sizeof *arenas);
	}
	arenas[narenas].p = p;
	arenas[narenas].size = size;
	arenas[narenas].interp = id;
	arenas[narenas].ended = 0;
	arenas[narenas].kept = 0;
	narenas++;
	pthread_mutex_unlock(&arena_lock);
	return (p);
}

static void
arena_free(void *ctx, void *p, size_t size)
{
	size_t	 i;

	(void)ctx;
	pthread_mutex_lock(&arena_lock);
	for (i = 0; i < narenas; i++) {
		if (arenas[i].p == p) {
			arena_kept -= arenas[i].kept;
			arenas[i] = arenas[--narenas];
			break;
		}
	}
	pthread_mutex_unlock(&arena_lock);
	arena_orig.free(arena_orig.ctx, p, size);
}

/*
 * Pools of an ended interpreter's arena that hold no block are never
 * touched again (the allocator state they belonged to is gone with the
 * interpreter), so their pages go back to the system and only the pools
 * that still hold blocks count as kept.  This reads one field of CPython's
 * pool header: a pool is POOL_SIZE-aligned inside its arena and begins
 * with the count of its allocated blocks (obmalloc.c's struct pool_header,
 * the same in 3.12 and 3.13: 1 MiB arenas of 16 KiB pools on 64-bit
 * builds).  Arenas of any other size are kept whole.  Measured on 3.13.0
 * (a bare interpreter, created and ended): 2 MiB of arenas, 1.4 MiB of it
 * resident, of which 0.8 MiB in empty pools; 42 pools hold the 2,744
 * blocks CPython leaves.
 */
#define ARENA_BYTES	((size_t)1 << 20)
#define POOL_BYTES	((size_t)1 << 14)

static size_t
arena_drop_empty_pools(char *a, size_t size)
{
	char		*pool;
	size_t		 kept = 0;

	if (size != ARENA_BYTES || sizeof(void *) != 8)
		return (size);
	pool = (char *)(((uintptr_t)a + POOL_BYTES - 1) &
	    ~(uintptr_t)(POOL_BYTES - 1));
	for (; pool + POOL_BYTES <= a + size; pool += POOL_BYTES) {
		if (*(unsigned int *)pool != 0)
			kept += POOL_BYTES;
		else
			(void)madvise(pool, POOL_BYTES, MADV_DONTNEED);
	}
	return (kept);
}

/* Interpreter id (own GIL) has ended: what it still maps is kept. */
static void
arena_interp_ended(unsigned long id)
{
	size_t	 i;

	pthread_mutex_lock(&arena_lock);
	for (i = 0; i < narenas; i++) {
		if (arenas[i].interp == id && !arenas[i].ended) {
			arenas[i].ended = 1;
			arenas[i].kept = arena_drop_empty_pools(arenas[i].p,
			    arenas[i].size);
			arena_kept += arenas[i].kept;
		}
	}
	pthread_mutex_unlock(&arena_lock);
}

static void
arena_install(void)
{
	PyObjectArenaAllocator	 ours = { NULL, arena_alloc, arena_free };

	PyObject_GetArenaAllocator(&arena_orig);
	PyObject_SetArenaAllocator(&ours);
}
#endif

/* Bytes that ended own-GIL interpreters keep (0 before 3.12). */
size_t
interp_kept_memory(void)
{
#if SUBPLEX_HAVE_OWN_GIL
	size_t	 n;

	pthread_mutex_lock(&arena_lock);
	n = arena_kept;
	pthread_mutex_unlock(&arena_lock);
	return (n);
#else
	return (0);
#endif
}

/*
 * An activated virtual environment (VIRTUAL_ENV, as its bin/activate sets
 * it) is honoured as python3 -i started from it honours it: its python is
 * the executable, so CPython's path calculation reads its pyvenv.cfg and
 * gives sys.prefix, sys.executable and its site-packages.  Only a venv of
 * the CPython subplex embeds (the same X.Y) can be used; another one is
 * ignored, with a note in every pane (keeper_note).
 */
static char *keeper_note;

static char *
keeper_venv_python(const char *venv)
{
	char	*cfg, *exe, line[512], want[32];
	FILE	*f;
	int	 version_ok = 0, seen = 0;
	size_t	 n;

	xasprintf(&cfg, "%s/pyvenv.cfg", venv);
	f = fopen(cfg, "r");
	free(cfg);
	if (f == NULL) {
		xasprintf(&keeper_note, "subplex: VIRTUAL_ENV=%s is not a "
		    "virtual environment (no pyvenv.cfg): it is ignored", venv);
		return (NULL);
	}
	snprintf(want, sizeof want, "%d.%d.", PY_MAJOR_VERSION,
	    PY_MINOR_VERSION);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "version", 7) != 0)
			continue;
		n = strspn(line + 7, "_info \t");
		if (line[7 + n] != '=')
			continue;
		seen = 1;
		n += 8 + strspn(line + 8 + n, " \t");
		line[strcspn(line, "\r\n")] = '\0';
		version_ok = strncmp(line + n, want, strlen(want)) == 0;
		if (!version_ok)
			xasprintf(&keeper_note, "subplex: VIRTUAL_ENV=%s is a "
			    "virtual environment of CPython %s, and subplex "
			    "embeds %s: it is ignored (make one with %s -m "
			    "venv)", venv, line + n, python_version,
			    SUBPLEX_PYTHON_EXE);
		break;
	}
	fclose(f);
	if (!seen)
		xasprintf(&keeper_note, "subplex: VIRTUAL_ENV=%s: its "
		    "pyvenv.cfg gives no version: it is ignored", venv);
	if (!version_ok)
		return (NULL);
	xasprintf(&exe, "%s/bin/python%d.%d", venv, PY_MAJOR_VERSION,
	    PY_MINOR_VERSION);
	if (access(exe, X_OK) != 0) {
		free(exe);
		xasprintf(&exe, "%s/bin/python3", venv);
	}
	return (exe);
}

/* A note for every pane's transcript about the start, or NULL. */
const char *
interp_start_note(void)
{
	return (keeper_note);
}

static int
keeper_init_python(char **cause)
{
	PyConfig	 config;
	PyStatus	 status;
	wchar_t		*argv[] = { L"", NULL };
	const char	*venv = getenv("VIRTUAL_ENV");
	char		*exe = NULL;

	if (keeper_modules != NULL)
		keeper_modules();	/* pyio_register: from the config */
#if SUBPLEX_HAVE_OWN_GIL
	arena_install();
#endif
	PyConfig_InitPythonConfig(&config);
	config.install_signal_handlers = 0;	/* signals are the UI's */
	config.site_import = 0;			/* each pane imports site */
	config.parse_argv = 0;
	config.configure_c_stdio = 0;
	config.buffered_stdio = 0;
	snprintf(python_version, sizeof python_version, "%s",
	    Py_GetVersion());
	python_version[strcspn(python_version, " ")] = '\0';
	if (venv != NULL && *venv != '\0')
		exe = keeper_venv_python(venv);
	status = PyConfig_SetBytesString(&config, &config.executable,
	    exe != NULL ? exe : SUBPLEX_PYTHON_EXE);
	free(exe);
	if (!PyStatus_Exception(status))
		status = PyConfig_SetArgv(&config, 1, argv);
	if (!PyStatus_Exception(status))
		status = Py_InitializeFromConfig(&config);
	PyConfig_Clear(&config);
	if (PyStatus_Exception(status)) {
		xasprintf(cause, "cannot initialise Python: %s",
		    status.err_msg ? status.err_msg : "unknown error");
		return (-1);
	}
	keeper_main_ts = PyEval_SaveThread();
	return (0);
}

/*
 * The main interpreter, for one pane at a time: nothing is created; the
 * pane's threads make their own states in it as in any other.  It shares
 * its GIL with legacy (shared-GIL) interpreters, and on 3.11 with all.
 */
static struct interp *
keeper_use_main(char **cause)
{
	struct interp	*ip;

	if (keeper_main_used) {
		xasprintf(cause, "a pane already runs in the main interpreter");
		return (NULL);
	}
	keeper_main_used = 1;
	ip = xcalloc(1, sizeof *ip);
	ip->is = PyInterpreterState_Main();
	ip->creator = keeper_main_ts;
	ip->shared = 1;
	ip->main = 1;
	ip->id = 0;
	atomic_fetch_add(&shared_live, 1);
	return (ip);
}

static struct interp *
keeper_create(int shared, char **cause)
{
	struct interp	*ip;
	PyThreadState	*ts = NULL;
	PyStatus	 status;

	ip = xcalloc(1, sizeof *ip);
	ip->shared = shared;
	/* The main interpreter's GIL is the one legacy panes share; creation
	 * releases and takes it again inside CPython, so it counts as running
	 * for its whole length (point 5). */
	atomic_fetch_add(&shared_running, 1);
	PyEval_RestoreThread(keeper_main_ts);
#if SUBPLEX_HAVE_OWN_GIL
	{
		PyInterpreterConfig cfg = {
			.use_main_obmalloc = 0,
			.allow_fork = 0,
			.allow_exec = 1,	/* subprocess works */
			.allow_threads = 1,
			/* As 3.14's concurrent.interpreters: daemon threads
			 * (multiprocessing.Pool's) work; a pane whose threads
			 * still run is kept, daemon or not.  (3.12.1 crashed
			 * in Py_FinalizeEx after a Pool in a pane: subplex
			 * does not finalize it, see KEEPER_STOP.) */
			.allow_daemon_threads = 1,
			.check_multi_interp_extensions = 1,
			.gil = PyInterpreterConfig_OWN_GIL,
		};
		if (shared) {
			PyInterpreterConfig legacy =
			    _PyInterpreterConfig_LEGACY_INIT;
			cfg = legacy;
		}
		status = Py_NewInterpreterFromConfig(&ts, &cfg);
	}
#else
	ts = Py_NewInterpreter();
	status = PyStatus_Ok();
	if (ts == NULL)
		status = PyStatus_Error("Py_NewInterpreter failed");
#endif
	if (PyStatus_Exception(status) || ts == NULL) {
		xasprintf(cause, "cannot create an interpreter: %s",
		    status.err_msg ? status.err_msg : "unknown error");
		/* On failure every version re-attaches the main state. */
		keeper_main_ts = PyEval_SaveThread();
		atomic_fetch_sub(&shared_running, 1);
		free(ip);
		return (NULL);
	}
	if (shared)
		atomic_fetch_add(&shared_live, 1);
	else
		keeper_own_created = 1;
	ip->is = PyThreadState_GetInterpreter(ts);
	ip->creator = ts;
	ip->id = (unsigned long)PyInterpreterState_GetID(ip->is);
	/* Detach from the new interpreter; the main state stays detached. */
	PyEval_SaveThread();
	atomic_fetch_sub(&shared_running, 1);
	return (ip);
}

static int
keeper_count(PyInterpreterState *is)
{
	PyThreadState	*t;
	int		 n = 0;

	for (t = PyInterpreterState_ThreadHead(is); t != NULL;
	    t = PyThreadState_Next(t))
		n++;
	return (n);
}

static int
keeper_end(struct interp *ip, char **cause)
{
	double	 deadline = mono_now() + INTERP_END_WAIT;
	int	 n;

	if (ip->shared)
		atomic_fetch_add(&shared_running, 1);
	for (;;) {
		PyEval_RestoreThread(ip->creator);
		if ((n = keeper_count(ip->is)) == 1)
			break;
		PyEval_SaveThread();
		if (mono_now() > deadline) {
			if (ip->shared)
				atomic_fetch_sub(&shared_running, 1);
			xasprintf(cause, "interpreter %lu still has %d thread "
			    "states; it is left running", ip->id, n - 1);
			return (-1);
		}
		usleep(10000);
	}
	if (ip->main) {
		/* It lives on, for the next main pane (and the modules it
		 * loaded with it); only the pane's use of it ends. */
		keeper_main_ts = PyEval_SaveThread();
		atomic_fetch_sub(&shared_running, 1);
		atomic_fetch_sub(&shared_live, 1);
		keeper_main_used = 0;
		free(ip);
		return (0);
	}
	Py_EndInterpreter(ip->creator);
	extmod_interp_ended(ip->id);
#if SUBPLEX_HAVE_OWN_GIL
	if (!ip->shared)
		arena_interp_ended(ip->id);
#endif
#if !SUBPLEX_HAVE_OWN_GIL
	/* 3.11: the shared GIL is still held and nothing is current. */
	PyThreadState_Swap(keeper_main_ts);
	keeper_main_ts = PyEval_SaveThread();
#endif
	if (ip->shared) {
		atomic_fetch_sub(&shared_running, 1);
		atomic_fetch_sub(&shared_live, 1);
	}
	free(ip);
#ifdef M_MMAP_THRESHOLD
	/* An interpreter's end frees much at once, from every thread's
	 * malloc arena: give the free pages back. */
	(void)malloc_trim(0);
#endif
	return (0);
}

static void *
keeper_main(void *arg)
{
	struct keeper_req	*req;
	char			*cause = NULL;
	int			 stop = 0, rc;

	(void)arg;
	block_signals();
	/* Python starts with keeper_lock free: nothing waits for it but
	 * interp_start, which waits on keeper_done. */
	rc = keeper_init_python(&cause);
	pthread_mutex_lock(&keeper_lock);
	if (rc == 0)
		keeper_running = 1;
	else {
		keeper_start_cause = cause;
		stop = 1;
	}
	pthread_cond_broadcast(&keeper_done);
	while (!stop) {
		while (keeper_head == NULL)
			pthread_cond_wait(&keeper_cond, &keeper_lock);
		req = keeper_head;
		if ((keeper_head = req->next) == NULL)
			keeper_tail = &keeper_head;
		pthread_mutex_unlock(&keeper_lock);

		switch (req->op) {
		case KEEPER_CREATE:
			req->ip = req->main ? keeper_use_main(&req->cause) :
			    keeper_create(req->shared, &req->cause);
			req->result = req->ip == NULL ? -1 : 0;
			break;
		case KEEPER_END:
			req->result = keeper_end(req->ip, &req->cause);
			break;
		case KEEPER_STOP:
			/* CPython 3.12.1 puts tuples of an own-GIL
			 * interpreter's allocator in the main interpreter's
			 * free list (seen after hashlib or a
			 * multiprocessing.Pool in a pane), and Py_FinalizeEx
			 * then aborts in free(): after own-GIL panes, 3.12
			 * leaves without finalizing, as when a pane is kept. */
			if (PY_VERSION_HEX >= 0x030C0000 &&
			    PY_VERSION_HEX < 0x030D0000 && keeper_own_created)
				keeper_finalize = 0;
			if (keeper_finalize) {
				PyEval_RestoreThread(keeper_main_ts);
				req->result = Py_FinalizeEx();
			}
			stop = 1;
			break;
		}
		pthread_mutex_lock(&keeper_lock);
		req->done = 1;
		pthread_cond_broadcast(&keeper_done);
	}
	keeper_running = 0;
	pthread_mutex_unlock(&keeper_lock);
	return (NULL);
}

static int
keeper_call(struct keeper_req *req)
{
	pthread_mutex_lock(&keeper_lock);
	if (!keeper_running) {
		pthread_mutex_unlock(&keeper_lock);
		xasprintf(&req->cause, "the Python engine has stopped");
		return (-1);
	}
	req->next = NULL;
	*keeper_tail = req;
	keeper_tail = &req->next;
	pthread_cond_signal(&keeper_cond);
	while (!req->done)
		pthread_cond_wait(&keeper_done, &keeper_lock);
	pthread_mutex_unlock(&keeper_lock);
	return (req->result);
}

int
interp_start(const struct engine_config *cfg, char **cause)
{
	pthread_attr_t	 attr;

	default_gil = cfg->gil;
	keeper_modules = cfg->modules;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 8u * 1024 * 1024);
	if (pthread_create(&keeper_thread, &attr, keeper_main, NULL) != 0)
		fatal("pthread_create");
	pthread_attr_destroy(&attr);
	pthread_mutex_lock(&keeper_lock);
	while (!keeper_running && keeper_start_cause == NULL)
		pthread_cond_wait(&keeper_done, &keeper_lock);
	pthread_mutex_unlock(&keeper_lock);
	if (keeper_start_cause != NULL) {
		pthread_join(keeper_thread, NULL);
		*cause = keeper_start_cause;
		keeper_start_cause = NULL;
		return (-1);
	}
	return (0);
}

/*
 * Stop the keeper.  With finalize set every pane's interpreter has ended
 * and Python is finalized; otherwise (an interpreter could not be ended)
 * Python is left as it is, because Py_FinalizeEx with a live
 * sub-interpreter is a fatal error on 3.11 and 3.12; the caller exits.
 */
void
interp_stop(int finalize)
{
	struct keeper_req	 req;

	memset(&req, 0, sizeof req);
	req.op = KEEPER_STOP;
	keeper_finalize = finalize;
	if (keeper_call(&req) == 0 || req.cause == NULL)
		pthread_join(keeper_thread, NULL);
	free(req.cause);
}

/*
 * A new interpreter for a pane asking for gil; *bounded is set when it
 * shares the GIL only because ended own-GIL interpreters keep more than
 * own_gil_memory (see arena_alloc).
 */
struct interp *
interp_create(enum gil_mode gil, int *bounded, char **cause)
{
	struct keeper_req	 req;
	int			 explicit = gil == GIL_OWN;

	*bounded = 0;
	if (gil == GIL_DEFAULT)
		gil = default_gil;
	memset(&req, 0, sizeof req);
	req.op = KEEPER_CREATE;
	req.main = gil == GIL_MAIN;
	req.shared = !SUBPLEX_HAVE_OWN_GIL || gil == GIL_SHARED || req.main;
	if (!req.shared && !explicit && own_gil_memory > 0 &&
	    interp_kept_memory() > own_gil_memory * 1024 * 1024) {
		req.shared = 1;		/* bounded memory; the pane says so */
		*bounded = 1;
	}
	if (keeper_call(&req) != 0) {
		*cause = req.cause;
		return (NULL);
	}
	return (req.ip);
}

int
interp_end(struct interp *ip, char **cause)
{
	struct keeper_req	 req;

	memset(&req, 0, sizeof req);
	req.op = KEEPER_END;
	req.ip = ip;
	if (keeper_call(&req) != 0) {
		*cause = req.cause;
		return (-1);
	}
	return (0);
}

int
interp_is_shared(struct interp *ip)
{
	return (ip->shared);
}

int
interp_is_main(struct interp *ip)
{
	return (ip->main);
}

unsigned long
interp_id(struct interp *ip)
{
	return (ip->id);
}

/*
 * 3.11: a thread state's id is unique only within its interpreter, but
 * _asyncio caches the running event loop under that id in a process-wide
 * static, so a pane took another pane's running loop for its own when
 * their workers' ids matched ("asyncio.run() cannot be called from a
 * running event loop").  Ours come from one process-wide counter far above
 * the interpreters' own.  (3.12 keeps that cache per interpreter.)
 */
static void
interp_unique_id(PyThreadState *ts)
{
#if PY_VERSION_HEX < 0x030C0000
	static atomic_uint_fast64_t	 next = (uint64_t)1 << 40;

	ts->id = atomic_fetch_add(&next, 1);
#else
	(void)ts;
#endif
}

/* A new state for this thread in ip; detached.  No GIL is needed. */
struct tstate *
interp_thread_new(struct interp *ip)
{
	struct tstate	*t;

	t = xcalloc(1, sizeof *t);
	t->shared = ip->shared;
	if ((t->ts = PyThreadState_New(ip->is)) == NULL)
		fatalx("PyThreadState_New failed");
	interp_unique_id(t->ts);
	return (t);
}

/* Delete this thread's detached state: attach, clear, delete current. */
void
interp_thread_delete(struct tstate *t)
{
	interp_attach(t);
	PyThreadState_Clear(t->ts);
	PyThreadState_DeleteCurrent();
	free(t);
}

void
interp_attach(struct tstate *t)
{
	if (t->shared)
		atomic_fetch_add(&shared_wanted, 1);
	PyEval_RestoreThread(t->ts);
	if (t->shared)
		atomic_fetch_sub(&shared_wanted, 1);
}

void
interp_detach(struct tstate *t)
{
	PyThreadState	*ts;

	ts = PyEval_SaveThread();
	if (ts != t->ts)
		fatalx("interp_detach: detached the wrong thread state");
}

/* Release the GIL around a blocking wait (pyio.c's readline). */
void *
interp_release(void)
{
	return (PyEval_SaveThread());
}

void
interp_reacquire(void *saved)
{
	/* Counted as a shared-GIL waiter even on an own GIL: harmless. */
	atomic_fetch_add(&shared_wanted, 1);
	PyEval_RestoreThread(saved);
	atomic_fetch_sub(&shared_wanted, 1);
}

int
interp_thread_count(struct interp *ip)
{
	return (keeper_count(ip->is));
}

/* Who else wants the shared GIL: does a busy shared-GIL pane yield? */
enum interp_gil_demand
interp_gil_demand(void)
{
	if (atomic_load(&shared_wanted) > 0 ||
	    atomic_load(&shared_running) > 1)
		return (INTERP_GIL_WANTED);	/* waiting or working now */
	if (atomic_load(&shared_live) > 1)
		return (INTERP_GIL_OTHERS);
	return (INTERP_GIL_ALONE);
}

void
interp_running(struct interp *ip, int delta)
{
	if (ip->shared)
		atomic_fetch_add(&shared_running, delta);
}
