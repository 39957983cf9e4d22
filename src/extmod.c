/*
 * extmod.c: which interpreter loaded each extension module, and the
 * refusal of a single-phase one anywhere else.
 *
 * CPython gives a module that uses single-phase initialisation (most of
 * PyPI's compiled packages: numpy, everything built with PyO3) one set of
 * C state for the whole process, made in the interpreter that loaded it
 * first, and hands copies of its dict to later interpreters.  Loaded in a
 * second interpreter, or again once the first has ended, it works on
 * objects of another interpreter or on freed ones: numpy's own error, or a
 * crash of every pane.  So every extension module loaded from a file
 * outside CPython's own library is recorded here by file and name, with
 * its kind and the interpreter it was initialised in, and a single-phase
 * one is refused, before CPython touches it, in every other interpreter
 * and after its interpreter ended.  CPython's own extension modules (its
 * lib-dynload directory) are not recorded: CPython writes them to be
 * shared by its legacy interpreters, and refuses those that are not.
 *
 * This file has no Python in it.  pyio.c's loader calls extmod_begin
 * before it loads a file and extmod_end after (the thread that calls them
 * holds no GIL while extmod_begin may wait); interp.c calls
 * extmod_interp_ended when an interpreter has ended.  Pane names for
 * messages come through a callback pane.c registers (extmod_set_namer).
 * One leaf mutex guards the list; a file being loaded by one interpreter
 * makes the others wait for the outcome (a bounded wait: two imports that
 * wait for each other's files end in an ImportError, not a hang).  O(n) in
 * the files loaded, a few hundred at most.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "subplex.h"

#define EXTMOD_WAIT 30.0	/* for another interpreter's load of a file */

struct extmod {
	char		*path;
	char		*name;
	enum extmod_kind kind;
	unsigned long	 owner;		/* the interpreter it was set up in */
	char		*owner_name;	/* its pane, when it was loaded */
	int		 ended;		/* the owner has ended */
	int		 loading;	/* the owner is loading it now */
	struct extmod	*next;
};

static pthread_mutex_t	 extmod_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 extmod_cond;
static pthread_once_t	 extmod_once = PTHREAD_ONCE_INIT;
static struct extmod	*extmods;
static extmod_namer_cb	*extmod_namer;

static void
extmod_init(void)
{
	cond_init_mono(&extmod_cond);
}

/* Before any pane starts (it is read without a lock). */
void
extmod_set_namer(extmod_namer_cb *cb)
{
	extmod_namer = cb;
}

static struct extmod *
extmod_find(const char *path, const char *name)
{
	struct extmod	*e;

	for (e = extmods; e != NULL; e = e->next)
		if (strcmp(e->path, path) == 0 && strcmp(e->name, name) == 0)
			return (e);
	return (NULL);
}

/* What a message needs of an entry, copied out of the lock. */
struct extmod_seen {
	char		*name;
	enum extmod_kind kind;
	unsigned long	 owner;
	char		*owner_name;
	int		 ended;
};

static void
extmod_snapshot(const struct extmod *e, struct extmod_seen *s)
{
	s->name = xstrdup(e->name);
	s->kind = e->kind;
	s->owner = e->owner;
	s->owner_name = e->owner_name != NULL ? xstrdup(e->owner_name) :
	    NULL;
	s->ended = e->ended;
}

/*
 * "pane py0 (interpreter 3)", "pane py0 (the main interpreter)" or "the
 * main interpreter".  Called without extmod_lock: the namer takes the
 * pane list's locks.
 */
static char *
extmod_where(unsigned long id, const char *recorded, int ended, int *live)
{
	char	*name = NULL, *s;

	if (extmod_namer != NULL && !ended)
		name = extmod_namer(id);
	if (live != NULL)
		*live = name != NULL;
	if (name == NULL && recorded != NULL && id != 0)
		name = xstrdup(recorded);
	if (id == 0 && name == NULL)
		s = xstrdup("the main interpreter");
	else if (id == 0)
		xasprintf(&s, "pane %s (the main interpreter)", name);
	else if (name != NULL)
		xasprintf(&s, "pane %s (interpreter %lu)", name, id);
	else
		xasprintf(&s, "interpreter %lu", id);
	free(name);
	return (s);
}

/* Why s's module cannot be loaded anywhere but in its owner; frees s. */
static char *
extmod_why(struct extmod_seen *s)
{
	char	*where, *why;
	int	 live;

	where = extmod_where(s->owner, s->owner_name, s->ended, &live);
	if (s->ended)
		xasprintf(&why, "%s was loaded in %s, which has ended: it is "
		    "an extension module with single-phase initialisation, "
		    "which does not support sub-interpreters, and its C state "
		    "ended with that interpreter, so this process cannot load "
		    "it again. Restart subplex and import it in the main pane "
		    "(the first pane, or new-pane -g main), which never ends",
		    s->name, where);
	else if (s->kind == EXTMOD_TRIED)
		xasprintf(&why, "%s does not support sub-interpreters, and "
		    "CPython 3.12 ran its initialisation in %s before it "
		    "refused it there: a second initialisation in another "
		    "interpreter can crash the process. Restart subplex and "
		    "import it in the main pane (the first pane, or new-pane "
		    "-g main) before another pane tries it", s->name, where);
	else
		xasprintf(&why, "%s is loaded in %s: it is an extension module "
		    "with single-phase initialisation, which does not support "
		    "sub-interpreters, so one interpreter per process can use "
		    "it. Use it %s", s->name, where, s->owner != 0 ?
		    "there, or in a new subplex import it first in the main "
		    "pane (the first pane, or new-pane -g main)" : live ?
		    "there" : "in a main pane (new-pane -g main)");
	free(where);
	free(s->name);
	free(s->owner_name);
	return (why);
}

/*
 * Interpreter id wants to load module name from path.  Returns 0 when it
 * may (the caller loads it and then calls extmod_end), -1 with the reason
 * in *why when it must not.  May wait for another interpreter's load of
 * the same file: call it with no GIL held.
 */
int
extmod_begin(const char *path, const char *name, unsigned long id,
    const char *pane, char **why)
{
	struct extmod		*e;
	struct extmod_seen	 seen;
	struct timespec		 until;
	char			*where;
	int			 rc = 0;

	pthread_once(&extmod_once, extmod_init);
	mono_in(EXTMOD_WAIT, &until);
	pthread_mutex_lock(&extmod_lock);
	while ((e = extmod_find(path, name)) != NULL && e->loading &&
	    e->owner != id) {
		if (pthread_cond_timedwait(&extmod_cond, &extmod_lock,
		    &until) == ETIMEDOUT) {
			extmod_snapshot(e, &seen);
			pthread_mutex_unlock(&extmod_lock);
			where = extmod_where(seen.owner, seen.owner_name, 0, NULL);
			xasprintf(why, "%s is being loaded in %s at the same "
			    "time and did not finish within %.0f s; try again",
			    name, where, EXTMOD_WAIT);
			free(where);
			free(seen.name);
			free(seen.owner_name);
			return (-1);
		}
	}
	if (e == NULL) {
		e = xcalloc(1, sizeof *e);
		e->path = xstrdup(path);
		e->name = xstrdup(name);
		e->kind = EXTMOD_UNKNOWN;
		e->owner = id;
		e->owner_name = pane != NULL ? xstrdup(pane) : NULL;
		e->loading = 1;
		e->next = extmods;
		extmods = e;
	} else if (e->kind == EXTMOD_UNKNOWN && !e->loading) {
		/* An earlier load failed before its kind was known. */
		e->owner = id;
		free(e->owner_name);
		e->owner_name = pane != NULL ? xstrdup(pane) : NULL;
		e->loading = 1;
	} else if ((e->kind == EXTMOD_SINGLE || e->kind == EXTMOD_TRIED) &&
	    (e->owner != id || e->ended)) {
		extmod_snapshot(e, &seen);
		rc = -1;
	} else if (e->owner == id && !e->loading)
		e->loading = 1;		/* again, in the same interpreter */
	pthread_mutex_unlock(&extmod_lock);
	if (rc != 0)
		*why = extmod_why(&seen);
	return (rc);
}

/*
 * The load that extmod_begin allowed is over: kind is what it turned out
 * to be (EXTMOD_UNKNOWN when it failed before that was known), and owner
 * the interpreter whose C state it now has (CPython 3.13 initialises a
 * single-phase module in the main interpreter, 0, before it refuses it in
 * an isolated one).
 */
void
extmod_end(const char *path, const char *name, unsigned long id,
    enum extmod_kind kind, unsigned long owner)
{
	struct extmod	*e;

	pthread_mutex_lock(&extmod_lock);
	if ((e = extmod_find(path, name)) != NULL && e->owner == id) {
		e->loading = 0;
		if (kind != EXTMOD_UNKNOWN)
			e->kind = kind;
		if (owner != id) {
			e->owner = owner;
			free(e->owner_name);
			e->owner_name = NULL;
		}
	}
	pthread_cond_broadcast(&extmod_cond);
	pthread_mutex_unlock(&extmod_lock);
}

/*
 * What to add to the ImportError of a load that CPython (or the module
 * itself) refused in interpreter id: where the module can be used.
 */
char *
extmod_explain(const char *path, const char *name, unsigned long id)
{
	struct extmod		*e;
	struct extmod_seen	 seen;
	char			*why, *where;
	int			 which = 0;

	pthread_mutex_lock(&extmod_lock);
	if ((e = extmod_find(path, name)) != NULL && e->owner != id) {
		extmod_snapshot(e, &seen);
		which = e->kind == EXTMOD_SINGLE || e->kind == EXTMOD_TRIED ?
		    1 : 2;
	}
	pthread_mutex_unlock(&extmod_lock);
	if (which == 1)
		return (extmod_why(&seen));
	if (which == 2) {
		where = extmod_where(seen.owner, seen.owner_name, seen.ended,
		    NULL);
		xasprintf(&why, "%s does not support sub-interpreters and is "
		    "loaded in %s: use it there", name, where);
		free(where);
		free(seen.name);
		free(seen.owner_name);
		return (why);
	}
	xasprintf(&why, "%s does not support sub-interpreters with their own "
	    "GIL, which this pane is: use it in the main pane (the first "
	    "pane, or new-pane -g main)", name);
	return (why);
}

/* Interpreter id has ended: what it loaded cannot be loaded again. */
void
extmod_interp_ended(unsigned long id)
{
	struct extmod	*e;

	pthread_mutex_lock(&extmod_lock);
	for (e = extmods; e != NULL; e = e->next) {
		if (e->owner == id) {
			e->ended = 1;
			e->loading = 0;
		}
	}
	pthread_cond_broadcast(&extmod_cond);
	pthread_mutex_unlock(&extmod_lock);
}

/* At exit (for the leak checkers). */
void
extmod_free_all(void)
{
	struct extmod	*e;

	pthread_mutex_lock(&extmod_lock);
	while ((e = extmods) != NULL) {
		extmods = e->next;
		free(e->path);
		free(e->name);
		free(e->owner_name);
		free(e);
	}
	pthread_mutex_unlock(&extmod_lock);
}
