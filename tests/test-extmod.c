/*
 * test-extmod.c: unit tests of extmod.c, the registry of extension modules
 * by file and the rule that refuses a single-phase one anywhere but in
 * the interpreter that has its C state.  No Python: the loads are told to
 * the registry as pyio.c tells them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subplex.h"
#include "tap.h"

/* Panes: interpreter 0 is "py0" (the main pane), 3 is "a". */
static char *
namer(unsigned long id)
{
	if (id == 0)
		return (xstrdup("py0"));
	if (id == 3)
		return (xstrdup("a"));
	return (NULL);
}

static int
has(const char *s, const char *sub)
{
	int	 r = s != NULL && strstr(s, sub) != NULL;

	if (!r)
		diag("'%s' not in '%s'", sub, s != NULL ? s : "(null)");
	return (r);
}

/* Load path/name in interpreter id as pyio.c does; 0 or -1 and *why. */
static int
load(const char *path, const char *name, unsigned long id,
    enum extmod_kind kind, char **why)
{
	*why = NULL;
	if (extmod_begin(path, name, id, NULL, why) != 0)
		return (-1);
	extmod_end(path, name, id, kind, id);
	return (0);
}

struct waiter {
	int	 rc;
	char	*why;
};

static void *
waiter_main(void *arg)
{
	struct waiter	*w = arg;

	w->rc = load("/x/slow.so", "slow", 5, EXTMOD_SINGLE, &w->why);
	return (NULL);
}

int
main(void)
{
	struct waiter	 w;
	pthread_t	 t;
	char		*why;

	extmod_set_namer(namer);

	/* A single-phase module: its interpreter only. */
	ok(load("/x/np.so", "np", 3, EXTMOD_SINGLE, &why) == 0,
	    "first load of a single-phase module is allowed");
	ok(load("/x/np.so", "np", 3, EXTMOD_SINGLE, &why) == 0,
	    "the same interpreter loads it again");
	ok(load("/x/np.so", "np", 4, EXTMOD_SINGLE, &why) == -1 &&
	    has(why, "np is loaded in pane a (interpreter 3)") &&
	    has(why, "single-phase initialisation") &&
	    has(why, "Use it there"),
	    "another interpreter is refused, told where it is loaded");
	free(why);
	ok(load("/x/np.so", "np", 0, EXTMOD_SINGLE, &why) == -1,
	    "the main interpreter is refused too while pane a has it");
	free(why);

	/* Its interpreter ends: nobody may load it again. */
	extmod_interp_ended(3);
	ok(load("/x/np.so", "np", 3, EXTMOD_SINGLE, &why) == -1 &&
	    has(why, "which has ended") && has(why, "Restart subplex"),
	    "after its interpreter ended it is refused everywhere");
	free(why);
	ok(load("/x/np.so", "np", 0, EXTMOD_SINGLE, &why) == -1,
	    "... the main interpreter included");
	free(why);

	/* Multi-phase modules load everywhere, before and after an end. */
	ok(load("/x/ok.so", "ok", 3, EXTMOD_MULTI, &why) == 0 &&
	    load("/x/ok.so", "ok", 4, EXTMOD_MULTI, &why) == 0 &&
	    load("/x/ok.so", "ok", 0, EXTMOD_MULTI, &why) == 0,
	    "a multi-phase module loads in every interpreter");
	extmod_interp_ended(4);
	ok(load("/x/ok.so", "ok", 6, EXTMOD_MULTI, &why) == 0,
	    "... and after the one that loaded it first ended");

	/* Same name, another file: another module. */
	ok(load("/y/np.so", "np", 7, EXTMOD_SINGLE, &why) == 0,
	    "modules are told apart by file and name");

	/* A failed load (before its kind was known) leaves no owner. */
	ok(extmod_begin("/x/bad.so", "bad", 8, NULL, &why) == 0,
	    "a load that will fail begins");
	extmod_end("/x/bad.so", "bad", 8, EXTMOD_UNKNOWN, 8);
	ok(load("/x/bad.so", "bad", 9, EXTMOD_SINGLE, &why) == 0,
	    "after a failed load another interpreter may load it");

	/* The main interpreter's modules: the main pane is named. */
	ok(load("/x/m.so", "m", 0, EXTMOD_SINGLE, &why) == 0 &&
	    load("/x/m.so", "m", 10, EXTMOD_SINGLE, &why) == -1 &&
	    has(why, "pane py0 (the main interpreter)"),
	    "a module of the main interpreter: refused elsewhere, named");
	free(why);

	/* 3.13: refused in an isolated interpreter after CPython ran its
	 * initialisation in the main one: the main interpreter has it. */
	ok(extmod_begin("/x/r.so", "r", 11, NULL, &why) == 0,
	    "a load CPython will refuse begins");
	extmod_end("/x/r.so", "r", 11, EXTMOD_SINGLE, 0);
	why = extmod_explain("/x/r.so", "r", 11);
	ok(has(why, "r is loaded in pane py0 (the main interpreter)"),
	    "3.13's refusal: the explanation names the main pane");
	free(why);
	ok(load("/x/r.so", "r", 0, EXTMOD_SINGLE, &why) == 0,
	    "... which may load it");

	/* 3.12: its initialisation ran in the refusing interpreter. */
	ok(extmod_begin("/x/t.so", "t", 12, NULL, &why) == 0,
	    "a load CPython 3.12 will refuse begins");
	extmod_end("/x/t.so", "t", 12, EXTMOD_TRIED, 12);
	ok(load("/x/t.so", "t", 0, EXTMOD_SINGLE, &why) == -1 &&
	    has(why, "CPython 3.12 ran its initialisation in interpreter 12"),
	    "3.12's refusal: no other interpreter may initialise it again");
	free(why);

	/* A file being loaded by one interpreter: the others wait. */
	ok(extmod_begin("/x/slow.so", "slow", 3, NULL, &why) == 0,
	    "interpreter 3 begins loading a file");
	memset(&w, 0, sizeof w);
	if (pthread_create(&t, NULL, waiter_main, &w) != 0)
		return (1);
	usleep(100000);
	extmod_end("/x/slow.so", "slow", 3, EXTMOD_SINGLE, 3);
	pthread_join(t, NULL);
	ok(w.rc == -1 && has(w.why, "slow is loaded in pane a"),
	    "another interpreter waits for that load, then is refused");
	free(w.why);

	extmod_free_all();
	return (done_testing());
}
