/*
 * san-hooks.c: what LeakSanitizer needs to judge a process that embeds
 * CPython.  Linked into src/subplex and tests/embed in --enable-sanitizers
 * builds only (tests/libsanhooks.a, with -Wl,--wrap=_exit; Makefile.am); a
 * normal build never contains this file.
 *
 * 1. pymalloc's arenas are roots.  CPython keeps its small objects in
 *    256 KB arenas that it maps itself (mmap), outside malloc, so
 *    LeakSanitizer never scans them: a larger block (a dict's table, a
 *    class, a code object, all malloc'd) that only small objects point to
 *    would look leaked while Python is alive, and so would everything that
 *    CPython by design leaves behind at Py_FinalizeEx (tests/lsan.supp).  A
 *    constructor, run before main and so before Python starts, wraps
 *    CPython's arena allocator (PyObject_SetArenaAllocator, a public API,
 *    legal before Py_Initialize) so that each arena is registered as a root
 *    region while it is mapped.  What LeakSanitizer still reports is memory
 *    nothing points to at all: our leaks, and the few of CPython's that
 *    tests/lsan.supp names.
 *
 * 2. A leak check at _exit.  subplex ends with _exit on purpose (main.c: a
 *    pane that could not end keeps threads running, and exit() would run
 *    atexit handlers under them); embed leaves the same way when a scenario
 *    failed.  That skips LeakSanitizer's own check, which runs from an
 *    atexit handler, so __wrap__exit runs it first: only in the process
 *    itself (not a forked child), on the thread that started it, and never
 *    from a signal handler for a fatal or terminating signal (that signal
 *    is then blocked on this thread), because a leak check stops the world
 *    and takes the allocator's locks, which a crash may hold.  A leak makes
 *    the check print its report (tests/sanitizer-reports/) and exit with a
 *    non-zero status instead of ours.
 */
#include <Python.h>

#include <pthread.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <sanitizer/lsan_interface.h>

void	__real__exit(int) __attribute__((noreturn));
void	__wrap__exit(int) __attribute__((noreturn));

static pid_t			san_pid;
static pthread_t		san_thread;
static PyObjectArenaAllocator	san_arena_next;	/* CPython's own */

static void *
san_arena_alloc(void *ctx, size_t size)
{
	void	*p;

	(void)ctx;
	p = san_arena_next.alloc(san_arena_next.ctx, size);
	if (p != NULL)
		__lsan_register_root_region(p, size);
	return (p);
}

static void
san_arena_free(void *ctx, void *p, size_t size)
{
	(void)ctx;
	if (p != NULL)
		__lsan_unregister_root_region(p, size);
	san_arena_next.free(san_arena_next.ctx, p, size);
}

__attribute__((constructor)) static void
san_hooks_init(void)
{
	PyObjectArenaAllocator	 a;

	san_pid = getpid();
	san_thread = pthread_self();
	PyObject_GetArenaAllocator(&san_arena_next);
	a.ctx = NULL;
	a.alloc = san_arena_alloc;
	a.free = san_arena_free;
	PyObject_SetArenaAllocator(&a);
}

static int
san_in_handler(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
	    SIGABRT, SIGTERM, SIGHUP, SIGINT, SIGQUIT };
	sigset_t	 cur;
	size_t		 i;

	if (pthread_sigmask(SIG_BLOCK, NULL, &cur) != 0)
		return (1);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigismember(&cur, sigs[i]))
			return (1);
	return (0);
}

void
__wrap__exit(int status)
{
	if (getpid() == san_pid && pthread_equal(pthread_self(), san_thread) &&
	    !san_in_handler())
		__lsan_do_leak_check();
	__real__exit(status);
}
