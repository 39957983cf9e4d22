/*
 * pane.c: a pane is one sub-interpreter, one worker thread with its own
 * thread state for it, an interrupter thread, an input queue and a
 * scrollback.
 *
 * The UI thread (or the batch runner) creates panes and calls
 * pane_send/pane_interrupt/pane_kill/...; those only touch the pane's queue
 * and flags under its mutex and never wait for a GIL.  The worker asks the
 * keeper (interp.c) for an interpreter, sets it up (repl.c, handing it
 * pane_pyio_host, the callbacks through which the pane's streams in
 * pyio.c reach the pane), and then loops: publish the prompt, wait for a
 * line with no GIL held, echo it into the scrollback, attach, run it,
 * detach.  While a line runs, the pane claims captured fd output
 * (fdcap_claim).  input() in any of the pane's threads takes the next
 * line too (pane_io_readline), and getpass() takes it first and as a
 * secret, never echoed, that pane_info tells the UI to hide.  The worker
 * is attached only while it runs code.  Completions (pane_complete_request)
 * are work for the worker too: idle at its prompt, it runs them like any
 * code and posts the answer with a notify; a pane that is busy answers
 * with nothing.  The interrupter holds its own thread state in the same
 * interpreter and runs no user code: it delivers interrupts to the worker
 * (PyThreadState_SetAsyncExc only sees threads of the caller's interpreter)
 * and, on a shared GIL, makes a busy pane yield to others (see interp.c,
 * point 5).  Ending a pane joins the threads its code started with a bound;
 * if some are still alive, it says so and keeps the pane.  A pane whose
 * code exits (SystemExit, exit(), EOF) stays in the list, dead, with its
 * transcript, until it is killed or respawned.  The pane list is changed
 * only by the UI thread; other threads read it under panes_lock.  Callers
 * that may outlive a pane keep its handle (pane_handle, never reused) and
 * look it up with pane_get.  Rendering the transcript as text is
 * transcript.c's: pane_lines gives it lines and prompt as one moment.
 * One pane at a time may run in the main interpreter instead (GIL_MAIN):
 * the interpreter outlives the pane, so its end gives the next main pane
 * a new __main__ (repl_retire).  pane.c gives extmod.c its pane names
 * (pane_interp_name).
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"

#define PANE_JOIN_TIMEOUT	1.0	/* for threads pane code started */
#define PANE_FAIR_NS		5000000	/* 5 ms between fairness checks */
#define PANE_FAIR_HOLD_US	200
#define PANE_FAIR_FAST_NS	500000	/* 0.5 ms, others are busy too */
#define PANE_SECRET_KEEP	16	/* secret inputs remembered */
#define PANE_TERM		"xterm-256color"	/* as neovim's terminal */

enum qkind { Q_LINE, Q_BLOCK, Q_EOF, Q_INTR };

struct qitem {
	enum qkind	 kind;
	char		*text;
	size_t		 len;
	uint64_t	 seq;		/* its number (lines and blocks) */
	struct qitem	*next;
};

struct pane {
	pthread_mutex_t	 lock;		/* what follows; order: subplex.h */
	pthread_cond_t	 cond;		/* state changes: waiters for them */
	pthread_cond_t	 work;		/* queue and flags: the worker */
	pthread_cond_t	 intr_cond;	/* the interrupter */
	int		 state_waiters;
	int		 work_waiters;
	char		*name;
	struct outbuf	*ob;
	struct panetty	*tty;		/* its terminal, NULL if none */
	enum pane_state	 state;
	int		 exit_status;
	struct qitem	*qhead;
	struct qitem   **qtail;
	char		*prompt;	/* set while waiting at a prompt */
	int		 more;		/* that prompt is sys.ps2 */
	enum gil_mode	 gil;
	int		 own_gil;
	unsigned long	 interp_id;
	int		 has_interp;	/* interp_id is a live interpreter's */

	int		 want_close;	/* kill-pane asked */
	int		 want_respawn;
	int		 intr_input;	/* interrupt a waiting input() */
	int		 intr_code;	/* interrupt running code (interrupter) */
	int		 intr_tty;	/* then type this byte (-1: none) */
	int		 intr_pending;	/* an interrupt not yet raised */
	atomic_int	 inflight;	/* a line taken, not yet finished;
				   the worker's: it owns captured output */
	int		 intr_raised;	/* raised, may not have landed yet */
	int		 interrupter_quit;
	char		*complete_text;	/* a completion asked: the worker's */
	unsigned int	 complete_id;
	int		 completing;	/* the worker runs a completion */
	char		**complete_res;	/* its answer, for the UI */
	size_t		 complete_n;
	unsigned int	 complete_res_id;
	int		 complete_done;
	int		 set_up;	/* this interpreter's set-up is done */
	unsigned int	 respawns;	/* respawns done, for the UI */
	struct pane_run	 run;		/* the last input ended (lock) */
	uint64_t	 input_waits;	/* times input() has waited */
	void		*ui;		/* the UI's data (UI thread only) */
	char		*startup;	/* new-pane -s: run at each start */
	char		*cwd;		/* where each start begins */
	int		 cwd_asked;	/* new-pane -c gave it */
	char		**env;		/* new-pane -e: NAME=VALUE */
	size_t		 nenv;
	int		 fs_errno;	/* unshare(CLONE_FS) failed with it */
	int		 exit_req;	/* os._exit was called in the pane */
	unsigned int	 seq;		/* its handle: never reused; also its
				   number in the session's files */
	int		 exit_req_status;
	atomic_int	 executing;	/* worker attached, running code */
	atomic_uint	 exec_seq;	/* counts executions (interrupter) */
	unsigned long	 ident;		/* worker's Python thread ident */
	int		 closed;	/* worker is gone */
	int		 close_failed;	/* last close attempt kept the pane */
	uint64_t	 sent_mark;	/* where the last input's echo began */
	uint64_t	 nsent;		/* inputs sent */
	uint64_t	 ntaken;	/* inputs the worker has taken */
	uint64_t	 popped;	/* inputs up to it left the queue */
	int		 secret_readers; /* getpass(), prompt to newline */
	int		 thread_readers; /* input() in threads of its code */
	int		 secret_waiting; /* of them, not given a line yet */
	uint64_t	 nsecret;	/* inputs secret reads took */
	uint64_t	 secret_seq[PANE_SECRET_KEEP];	/* the last of them */

	pthread_t	 worker;
	pthread_t	 interrupter;
	struct interp	*ip;
	struct tstate	*ts;
	struct repl	*repl;
};

size_t			 pane_scrollback = SUBPLEX_DEFAULT_SCROLLBACK;
static pthread_mutex_t	 panes_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t	 pane_setup_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pane	**panes;
static size_t		 npanes;
static unsigned int	 pane_seq;

static void pane_journal(struct pane *, int);
static const struct pyio_host pane_pyio_host;
static void pane_tty_reply(void *, const char *, size_t);

static const char *pane_state_names[] = {
	"starting", "idle", "running", "input", "closing", "dead"
};

const char *
pane_state_name(enum pane_state st)
{
	return (pane_state_names[st]);
}

/* Timed wait on the pane's condition; 0 when the deadline passed. */
static int
pane_timedwait(struct pane *p, double deadline)
{
	struct timespec	 ts;
	double		 d;

	if (deadline < 0) {
		p->state_waiters++;
		pthread_cond_wait(&p->cond, &p->lock);
		p->state_waiters--;
		return (1);
	}
	d = deadline - mono_now();
	if (d <= 0)
		return (0);
	mono_in(d, &ts);
	p->state_waiters++;
	pthread_cond_timedwait(&p->cond, &p->lock, &ts);
	p->state_waiters--;
	return (1);
}

/*
 * Wakeups are targeted and skipped when nobody waits: a pane running
 * thousands of short inputs must not pay a futex wake per input.
 */
static int
pane_wait_work_until(struct pane *p, const struct timespec *until)
{
	int	 r;

	p->work_waiters++;
	if (until == NULL)
		r = pthread_cond_wait(&p->work, &p->lock);
	else
		r = pthread_cond_timedwait(&p->work, &p->lock, until);
	p->work_waiters--;
	return (r);
}

static void
pane_wait_work(struct pane *p)
{
	(void)pane_wait_work_until(p, NULL);
}

static void
pane_wake_work(struct pane *p)
{
	if (p->work_waiters > 0)
		pthread_cond_broadcast(&p->work);
}

/* A flag changed that any of the pane's threads may be waiting for. */
static void
pane_wake_all(struct pane *p)
{
	pthread_cond_broadcast(&p->cond);
	pthread_cond_broadcast(&p->work);
	pthread_cond_broadcast(&p->intr_cond);
}

static void
pane_set_state(struct pane *p, enum pane_state st)
{
	enum pane_state	 old = p->state;

	if (old == st)
		return;
	p->state = st;
	if (p->state_waiters > 0)
		pthread_cond_broadcast(&p->cond);
	if (st == PANE_RUNNING)
		pthread_cond_signal(&p->intr_cond);	/* start watching */
	notify_poke();
}

/*
 * Worker: an input is in flight (taken, not finished) or no longer.  While
 * it is, the pane owns output captured from fds 1 and 2 (fdcap.c), and an
 * interrupt or a close goes to its code.
 */
static void
pane_set_inflight(struct pane *p, int on)
{
	if (atomic_exchange(&p->inflight, on) == on)
		return;
	if (on)
		fdcap_claim(p->ob);
	else
		fdcap_release(p->ob);
}

/* A note of subplex's own in the transcript, on a line of its own. */
static void
pane_note(struct pane *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *line;
	int	 n;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	n = xasprintf(&line, "%s[%s]\n",
	    outbuf_at_line_start(p->ob) ? "" : "\n", msg);
	outbuf_write(p->ob, STYLE_NOTE, line, (size_t)n);
	free(line);
	free(msg);
}

static void
pane_queue_clear(struct pane *p)
{
	struct qitem	*q;

	while ((q = p->qhead) != NULL) {
		p->qhead = q->next;
		free(q->text);
		free(q);
	}
	p->qtail = &p->qhead;
	p->popped = p->nsent;
}

static void
pane_queue_push(struct pane *p, enum qkind kind, const char *text,
    size_t len)
{
	struct qitem	*q;

	q = xcalloc(1, sizeof *q);
	q->kind = kind;
	if (kind == Q_LINE || kind == Q_BLOCK)
		q->seq = ++p->nsent;
	if (text != NULL) {
		q->text = xmalloc(len + 1);
		memcpy(q->text, text, len);
		q->text[len] = '\0';
		q->len = len;
	}
	*p->qtail = q;
	p->qtail = &q->next;
	if (p->state == PANE_IDLE)
		pane_set_state(p, PANE_RUNNING);
	pane_wake_work(p);
}

static struct qitem *
pane_queue_pop(struct pane *p)
{
	struct qitem	*q;

	if ((q = p->qhead) != NULL && (p->qhead = q->next) == NULL)
		p->qtail = &p->qhead;
	if (q != NULL && q->seq > p->popped)
		p->popped = q->seq;
	return (q);
}

static void
pane_queue_free(struct qitem *q)
{
	free(q->text);
	free(q);
}

/* ---- completion: a request the idle worker runs ---- */

/* Lock held. */
static void
pane_complete_clear(struct pane *p)
{
	size_t	 i;

	for (i = 0; i < p->complete_n; i++)
		free(p->complete_res[i]);
	free(p->complete_res);
	p->complete_res = NULL;
	p->complete_n = 0;
	p->complete_done = 0;
}

/* Lock held: the answer to request id (res is taken), for the UI. */
static void
pane_complete_post(struct pane *p, char **res, size_t n, unsigned int id)
{
	pane_complete_clear(p);
	p->complete_res = res;
	p->complete_n = n;
	p->complete_res_id = id;
	p->complete_done = 1;
	notify_poke();
}

/*
 * Ask for completions of text; the answer comes with a notify.  A pane
 * idle at its prompt has its worker run the completion (a newer request
 * replaces one not started yet); a pane that runs code, reads input,
 * starts or is dead answers at once with nothing, as python3's REPL
 * cannot complete while its code runs either.
 */
void
pane_complete_request(struct pane *p, const char *text, unsigned int id)
{
	pthread_mutex_lock(&p->lock);
	free(p->complete_text);
	p->complete_text = NULL;
	if (p->state == PANE_IDLE && !p->closed) {
		p->complete_text = xstrdup(text);
		p->complete_id = id;
		pane_wake_work(p);
	} else
		pane_complete_post(p, NULL, 0, id);
	pthread_mutex_unlock(&p->lock);
}

/* The answer, if there is one (the caller owns it): its id, or 0. */
unsigned int
pane_complete_result(struct pane *p, char ***matches, size_t *n)
{
	unsigned int	 id = 0;

	pthread_mutex_lock(&p->lock);
	if (p->complete_done) {
		*matches = p->complete_res;
		*n = p->complete_n;
		id = p->complete_res_id;
		p->complete_res = NULL;
		p->complete_n = 0;
		p->complete_done = 0;
	}
	pthread_mutex_unlock(&p->lock);
	return (id);
}

/* ---- the interrupter: interrupts, fairness on a shared GIL ---- */

/*
 * The interrupter runs no user code, so that an interrupt never waits for
 * any: it attaches only to raise KeyboardInterrupt in the worker (which
 * PyThreadState_SetAsyncExc can do only from a thread of the worker's
 * interpreter) and, on a shared GIL, for fairness.  It sleeps while its
 * pane is idle.  While the pane has input to run it polls every 5 ms; on
 * a shared GIL, when one execution has lasted a whole period and another
 * interpreter may want the GIL, it attaches for an instant, which makes
 * the busy thread drop the GIL (interp.c, 5).
 */
static void *
pane_interrupter_main(void *arg)
{
	struct pane		*p = arg;
	struct tstate		*ts;
	struct timespec		 t;
	enum interp_gil_demand	 demand;
	int			 shared = interp_is_shared(p->ip), c;
	unsigned int		 seen = 0, seq;
	char			 b;

	block_signals();
	ts = interp_thread_new(p->ip);
	pthread_mutex_lock(&p->lock);
	while (!p->interrupter_quit) {
		if (p->intr_code) {
			p->intr_code = 0;
			pthread_mutex_unlock(&p->lock);
			interp_attach(ts);
			/* Holding the GIL, so the worker cannot finish (and
			 * clear pending exceptions) between check and raise.
			 * If it has not started yet, it raises it itself. */
			pthread_mutex_lock(&p->lock);
			if (atomic_load(&p->executing) && p->intr_pending) {
				repl_interrupt(p->ident);
				p->intr_pending = 0;
				p->intr_raised = 1;
			}
			c = p->intr_tty;
			p->intr_tty = -1;
			pthread_mutex_unlock(&p->lock);
			interp_detach(ts);
			if (c >= 0) {		/* see pane_interrupt_tty */
				b = (char)c;
				outbuf_key(p->ob, 0, &b, 1);
			}
			pthread_mutex_lock(&p->lock);
			continue;
		}
		if (!shared || p->state != PANE_RUNNING) {
			pthread_cond_wait(&p->intr_cond, &p->lock);
			continue;
		}
		seq = atomic_load(&p->exec_seq);
		demand = interp_gil_demand();
		if (atomic_load(&p->executing) && seq == seen &&
		    demand != INTERP_GIL_ALONE) {
			pthread_mutex_unlock(&p->lock);
			interp_attach(ts);
			/* Hold the GIL until the busy thread queues for it
			 * again, so that the release hands it to whoever
			 * has waited longest rather than back to it. */
			usleep(PANE_FAIR_HOLD_US);
			interp_detach(ts);
			pthread_mutex_lock(&p->lock);
		}
		seen = seq;
		mono_in((interp_gil_demand() == INTERP_GIL_WANTED ?
		    PANE_FAIR_FAST_NS : PANE_FAIR_NS) / 1e9, &t);
		pthread_cond_timedwait(&p->intr_cond, &p->lock, &t);
	}
	pthread_mutex_unlock(&p->lock);
	interp_thread_delete(ts);
	return (NULL);
}

/* ---- the worker ---- */

/*
 * Worker thread.  Each worker has its own working directory: after
 * unshare(CLONE_FS) at its start, chdir (os.chdir in the pane, too) moves
 * this thread and the threads and processes it starts, not the other panes
 * or the UI.  A pane starts (and restarts) where it was created, or in its
 * new-pane -c directory.
 */
static void
pane_enter_cwd(struct pane *p)
{
	if (p->fs_errno != 0) {
		if (p->cwd_asked)
			pane_note(p, "subplex: pane %s cannot have a working "
			    "directory of its own (unshare: %s): it shares "
			    "subplex's, %s", p->name, strerror(p->fs_errno),
			    p->cwd);
		return;
	}
	if (chdir(p->cwd) != 0)
		pane_note(p, "subplex: pane %s cannot start in %s: %s", p->name,
		    p->cwd, strerror(errno));
}

static int
pane_start_interp(struct pane *p)
{
	char	*cause = NULL;
	int	 block_asyncio, bounded;

	pthread_mutex_lock(&p->lock);
	pane_set_state(p, PANE_STARTING);
	p->exit_req = 0;
	p->set_up = 0;
	pthread_mutex_unlock(&p->lock);
	pane_enter_cwd(p);
	if (interp_start_note() != NULL)
		pane_note(p, "%s", interp_start_note());
	if ((p->ip = interp_create(p->gil, &bounded, &cause)) == NULL) {
		pane_note(p, "subplex: %s", cause);
		free(cause);
		return (-1);
	}
	if (bounded)
		pane_note(p, "subplex: pane %s shares the GIL: own-GIL "
		    "interpreters ended so far keep %zu MB that CPython cannot "
		    "give back, more than own-gil-memory (%zu MB); "
		    "new-pane -g own still makes one", p->name,
		    interp_kept_memory() / (1024 * 1024), own_gil_memory);
	pthread_mutex_lock(&p->lock);
	p->own_gil = !interp_is_shared(p->ip);
	p->interp_id = interp_id(p->ip);
	p->has_interp = 1;
	pthread_mutex_unlock(&p->lock);
	p->ts = interp_thread_new(p->ip);
	block_asyncio = p->own_gil &&
	    strncmp(interp_python_version(), "3.12", 4) == 0;
	interp_attach(p->ts);
	interp_running(p->ip, 1);
	p->repl = repl_new(&pane_pyio_host, p, block_asyncio, !p->own_gil,
	    &cause);
	if (p->repl != NULL && p->tty != NULL) {
		/* What the pane's terminal is (vterm.c), for its children. */
		static char	 term[] = "TERM=" PANE_TERM;
		char *const	 tenv[] = { term };
		repl_setenv(p->repl, tenv, 1);
	}
	if (p->repl != NULL && p->nenv > 0)
		repl_setenv(p->repl, p->env, p->nenv);
	interp_running(p->ip, -1);
	p->ident = repl_thread_ident();
	interp_detach(p->ts);
	if (p->repl == NULL) {
		pane_note(p, "subplex: %s", cause);
		free(cause);
		interp_thread_delete(p->ts);
		p->ts = NULL;
		if (interp_end(p->ip, &cause) != 0) {
			pane_note(p, "subplex: %s", cause);
			free(cause);
		}
		p->ip = NULL;
		return (-1);
	}
	p->interrupter_quit = 0;
	if (pthread_create(&p->interrupter, NULL, pane_interrupter_main, p) !=
	    0)
		fatal("pthread_create");
	return (0);
}

/*
 * End the interpreter: join pane code threads (bounded), stop the
 * interrupter,
 * delete the worker's state, have the keeper end it.  Returns -1, with a
 * note in the transcript, when threads are still alive: the interpreter
 * and the pane stay as they are.
 */
static int
pane_end_interp(struct pane *p)
{
	char	*names = NULL, *cause = NULL;
	int	 alive, respawn;

	if (p->ip == NULL)
		return (0);
	interp_attach(p->ts);
	alive = repl_join_threads(p->repl, PANE_JOIN_TIMEOUT, &names);
	if (alive > 0) {
		interp_detach(p->ts);
		pthread_mutex_lock(&p->lock);
		respawn = p->want_respawn;
		pthread_mutex_unlock(&p->lock);
		pane_note(p, "subplex: pane %s not %s: %d thread%s still "
		    "running after %.0f s: %s", p->name, respawn ?
		    "respawned" : "closed", alive, alive == 1 ? "" : "s",
		    PANE_JOIN_TIMEOUT, names);
		free(names);
		return (-1);
	}
	interp_detach(p->ts);
	pthread_mutex_lock(&p->lock);
	p->interrupter_quit = 1;
	pthread_cond_broadcast(&p->intr_cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->interrupter, NULL);
	interp_attach(p->ts);
	if (interp_is_main(p->ip))
		repl_retire(p->repl);	/* the interpreter outlives the pane */
	repl_free(p->repl);
	p->repl = NULL;
	interp_detach(p->ts);
	interp_thread_delete(p->ts);
	p->ts = NULL;
	pthread_mutex_lock(&p->lock);
	p->has_interp = 0;
	pthread_mutex_unlock(&p->lock);
	if (interp_end(p->ip, &cause) != 0) {
		/* The interpreter lives on, unreachable; never abort. */
		pane_note(p, "subplex: %s", cause);
		free(cause);
	}
	p->ip = NULL;
	return (0);
}

/*
 * Attached, on the worker: code of the pane starts to run (an input, the
 * startup files, a completion).  The interrupter may raise in the worker
 * from now on; an interrupt asked since the work was taken, before now, is
 * raised here.
 */
static void
pane_exec_begin(struct pane *p)
{
	atomic_fetch_add(&p->exec_seq, 1);
	atomic_store(&p->executing, 1);
	interp_running(p->ip, 1);
	pthread_mutex_lock(&p->lock);
	if (p->intr_pending) {
		repl_interrupt(p->ident);
		p->intr_pending = 0;
		p->intr_raised = 1;
	}
	pthread_mutex_unlock(&p->lock);
}

/*
 * Attached, on the worker, once the code has finished (and repl.c has
 * cleared a KeyboardInterrupt still pending in it): an interrupt asked now
 * is too late.  Returns with the pane's lock held.
 */
static void
pane_exec_end_lock(struct pane *p)
{
	interp_running(p->ip, -1);
	pthread_mutex_lock(&p->lock);
	atomic_store(&p->executing, 0);
	p->intr_pending = 0;
	p->intr_raised = 0;
}

/*
 * Lock held, on the worker, idle at its prompt: run the completion asked
 * (user code: rlcompleter reads attributes) like any code, so that C-c or
 * a close cuts it short, and post its answer.  Returns with the lock held.
 */
static void
pane_complete_run(struct pane *p)
{
	char		*text = p->complete_text, **res = NULL;
	unsigned int	 id = p->complete_id;
	size_t		 n;

	p->complete_text = NULL;
	p->completing = 1;
	pthread_mutex_unlock(&p->lock);
	interp_attach(p->ts);
	pane_exec_begin(p);
	n = repl_complete(p->repl, text, &res);
	pane_exec_end_lock(p);
	p->completing = 0;
	pane_complete_post(p, res, n, id);
	pthread_mutex_unlock(&p->lock);
	interp_detach(p->ts);
	free(text);
	pthread_mutex_lock(&p->lock);
}

/* Lock held: a completion asked and not run is answered with nothing. */
static void
pane_complete_drop(struct pane *p)
{
	if (p->complete_text == NULL)
		return;
	free(p->complete_text);
	p->complete_text = NULL;
	pane_complete_post(p, NULL, 0, p->complete_id);
}

static void pane_echo_block(struct pane *, struct qitem *, const char *);

/* Lock held: input number input ended so (type, msg: taken). */
static void
pane_run_done(struct pane *p, uint64_t input, enum pane_run_status status,
    char *type, char *msg, int exit_status, double seconds)
{
	free(p->run.exc_type);
	free(p->run.exc_msg);
	p->run.input = input;
	p->run.status = status;
	p->run.exc_type = status == RUN_EXCEPTION ? type : NULL;
	p->run.exc_msg = status == RUN_EXCEPTION ? msg : NULL;
	if (status != RUN_EXCEPTION) {
		free(type);
		free(msg);
	}
	p->run.exit_status = status == RUN_EXIT ? exit_status : 0;
	p->run.seconds = seconds;
}

/* Run one line (attached only for the duration). */
static enum repl_result
pane_run_line(struct pane *p, struct qitem *q, int *more, int *status)
{
	enum repl_result	 rr;
	char			*prompt, *type = NULL, *msg = NULL;
	double			 t0 = mono_now();
	int			 raised;

	interp_attach(p->ts);
	if (repl_outcome(p->repl, &type, &msg)) {	/* not this input's */
		free(type);
		free(msg);
		type = msg = NULL;
	}
	pane_exec_begin(p);
	if (q->kind == Q_BLOCK) {
		/* Echoed here, attached, to use sys.ps2 between lines. */
		char *ps2 = repl_prompt(p->repl, 1);
		pane_echo_block(p, q, ps2);
		free(ps2);
		rr = repl_push_block(p->repl, q->text, q->len, status);
	} else
		rr = repl_push(p->repl, q->text, q->len, status);
	pane_exec_end_lock(p);
	if (p->exit_req) {	/* os._exit: whatever caught its SystemExit */
		rr = REPL_EXIT;
		*status = p->exit_req_status;
	}
	pthread_mutex_unlock(&p->lock);
	*more = rr == REPL_MORE;
	prompt = rr == REPL_EXIT ? NULL : repl_prompt(p->repl, *more);
	raised = repl_outcome(p->repl, &type, &msg);
	interp_detach(p->ts);
	fdcap_drain(p->ob);
	panetty_sync(p->tty);
	pthread_mutex_lock(&p->lock);
	free(p->prompt);
	p->prompt = prompt;
	p->more = *more;
	if (!*more)
		pane_run_done(p, q->seq, rr == REPL_EXIT ? RUN_EXIT : raised ?
		    RUN_EXCEPTION : RUN_OK, type, msg, *status,
		    mono_now() - t0);
	else {
		free(type);
		free(msg);
	}
	pthread_mutex_unlock(&p->lock);
	return (rr);
}

static void
pane_echo(struct pane *p, const char *prompt, struct qitem *q)
{
	outbuf_write(p->ob, STYLE_PROMPT, prompt, strlen(prompt));
	if (q->kind == Q_BLOCK)
		return;		/* the rest, pane_echo_block */
	if (q->kind == Q_LINE)
		outbuf_write(p->ob, STYLE_INPUT, q->text, q->len);
	outbuf_write(p->ob, STYLE_INPUT, "\n", 1);
}

/* A pasted block: later lines get the continuation prompt. */
static void
pane_echo_block(struct pane *p, struct qitem *q, const char *ps2)
{
	size_t	 off = 0, len;
	char	*nl;

	do {
		nl = memchr(q->text + off, '\n', q->len - off);
		len = nl != NULL ? (size_t)(nl - (q->text + off)) :
		    q->len - off;
		if (off != 0)
			outbuf_write(p->ob, STYLE_PROMPT, ps2, strlen(ps2));
		outbuf_write(p->ob, STYLE_INPUT, q->text + off, len);
		outbuf_write(p->ob, STYLE_INPUT, "\n", 1);
		off += len + 1;
	} while (nl != NULL && off < q->len);
}

/*
 * The first prompt is up before the set-up ends (site, codeop), so that a
 * new pane looks ready at once; what is typed meanwhile waits in the
 * queue.  With startup files the pane is running from now: an interrupt
 * or a close asked during the set-up is raised as they start.
 */
static void
pane_first_prompt(struct pane *p, int startup)
{
	char	*prompt;

	interp_attach(p->ts);
	prompt = repl_prompt(p->repl, 0);
	interp_detach(p->ts);
	pthread_mutex_lock(&p->lock);
	free(p->prompt);
	p->prompt = prompt;
	p->more = 0;
	if (startup) {
		pane_set_inflight(p, 1);
		pane_set_state(p, PANE_RUNNING);
	} else if (p->qhead == NULL)
		pane_set_state(p, PANE_IDLE);
	pthread_mutex_unlock(&p->lock);
}

/*
 * Finish the set-up (repl_finish: site, codeop) before taking the first
 * input.  On a shared GIL one pane at a time: thirty panes importing at
 * once hand the GIL back and forth at every file read (a convoy), which
 * made starting 32 panes three times slower.
 */
static void
pane_finish_setup(struct pane *p)
{
	if (!p->own_gil)
		pthread_mutex_lock(&pane_setup_lock);
	interp_attach(p->ts);
	interp_running(p->ip, 1);
	repl_finish(p->repl);
	interp_running(p->ip, -1);
	interp_detach(p->ts);
	if (!p->own_gil)
		pthread_mutex_unlock(&pane_setup_lock);
}

/*
 * Startup files (PYTHONSTARTUP, then new-pane -s's, as python3 -i runs
 * them) are running code like any other: the pane shows as running, wait
 * waits for them, and an interrupt or a close cuts them short; they run
 * outside the set-up lock, so one that loops holds up no other pane.
 * Returns 1 when one exited (SystemExit), with its status.
 */
static int
pane_run_startup(struct pane *p, const char *env, int *status)
{
	int	 skip, exited = 0;

	pthread_mutex_lock(&p->lock);
	skip = p->want_close || p->want_respawn;	/* not worth it */
	pthread_mutex_unlock(&p->lock);
	if (skip) {
		pthread_mutex_lock(&p->lock);
		pane_set_inflight(p, 0);
		p->intr_pending = p->intr_raised = 0;
		pthread_mutex_unlock(&p->lock);
		return (0);
	}
	interp_attach(p->ts);
	pane_exec_begin(p);
	if (env != NULL && repl_run_file(p->repl, env, status) == REPL_EXIT)
		exited = 1;
	if (!exited && p->startup != NULL &&
	    repl_run_file(p->repl, p->startup, status) == REPL_EXIT)
		exited = 1;
	pane_exec_end_lock(p);
	pane_set_inflight(p, 0);
	pthread_mutex_unlock(&p->lock);
	interp_detach(p->ts);
	return (exited);
}

/*
 * A new interpreter's first serve: prompt, set-up, startup files.
 * Returns 1 when the pane's code exited meanwhile (*status says how).
 */
static int
pane_set_up(struct pane *p, int *status)
{
	const char	*env;
	int		 exited = 0;

	if ((env = getenv("PYTHONSTARTUP")) != NULL && *env == '\0')
		env = NULL;
	pane_first_prompt(p, env != NULL || p->startup != NULL);
	pane_finish_setup(p);
	if (env != NULL || p->startup != NULL)
		exited = pane_run_startup(p, env, status);
	pthread_mutex_lock(&p->lock);
	if (p->exit_req) {
		exited = 1;
		*status = p->exit_req_status;
	}
	pthread_mutex_unlock(&p->lock);
	fdcap_drain(p->ob);
	panetty_sync(p->tty);
	return (exited);
}

enum pane_work {
	WORK_END,		/* a close or respawn was asked */
	WORK_EXIT,		/* os._exit in a thread of the pane */
	WORK_COMPLETE,		/* a completion was asked */
	WORK_INPUT		/* the queue has an input for the prompt */
};

/*
 * Lock held: wait at the prompt for the worker's next work.  A getpass()
 * waiting in a thread of the pane takes the next line first: it must not
 * run as code or be echoed.  So does an input() in a thread of its code,
 * whose prompt is the last thing the pane shows.  Idle again when one of
 * them took the line that woke us.  A completion asked while idle comes
 * before the next input.
 */
static enum pane_work
pane_next_work(struct pane *p)
{
	while ((p->qhead == NULL || p->secret_readers > 0 ||
	    p->thread_readers > 0) && p->complete_text == NULL &&
	    !p->want_close && !p->want_respawn && !p->exit_req) {
		if (p->qhead == NULL)
			pane_set_state(p, PANE_IDLE);
		pane_wait_work(p);
	}
	if (p->want_close || p->want_respawn)
		return (WORK_END);
	if (p->exit_req)
		return (WORK_EXIT);
	if (p->complete_text != NULL)
		return (WORK_COMPLETE);
	return (WORK_INPUT);
}

/*
 * Lock held, released on return: take the next input, and the prompt it
 * answers (*prompt, the caller's to free).  Its echo starts here: what
 * expect looks at.
 */
static struct qitem *
pane_take_input(struct pane *p, char **prompt)
{
	struct qitem	*q;
	int		 code;

	q = pane_queue_pop(p);
	code = q->kind == Q_LINE || q->kind == Q_BLOCK;
	pane_set_state(p, PANE_RUNNING);
	*prompt = p->prompt;
	p->prompt = NULL;
	if (code) {
		p->sent_mark = pane_mark(p);
		p->ntaken++;
	}
	pane_set_inflight(p, code);
	pthread_mutex_unlock(&p->lock);
	return (q);
}

/* C-c at the prompt: drop the block typed so far.  The next prompt. */
static char *
pane_prompt_interrupt(struct pane *p, char *prompt)
{
	if (prompt != NULL)
		outbuf_write(p->ob, STYLE_PROMPT, prompt, strlen(prompt));
	free(prompt);
	interp_attach(p->ts);
	repl_show_interrupt(p->repl);
	prompt = repl_prompt(p->repl, 0);
	interp_detach(p->ts);
	pthread_mutex_lock(&p->lock);
	p->more = 0;
	pthread_mutex_unlock(&p->lock);
	return (prompt);
}

/*
 * One input taken from the queue (q, answering prompt; both are freed
 * here): echo it and run it, or C-c at the prompt.  Returns 1 when the
 * pane's code exited (end of input, SystemExit), with *status.
 */
static int
pane_serve_input(struct pane *p, struct qitem *q, char *prompt, int *status)
{
	int	 more, exited = 0;

	if (q->kind == Q_INTR)
		prompt = pane_prompt_interrupt(p, prompt);
	else {
		pane_echo(p, prompt != NULL ? prompt : "", q);
		free(prompt);
		prompt = NULL;
		if (q->kind == Q_EOF) {
			*status = 0;
			exited = 1;
		} else if (pane_run_line(p, q, &more, status) == REPL_EXIT)
			exited = 1;
	}
	pane_queue_free(q);
	pthread_mutex_lock(&p->lock);
	pane_set_inflight(p, 0);
	/* Asked for after pane_run_line returned, while the line still
	 * counted as in flight: too late, as there.  Left set, it would
	 * interrupt the next line (or a respawned interpreter's first one) as
	 * soon as that line started. */
	p->intr_pending = 0;
	if (prompt != NULL) {
		free(p->prompt);
		p->prompt = prompt;
	}
	pthread_mutex_unlock(&p->lock);
	return (exited);
}

/*
 * Serve the pane: set a new interpreter up (not again after a close that
 * failed), then run its inputs and completions until its code exits (1,
 * with *status) or a close or respawn is asked (0).
 */
static int
pane_serve(struct pane *p, int *status)
{
	struct qitem	*q;
	char		*prompt;
	int		 first;

	pthread_mutex_lock(&p->lock);
	first = !p->set_up;
	p->set_up = 1;
	pthread_mutex_unlock(&p->lock);
	if (first && pane_set_up(p, status))
		return (1);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		switch (pane_next_work(p)) {
		case WORK_END:
			pthread_mutex_unlock(&p->lock);
			return (0);
		case WORK_EXIT:
			*status = p->exit_req_status;
			pthread_mutex_unlock(&p->lock);
			return (1);
		case WORK_COMPLETE:
			pane_complete_run(p);
			continue;
		case WORK_INPUT:
			break;
		}
		q = pane_take_input(p, &prompt);
		if (pane_serve_input(p, q, prompt, status))
			return (1);
		pthread_mutex_lock(&p->lock);
	}
}

/* The pane's code exited (or its interpreter could not start): dead. */
static void
pane_exited(struct pane *p, int status, int failed)
{
	if (!failed)
		pane_note(p, "pane %s exited with status %d", p->name, status);
	pane_end_interp(p);	/* it notes what it keeps */
	pthread_mutex_lock(&p->lock);
	p->exit_status = status;
	free(p->prompt);
	p->prompt = NULL;
	pane_queue_clear(p);
	pane_complete_drop(p);
	pthread_mutex_unlock(&p->lock);
}

/* Dead: wait for a close or a respawn. */
static void
pane_wait_dead(struct pane *p)
{
	pthread_mutex_lock(&p->lock);
	pane_set_state(p, PANE_DEAD);
	while (!p->want_close && !p->want_respawn)
		pane_wait_work(p);
	pthread_mutex_unlock(&p->lock);
}

/*
 * A close or respawn was asked: end the interpreter.  Returns 1 for a
 * close, 0 for a respawn, -1 when the pane is kept as it was (threads its
 * code started are still alive).
 */
static int
pane_close_asked(struct pane *p)
{
	int	 kill;

	pthread_mutex_lock(&p->lock);
	kill = p->want_close;
	pane_set_state(p, PANE_CLOSING);
	pane_complete_drop(p);
	pthread_mutex_unlock(&p->lock);
	if (pane_end_interp(p) != 0) {
		pthread_mutex_lock(&p->lock);
		p->want_close = p->want_respawn = 0;
		p->close_failed = 1;
		pane_wake_all(p);
		pthread_mutex_unlock(&p->lock);
		return (-1);
	}
	return (kill);
}

/* Before a respawned interpreter starts. */
static void
pane_respawned(struct pane *p)
{
	pthread_mutex_lock(&p->lock);
	p->want_respawn = 0;
	pane_queue_clear(p);
	/* An interrupt meant for the old interpreter's code (the respawn's
	 * own, say) must not reach the new one. */
	p->intr_pending = p->intr_raised = p->intr_input = 0;
	p->respawns++;
	pthread_mutex_unlock(&p->lock);
	pane_note(p, "pane %s respawned", p->name);
}

/*
 * The worker: start an interpreter and serve it until its code exits
 * (then the pane is dead) or a close or respawn is asked; a close that
 * failed goes back to serving the same interpreter (pane_serve does not
 * set it up again), or to being dead.
 */
static void *
pane_worker_main(void *arg)
{
	struct pane	*p = arg;
	int		 status = 0, exited, failed, end, dead = 0;
	void		*altstack;

	block_signals();
	altstack = crash_thread_init();
	if (unshare(CLONE_FS) != 0)
		p->fs_errno = errno;
	for (;;) {
		exited = failed = 0;
		if (dead)
			;	/* a close that failed: still dead */
		else if (p->ip == NULL && pane_start_interp(p) != 0) {
			exited = failed = 1;
			status = -1;
		} else if (pane_serve(p, &status))
			exited = 1;
		if (exited) {
			pane_exited(p, status, failed);
			dead = 1;
		}
		if (dead)
			pane_wait_dead(p);
		if ((end = pane_close_asked(p)) < 0)
			continue;	/* kept */
		if (end == 1)
			break;
		pane_respawned(p);
		dead = 0;
	}
	pthread_mutex_lock(&p->lock);
	p->closed = 1;
	pane_set_state(p, PANE_DEAD);
	pthread_mutex_unlock(&p->lock);
	crash_thread_done(altstack);
	return (NULL);
}

/* ---- the pane list (UI thread) ---- */

static int
pane_name_valid(const char *name, char **cause)
{
	const char	*s;

	if (*name == '\0') {
		xasprintf(cause, "pane name is empty");
		return (0);
	}
	if (strspn(name, "0123456789") == strlen(name)) {
		xasprintf(cause, "pane name '%s' is a number: names must not "
		    "look like pane numbers", name);
		return (0);
	}
	for (s = name; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '/' ||
		    *s == ' ') {
			xasprintf(cause, "pane name '%s' contains a space, "
			    "'/' or a control character", name);
			return (0);
		}
	}
	if (strcmp(name, ".") == 0 || strcmp(name, "+") == 0 ||
	    strcmp(name, "-") == 0) {
		xasprintf(cause, "pane name '%s' is reserved", name);
		return (0);
	}
	return (1);
}

static struct pane *
pane_lookup_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < npanes; i++)
		if (strcmp(panes[i]->name, name) == 0)
			return (panes[i]);
	return (NULL);
}

/* The pane that runs in the main interpreter, if any (UI thread). */
struct pane *
pane_main(void)
{
	size_t	 i;

	for (i = 0; i < npanes; i++)
		if (panes[i]->gil == GIL_MAIN)
			return (panes[i]);
	return (NULL);
}

/* extmod.c's namer: the pane running in interpreter id (any thread). */
static char *
pane_interp_name(unsigned long id)
{
	char	*name = NULL;
	size_t	 i;

	pthread_mutex_lock(&panes_lock);
	for (i = 0; i < npanes && name == NULL; i++) {
		pthread_mutex_lock(&panes[i]->lock);
		if (panes[i]->has_interp && panes[i]->interp_id == id)
			name = xstrdup(panes[i]->name);
		pthread_mutex_unlock(&panes[i]->lock);
	}
	pthread_mutex_unlock(&panes_lock);
	return (name);
}

struct pane *
pane_new(const struct pane_opts *opts, char **cause)
{
	static int	 named;
	struct pane	*p, *main;
	char		*name;
	int		 k;

	if (!named) {		/* before the first pane's threads */
		extmod_set_namer(pane_interp_name);
		named = 1;
	}
	if (opts->gil == GIL_MAIN && (main = pane_main()) != NULL) {
		xasprintf(cause, "pane %s already runs in the main interpreter: "
		    "one pane at a time can", main->name);
		return (NULL);
	}
	if (opts->name != NULL) {
		if (!pane_name_valid(opts->name, cause))
			return (NULL);
		if (pane_lookup_name(opts->name) != NULL) {
			xasprintf(cause, "a pane named '%s' already exists",
			    opts->name);
			return (NULL);
		}
		name = xstrdup(opts->name);
	} else {
		for (k = 0;; k++) {
			xasprintf(&name, "py%d", k);
			if (pane_lookup_name(name) == NULL)
				break;
			free(name);
		}
	}
	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	cond_init_mono(&p->cond);
	cond_init_mono(&p->work);
	cond_init_mono(&p->intr_cond);
	p->name = name;
	if (opts->startup != NULL)
		p->startup = xstrdup(opts->startup);
	if (opts->cwd != NULL) {
		p->cwd = xstrdup(opts->cwd);
		p->cwd_asked = 1;
	} else if ((p->cwd = getcwd(NULL, 0)) == NULL)
		p->cwd = xstrdup("/");
	if (opts->nenv > 0) {
		p->env = xreallocarray(NULL, opts->nenv, sizeof *p->env);
		for (p->nenv = 0; p->nenv < opts->nenv; p->nenv++)
			p->env[p->nenv] = xstrdup(opts->env[p->nenv]);
	}
	p->ob = outbuf_create(pane_scrollback);
	{
		char *why;
		if ((p->tty = panetty_open(p->ob, OUTBUF_ROWS, OUTBUF_COLS,
		    &why)) == NULL) {
			log_msg("pane %s: no terminal of its own: %s", name,
			    why);
			free(why);
		} else
			outbuf_set_reply(p->ob, pane_tty_reply, p);
	}
	p->seq = ++pane_seq;
	pane_journal(p, 0);
	p->qtail = &p->qhead;
	p->intr_tty = -1;
	p->gil = opts->gil;
	/* What it will be, until the worker knows (list-panes, status). */
	p->own_gil = opts->gil == GIL_OWN || (opts->gil == GIL_DEFAULT &&
	    interp_own_gil_default());
	if (opts->gil == GIL_MAIN)
		p->own_gil = 0;
	p->state = PANE_STARTING;

	pthread_mutex_lock(&panes_lock);
	panes = xreallocarray(panes, npanes + 1, sizeof *panes);
	panes[npanes++] = p;
	pthread_mutex_unlock(&panes_lock);

	if (pthread_create(&p->worker, NULL, pane_worker_main, p) != 0)
		fatal("pthread_create");
	notify_poke();
	return (p);
}

/*
 * Stable handles: a pane's number, never given to another pane in this
 * process, for callers that may outlive the pane (a callback, a client):
 * they keep the number and look the pane up when they need it.
 */
unsigned int
pane_handle(struct pane *p)
{
	return (p->seq);
}

/*
 * The pane with handle h, or NULL once it has been killed or reaped (and
 * freed).  A pane that exited is still there, dead, until then.  UI thread
 * (which alone changes the list); O(n), fine below ~100 panes.
 */
struct pane *
pane_get(unsigned int h)
{
	size_t	 i;

	for (i = 0; i < npanes; i++)
		if (panes[i]->seq == h)
			return (panes[i]);
	return (NULL);
}

size_t
pane_count(void)
{
	return (npanes);
}

struct pane *
pane_at(size_t i)
{
	return (i < npanes ? panes[i] : NULL);
}

int
pane_index(struct pane *p)
{
	size_t	 i;

	for (i = 0; i < npanes; i++)
		if (panes[i] == p)
			return ((int)i);
	return (-1);
}

/* A pane by name, or by number (its position, from 0). */
struct pane *
pane_find(const char *target, char **cause)
{
	struct pane	*p;
	char		*end;
	long		 n;

	if ((p = pane_lookup_name(target)) != NULL)
		return (p);
	if (*target != '\0' && strspn(target, "0123456789") ==
	    strlen(target)) {
		errno = 0;
		n = strtol(target, &end, 10);
		if (errno == 0 && n >= 0 && (size_t)n < npanes)
			return (panes[n]);
		xasprintf(cause, "no pane number %s (there %s %zu pane%s)",
		    target, npanes == 1 ? "is" : "are", npanes,
		    npanes == 1 ? "" : "s");
		return (NULL);
	}
	xasprintf(cause, "no pane named '%s'", target);
	return (NULL);
}

const char *
pane_name(struct pane *p)
{
	return (p->name);
}

struct outbuf *
pane_outbuf(struct pane *p)
{
	return (p->ob);
}

/* The pane's terminal's size (the UI's, as it is drawn). */
void
pane_set_size(struct pane *p, int rows, int cols)
{
	/* Called at every frame: the pty's size only when it changes. */
	if (outbuf_set_size(p->ob, rows, cols))
		panetty_resize(p->tty, rows, cols);
}

/*
 * A child of the pane's code holds its terminal (a program in the
 * foreground, as vi or less) while the code runs (waits for it): the UI
 * sends it the keys and draws the screen as it is (any thread).  At the
 * prompt, and in input(), keys are the REPL's, whatever a child left
 * running in the background holds, as python3 reads them at its prompt.
 */
int
pane_foreground(struct pane *p)
{
	int	 running;

	pthread_mutex_lock(&p->lock);
	running = p->state == PANE_RUNNING;
	pthread_mutex_unlock(&p->lock);
	return (running && panetty_foreground(p->tty));
}

/*
 * A key typed into the pane while a child holds its terminal (UI
 * thread): encoded as the child's modes want (vterm.c), and written to
 * the terminal.  C-c is a byte like any other: the terminal's line
 * discipline makes it SIGINT for the child; pane_tty_interrupts says
 * whether it does.
 */
void
pane_key(struct pane *p, uint32_t key, const char *bytes, size_t len)
{
	outbuf_key(p->ob, key, bytes, len);
}

/*
 * C-l at the pane (UI thread): its terminal's screen is cleared, as
 * readline's clear-screen clears python3's; the lines go to the
 * scrollback (vterm.c's scroll-on-clear) and the view starts after them.
 */
void
pane_clear_screen(struct pane *p)
{
	static const char	 clear[] = "\033[H\033[2J";

	outbuf_write(p->ob, STYLE_OUT, clear, sizeof clear - 1);
}

/* clear-history: the pane's scrollback emptied (its screen stays). */
void
pane_clear_history(struct pane *p)
{
	outbuf_clear_history(p->ob);
}

/* Bytes typed to the program that holds the pane's terminal, as they are. */
void
pane_type(struct pane *p, const char *text, size_t len)
{
	outbuf_key(p->ob, 0, text, len);
}

/* Is byte c the pane's terminal's interrupt character now (ISIG)? */
int
pane_tty_interrupts(struct pane *p, int c)
{
	return (panetty_interrupts(p->tty, c));
}

/*
 * The terminal's answers to queries and the keys of pane_key, under the
 * outbuf's lock: to the pty, while a child holds it.  With none, nothing
 * would read them before some later child, so they go.
 */
static void
pane_tty_reply(void *arg, const char *s, size_t n)
{
	struct pane	*p = arg;

	if (panetty_foreground(p->tty))
		panetty_write(p->tty, s, n);
}

/*
 * Lock held: a copy of the REPL prompt the pane shows, or NULL.  While a
 * thread of its code waits in getpass() or input(), that thread's prompt
 * ends the screen: the next line is its answer.
 */
static char *
pane_prompt_locked(struct pane *p)
{
	if (p->state == PANE_IDLE && p->prompt != NULL &&
	    p->secret_readers == 0 && p->thread_readers == 0)
		return (xstrdup(p->prompt));
	return (NULL);
}

void
pane_info(struct pane *p, struct pane_info *pi)
{
	memset(pi, 0, sizeof *pi);
	pi->index = pane_index(p);
	pi->handle = p->seq;
	pthread_mutex_lock(&p->lock);
	pi->name = xstrdup(p->name);
	pi->state = p->state;
	pi->exit_status = p->exit_status;
	pi->own_gil = p->own_gil;
	pi->main = p->gil == GIL_MAIN;
	pi->respawns = p->respawns;
	pi->interp_id = p->interp_id;
	pi->more = p->more;
	pi->secret = p->secret_waiting > 0;
	pi->sent = p->nsent;
	pi->prompt = pane_prompt_locked(p);
	pi->run = p->run;
	pi->input_waits = p->input_waits;
	pi->run.exc_type = p->run.exc_type != NULL ?
	    xstrdup(p->run.exc_type) : NULL;
	pi->run.exc_msg = p->run.exc_msg != NULL ?
	    xstrdup(p->run.exc_msg) : NULL;
	pthread_mutex_unlock(&p->lock);
}

void
pane_info_free(struct pane_info *pi)
{
	free(pi->name);
	free(pi->prompt);
	free(pi->run.exc_type);
	free(pi->run.exc_msg);
}

int
pane_rename(struct pane *p, const char *name, char **cause)
{
	struct pane	*other;

	if (!pane_name_valid(name, cause))
		return (-1);
	if ((other = pane_lookup_name(name)) != NULL && other != p) {
		xasprintf(cause, "a pane named '%s' already exists", name);
		return (-1);
	}
	pthread_mutex_lock(&p->lock);
	free(p->name);
	p->name = xstrdup(name);
	pthread_mutex_unlock(&p->lock);
	pane_journal(p, 1);
	notify_poke();
	return (0);
}

/*
 * With a session directory (crash.c; the UI has one, batch mode none),
 * the pane's transcript is kept in it as SEQ-NAME.log while it runs.
 */
static void
pane_journal(struct pane *p, int renamed)
{
	const char	*dir = crash_session_dir();
	char		*path;

	if (dir == NULL)
		return;
	xasprintf(&path, "%s/%u-%s.log", dir, p->seq, p->name);
	if (renamed)
		(void)outbuf_journal_rename(p->ob, path);
	else if (outbuf_journal(p->ob, path) != 0)
		log_msg("cannot keep pane %s's transcript in %s: %s", p->name,
		    path, strerror(errno));
	free(path);
}

void
pane_send(struct pane *p, const char *text)
{
	const char	*nl;

	pthread_mutex_lock(&p->lock);
	if (p->state != PANE_DEAD && !p->closed) {
		/* Each line of a multi-line text is typed in turn. */
		while ((nl = strchr(text, '\n')) != NULL) {
			pane_queue_push(p, Q_LINE, text, (size_t)(nl - text));
			text = nl + 1;
		}
		pane_queue_push(p, Q_LINE, text, strlen(text));
	}
	pthread_mutex_unlock(&p->lock);
	notify_poke();
}

/* A block (a paste, a recalled entry) run as one input. */
void
pane_send_block(struct pane *p, const char *text)
{
	pthread_mutex_lock(&p->lock);
	if (p->state != PANE_DEAD && !p->closed) {
		pane_queue_push(p, Q_BLOCK, text, strlen(text));
	}
	pthread_mutex_unlock(&p->lock);
	notify_poke();
}

void
pane_send_eof(struct pane *p)
{
	pthread_mutex_lock(&p->lock);
	if (p->state != PANE_DEAD && !p->closed)
		pane_queue_push(p, Q_EOF, NULL, 0);
	pthread_mutex_unlock(&p->lock);
}

/* Lock held: interrupt whatever the pane is doing; drop typed-ahead. */
static void
pane_interrupt_locked(struct pane *p)
{
	pane_queue_clear(p);
	if (p->state == PANE_INPUT)
		p->intr_input = 1;
	else if (p->completing) {
		/* At the prompt, cutting short the completion it runs. */
		p->intr_code = p->intr_pending = 1;
		pane_queue_push(p, Q_INTR, NULL, 0);
	} else if (atomic_load(&p->executing) || atomic_load(&p->inflight))
		p->intr_code = p->intr_pending = 1;
	else if (p->state == PANE_IDLE || p->state == PANE_RUNNING)
		pane_queue_push(p, Q_INTR, NULL, 0);	/* at the prompt */
	pane_wake_all(p);
}

void
pane_interrupt(struct pane *p)
{
	pthread_mutex_lock(&p->lock);
	pane_interrupt_locked(p);
	pthread_mutex_unlock(&p->lock);
}

/*
 * C-c (byte c) in a pane whose child holds its terminal, which makes it
 * SIGINT: KeyboardInterrupt for the pane's code and the byte for the
 * terminal, typed by the interrupter once the exception is raised, so
 * the child's end (its waitpid returning) cannot come first and the code
 * run on past it: as in python3, where one SIGINT reaches both.
 */
void
pane_interrupt_tty(struct pane *p, int c)
{
	char	 b = (char)c;
	int	 later;

	pthread_mutex_lock(&p->lock);
	pane_interrupt_locked(p);
	if ((later = p->intr_code))
		p->intr_tty = c;
	pthread_mutex_unlock(&p->lock);
	if (!later)
		outbuf_key(p->ob, 0, &b, 1);
}

static int
pane_idle_locked(struct pane *p)
{
	return (p->qhead == NULL && (p->state == PANE_IDLE ||
	    p->state == PANE_INPUT || p->state == PANE_DEAD));
}

int
pane_busy(struct pane *p)
{
	int	 busy;

	pthread_mutex_lock(&p->lock);
	busy = !pane_idle_locked(p);
	pthread_mutex_unlock(&p->lock);
	return (busy);
}

int
pane_wait_idle(struct pane *p, double timeout, char **cause)
{
	double	 deadline = mono_now() + timeout;
	int	 ok;

	pthread_mutex_lock(&p->lock);
	while (!(ok = pane_idle_locked(p)) && pane_timedwait(p, deadline))
		;
	if (!ok)
		xasprintf(cause, "timed out after %g s waiting for pane %s "
		    "(%s)", timeout, p->name, pane_state_names[p->state]);
	pthread_mutex_unlock(&p->lock);
	return (ok ? 0 : -1);
}

/* swap-pane: two panes trade places in the order (their indexes). */
void
pane_swap(struct pane *a, struct pane *b)
{
	size_t	 i, ia = npanes, ib = npanes;

	pthread_mutex_lock(&panes_lock);
	for (i = 0; i < npanes; i++) {
		if (panes[i] == a)
			ia = i;
		if (panes[i] == b)
			ib = i;
	}
	if (ia < npanes && ib < npanes) {
		panes[ia] = b;
		panes[ib] = a;
	}
	pthread_mutex_unlock(&panes_lock);
}

static void
pane_remove(struct pane *p)
{
	size_t	 i;

	pthread_mutex_lock(&panes_lock);
	for (i = 0; i < npanes; i++) {
		if (panes[i] == p) {
			memmove(panes + i, panes + i + 1,
			    (npanes - i - 1) * sizeof *panes);
			npanes--;
			break;
		}
	}
	pthread_mutex_unlock(&panes_lock);
}

static void
pane_free(struct pane *p)
{
	pthread_mutex_lock(&p->lock);
	pane_queue_clear(p);
	pane_complete_clear(p);
	free(p->complete_text);
	pthread_mutex_unlock(&p->lock);
	fdcap_release(p->ob);	/* a no-op: the worker released it */
	panetty_close(p->tty);
	outbuf_free(p->ob);
	free(p->run.exc_type);
	free(p->run.exc_msg);
	free(p->prompt);
	free(p->name);
	free(p->startup);
	free(p->cwd);
	while (p->nenv > 0)
		free(p->env[--p->nenv]);
	free(p->env);
	pthread_cond_destroy(&p->cond);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->intr_cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

/* Lock held: drop typed-ahead, stop running code, ask for the end. */
static void
pane_ask_end(struct pane *p, int respawn)
{
	pane_queue_clear(p);
	if (p->state == PANE_INPUT)
		p->intr_input = 1;
	else if (atomic_load(&p->executing) || atomic_load(&p->inflight) ||
	    p->completing)
		p->intr_code = p->intr_pending = 1;
	p->close_failed = 0;
	if (respawn)
		p->want_respawn = 1;
	else
		p->want_close = 1;
	pane_wake_all(p);
}

/*
 * Ask the worker to end the interpreter (flag is want_close or
 * want_respawn), interrupting running code, and wait up to timeout for
 * the outcome.  Returns 0 when done, -1 with a cause when the pane is
 * kept (code still running, or threads alive).
 */
static int
pane_end_request(struct pane *p, int respawn, double timeout, char **cause)
{
	double	 deadline = mono_now() + timeout;
	int	 done = 0;

	pthread_mutex_lock(&p->lock);
	if (p->closed) {
		pthread_mutex_unlock(&p->lock);
		return (0);
	}
	pane_ask_end(p, respawn);
	for (;;) {
		if (p->close_failed)
			break;
		if (respawn ? !p->want_respawn && p->state != PANE_CLOSING :
		    p->closed) {
			done = 1;
			break;
		}
		if (p->state != PANE_CLOSING && !pane_timedwait(p, deadline))
			break;
		if (p->state == PANE_CLOSING)
			pane_timedwait(p, -1);
	}
	if (!done) {
		if (p->close_failed)
			xasprintf(cause, "pane %s kept: threads its code "
			    "started are still running", p->name);
		else {
			p->want_close = p->want_respawn = 0;
			xasprintf(cause, "pane %s kept: its code is still "
			    "running after %g s (a blocking call, such as a "
			    "lock or socket wait, takes the interrupt when it "
			    "returns)", p->name, timeout);
		}
	}
	pthread_mutex_unlock(&p->lock);
	return (done ? 0 : -1);
}

int
pane_kill(struct pane *p, double timeout, char **cause)
{
	if (pane_end_request(p, 0, timeout, cause) != 0)
		return (-1);
	pthread_join(p->worker, NULL);
	pane_remove(p);
	pane_free(p);
	notify_poke();
	return (0);
}

int
pane_respawn(struct pane *p, double timeout, char **cause)
{
	return (pane_end_request(p, 1, timeout, cause));
}

/*
 * The UI's way, which never blocks: ask for the end (close or respawn),
 * then call pane_reap when notified.
 */
void
pane_close_request(struct pane *p, int respawn)
{
	pthread_mutex_lock(&p->lock);
	if (!p->closed)
		pane_ask_end(p, respawn);
	pthread_mutex_unlock(&p->lock);
}

/*
 * Withdraw a close or respawn asked by pane_close_request that has not
 * begun: 0 when withdrawn, 1 when the pane is ending its interpreter or
 * has ended it already (pane_reap tells the outcome).
 */
int
pane_close_cancel(struct pane *p)
{
	int	 begun;

	pthread_mutex_lock(&p->lock);
	begun = p->closed || p->state == PANE_CLOSING;
	if (!begun)
		p->want_close = p->want_respawn = 0;
	pthread_mutex_unlock(&p->lock);
	return (begun);
}

/*
 * 1: the pane is closed, removed from the list and freed; -1: the close
 * failed (the pane is kept; *cause says why); 0: still under way or not
 * asked.
 */
int
pane_reap(struct pane *p, char **cause)
{
	int	 closed, failed;

	pthread_mutex_lock(&p->lock);
	closed = p->closed;
	failed = p->close_failed;
	p->close_failed = 0;
	pthread_mutex_unlock(&p->lock);
	if (failed) {
		xasprintf(cause, "pane %s kept: threads its code started are "
		    "still running", p->name);
		return (-1);
	}
	if (!closed)
		return (0);
	pthread_join(p->worker, NULL);
	pane_remove(p);
	pane_free(p);
	notify_poke();
	return (1);
}

void *
pane_ui(struct pane *p)
{
	return (p->ui);
}

void
pane_set_ui(struct pane *p, void *ui)
{
	p->ui = ui;
}

/*
 * Quit: end every pane within timeout seconds.  Python is finalized only
 * if every interpreter ended; otherwise the caller exits without it.
 */
void
pane_shutdown(double timeout)
{
	double		 deadline = mono_now() + timeout;
	struct pane	*p;
	size_t		 i;
	int		 all = 1;

	for (i = 0; i < npanes; i++) {
		p = panes[i];
		pthread_mutex_lock(&p->lock);
		pane_ask_end(p, 0);
		pthread_mutex_unlock(&p->lock);
	}
	for (i = 0; i < npanes; i++) {
		p = panes[i];
		pthread_mutex_lock(&p->lock);
		while (!p->closed && !p->close_failed &&
		    pane_timedwait(p, deadline))
			;
		if (!p->closed)
			all = 0;
		pthread_mutex_unlock(&p->lock);
	}
	if (!all)
		return;		/* the caller exits without finalizing */
	while (npanes > 0) {
		p = panes[npanes - 1];
		pthread_join(p->worker, NULL);
		pane_remove(p);
		pane_free(p);
	}
	interp_stop(1);
}

/* ---- what pyio.c calls, through pane_pyio_host ---- */

/* The pane's name, copied (any thread: rename-pane may change it). */
static char *
pane_io_name(void *arg)
{
	struct pane	*p = arg;
	char		*name;

	pthread_mutex_lock(&p->lock);
	name = xstrdup(p->name);
	pthread_mutex_unlock(&p->lock);
	return (name);
}

static void
pane_io_write(void *arg, enum style st, const char *buf, size_t len)
{
	struct pane	*p = arg;

	/* Written to the pane's pty just before (os.write on its fd): that
	 * comes first, as on one terminal. */
	if (panetty_take_written(p->tty))
		panetty_sync(p->tty);
	outbuf_write(p->ob, st, buf, len);
}

/* os.write(fd) in the pane's code: fd may be its terminal's. */
static void
pane_io_wrote(void *arg, int fd)
{
	struct pane	*p = arg;

	if (fd >= 0 && fd == panetty_slave(p->tty))
		panetty_written(p->tty);
}

/*
 * os._exit(status) in any thread of the pane ends the pane, not the
 * process (pyio.c): the worker stops what it runs (the caller raises
 * SystemExit in it) or what it waits for, and the pane exits with status
 * once the input running now ends.  Returns 1 when the caller is the
 * worker, 0 otherwise; *ident is then the worker's Python thread ident,
 * or 0 when it runs no code (it is woken instead).
 */
static int
pane_io_exit(void *arg, int status, unsigned long *ident)
{
	struct pane	*p = arg;
	int		 worker = pthread_equal(pthread_self(), p->worker);

	pthread_mutex_lock(&p->lock);
	if (!p->exit_req) {
		p->exit_req = 1;
		p->exit_req_status = status;
	}
	*ident = atomic_load(&p->executing) ? p->ident : 0;
	pane_queue_clear(p);
	pane_wake_all(p);
	pthread_mutex_unlock(&p->lock);
	return (worker);
}

/* The fd of the pane's terminal, for sys.stdout.fileno(); -1: none. */
static int
pane_io_tty(void *arg)
{
	struct pane	*p = arg;

	panetty_use(p->tty);		/* its code may write there now */
	return (panetty_slave(p->tty));
}

/* The path of the pane's terminal (allocated), or NULL. */
static char *
pane_io_tty_name(void *arg)
{
	struct pane	*p = arg;

	return (panetty_name(p->tty));
}

/* The pane's code started child process pid: hung up at the close. */
static void
pane_io_spawned(void *arg, long pid)
{
	struct pane	*p = arg;

	panetty_spawned(p->tty, pid);
}

/* The first CR or LF in s[0, n), or NULL. */
static char *
pane_line_end(char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r')
			return (s + i);
	return (NULL);
}

/*
 * A child ended: what it wrote comes before what the code prints next,
 * and the lines typed to it that it left are queued for the REPL.
 */
static void
pane_io_sync_tty(void *arg)
{
	struct pane	*p = arg;
	char		*typed, *s, *nl;
	size_t		 len;

	if ((typed = panetty_child_ended(p->tty, &len)) == NULL)
		return;
	/* Typed while the child ran, not read by it: the REPL's next lines
	 * (ahead of what is typed after), as in python3 on a terminal.  A
	 * line typed while the child had the terminal raw ends in CR (no
	 * ICRNL then), which python3's tokenizer takes as a line end too;
	 * a CR LF is one end.  What has no end was not entered: dropped. */
	pthread_mutex_lock(&p->lock);
	for (s = typed; (nl = pane_line_end(s, len - (size_t)(s - typed))) !=
	    NULL; s = nl + 1) {
		if (p->state != PANE_DEAD && !p->closed)
			pane_queue_push(p, Q_LINE, s, (size_t)(nl - s));
		if (*nl == '\r' && nl + 1 < typed + len && nl[1] == '\n')
			nl++;
	}
	pthread_mutex_unlock(&p->lock);
	notify_poke();
	free(typed);
}

static const char *
pane_io_exec_helper(void *arg)
{
	(void)arg;
	return (panetty_helper());
}

/* The status os._exit asked for, when it was called: returns 1. */
static int
pane_io_exiting(void *arg, int *status)
{
	struct pane	*p = arg;
	int		 r;

	pthread_mutex_lock(&p->lock);
	r = p->exit_req;
	*status = p->exit_req_status;
	pthread_mutex_unlock(&p->lock);
	return (r);
}

/*
 * GIL held, before a wait: no KeyboardInterrupt is pending in this thread
 * (pyio.c looked), so one raised earlier has landed (and was perhaps
 * caught); the wait must not take it for a new one.  The interrupter
 * raises holding the GIL, so it cannot raise between the look and this.
 */
static void
pane_io_intr_landed(void *arg)
{
	struct pane	*p = arg;

	pthread_mutex_lock(&p->lock);
	if (pthread_equal(pthread_self(), p->worker))
		p->intr_raised = 0;
	pthread_mutex_unlock(&p->lock);
}

/*
 * time.sleep(secs) in the worker (pyio.c's sleep), GIL released: wait out
 * secs, or less if the pane is interrupted, closed or respawned meanwhile.
 * Returns 1 when cut short; the interrupt is then the caller's to raise,
 * so none is left pending for the interrupter.  Other threads sleep as
 * usual (-1).
 */
static int
pane_io_sleep(void *arg, double secs)
{
	struct pane	*p = arg;
	struct timespec	 deadline;
	int		 rc = 0, r = 0;

	if (!pthread_equal(pthread_self(), p->worker))
		return (-1);
	mono_in(secs, &deadline);
	pthread_mutex_lock(&p->lock);
	while (!p->intr_pending && !p->intr_raised && !p->want_close &&
	    !p->want_respawn && !p->exit_req && r != ETIMEDOUT)
		r = pane_wait_work_until(p, &deadline);
	if (r != ETIMEDOUT) {
		p->intr_pending = p->intr_raised = 0;
		rc = 1;
	}
	pthread_mutex_unlock(&p->lock);
	return (rc);
}

/*
 * getpass() in the pane (pyio.c): how 1 before it shows its prompt, 0
 * once it has shown the newline after pane_io_readline(p, 1, ...), -1
 * when it gives up before reading.  In between, the next line sent is its
 * secret, never the prompt's or input()'s, and what they print waits for
 * its newline.
 */
static void
pane_io_secret(void *arg, int how)
{
	struct pane	*p = arg;

	pthread_mutex_lock(&p->lock);
	if (how > 0) {
		p->secret_readers++;
		p->secret_waiting++;
	} else {
		p->secret_readers--;
		if (how < 0)
			p->secret_waiting--;
		if (p->secret_readers == 0)
			pane_wake_work(p);	/* the prompt, input() go on */
	}
	notify_poke();
	pthread_mutex_unlock(&p->lock);
}

/* Lock held: a read is over; undo what was set for it. */
static void
pane_read_done(struct pane *p, int secret, int set_state,
    enum pane_state before)
{
	if (set_state)
		pane_set_state(p, before);
	if (secret) {
		p->secret_waiting--;
		notify_poke();
	}
}

/*
 * input() (secret 0) and getpass() (secret 1) in any thread of the pane,
 * GIL released: the next line sent to the pane, with its newline.  An
 * input() line is echoed into the scrollback after its prompt, as a
 * terminal shows it; a secret line never is, and from pane_io_secret on
 * a secret read comes first: the prompt (pane_serve) and input() leave
 * the queue to it, so that the line cannot run as code or be echoed, and
 * wait for its newline (pane_io_secret's end), so that it shows first.  The
 * pane is in PANE_INPUT while its worker reads; a secret read in another
 * thread leaves the worker's state alone (pane_info's secret says it).
 * Which inputs secret reads took is remembered for pane_taken_secret.
 */
static enum pyio_read
pane_io_readline(void *arg, int secret, char **line, size_t *len)
{
	struct pane	*p = arg;
	struct qitem	*q;
	enum pane_state	 before;
	enum pyio_read	 r;
	int		 worker = pthread_equal(pthread_self(), p->worker);
	int		 set_state = worker;

	/*
	 * The pane's state is the worker's: it waits at input() when its
	 * code does, and an interrupt then goes to that input().  Another
	 * thread of the pane reading a line leaves the state alone (the
	 * worker may be running code, which an interrupt must reach) and
	 * takes no interrupt, as C-c reaches only python3's main thread.
	 */
	pthread_mutex_lock(&p->lock);
	before = p->state;
	if (set_state) {
		pane_set_state(p, PANE_INPUT);
		p->input_waits++;
	}
	/* An interrupt raised in the code just before input() was called
	 * has not landed (input() runs no bytecode): take it here. */
	if (p->intr_raised && worker) {
		p->intr_raised = 0;
		p->intr_input = 1;
		*line = NULL;
	}
	if (!worker)
		p->thread_readers++;
	while ((p->qhead == NULL || (!secret && p->secret_readers > 0)) &&
	    !(worker && p->intr_input) && !p->want_close &&
	    !p->want_respawn && !p->exit_req)
		pane_wait_work(p);
	if (!worker && --p->thread_readers == 0)
		pane_wake_work(p);	/* the prompt may take lines again */
	if ((worker && p->intr_input) || p->qhead == NULL) {
		if (worker)
			p->intr_input = 0;
		pane_read_done(p, secret, set_state, before);
		pthread_mutex_unlock(&p->lock);
		outbuf_write(p->ob, STYLE_INPUT, "\n", 1);
		return (PYIO_READ_INTR);
	}
	q = pane_queue_pop(p);
	if (q->kind == Q_BLOCK && memchr(q->text, '\n', q->len) != NULL) {
		/* input() takes the first line of a paste, as from a
		 * terminal; the rest waits for the prompt. */
		const char *nl = memchr(q->text, '\n', q->len);
		struct qitem *rest = xcalloc(1, sizeof *rest);
		rest->kind = Q_BLOCK;
		rest->seq = q->seq;
		rest->len = q->len - (size_t)(nl + 1 - q->text);
		rest->text = xstrndup(nl + 1, rest->len);
		rest->next = p->qhead;
		if (p->qhead == NULL)
			p->qtail = &rest->next;
		p->qhead = rest;
		q->len = (size_t)(nl - q->text);
		q->kind = Q_LINE;
	}
	if (secret && q->seq != 0)
		p->secret_seq[p->nsecret++ % PANE_SECRET_KEEP] = q->seq;
	pane_read_done(p, secret, set_state, before);
	pthread_mutex_unlock(&p->lock);
	switch (q->kind) {
	case Q_BLOCK:
	case Q_LINE:
		if (!secret) {
			outbuf_write(p->ob, STYLE_INPUT, q->text, q->len);
			outbuf_write(p->ob, STYLE_INPUT, "\n", 1);
		}
		*len = q->len + 1;
		*line = xmalloc(*len + 1);
		memcpy(*line, q->text, q->len);
		(*line)[q->len] = '\n';
		(*line)[*len] = '\0';
		r = PYIO_READ_LINE;
		break;
	case Q_EOF:
		r = PYIO_READ_EOF;
		break;
	default:
		outbuf_write(p->ob, STYLE_INPUT, "\n", 1);
		r = PYIO_READ_INTR;
		break;
	}
	if (secret && q->text != NULL)
		explicit_bzero(q->text, q->len);
	pane_queue_free(q);
	return (r);
}

/* The streams' callbacks (pyio.c), handed over with the pane by repl_new. */
static const struct pyio_host pane_pyio_host = {
	.name = pane_io_name,
	.write = pane_io_write,
	.secret = pane_io_secret,
	.readline = pane_io_readline,
	.sleep = pane_io_sleep,
	.intr_landed = pane_io_intr_landed,
	.exit = pane_io_exit,
	.exiting = pane_io_exiting,
	.tty = pane_io_tty,
	.tty_name = pane_io_tty_name,
	.spawned = pane_io_spawned,
	.exec_helper = pane_io_exec_helper,
	.sync_tty = pane_io_sync_tty,
	.wrote = pane_io_wrote,
};

/*
 * For the UI, which keeps a line typed ahead out of the history and the
 * --record file until it knows where it went: input number seq (one more
 * than pane_info's sent when it was sent) is still queued (-1), was taken
 * by a secret read (1; also when more secret reads than remembered came
 * since, to be safe) or went elsewhere: the prompt, input(), or dropped
 * (0).  O(PANE_SECRET_KEEP).
 */
int
pane_taken_secret(struct pane *p, uint64_t seq)
{
	uint64_t	 oldest = UINT64_MAX;
	size_t		 i, n;
	int		 r = 0;

	pthread_mutex_lock(&p->lock);
	if (seq > p->popped)
		r = -1;
	else {
		n = p->nsecret < PANE_SECRET_KEEP ? p->nsecret :
		    PANE_SECRET_KEEP;
		for (i = 0; i < n && r == 0; i++) {
			if (p->secret_seq[i] == seq)
				r = 1;
			if (p->secret_seq[i] < oldest)
				oldest = p->secret_seq[i];
		}
		if (r == 0 && p->nsecret > PANE_SECRET_KEEP && seq < oldest)
			r = 1;
	}
	pthread_mutex_unlock(&p->lock);
	return (r);
}

/*
 * For transcript.c: where the last input's echo began (what expect looks
 * at), in *mark; 0 while input sent to the pane has not all been taken
 * (then the last input is not echoed yet).
 */
int
pane_last_input(struct pane *p, uint64_t *mark)
{
	int	 taken;

	pthread_mutex_lock(&p->lock);
	*mark = p->sent_mark;
	taken = p->ntaken >= p->nsent || p->qhead == NULL;
	pthread_mutex_unlock(&p->lock);
	return (taken);
}

/* Where the next input's echo starts: an absolute line number. */
uint64_t
pane_mark(struct pane *p)
{
	size_t	 n = outbuf_count(p->ob);

	return (outbuf_first(p->ob) + (n > 0 && !outbuf_at_line_start(p->ob)
	    ? n - 1 : n));
}

/*
 * For transcript.c: copies of the lines from absolute line `from` (older
 * lines may be gone; free them with outbuf_free_lines) and of the pending
 * prompt (NULL when none), as one moment: both are read under the pane's
 * lock, under which the worker publishes its prompt after the output that
 * came before it (the pane's lock, then the outbuf's: the order of
 * subplex.h).
 */
size_t
pane_lines(struct pane *p, uint64_t from, struct outbuf_line **lines,
    char **prompt)
{
	uint64_t	 base;
	size_t		 first, n;

	pthread_mutex_lock(&p->lock);
	*prompt = pane_prompt_locked(p);
	base = outbuf_first(p->ob);
	first = from > base ? (size_t)(from - base) : 0;
	n = outbuf_copy(p->ob, first, outbuf_count(p->ob), lines);
	pthread_mutex_unlock(&p->lock);
	return (n);
}
