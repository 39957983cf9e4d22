/*
 * panetty.c: a pane's pseudo-terminal, so that the pane's code sees a
 * terminal: sys.stdout.fileno() and sys.stderr.fileno() are its slave
 * (pyio.c asks pane.c, which asks here), so isatty() is true and
 * os.get_terminal_size() gives the pane's size.  What is written to the
 * slave (os.write on that fd, a child given sys.stdout) comes out of the
 * master through the line discipline (a newline as CR LF) and a reader
 * thread of its own hands it to the pane's output (outbuf_write, as
 * captured fd output).  pane.c opens one with the pane, sets its size
 * with the pane's terminal's (panetty_resize: TIOCSWINSZ, so the kernel
 * sends SIGWINCH to a foreground group) and closes it, after the pane's
 * code ended, before the pane's outbuf goes.  Child processes of the
 * pane's code get the slave as their fds 0-2 where the call does not
 * redirect them, and as the controlling terminal of a session of their
 * own, through subplex-exec (panetty_helper finds it; pyio.c's wrappers
 * of fork_exec and posix_spawn put it in place) and record their pids
 * here (panetty_spawned): closing the pane sends SIGHUP to those still
 * running, as a terminal's hangup does, and reaps them later.  Keys and
 * the emulator's answers reach the pane's programs through
 * panetty_write; panetty_foreground says whether a child holds the
 * terminal.  Any thread may call panetty_slave, panetty_spawned,
 * panetty_helper, panetty_write and panetty_foreground; the others are
 * pane.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <limits.h>
#include <stdatomic.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include "subplex.h"

/*
 * A mark written to the slave and looked for in what the master reads:
 * what was written before it has been read once it is seen (the kernel
 * moves a pty's bytes to the master in a work queue, later, so an empty
 * read does not say that).  An OSC string: were it ever cut by a read and
 * not recognised, the terminal swallows it.
 */
static int panetty_running(pid_t);

static const char panetty_mark[] = "\033]5379;subplex-sync\007";
#define PANETTY_MARK_LEN	(sizeof panetty_mark - 1)
#define PANETTY_SYNC_WAIT	0.2	/* s: a mark that does not come back */

struct panetty {
	pthread_mutex_t	 lock;		/* a read and its write, in order */
	pthread_cond_t	 seen;		/* a mark came back */
	int		 master, slave;
	int		 wslave;	/* the slave again, non-blocking */
	int		 used;		/* the pane's code or children got it */
	atomic_int	 written;	/* the pane's code wrote to the slave */
	struct termios	 modes;		/* as opened: given back after a job */
	int		 have_modes;
	uint64_t	 marks_sent, marks_seen;
	char		 carry[PANETTY_MARK_LEN];	/* a read's last bytes */
	size_t		 ncarry;
	int		 stop[2];	/* written to end the reader */
	struct outbuf	*ob;
	pthread_t	 reader;
	pid_t		*kids;		/* children started, under lock */
	size_t		 nkids, kidcap;
};

/*
 * Children of panes that closed while they ran, sent SIGHUP and reaped
 * when they end (at the next pane's close; their Popen objects went with
 * the pane's interpreter).  O(n) a close; n is what outlived its pane.
 */
static pthread_mutex_t	 panetty_orphan_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t		*panetty_orphans;
static size_t		 panetty_norphans, panetty_orphancap;
static char		*panetty_helper_path;
static pthread_once_t	 panetty_helper_once = PTHREAD_ONCE_INIT;

/*
 * Count the marks in buf (n bytes), one cut by the previous read
 * included, and take whole ones out; returns the bytes left.  Lock held.
 */
static size_t
panetty_marks(struct panetty *t, char *buf, size_t n)
{
	char	 join[2 * PANETTY_MARK_LEN];
	char	*m;
	size_t	 k, left;

	if (t->ncarry > 0) {
		k = n < PANETTY_MARK_LEN - 1 ? n : PANETTY_MARK_LEN - 1;
		memcpy(join, t->carry, t->ncarry);
		memcpy(join + t->ncarry, buf, k);
		m = memmem(join, t->ncarry + k, panetty_mark,
		    PANETTY_MARK_LEN);
		if (m != NULL && m < join + t->ncarry) {
			/* Cut: its head was handed on (the terminal
			 * swallows it); its tail goes. */
			t->marks_seen++;
			k = (size_t)(m - join) + PANETTY_MARK_LEN - t->ncarry;
			memmove(buf, buf + k, n - k);
			n -= k;
		}
	}
	for (left = 0; (m = memmem(buf + left, n - left, panetty_mark,
	    PANETTY_MARK_LEN)) != NULL;) {
		t->marks_seen++;
		left = (size_t)(m - buf);
		memmove(m, m + PANETTY_MARK_LEN, n - left - PANETTY_MARK_LEN);
		n -= PANETTY_MARK_LEN;
	}
	k = n < PANETTY_MARK_LEN - 1 ? n : PANETTY_MARK_LEN - 1;
	if (k < PANETTY_MARK_LEN - 1 && t->ncarry > 0) {
		/* A short read: keep the carry's tail before it. */
		size_t keep = t->ncarry + k > PANETTY_MARK_LEN - 1 ?
		    PANETTY_MARK_LEN - 1 - k : t->ncarry;
		memmove(t->carry, t->carry + t->ncarry - keep, keep);
		memcpy(t->carry + keep, buf + n - k, k);
		t->ncarry = keep + k;
	} else {
		memcpy(t->carry, buf + n - k, k);
		t->ncarry = k;
	}
	return (n);
}

/* Read what is there and hand it on, under the lock: 1 if there was. */
static int
panetty_read(struct panetty *t)
{
	char		 buf[16384];
	ssize_t		 n;
	uint64_t	 seen;

	pthread_mutex_lock(&t->lock);
	n = read(t->master, buf, sizeof buf);
	if (n > 0) {
		seen = t->marks_seen;
		n = (ssize_t)panetty_marks(t, buf, (size_t)n);
		if (n > 0)
			outbuf_write(t->ob, STYLE_FD, buf, (size_t)n);
		if (t->marks_seen != seen)
			pthread_cond_broadcast(&t->seen);
		n = 1;
	}
	pthread_mutex_unlock(&t->lock);
	if (n < 0 && errno != EINTR && errno != EAGAIN)
		return (-1);
	return (n > 0);
}

static void *
panetty_main(void *arg)
{
	struct panetty	*t = arg;
	struct pollfd	 pfd[2];
	sigset_t	 all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pfd[0].fd = t->master;
	pfd[1].fd = t->stop[0];
	pfd[0].events = pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[1].revents != 0)
			break;
		if (pfd[0].revents & POLLIN) {
			if (panetty_read(t) < 0)
				pfd[0].fd = -1;	/* gone: wait to be stopped */
		} else if (pfd[0].revents != 0)
			pfd[0].fd = -1;
	}
	return (NULL);
}

/* A terminal for a pane whose output is ob; NULL and *cause if none. */
struct panetty *
panetty_open(struct outbuf *ob, int rows, int cols, char **cause)
{
	struct panetty	*t;
	struct winsize	 ws;

	t = xcalloc(1, sizeof *t);
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	if (openpty(&t->master, &t->slave, NULL, NULL, &ws) == -1) {
		xasprintf(cause, "openpty: %s", strerror(errno));
		free(t);
		return (NULL);
	}
	(void)fcntl(t->master, F_SETFD, FD_CLOEXEC);
	(void)fcntl(t->slave, F_SETFD, FD_CLOEXEC);
	(void)fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) |
	    O_NONBLOCK);
	{
		char	 name[PATH_MAX];
		t->wslave = -1;
		if (ttyname_r(t->slave, name, sizeof name) == 0)
			t->wslave = open(name, O_RDWR | O_NOCTTY |
			    O_NONBLOCK | O_CLOEXEC);
	}
	cond_init_mono(&t->seen);
	t->have_modes = tcgetattr(t->slave, &t->modes) == 0;
	if (pipe2(t->stop, O_CLOEXEC) == -1)
		fatal("pipe2");
	t->ob = ob;
	pthread_mutex_init(&t->lock, NULL);
	if (pthread_create(&t->reader, NULL, panetty_main, t) != 0)
		fatal("pthread_create");
	return (t);
}

/* What there is to read now, handed on. */
static void
panetty_drain(struct panetty *t)
{
	while (panetty_read(t) > 0)
		;
}

/*
 * What the pane's code and its children wrote to its terminal, handed on
 * now: so a child's output comes before what the pane's code prints
 * next, and before its next prompt (the worker, after a child ends and
 * before it goes idle).  A pane whose terminal was never given out
 * (panetty_use) has nothing there; others write a mark and read until it
 * comes back, PANETTY_SYNC_WAIT at most.
 */
void
panetty_sync(struct panetty *t)
{
	struct timespec	 deadline;
	uint64_t	 want;
	ssize_t		 w;

	if (t == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	if (!t->used || t->wslave == -1) {
		pthread_mutex_unlock(&t->lock);
		return;
	}
	want = ++t->marks_sent;
	pthread_mutex_unlock(&t->lock);
	do
		w = write(t->wslave, panetty_mark, PANETTY_MARK_LEN);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)PANETTY_MARK_LEN) {
		/* Output stopped (C-s) or full: what is there will do. */
		panetty_drain(t);
		pthread_mutex_lock(&t->lock);
		t->marks_seen = t->marks_sent;
		pthread_mutex_unlock(&t->lock);
		return;
	}
	mono_in(PANETTY_SYNC_WAIT, &deadline);
	for (;;) {
		panetty_drain(t);
		pthread_mutex_lock(&t->lock);
		if (t->marks_seen >= want || pthread_cond_timedwait(&t->seen,
		    &t->lock, &deadline) == ETIMEDOUT) {
			pthread_mutex_unlock(&t->lock);
			return;
		}
		pthread_mutex_unlock(&t->lock);
	}
}

/*
 * A child of the pane's code ended (the worker, after waitpid): what it
 * wrote is handed on, and when none is left running, the terminal gets
 * back the modes it had (a shell does so after each job), so a program
 * killed in raw mode (vi, less) leaves no terminal without echo or
 * newline translation to the next; and the lines typed to it that it
 * left unread are returned (allocated, *len bytes, NUL-terminated; NULL
 * if none), for the pane's code, which python3 would read next.
 */
char *
panetty_child_ended(struct panetty *t, size_t *len)
{
	struct termios	 now;
	char		*typed = NULL, buf[4096];
	size_t		 i, n = 0;
	ssize_t		 r;
	int		 running = 0;

	*len = 0;
	if (t == NULL)
		return (NULL);
	panetty_sync(t);
	pthread_mutex_lock(&t->lock);
	for (i = 0; i < t->nkids && !running; i++)
		running = panetty_running(t->kids[i]);
	if (!running && t->have_modes && tcgetattr(t->slave, &now) == 0 &&
	    memcmp(&now, &t->modes, sizeof now) != 0)
		(void)tcsetattr(t->slave, TCSANOW, &t->modes);
	/* Lines typed while it ran that it did not read: the pane's, as
	 * python3 reads them after its child (whole lines only, in the
	 * terminal's own modes: a read gives one). */
	while (!running && t->wslave != -1 && n < 1024 * 1024 &&
	    (r = read(t->wslave, buf, sizeof buf)) > 0) {
		typed = xrealloc(typed, n + (size_t)r + 1);
		memcpy(typed + n, buf, (size_t)r);
		n += (size_t)r;
		typed[n] = '\0';
	}
	pthread_mutex_unlock(&t->lock);
	*len = n;
	return (typed);
}

/*
 * The pane's code wrote to the slave itself (os.write): what it writes to
 * its streams next waits for that to be handed on (panetty_sync), as it
 * would follow it on one terminal.  panetty_take_written says whether it
 * did since it last asked.
 */
void
panetty_written(struct panetty *t)
{
	if (t != NULL)
		atomic_store(&t->written, 1);
}

int
panetty_take_written(struct panetty *t)
{
	return (t != NULL && atomic_load(&t->written) &&
	    atomic_exchange(&t->written, 0));
}

/* The pane's code has the slave's fd, or a child does: sync from now. */
void
panetty_use(struct panetty *t)
{
	if (t == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	t->used = 1;
	pthread_mutex_unlock(&t->lock);
}

/* Child pid, looked at without reaping it: -1 not ours (or reaped), 0
 * running, 1 ended (a zombie). */
static int
panetty_child_state(pid_t pid)
{
	siginfo_t	 si;

	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0)
		return (-1);
	return (si.si_pid != 0);
}

/* Is pid a child of ours that has not ended (nor been reaped)? */
static int
panetty_running(pid_t pid)
{
	return (panetty_child_state(pid) == 0);
}

/* Is pid a child of ours not reaped yet (running or a zombie)? */
static int
panetty_unreaped(pid_t pid)
{
	return (panetty_child_state(pid) >= 0);
}

/* Keep the entries of list (n of them) that keep(pid) says; new count. */
static size_t
panetty_prune(pid_t *list, size_t n, int (*keep)(pid_t))
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		if (keep(list[i]))
			list[k++] = list[i];
	return (k);
}

static int
panetty_reap(pid_t pid)
{
	return (waitpid(pid, NULL, WNOHANG) == 0);	/* 0: still running */
}

/* The pane's code started child pid (pyio.c, after fork_exec). */
void
panetty_spawned(struct panetty *t, long pid)
{
	if (t == NULL || pid <= 0)
		return;
	pthread_mutex_lock(&t->lock);
	t->used = 1;
	if (t->nkids == t->kidcap)	/* forget those reaped, then grow */
		t->nkids = panetty_prune(t->kids, t->nkids, panetty_unreaped);
	if (t->nkids == t->kidcap) {
		t->kidcap = t->kidcap == 0 ? 8 : t->kidcap * 2;
		t->kids = xreallocarray(t->kids, t->kidcap, sizeof *t->kids);
	}
	t->kids[t->nkids++] = (pid_t)pid;
	pthread_mutex_unlock(&t->lock);
}

/*
 * The pane is gone: its children still running get SIGHUP (and SIGCONT,
 * should they be stopped), to their process group when they lead one, as
 * a terminal's hangup does; they join the orphans to be reaped.
 */
static void
panetty_hangup(struct panetty *t)
{
	size_t	 i;
	pid_t	 pid;

	pthread_mutex_lock(&panetty_orphan_lock);
	panetty_norphans = panetty_prune(panetty_orphans, panetty_norphans,
	    panetty_reap);
	for (i = 0; i < t->nkids; i++) {
		pid = t->kids[i];
		if (!panetty_running(pid))
			continue;
		if (getpgid(pid) == pid) {
			(void)kill(-pid, SIGHUP);
			(void)kill(-pid, SIGCONT);
		} else {
			(void)kill(pid, SIGHUP);
			(void)kill(pid, SIGCONT);
		}
		if (panetty_norphans == panetty_orphancap) {
			panetty_orphancap = panetty_orphancap == 0 ? 8 :
			    panetty_orphancap * 2;
			panetty_orphans = xreallocarray(panetty_orphans,
			    panetty_orphancap, sizeof *panetty_orphans);
		}
		panetty_orphans[panetty_norphans++] = pid;
	}
	pthread_mutex_unlock(&panetty_orphan_lock);
}

/* Stop the reader (what was written is read first) and close it all. */
void
panetty_close(struct panetty *t)
{
	if (t == NULL)
		return;
	panetty_sync(t);
	(void)write(t->stop[1], "", 1);
	pthread_join(t->reader, NULL);
	panetty_drain(t);
	panetty_hangup(t);
	free(t->kids);
	if (t->wslave != -1)
		close(t->wslave);
	pthread_cond_destroy(&t->seen);
	pthread_mutex_destroy(&t->lock);
	close(t->slave);
	close(t->master);
	close(t->stop[0]);
	close(t->stop[1]);
	free(t);
}

/* What the pane's code gets as its standard output's and error's fd. */
int
panetty_slave(struct panetty *t)
{
	return (t != NULL ? t->slave : -1);
}

void
panetty_resize(struct panetty *t, int rows, int cols)
{
	struct winsize	 ws;

	if (t == NULL)
		return;
	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	(void)ioctl(t->master, TIOCSWINSZ, &ws);
}

/*
 * Is a process group of the pane's children in the terminal's foreground
 * (a child took it as its controlling terminal and runs)?  Then keys go
 * to it (ui.c).
 */
int
panetty_foreground(struct panetty *t)
{
	pid_t	 pg;

	if (t == NULL)
		return (0);
	pg = tcgetpgrp(t->master);
	return (pg > 0 && pg != getpgrp());
}

/* Is c the terminal's interrupt character, with signals on (ISIG)? */
int
panetty_interrupts(struct panetty *t, int c)
{
	struct termios	 tio;

	if (t == NULL || tcgetattr(t->master, &tio) != 0)
		return (0);
	return ((tio.c_lflag & ISIG) && tio.c_cc[VINTR] != _POSIX_VDISABLE &&
	    tio.c_cc[VINTR] == (cc_t)c);
}

/*
 * Bytes for the pane's programs, as if typed at its terminal (keys, the
 * emulator's answers to queries): what the terminal cannot take now is
 * dropped, never waited for.
 */
void
panetty_write(struct panetty *t, const char *p, size_t n)
{
	ssize_t	 w;

	while (t != NULL && n > 0) {
		w = write(t->master, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		n -= (size_t)w;
	}
}

/* The path of our terminal's name, for posix_spawn to open; NULL: none. */
char *
panetty_name(struct panetty *t)
{
	char	 buf[PATH_MAX];

	if (t == NULL || ttyname_r(t->slave, buf, sizeof buf) != 0)
		return (NULL);
	return (xstrdup(buf));
}

static void
panetty_find_helper(void)
{
	char	 self[PATH_MAX], *slash, *path;
	ssize_t	 n;

	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			xasprintf(&path, "%s/subplex-exec", self);
			if (access(path, X_OK) == 0) {
				panetty_helper_path = path;
				return;
			}
			free(path);
		}
	}
	xasprintf(&path, "%s/subplex-exec", SUBPLEX_LIBEXECDIR);
	if (access(path, X_OK) == 0)
		panetty_helper_path = path;
	else
		free(path);
}

/*
 * The program children start through (subplex-exec.c): beside our own
 * binary (a build tree), else where it is installed; NULL if neither.
 */
const char *
panetty_helper(void)
{
	pthread_once(&panetty_helper_once, panetty_find_helper);
	return (panetty_helper_path);
}
