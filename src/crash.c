/*
 * crash.c: what subplex leaves behind when it dies, and where: the state
 * directory ($XDG_STATE_HOME/subplex, private), the session directory that
 * holds each pane's transcript while subplex runs, and the fatal-signal
 * handler.
 *
 * Transcripts are not written at exit: journal.c keeps each one in a file
 * as it is written (a shared memory map, so a crash loses nothing the pane
 * showed), and histories are appended entry by entry (input.c).  So when a
 * fatal signal arrives (a segfault in an extension module, an abort from
 * CPython), the handler has only async-signal-safe work left: trim the
 * transcript files to their length, put the terminal back as it was
 * (termios and the escape sequences the UI handed over at start), say
 * where everything is, and die of the same signal.  It runs on an
 * alternate stack, so a C stack overflow in a pane's thread gets there too.
 *
 * The UI thread calls crash_session_start, crash_terminal and
 * crash_install at start; every engine thread calls crash_thread_init
 * (its own alternate stack) as it starts; the handler runs in whichever
 * thread faulted.  Batch mode keeps no session directory.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "subplex.h"

#define CRASH_SESSIONS_KEPT	10	/* newest session directories */

/* Sanitizer builds keep their own handlers: their reports come first. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CRASH_SANITIZED 1
#else
#define CRASH_SANITIZED 0
#endif
#define CRASH_RESET_MAX		256

static char		*crash_dir;		/* this session's transcripts */
static char		*crash_msg;		/* what the handler prints */
static size_t		 crash_msg_len;
#define CRASH_TERMS		16	/* terminals attached at once */

/* What puts each attached terminal back. */
static struct crash_term {
	volatile sig_atomic_t	 used;
	int			 fd;
	struct termios		 tios;
	int			 have_tios;
	char			 reset[CRASH_RESET_MAX];
	size_t			 len;
} crash_terms[CRASH_TERMS];

static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
    SIGABRT };

static void
crash_write(int fd, const char *s, size_t len)
{
	ssize_t	 n;

	while (len > 0 && (n = write(fd, s, len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		s += n;
		len -= (size_t)n;
	}
}

/* mkdir -p, the last component with mode (and chmod to it). */
static int
crash_mkdirs(const char *path, mode_t mode)
{
	char	*p, *s;

	p = xstrdup(path);
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST) {
			free(p);
			return (-1);
		}
		*s = '/';
	}
	free(p);
	if (mkdir(path, mode) == -1 && errno != EEXIST)
		return (-1);
	return (chmod(path, mode));
}

/*
 * $XDG_STATE_HOME/subplex/SUB (or ~/.local/state/...), created private
 * (0700: what was typed and shown may hold secrets); NULL without HOME.
 */
char *
state_subdir(const char *sub)
{
	const char	*base = getenv("XDG_STATE_HOME"), *home;
	char		*top, *dir;

	if (base != NULL && *base == '/')
		xasprintf(&top, "%s/subplex", base);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		xasprintf(&top, "%s/.local/state/subplex", home);
	else
		return (NULL);
	xasprintf(&dir, "%s/%s", top, sub);
	if (crash_mkdirs(top, 0700) != 0 || crash_mkdirs(dir, 0700) != 0) {
		free(top);
		free(dir);
		return (NULL);
	}
	free(top);
	return (dir);
}

static int
crash_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Remove a session directory of old transcripts (flat: files only). */
static void
crash_remove_session(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		(void)unlink(path);
		free(path);
	}
	closedir(d);
	(void)rmdir(dir);
}

/*
 * Make this session's directory, sessions/YYYYMMDD-HHMMSS-PID, and remove
 * all but the newest CRASH_SESSIONS_KEPT (names sort by time).  Returns
 * the directory, or NULL if there is no state directory to keep it in.
 */
const char *
crash_session_start(void)
{
	char		*top, **names = NULL, stamp[32], *path;
	size_t		 n = 0, i;
	DIR		*d;
	struct dirent	*de;
	time_t		 now = time(NULL);
	struct tm	 tm;

	if ((top = state_subdir("sessions")) == NULL)
		return (NULL);
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	xasprintf(&crash_dir, "%s/%s-%ld", top, stamp, (long)getpid());
	if (crash_mkdirs(crash_dir, 0700) != 0) {
		free(crash_dir);
		crash_dir = NULL;
		free(top);
		return (NULL);
	}
	if ((d = opendir(top)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	qsort(names, n, sizeof *names, crash_cmp);
	for (i = 0; i < n; i++) {
		if (i + CRASH_SESSIONS_KEPT < n) {
			xasprintf(&path, "%s/%s", top, names[i]);
			crash_remove_session(path);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	free(top);
	crash_note();
	return (crash_dir);
}

const char *
crash_session_dir(void)
{
	return (crash_dir);
}

/* The message the handler prints, made now: it cannot format then. */
void
crash_note(void)
{
	char	*hist = state_subdir("history");

	free(crash_msg);
	xasprintf(&crash_msg, "%s: the panes' transcripts are in %s and "
	    "their input histories in %s\n", log_progname,
	    crash_dir != NULL ? crash_dir : "(nowhere: no state directory)",
	    hist != NULL ? hist : "(nowhere)");
	crash_msg_len = strlen(crash_msg);
	free(hist);
}

/* Say where the transcripts and histories are (not in a handler). */
void
crash_where(void)
{
	if (crash_msg != NULL)
		crash_write(log_fd, crash_msg, crash_msg_len);
}

/*
 * What puts a terminal back: its termios and the escape sequences.  One
 * slot per terminal attached; -1 when every slot is taken (that terminal
 * is then left as it is by a crash: its client puts it back).
 */
int
crash_terminal(int fd, const struct termios *tios, const char *reset,
    size_t len)
{
	struct crash_term	*ct;
	int			 i;

	for (i = 0; i < CRASH_TERMS; i++)
		if (!crash_terms[i].used)
			break;
	if (i == CRASH_TERMS)
		return (-1);
	ct = &crash_terms[i];
	ct->have_tios = tios != NULL;
	if (tios != NULL)
		ct->tios = *tios;
	if (len > sizeof ct->reset)
		len = sizeof ct->reset;
	memcpy(ct->reset, reset, len);
	ct->len = len;
	ct->fd = fd;
	ct->used = 1;		/* last: the handler may look at once */
	return (i);
}

/* That terminal is back to normal: a crash has nothing to restore. */
void
crash_terminal_done(int slot)
{
	if (slot >= 0 && slot < CRASH_TERMS)
		crash_terms[slot].used = 0;
}

static void
crash_handler(int sig)
{
	static const char what[] = ": fatal signal SIG";
	char		 num[16];
	size_t		 i = sizeof num;
	int		 v = sig;
	int		 k;

	/* SA_RESETHAND: a second fault in here ends the process. */
	journal_crash();
	for (k = 0; k < CRASH_TERMS; k++) {
		struct crash_term *ct = &crash_terms[k];
		if (!ct->used)
			continue;
		if (ct->have_tios)
			(void)tcsetattr(ct->fd, TCSAFLUSH, &ct->tios);
		crash_write(ct->fd, ct->reset, ct->len);
	}
	do
		num[--i] = (char)('0' + v % 10);
	while ((v /= 10) > 0 && i > 0);
	crash_write(log_fd, log_progname, strlen(log_progname));
	crash_write(log_fd, what, sizeof what - 1);
	crash_write(log_fd, sigabbrev_np(sig), strlen(sigabbrev_np(sig)));
	crash_write(log_fd, " (", 2);
	crash_write(log_fd, num + i, sizeof num - i);
	crash_write(log_fd, ")\n", 2);
	if (crash_msg != NULL)
		crash_write(log_fd, crash_msg, crash_msg_len);
	(void)raise(sig);
}

/*
 * This thread's alternate signal stack, for the handler; give what it
 * returns to crash_thread_done before the thread ends.
 */
void *
crash_thread_init(void)
{
	stack_t	 ss;

	if (CRASH_SANITIZED)
		return (NULL);
	memset(&ss, 0, sizeof ss);
	ss.ss_size = SIGSTKSZ > 65536 ? SIGSTKSZ : 65536;
	ss.ss_sp = xmalloc(ss.ss_size);
	if (sigaltstack(&ss, NULL) != 0) {
		free(ss.ss_sp);
		return (NULL);
	}
	return (ss.ss_sp);
}

void
crash_thread_done(void *stack)
{
	stack_t	 ss;

	if (stack == NULL)
		return;
	memset(&ss, 0, sizeof ss);
	ss.ss_flags = SS_DISABLE;
	(void)sigaltstack(&ss, NULL);
	free(stack);
}

void
crash_install(void)
{
	struct sigaction	 sa;
	size_t			 i;

	if (CRASH_SANITIZED)
		return;
	(void)crash_thread_init();	/* the UI thread's, for good */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = crash_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
		sigaction(crash_signals[i], &sa, NULL);
}
