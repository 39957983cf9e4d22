/*
 * embed.c: the embedding scenarios, one small function per threading rule
 * of shared/capi-notes.md, in the shape of CPython's Programs/_testembed.c.
 *
 * "embed NAME" runs one scenario and exits 0 when it passed, 1 when a check
 * failed (the failed check is printed as file:line: expression), 77 with a
 * single "SKIP reason" line when it does not apply to this CPython, 78 with
 * a "TODO reason" line when it shows a known, reported bug.  "embed"
 * alone lists the scenario names, one a line; tests/embed.test runs them all
 * under TAP and tests/embed-tsan.test runs the threading ones again in a
 * ThreadSanitizer build of the engine.  Lines starting with "# " are
 * measurements that the TAP scripts pass through as diagnostics.
 *
 * Each scenario starts the engine itself (the keeper thread and Python) and
 * ends it, so scenarios share nothing; the testing thread plays the UI's
 * part except in threads_interps, where it is one more native thread with
 * its own thread states.  fdcap is not started: the tests keep their stdout.
 * Nothing here waits with a fixed sleep: waits are on conditions with
 * deadlines (pane_wait_idle, outbuf_wait on the transcript's generation),
 * so the deadlines only decide how long a broken engine takes to fail.
 * Timings are measured with mono_now() and asserted only with wide margins
 * (the spec's targets are reported, not asserted: machines are noisy).
 */
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"

#define SKIP_STATUS	77
#define TODO_STATUS	78	/* a known bug: "not ok # TODO" */
#define WAIT		30.0	/* generous bound for "should be quick" */

/* Checks stay on in every build: print where and what, fail the test. */
static void
check_failed(const char *file, int line, const char *expr, const char *fmt,
    ...)
{
	va_list	 ap;

	flockfile(stdout);
	printf("%s:%d: check failed: %s\n", file, line, expr);
	if (fmt != NULL) {
		printf("  ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	funlockfile(stdout);
	fflush(stdout);
}

#define CHECK(e) do {							\
	if (!(e)) {							\
		check_failed(__FILE__, __LINE__, #e, NULL);		\
		return (1);						\
	}								\
} while (0)

#define CHECKF(e, ...) do {						\
	if (!(e)) {							\
		check_failed(__FILE__, __LINE__, #e, __VA_ARGS__);	\
		return (1);						\
	}								\
} while (0)

/* A failed check about a pane shows the pane's transcript too. */
#define CHECKP(e, p) do {						\
	if (!(e)) {							\
		check_failed(__FILE__, __LINE__, #e, NULL);		\
		dump(p);						\
		return (1);						\
	}								\
} while (0)

/* ---- helpers ---- */

static int	engine_live;	/* Python is up: leave with _exit */

static void
dump(struct pane *p)
{
	char	*t, *s, *nl;
	size_t	 len;

	t = pane_transcript(p, &len);
	printf("  transcript of pane %s:\n", pane_name(p));
	for (s = t; *s != '\0'; s = nl + 1) {
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s);
		printf("  | %.*s\n", (int)(nl - s), s);
		if (*nl == '\0')
			break;
	}
	free(t);
	fflush(stdout);
}

static int
engine_up(enum gil_mode gil)
{
	struct engine_config	 cfg = { gil, pyio_register };
	char			*cause = NULL;

	notify_init();
	if (interp_start(&cfg, &cause) != 0) {
		printf("interp_start: %s\n", cause);
		free(cause);
		return (-1);
	}
	engine_live = 1;
	return (0);
}

/* End every pane and Python; -1 if a pane was kept (Python stays up). */
static int
engine_down(double timeout)
{
	pane_shutdown(timeout);
	if (pane_count() != 0) {
		printf("pane_shutdown(%g) kept %zu pane%s\n", timeout,
		    pane_count(), pane_count() == 1 ? "" : "s");
		return (-1);
	}
	engine_live = 0;
	return (0);
}

/* The GIL mode the shared-GIL scenarios ask for. */
static enum gil_mode
shared_mode(void)
{
	return (interp_own_gil_supported() ? GIL_SHARED : GIL_DEFAULT);
}

/* A new pane, waited for until it sits at its first prompt. */
static struct pane *
pane_open_with(const char *name, enum gil_mode gil, const char *startup)
{
	struct pane_opts	 opts = { name, gil, startup, NULL, NULL, 0 };
	struct pane_info	 pi;
	struct pane		*p;
	char			*cause = NULL;

	if ((p = pane_new(&opts, &cause)) == NULL) {
		printf("pane_new: %s\n", cause);
		free(cause);
		return (NULL);
	}
	if (pane_wait_idle(p, WAIT, &cause) != 0) {
		printf("new pane: %s\n", cause);
		free(cause);
		return (NULL);
	}
	pane_info(p, &pi);
	if (pi.state != PANE_IDLE) {
		printf("new pane %s is %s, not idle\n", pi.name,
		    pane_state_name(pi.state));
		dump(p);
		pane_info_free(&pi);
		return (NULL);
	}
	pane_info_free(&pi);
	return (p);
}

static struct pane *
pane_open(const char *name, enum gil_mode gil)
{
	return (pane_open_with(name, gil, NULL));
}

static enum pane_state
state_of(struct pane *p, int *exit_status, unsigned long *id, int *own_gil)
{
	struct pane_info	 pi;

	pane_info(p, &pi);
	if (exit_status != NULL)
		*exit_status = pi.exit_status;
	if (id != NULL)
		*id = pi.interp_id;
	if (own_gil != NULL)
		*own_gil = pi.own_gil;
	pane_info_free(&pi);
	return (pi.state);
}

/* How often needle occurs in the transcript (as a whole line if line). */
static int
count_in(struct pane *p, const char *needle, int line)
{
	char		*t, *s;
	size_t		 len, nlen = strlen(needle);
	int		 n = 0;

	t = pane_transcript(p, &len);
	for (s = t; (s = strstr(s, needle)) != NULL; s += nlen) {
		if (!line || ((s == t || s[-1] == '\n') &&
		    (s[nlen] == '\n' || s[nlen] == '\0')))
			n++;
	}
	free(t);
	return (n);
}

static int
has_text(struct pane *p, const char *needle)
{
	return (count_in(p, needle, 0) > 0);
}

static int
has_line(struct pane *p, const char *line)
{
	return (count_in(p, line, 1) > 0);
}

/*
 * Wait until needle occurs at least n times in the transcript (as a whole
 * line if line), sleeping on the scrollback's generation counter: no fixed
 * sleep, no polling.  Returns 1, or 0 at the deadline.
 */
static int
wait_count(struct pane *p, const char *needle, int line, int n,
    double timeout)
{
	struct outbuf	*ob = pane_outbuf(p);
	double		 deadline = mono_now() + timeout;
	uint64_t	 gen;

	for (;;) {
		gen = outbuf_generation(ob);
		if (count_in(p, needle, line) >= n)
			return (1);
		if (mono_now() >= deadline)
			return (0);
		outbuf_wait(ob, gen, deadline);
	}
}

static int
wait_text(struct pane *p, const char *needle, double timeout)
{
	return (wait_count(p, needle, 0, 1, timeout));
}

/* Wait until the pane is idle (at a prompt, in input() or dead). */
static int
wait_idle(struct pane *p)
{
	char	*cause = NULL;

	if (pane_wait_idle(p, WAIT, &cause) != 0) {
		printf("%s\n", cause);
		free(cause);
		dump(p);
		return (-1);
	}
	return (0);
}

/* Type src (lines) into the pane and wait until it is idle again. */
static int
run(struct pane *p, const char *src)
{
	pane_send(p, src);
	if (wait_idle(p) != 0) {
		printf("(while running \"%s\")\n", src);
		return (-1);
	}
	return (0);
}

/*
 * Start a busy loop and wait until it runs.  The first line of output
 * proves the code is executing: the echo of the last line alone does not
 * (see interrupt_early for why that matters).
 */
static int
spin(struct pane *p)
{
	int	 before = count_in(p, "spinning", 1);

	pane_send(p, "if True:\n    print('spinning')\n    while True: pass\n");
	if (!wait_count(p, "spinning", 1, before + 1, WAIT)) {
		printf("pane %s did not start its loop\n", pane_name(p));
		dump(p);
		return (-1);
	}
	return (0);
}

static int
kill_pane(struct pane *p, double timeout)
{
	char	*cause = NULL;

	if (pane_kill(p, timeout, &cause) != 0) {
		printf("pane_kill: %s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

static int
respawn_pane(struct pane *p, double timeout)
{
	char	*cause = NULL;

	if (pane_respawn(p, timeout, &cause) != 0 ||
	    pane_wait_idle(p, WAIT, &cause) != 0) {
		printf("pane_respawn: %s\n", cause);
		free(cause);
		dump(p);
		return (-1);
	}
	return (0);
}

/* Wait until the pane's code waits in input(). */
static int
wait_input(struct pane *p)
{
	char	*cause = NULL;

	if (pane_wait_idle(p, WAIT, &cause) != 0) {
		printf("%s\n", cause);
		free(cause);
		return (-1);
	}
	if (state_of(p, NULL, NULL, NULL) != PANE_INPUT) {
		printf("pane %s is %s, not in input()\n", pane_name(p),
		    pane_state_name(state_of(p, NULL, NULL, NULL)));
		dump(p);
		return (-1);
	}
	return (0);
}

/* Does the transcript end with s (as a person sees it now)? */
static int
ends_with(struct pane *p, const char *s)
{
	char	*t;
	size_t	 len, n = strlen(s);
	int	 yes;

	t = pane_transcript(p, &len);
	yes = len >= n && memcmp(t + len - n, s, n) == 0;
	free(t);
	return (yes);
}

/*
 * Is exactly one pane executing Python code right now?  fdcap's rule for
 * owning captured output: a pane claims its buffer while it runs an input.
 */
static int
one_executing(void)
{
	return (fdcap_owner_count() == 1);
}

/* Only between polls of a condition that has no wakeup to wait on. */
static void
pause_ms(long ms)
{
	struct timespec	 ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static int
skip(const char *why)
{
	printf("SKIP %s\n", why);
	return (SKIP_STATUS);
}

/* ---- threads_interps: native threads with no fixed relation ---- */

#define TI_ROUNDS	200

struct ti_thread {
	pthread_t		 thread;
	const char		*name;
	struct interp		*ip[2];		/* ip[1]: alternate */
	int			 code;		/* ti_code[] when not */
	pthread_barrier_t	*start;
	int			 rc;
};

/*
 * "n += 1" at module level compiles to LOAD_NAME, BINARY_OP, STORE_NAME,
 * none of which lets the GIL go (3.11 to 3.13 check for a drop request only
 * at RESUME, backward jumps and calls), so only two threads running in one
 * interpreter at once, a broken GIL hand-off, can lose an increment.
 */
static const char *ti_code[2] = {
	"n += 1\nassert which == sys.subplex_which == 'I1', which\n"
	    "assert 'only_in_I2' not in globals()\n",
	"n += 1\nassert which == sys.subplex_which == 'I2', which\n"
	    "assert 'only_in_I1' not in globals()\n",
};

/*
 * Each round makes a thread state on this thread, attaches, runs, detaches
 * and deletes it; the alternating thread keeps one state per interpreter
 * and is attached to at most one at a time.  A failed check must not leave
 * the thread attached (the GIL would go with it), hence no CHECK inside.
 */
static int
ti_body(struct ti_thread *t)
{
	struct tstate	*keep[2] = { NULL, NULL }, *ts;
	char		*err = NULL;
	int		 r, k, rc = 0;
	int		 alt = t->ip[1] != NULL;

	if (alt) {
		keep[0] = interp_thread_new(t->ip[0]);
		keep[1] = interp_thread_new(t->ip[1]);
	}
	pthread_barrier_wait(t->start);
	for (r = 0; r < TI_ROUNDS && rc == 0; r++) {
		k = alt ? r % 2 : 0;
		ts = alt ? keep[k] : interp_thread_new(t->ip[0]);
		interp_attach(ts);
		rc = repl_exec(ti_code[alt ? k : t->code], &err);
		interp_detach(ts);
		if (!alt)
			interp_thread_delete(ts);
		if (rc != 0)
			printf("thread %s round %d: %s\n", t->name, r, err);
		free(err);
	}
	if (alt) {
		interp_thread_delete(keep[0]);
		interp_thread_delete(keep[1]);
	}
	return (rc != 0);
}

static void *
ti_main(void *arg)
{
	struct ti_thread	*t = arg;

	t->rc = ti_body(t);
	return (NULL);
}

/* Attach a new state of this thread to ip, run src, delete the state. */
static int
exec_in(struct interp *ip, const char *src, int *nthreads)
{
	struct tstate	*ts;
	char		*err = NULL;
	int		 rc;

	ts = interp_thread_new(ip);
	interp_attach(ts);
	rc = repl_exec(src, &err);
	if (nthreads != NULL)
		*nthreads = interp_thread_count(ip);
	interp_detach(ts);
	interp_thread_delete(ts);
	if (rc != 0) {
		printf("%s\n  in: %s\n", err, src);
		free(err);
	}
	return (rc);
}

static int
threads_interps(enum gil_mode gil)
{
	struct ti_thread	 t[4];
	struct interp		*i1, *i2;
	pthread_barrier_t	 start;
	char			*cause = NULL, code[128];
	int			 k, want_shared, n1, n2, failed = 0, bounded;

	if (engine_up(gil) != 0)
		return (1);
	want_shared = !interp_own_gil_supported() || gil == GIL_SHARED;
	printf("# CPython %s, %s GIL\n", interp_python_version(),
	    want_shared ? "shared" : "own");
	CHECKF((i1 = interp_create(GIL_DEFAULT, &bounded, &cause)) != NULL,
	    "%s", cause);
	CHECKF((i2 = interp_create(GIL_DEFAULT, &bounded, &cause)) != NULL,
	    "%s", cause);
	CHECK(interp_is_shared(i1) == want_shared);
	CHECK(interp_is_shared(i2) == want_shared);
	CHECK(interp_id(i1) != interp_id(i2));
	CHECK(exec_in(i1, "import sys\nn = 0\nwhich = sys.subplex_which = 'I1'"
	    "\nonly_in_I1 = 1", NULL) == 0);
	CHECK(exec_in(i2, "import sys\nn = 0\nwhich = sys.subplex_which = 'I2'"
	    "\nonly_in_I2 = 1", NULL) == 0);

	memset(t, 0, sizeof t);
	t[0].name = "T1"; t[0].ip[0] = i1;
	t[1].name = "T2"; t[1].ip[0] = i1;
	t[2].name = "T3"; t[2].ip[0] = i2; t[2].code = 1;
	t[3].name = "T4"; t[3].ip[0] = i1; t[3].ip[1] = i2;
	pthread_barrier_init(&start, NULL, 4);
	for (k = 0; k < 4; k++) {
		t[k].start = &start;
		if (pthread_create(&t[k].thread, NULL, ti_main, &t[k]) != 0)
			fatal("pthread_create");
	}
	for (k = 0; k < 4; k++) {
		pthread_join(t[k].thread, NULL);
		failed |= t[k].rc;
	}
	pthread_barrier_destroy(&start);
	CHECK(!failed);

	/* I1: T1 and T2 every round, T4 every other; I2: T3, T4's rest. */
	snprintf(code, sizeof code, "assert n == %d, n", 2 * TI_ROUNDS +
	    (TI_ROUNDS + 1) / 2);
	CHECK(exec_in(i1, code, &n1) == 0);
	snprintf(code, sizeof code, "assert n == %d, n", TI_ROUNDS +
	    TI_ROUNDS / 2);
	CHECK(exec_in(i2, code, &n2) == 0);
	/* The keeper's state and this thread's: every worker's is gone. */
	CHECKF(n1 == 2 && n2 == 2, "thread states left: %d in I1, %d in I2",
	    n1 - 2, n2 - 2);
	CHECKF(interp_end(i1, &cause) == 0, "%s", cause);
	CHECKF(interp_end(i2, &cause) == 0, "%s", cause);
	interp_stop(1);
	engine_live = 0;
	return (0);
}

static int
test_threads_interps(void)
{
	return (threads_interps(GIL_DEFAULT));
}

static int
test_threads_interps_shared(void)
{
	return (threads_interps(GIL_SHARED));
}

/* ---- isolation: names and module state stay in their pane ---- */

static int
test_isolation(void)
{
	struct pane	*a, *b;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_DEFAULT)) != NULL);
	CHECK((b = pane_open("B", GIL_DEFAULT)) != NULL);
	CHECK(state_of(a, NULL, NULL, NULL) == PANE_IDLE);

	CHECK(run(a, "x = 1") == 0);
	CHECK(run(a, "print('x is', x)") == 0);
	CHECKP(has_line(a, "x is 1"), a);
	CHECK(run(b, "x") == 0);
	CHECKP(has_text(b, "NameError"), b);
	CHECKP(!has_text(a, "NameError"), a);

	/* Module objects too: each interpreter imports its own json. */
	CHECK(run(a, "import json; json.subplex_mark = 1") == 0);
	CHECK(run(a, "print('A', hasattr(json, 'subplex_mark'))") == 0);
	CHECKP(has_line(a, "A True"), a);
	CHECK(run(b, "import json") == 0);
	CHECK(run(b, "print('B', hasattr(json, 'subplex_mark'))") == 0);
	CHECKP(has_line(b, "B False"), b);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/* ---- churn: many interpreters created and ended, respawns ---- */

#define CHURN_PANES	30
#define CHURN_RESPAWNS	10

static int
test_churn(void)
{
	struct pane	*p;
	unsigned long	 id, last = 0;
	char		 src[64], want[64];
	int		 i;
	double		 t0 = mono_now();

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	for (i = 0; i < CHURN_PANES; i++) {
		CHECKF((p = pane_open(NULL, GIL_DEFAULT)) != NULL, "pane %d", i);
		CHECK(pane_count() == 1);
		snprintf(src, sizeof src, "print('churn', 6 * %d)", i);
		snprintf(want, sizeof want, "churn %d", 6 * i);
		CHECK(run(p, src) == 0);
		CHECKP(has_line(p, want), p);
		CHECKP(!has_text(p, "Error"), p);
		state_of(p, NULL, &id, NULL);
		CHECKF(id > last, "interpreter id %lu after %lu", id, last);
		last = id;
		CHECK(kill_pane(p, 10.0) == 0);
		CHECK(pane_count() == 0);
	}
	printf("# %d panes created and killed in %.2f s\n", CHURN_PANES,
	    mono_now() - t0);

	/* Killed while still starting: no wait for the first prompt. */
	for (i = 0; i < 5; i++) {
		struct pane_opts opts = { NULL, GIL_DEFAULT, NULL, NULL,
		    NULL, 0 };
		char *cause = NULL;

		CHECKF((p = pane_new(&opts, &cause)) != NULL, "%s", cause);
		CHECK(kill_pane(p, 10.0) == 0);
		CHECK(pane_count() == 0);
	}

	t0 = mono_now();
	CHECK((p = pane_open("R", GIL_DEFAULT)) != NULL);
	for (i = 0; i < CHURN_RESPAWNS; i++) {
		CHECK(run(p, "mark = 1") == 0);
		CHECK(respawn_pane(p, 10.0) == 0);
		CHECK(state_of(p, NULL, &id, NULL) == PANE_IDLE);
		CHECKF(id > last, "interpreter id %lu after %lu", id, last);
		last = id;
		snprintf(src, sizeof src, "print('respawn', %d, 'mark' in "
		    "globals())", i);
		snprintf(want, sizeof want, "respawn %d False", i);
		CHECK(run(p, src) == 0);
		CHECKP(has_line(p, want), p);
	}
	CHECKP(count_in(p, "[pane R respawned]", 1) == CHURN_RESPAWNS, p);
	printf("# %d respawns in %.2f s\n", CHURN_RESPAWNS, mono_now() - t0);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/* ---- close_busy: closing and quitting while code runs ---- */

static int
test_close_busy(void)
{
	struct pane	*p, *q, *r;
	double		 t0, dt;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((p = pane_open("busy", GIL_DEFAULT)) != NULL);
	CHECK((q = pane_open("other", GIL_DEFAULT)) != NULL);

	/*
	 * As a person would: the loop, then an empty line to end it; wait
	 * for the echo of that line (the "... " continuation prompt, then
	 * nothing) with the pane busy.  The echo comes a moment before the
	 * code runs (see interrupt_early), so wait for that too.
	 */
	pane_send(p, "while True: pass");
	pane_send(p, "");
	t0 = mono_now();
	while (!ends_with(p, ">>> while True: pass\n... \n") || !pane_busy(p)) {
		CHECKP(mono_now() - t0 < WAIT, p);
		pause_ms(1);
	}
	while (!one_executing()) {
		CHECKP(mono_now() - t0 < WAIT, p);
		pause_ms(1);
	}
	CHECK(run(q, "print('busy', 'yet', 'alive')") == 0);
	CHECKP(has_line(q, "busy yet alive"), q);
	CHECKP(pane_busy(p), p);
	t0 = mono_now();
	CHECK(kill_pane(p, 3.0) == 0);
	printf("# pane_kill of a busy pane: %.0f ms\n", (mono_now() - t0) * 1e3);
	CHECK(pane_count() == 1);
	CHECK(run(q, "print(6 * 7)") == 0);
	CHECKP(has_line(q, "42"), q);

	/* Respawning a busy pane interrupts it too, for a fresh one. */
	CHECK(run(q, "mark = 1") == 0);
	CHECK(spin(q) == 0);
	CHECK(respawn_pane(q, 3.0) == 0);
	CHECK(run(q, "print('fresh', 'mark' not in dir())") == 0);
	CHECKP(has_line(q, "fresh True"), q);

	/* Quit while two panes loop and one waits in input(): bounded, and
	 * Python is finalized. */
	CHECK((p = pane_open("busy2", GIL_DEFAULT)) != NULL);
	CHECK((r = pane_open("reading", GIL_DEFAULT)) != NULL);
	CHECK(spin(p) == 0);
	CHECK(spin(q) == 0);
	pane_send(r, "input('? ')");
	CHECK(wait_input(r) == 0);
	t0 = mono_now();
	CHECK(engine_down(2.0) == 0);
	dt = mono_now() - t0;
	printf("# pane_shutdown with 2 busy panes and 1 in input(): %.0f ms\n",
	    dt * 1e3);
	CHECKF(dt < 2.5, "pane_shutdown took %.2f s", dt);
	return (0);
}

/* ---- interrupt: KeyboardInterrupt in a busy pane, quickly ---- */

static int
test_interrupt(void)
{
	struct pane	*p;
	double		 t0, dt[2];
	int		 k;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((p = pane_open("A", GIL_DEFAULT)) != NULL);
	/* The first exception shown in an interpreter may import modules
	 * (3.13's traceback printing does): measure a second one too. */
	for (k = 0; k < 2; k++) {
		CHECK(spin(p) == 0);
		CHECKP(count_in(p, "KeyboardInterrupt", 1) == k, p);
		t0 = mono_now();
		pane_interrupt(p);
		CHECKP(wait_count(p, "KeyboardInterrupt", 1, k + 1, 5.0), p);
		dt[k] = mono_now() - t0;
		CHECK(wait_idle(p) == 0);
	}
	printf("# interrupt latency: %.1f ms, then %.1f ms (target 100 ms)\n",
	    dt[0] * 1e3, dt[1] * 1e3);
	CHECKF(dt[0] < 1.0 && dt[1] < 1.0, "KeyboardInterrupt took %.3f s, "
	    "then %.3f s", dt[0], dt[1]);
	CHECK(run(p, "print(7)") == 0);
	CHECKP(has_line(p, "7"), p);
	/* An interrupt at the prompt drops the line, nothing else. */
	pane_interrupt(p);
	CHECKP(wait_count(p, "KeyboardInterrupt", 1, 3, WAIT), p);
	CHECK(run(p, "print(8)") == 0);
	CHECKP(has_line(p, "8"), p);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/*
 * interrupt_early: an interrupt or a kill that arrives just after the
 * worker has taken a line off the queue and echoed it, but before it is
 * attached and running it, must not be lost.  The UI sends keys whenever
 * the user types them, so the window is real; many rounds hit it.  (pane.c
 * keeps such an interrupt pending while the line is in flight and raises
 * it once the worker runs the line.)
 */
#define EARLY_ROUNDS	60

static int
test_interrupt_early(void)
{
	struct pane	*p = NULL;
	char		*cause = NULL;
	int		 i, loops = 0, lost_intr = 0, lost_kill = 0;
	int		 nintr = 0, nkill = 0;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	for (i = 0; i < EARLY_ROUNDS; i++) {
		if (p == NULL) {
			CHECK((p = pane_open("A", GIL_DEFAULT)) != NULL);
			loops = 0;
		}
		pane_send(p, "while True: pass");
		pane_send(p, "");
		CHECKP(wait_count(p, "... ", 1, ++loops, WAIT), p);
		if (i % 3 != 2) {
			nintr++;
			pane_interrupt(p);
			if (pane_wait_idle(p, 1.0, &cause) == 0)
				continue;
			free(cause);
			cause = NULL;
			lost_intr++;
		} else {
			nkill++;
			if (pane_kill(p, 1.0, &cause) == 0) {
				p = NULL;
				continue;
			}
			free(cause);
			cause = NULL;
			lost_kill++;
		}
		/* The code runs now: a second interrupt must work. */
		pane_interrupt(p);
		CHECK(wait_idle(p) == 0);
		if (i % 3 == 2) {
			CHECK(kill_pane(p, 5.0) == 0);
			p = NULL;
		}
		if (lost_intr > 0 && lost_kill > 0)
			break;	/* shown both ways: spare the time */
	}
	printf("# lost: %d of %d interrupts, %d of %d kills sent as the "
	    "line was echoed\n", lost_intr, nintr, lost_kill, nkill);
	CHECK(engine_down(5.0) == 0);
	CHECK(lost_intr + lost_kill == 0);
	return (0);
}

/* ---- system_exit: SystemExit ends the pane, not the process ---- */

static int
test_system_exit(void)
{
	struct pane	*a, *b, *c;
	unsigned long	 id0, id;
	int		 status;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_DEFAULT)) != NULL);
	CHECK((b = pane_open("B", GIL_DEFAULT)) != NULL);
	CHECK(run(b, "kept = 5") == 0);

	state_of(a, NULL, &id0, NULL);
	CHECK(run(a, "import sys; sys.exit(3)") == 0);
	CHECKP(wait_text(a, "pane A exited with status 3", WAIT), a);
	CHECKP(state_of(a, &status, NULL, NULL) == PANE_DEAD, a);
	CHECKF(status == 3, "exit status %d", status);
	CHECKP(!has_text(a, "Traceback"), a);
	pane_send(a, "print('not run')");	/* dropped: the pane is dead */
	CHECK(run(b, "print('B', kept)") == 0);
	CHECKP(has_line(b, "B 5"), b);
	CHECKP(state_of(b, NULL, NULL, NULL) == PANE_IDLE, b);

	CHECK(respawn_pane(a, 10.0) == 0);
	state_of(a, NULL, &id, NULL);
	CHECKF(id != id0, "same interpreter %lu after respawn", id);
	CHECK(run(a, "print('A', 'back')") == 0);
	CHECKP(has_line(a, "A back"), a);
	CHECKP(!has_text(a, "not run"), a);

	CHECK(run(a, "exit()") == 0);
	CHECKP(wait_text(a, "pane A exited with status 0", WAIT), a);
	CHECKP(state_of(a, &status, NULL, NULL) == PANE_DEAD, a);
	CHECKF(status == 0, "exit status %d", status);

	CHECK(respawn_pane(a, 10.0) == 0);
	CHECK(run(a, "raise SystemExit('bye')") == 0);
	CHECKP(wait_text(a, "pane A exited with status 1", WAIT), a);
	CHECKP(has_line(a, "bye"), a);
	CHECKP(state_of(a, &status, NULL, NULL) == PANE_DEAD, a);
	CHECKF(status == 1, "exit status %d", status);

	/* End of input at the prompt ends the pane like exit(). */
	CHECK((c = pane_open("C", GIL_DEFAULT)) != NULL);
	pane_send_eof(c);
	CHECK(wait_idle(c) == 0);
	CHECKP(has_text(c, "pane C exited with status 0"), c);
	CHECKP(state_of(c, &status, NULL, NULL) == PANE_DEAD, c);
	CHECKF(status == 0, "exit status %d", status);

	CHECK(respawn_pane(a, 10.0) == 0);
	CHECK(run(a, "print(6 * 7)") == 0);
	CHECKP(has_line(a, "42"), a);
	CHECK(run(b, "print('B', kept + 1)") == 0);
	CHECKP(has_line(b, "B 6"), b);
	CHECK(engine_down(5.0) == 0);	/* C is still dead: fine */
	return (0);
}

/* ---- input: input() reads what is sent, and can be interrupted ---- */

static int
test_input(void)
{
	struct pane	*p;
	double		 t0, dt;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((p = pane_open("A", GIL_DEFAULT)) != NULL);
	pane_send(p, "name = input('who? ')");
	CHECK(wait_input(p) == 0);
	pane_send(p, "bob");
	CHECK(run(p, "print(name.upper())") == 0);
	CHECKP(has_text(p, "who? bob"), p);
	CHECKP(has_line(p, "BOB"), p);

	pane_send(p, "input('again? ')");
	CHECK(wait_input(p) == 0);
	t0 = mono_now();
	pane_interrupt(p);
	CHECKP(wait_text(p, "KeyboardInterrupt", 5.0), p);
	dt = mono_now() - t0;
	printf("# input() interrupt latency: %.1f ms\n", dt * 1e3);
	CHECKF(dt < 1.0, "KeyboardInterrupt took %.3f s", dt);
	CHECK(wait_idle(p) == 0);
	CHECKP(state_of(p, NULL, NULL, NULL) == PANE_IDLE, p);

	pane_send(p, "input('eof? ')");
	CHECK(wait_input(p) == 0);
	pane_send_eof(p);
	CHECKP(wait_text(p, "EOFError", WAIT), p);
	CHECK(wait_idle(p) == 0);
	CHECKP(state_of(p, NULL, NULL, NULL) == PANE_IDLE, p);
	CHECK(run(p, "print(name)") == 0);
	CHECKP(has_line(p, "bob"), p);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/* ---- fairness: a busy pane does not starve another ---- */

static int
fairness(enum gil_mode gil)
{
	struct pane	*a, *b;
	double		 t0, dt;
	int		 own_a, own_b;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", gil)) != NULL);
	CHECK((b = pane_open("B", gil)) != NULL);
	state_of(a, NULL, NULL, &own_a);
	state_of(b, NULL, NULL, &own_b);
	CHECK(own_a == (gil == GIL_OWN) && own_b == own_a);
	CHECK(spin(a) == 0);
	t0 = mono_now();
	CHECK(run(b, "print(1)") == 0);
	dt = mono_now() - t0;
	printf("# CPython %s, %s GIL: print(1) beside a busy pane took "
	    "%.1f ms\n", interp_python_version(), own_a ? "own" : "shared",
	    dt * 1e3);
	CHECKP(has_line(b, "1"), b);
	CHECKF(dt < 2.0, "print(1) took %.2f s", dt);
	/* And a second time, after B has been idle a while. */
	t0 = mono_now();
	CHECK(run(b, "print(sum(range(1000)))") == 0);
	dt = mono_now() - t0;
	CHECKP(has_line(b, "499500"), b);
	CHECKF(dt < 2.0, "second input took %.2f s", dt);
	CHECKP(pane_busy(a), a);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

static int
test_fairness(void)
{
	return (fairness(shared_mode()));
}

static int
test_fairness_own(void)
{
	if (!interp_own_gil_supported())
		return (skip("own GIL needs CPython 3.12 or later"));
	return (fairness(GIL_OWN));
}

/* ---- threads_at_close: threads the pane's code started ---- */

static int
test_threads_at_close(void)
{
	struct pane	*a, *b;
	char		*cause = NULL;
	double		 t0, dt;
	int		 rc;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_DEFAULT)) != NULL);
	CHECK(run(a, "import threading, time") == 0);
	CHECK(run(a, "t = threading.Thread(target=time.sleep, args=(30,)); "
	    "t.start()") == 0);
	t0 = mono_now();
	rc = pane_kill(a, 10.0, &cause);
	dt = mono_now() - t0;
	printf("# pane_kill with a live thread refused in %.2f s: %s\n", dt,
	    cause != NULL ? cause : "(no cause)");
	CHECK(rc == -1);	/* else the pane is gone: no CHECKP */
	CHECKF(cause != NULL && strstr(cause, "thread") != NULL, "cause: %s",
	    cause);
	free(cause);
	CHECKF(dt < 5.0, "refusal took %.2f s", dt);
	CHECK(pane_count() == 1);
	CHECKP(has_text(a, "thread still running"), a);
	CHECK(wait_idle(a) == 0);
	CHECKP(state_of(a, NULL, NULL, NULL) == PANE_IDLE, a);
	CHECK(run(a, "print('alive', t.is_alive())") == 0);
	CHECKP(has_line(a, "alive True"), a);

	/* A thread that ends within the join bound does not stop a close. */
	CHECK((b = pane_open("B", GIL_DEFAULT)) != NULL);
	CHECK(run(b, "import threading, time") == 0);
	CHECK(run(b, "threading.Thread(target=time.sleep, args=(0.3,))"
	    ".start()") == 0);
	t0 = mono_now();
	CHECK(kill_pane(b, 10.0) == 0);
	printf("# pane_kill waiting for a 0.3 s thread: %.2f s\n",
	    mono_now() - t0);
	CHECK(pane_count() == 1);

	/*
	 * Quitting now must neither hang nor abort: A is kept, Python is
	 * not finalized (it would be fatal with a live interpreter), and
	 * the process leaves with _exit, as main.c does.
	 */
	t0 = mono_now();
	CHECK(engine_down(2.0) != 0);
	dt = mono_now() - t0;
	printf("# pane_shutdown kept pane A in %.2f s\n", dt);
	CHECK(dt < 4.0);
	CHECK(pane_count() == 1);
	return (0);
}

/*
 * ---- kept_close: a close or respawn kept by a live thread ----
 * The pane goes on as it was: its startup file does not run again, its
 * variables stay, the respawn is not counted; a pane that had exited
 * (os._exit) stays dead and does not "exit" a second time.
 */
static int
test_kept_close(void)
{
	struct pane_info	 pi;
	struct pane		*a, *b;
	char			*cause = NULL, path[] = "/tmp/embed-startup.XXXXXX";
	FILE			*f;
	int			 fd;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((fd = mkstemp(path)) >= 0);
	CHECK((f = fdopen(fd, "w")) != NULL);
	fputs("print('startup ran')\n", f);
	fclose(f);
	CHECK((a = pane_open_with("A", GIL_DEFAULT, path)) != NULL);
	CHECK(wait_text(a, "startup ran", WAIT));
	CHECK(run(a, "import threading; ev = threading.Event(); "
	    "t = threading.Thread(target=ev.wait); t.start(); kept = 1") == 0);
	CHECK(pane_kill(a, 10.0, &cause) == -1);
	free(cause);
	cause = NULL;
	CHECK(pane_respawn(a, 10.0, &cause) == -1);
	CHECKF(cause != NULL && strstr(cause, "thread") != NULL, "cause: %s",
	    cause);
	free(cause);
	CHECK(wait_idle(a) == 0);
	CHECK(run(a, "print('kept', kept)") == 0);
	CHECKP(has_line(a, "kept 1"), a);
	CHECKP(count_in(a, "startup ran", 1) == 1, a);
	CHECKP(has_text(a, "pane A not respawned: 1 thread still running"), a);
	pane_info(a, &pi);
	CHECK(pi.respawns == 0);
	pane_info_free(&pi);
	CHECK(run(a, "ev.set(); t.join()") == 0);
	CHECK(pane_respawn(a, 10.0, &cause) == 0);
	CHECK(wait_idle(a) == 0);
	pane_info(a, &pi);
	CHECK(pi.respawns == 1);
	pane_info_free(&pi);
	CHECKP(count_in(a, "startup ran", 1) == 2, a);

	/* os._exit with a thread alive: dead, and dead it stays. */
	CHECK((b = pane_open("B", GIL_DEFAULT)) != NULL);
	CHECK(run(b, "import threading, os; ev = threading.Event(); "
	    "threading.Thread(target=ev.wait).start(); os._exit(3)") == 0);
	CHECK(state_of(b, NULL, NULL, NULL) == PANE_DEAD);
	CHECK(pane_kill(b, 10.0, &cause) == -1);
	free(cause);
	CHECK(wait_idle(b) == 0);
	CHECKP(state_of(b, NULL, NULL, NULL) == PANE_DEAD, b);
	CHECKP(count_in(b, "[pane B exited with status 3]", 1) == 1, b);
	unlink(path);
	CHECK(engine_down(2.0) != 0);	/* the threads keep A and B */
	return (0);
}

/*
 * ---- input_thread: input() in another thread of the pane ----
 * The worker runs a loop while a thread of its code waits in input(): the
 * pane is running, not in input, and an interrupt reaches the loop; the
 * line sent next answers the thread.
 */
static int
test_input_thread(void)
{
	struct pane	*a;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_DEFAULT)) != NULL);
	CHECK(run(a, "import threading; got = []") == 0);
	pane_send(a, "if True:\n"
	    "    t = threading.Thread(target=lambda: got.append("
	    "input('thread? ')))\n"
	    "    t.start()\n"
	    "    print('\\nspinning')\n"
	    "    while True: pass\n");
	/* The line, not its echo: t.start() has returned, the thread runs
	 * (until then its state carries the worker's ident, and 3.11's
	 * PyThreadState_SetAsyncExc can hit it instead). */
	CHECKP(wait_count(a, "spinning", 1, 1, WAIT), a);
	CHECKP(wait_text(a, "thread? ", WAIT), a);
	CHECKP(state_of(a, NULL, NULL, NULL) == PANE_RUNNING, a);
	pane_interrupt(a);
	CHECKP(wait_text(a, "KeyboardInterrupt", WAIT), a);
	CHECK(wait_idle(a) == 0);
	CHECK(run(a, "answer") == 0);
	CHECK(run(a, "t.join(); print('got', got)") == 0);
	CHECKP(has_line(a, "got ['answer']"), a);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/*
 * ---- handles: stable pane numbers, never reused ----
 * A caller that may outlive a pane keeps its handle; pane_get gives the
 * pane back until it is killed, and NULL from then on, even after more
 * panes are made (their handles are new).
 */
static int
test_handles(void)
{
	struct pane		*a, *b, *c;
	struct pane_info	 pi;
	unsigned int		 ha, hb, hc;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_DEFAULT)) != NULL);
	CHECK((b = pane_open("B", GIL_DEFAULT)) != NULL);
	ha = pane_handle(a);
	hb = pane_handle(b);
	CHECK(ha != 0 && hb != 0 && ha != hb);
	CHECK(pane_get(ha) == a && pane_get(hb) == b);
	CHECK(pane_get(0) == NULL);
	pane_info(a, &pi);
	CHECK(pi.handle == ha);
	pane_info_free(&pi);

	/* The same pane through a respawn, and dead after exit(). */
	CHECK(respawn_pane(a, 5.0) == 0);
	CHECK(pane_handle(a) == ha && pane_get(ha) == a);
	CHECK(run(a, "raise SystemExit(3)") == 0);
	CHECK(state_of(a, NULL, NULL, NULL) == PANE_DEAD);
	CHECK(pane_get(ha) == a);

	/* Killed: gone for good, and its number is not given again. */
	CHECK(kill_pane(a, 5.0) == 0);
	CHECK(pane_get(ha) == NULL);
	CHECK((c = pane_open("A", GIL_DEFAULT)) != NULL);
	hc = pane_handle(c);
	CHECK(hc != ha && hc != hb);
	CHECK(pane_get(ha) == NULL && pane_get(hc) == c && pane_get(hb) == b);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/*
 * Wait for the answer to completion request id, on the notify fd (the
 * engine pokes it when an answer is posted).  Returns how many matches
 * (freed here; *first gets a copy of the first, if wanted), or -1 at the
 * deadline or when another request's answer came.
 */
static long
wait_completion(struct pane *p, unsigned int id, char **first)
{
	struct pollfd	 pfd;
	double		 deadline = mono_now() + WAIT;
	char		**m = NULL;
	size_t		 n = 0, i;
	unsigned int	 got;

	pfd.fd = notify_fd();
	pfd.events = POLLIN;
	for (;;) {
		notify_clear();
		if ((got = pane_complete_result(p, &m, &n)) != 0)
			break;
		if (mono_now() >= deadline)
			return (-1);
		(void)poll(&pfd, 1, (int)((deadline - mono_now()) * 1e3) + 1);
	}
	if (first != NULL)
		*first = n > 0 ? xstrdup(m[0]) : NULL;
	for (i = 0; i < n; i++)
		free(m[i]);
	free(m);
	return (got == id ? (long)n : -1);
}

/*
 * ---- complete_slow: completion never holds up an interrupt ----
 * rlcompleter evaluates attributes, so a completion runs user code: the
 * idle worker runs it like any code.  An interrupt must cut a completion
 * that loops short (the interrupter delivers it and runs no user code
 * itself), and a pane running code answers a completion at once with
 * nothing, running none of its code.  If interrupts waited for the
 * completion's code, the first wait below would reach its deadline.
 */
static int
test_complete_slow(void)
{
	struct pane	*a;
	char		*first = NULL;
	double		 t0;

	if (engine_up(GIL_DEFAULT) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_DEFAULT)) != NULL);
	/* rlcompleter skips properties but reads other descriptors.  (The
	 * echo of this input holds "descriptor read" too: count lines.) */
	CHECK(run(a, "class Looping:\n"
	    "    def __get__(self, obj, owner=None):\n"
	    "        print('descriptor read')\n"
	    "        while not Slow.done: pass\n"
	    "        return 1\n"
	    "\n") == 0);
	CHECK(run(a, "class Slow:\n"
	    "    done = False\n"
	    "    prop = Looping()\n"
	    "\n") == 0);
	CHECK(run(a, "s = Slow()") == 0);

	/* Idle: the worker runs the completion, which loops; C-c ends it. */
	pane_complete_request(a, "s.pr", 1);
	CHECKP(wait_count(a, "descriptor read", 1, 1, WAIT), a);
	t0 = mono_now();
	pane_interrupt(a);
	CHECKP(wait_text(a, "KeyboardInterrupt", WAIT), a);
	CHECK(wait_idle(a) == 0);
	printf("# interrupt of a looping completion: %.1f ms\n",
	    (mono_now() - t0) * 1e3);
	CHECKF(wait_completion(a, 1, NULL) == 0, "the interrupted completion "
	    "gave matches, or no answer");
	CHECK(run(a, "print('after', 'the', 'completion')") == 0);
	CHECKP(has_line(a, "after the completion"), a);

	/* Running code: the answer is nothing, and no completion code runs. */
	CHECK(spin(a) == 0);
	pane_complete_request(a, "s.pr", 2);
	CHECKF(wait_completion(a, 2, NULL) == 0, "a busy pane completed");
	CHECKP(count_in(a, "descriptor read", 1) == 1, a);
	pane_interrupt(a);
	CHECKP(wait_count(a, "KeyboardInterrupt", 1, 2, WAIT), a);
	CHECK(wait_idle(a) == 0);

	/* Idle again, with a descriptor that returns: real matches. */
	CHECK(run(a, "Slow.done = True") == 0);
	pane_complete_request(a, "s.pr", 3);
	CHECKF(wait_completion(a, 3, &first) == 1, "no single match");
	CHECKF(first != NULL && strcmp(first, "s.prop") == 0, "match %s",
	    first != NULL ? first : "(none)");
	free(first);
	CHECKP(count_in(a, "descriptor read", 1) > 1, a);
	CHECK(kill_pane(a, 10.0) == 0);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/*
 * ---- parallel: own-GIL panes run at the same time ----
 * The ratio of two panes' wall time to one pane's is only reported: on a
 * loaded machine (or one core) it means nothing, and a test must not flake.
 */

static int
test_parallel(void)
{
	struct pane	*a, *b;
	double		 t0, dt, one, two;
	int		 k;

	if (!interp_own_gil_supported())
		return (skip("own GIL needs CPython 3.12 or later"));
	if (engine_up(GIL_OWN) != 0)
		return (1);
	CHECK((a = pane_open("A", GIL_OWN)) != NULL);
	CHECK((b = pane_open("B", GIL_OWN)) != NULL);
	/* ~0.5 s of work, calibrated in the pane. */
	CHECK(run(a, "def work(n):\n    while n:\n        n -= 1\n") == 0);
	CHECK(run(b, "def work(n):\n    while n:\n        n -= 1\n") == 0);
	CHECK(run(a, "import time\nt = time.perf_counter(); work(200000); "
	    "N = int(200000 * 0.5 / (time.perf_counter() - t))") == 0);
	CHECK(run(a, "print('N', N)") == 0);
	{
		char	*t, *s, src[64];
		size_t	 len;
		long	 n;

		t = pane_transcript(a, &len);
		s = strstr(t, "\nN ");
		n = s != NULL ? strtol(s + 3, NULL, 10) : 0;
		free(t);
		CHECKP(n > 0, a);
		snprintf(src, sizeof src, "N = %ld", n);
		CHECK(run(b, src) == 0);
	}
	/* Best of three of each, to see through some of the noise. */
	one = two = 1e9;
	for (k = 0; k < 3; k++) {
		t0 = mono_now();
		CHECK(run(a, "work(N)") == 0);
		if ((dt = mono_now() - t0) < one)
			one = dt;
		t0 = mono_now();
		pane_send(a, "work(N)");
		pane_send(b, "work(N)");
		CHECK(wait_idle(a) == 0);
		CHECK(wait_idle(b) == 0);
		if ((dt = mono_now() - t0) < two)
			two = dt;
	}
	CHECKP(!has_text(a, "Error"), a);
	CHECKP(!has_text(b, "Error"), b);
	printf("# CPython %s, best of 3: one pane %.2f s, two own-GIL panes "
	    "%.2f s, ratio %.2f (1.0 = parallel, 2.0 = serial)\n",
	    interp_python_version(), one, two, two / one);
	CHECK(engine_down(5.0) == 0);
	return (0);
}

/* ---- the table ---- */

static const struct scenario {
	const char	*name;
	int		(*func)(void);
} scenarios[] = {
	{ "threads_interps", test_threads_interps },
	{ "threads_interps_shared", test_threads_interps_shared },
	{ "isolation", test_isolation },
	{ "churn", test_churn },
	{ "close_busy", test_close_busy },
	{ "interrupt", test_interrupt },
	{ "interrupt_early", test_interrupt_early },
	{ "system_exit", test_system_exit },
	{ "input", test_input },
	{ "fairness", test_fairness },
	{ "fairness_own", test_fairness_own },
	{ "threads_at_close", test_threads_at_close },
	{ "kept_close", test_kept_close },
	{ "input_thread", test_input_thread },
	{ "complete_slow", test_complete_slow },
	{ "handles", test_handles },
	{ "parallel", test_parallel },
};

int
main(int argc, char **argv)
{
	size_t	 i;
	int	 rc;

	log_progname = "embed";
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
			printf("%s\n", scenarios[i].name);
		return (0);
	}
	for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
		if (strcmp(scenarios[i].name, argv[1]) == 0)
			break;
	if (i == sizeof scenarios / sizeof scenarios[0]) {
		fprintf(stderr, "embed: no scenario named %s\n", argv[1]);
		return (2);
	}
	rc = scenarios[i].func();
	fflush(stdout);
	fflush(stderr);
	/*
	 * With Python finalized and every thread joined, a normal exit (so
	 * that ThreadSanitizer checks for leaked threads).  A failure, or a
	 * scenario that had to keep an interpreter, leaves Python up with
	 * engine threads running: _exit, as subplex itself does.
	 */
	if (engine_live || (rc != 0 && rc != SKIP_STATUS))
		_exit(rc);
	return (rc);
}
