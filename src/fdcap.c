/*
 * fdcap.c: output written straight to file descriptors 1 and 2 (C
 * extensions, os.write, child processes) is captured, never raw.
 *
 * At start main.c keeps the real terminal fds aside (tty_in_fd,
 * tty_out_fd, log_fd); fdcap_start points fds 1 and 2 at pipes and fd 0 at
 * /dev/null, so nothing a pane does can scribble on the screen or steal
 * keystrokes.  A reader thread (no Python) takes what arrives and gives it
 * to the one owner there is, if exactly one: fdcap keeps a registry of
 * owners, output buffers that a higher layer claims while it runs code
 * that may write (pane.c: a pane's worker, while it runs an input) and
 * releases after.  fdcap knows nothing of panes.  Output with no single
 * owner goes to the process log, which batch mode copies to standard
 * error.  A worker calls fdcap_drain with its buffer before it reports
 * itself idle, so output its code wrote (a subprocess's, say) lands in its
 * own transcript before the next prompt: for that read the drainer counts
 * as an owner too.  fdcap_lock keeps reads in order between the two; the
 * registry has a lock of its own (fdcap_owners_lock, taken after a pane's
 * lock and before an outbuf's: subplex.h), under which captured output is
 * written, so that a released buffer is never written to again.  Claim,
 * release and drain: any thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>

#include "subplex.h"

int			 tty_in_fd = -1, tty_out_fd = -1;
int			 fdcap_passthrough;
static int		 fdcap_pipes[2] = { -1, -1 };	/* read ends: 1, 2 */
static int		 fdcap_stop_pipe[2] = { -1, -1 };
static int		 fdcap_epfd = -1;	/* the read ends, for drains */
static pthread_t	 fdcap_thread;
static pthread_mutex_t	 fdcap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct outbuf	*fdcap_log;
/* Read without the lock by every worker's fdcap_drain, written at start
 * and stop by the main thread while workers may run (a pane kept at quit
 * because its code would not stop): atomic. */
static atomic_int	 fdcap_started;
/* The owners: O(n) scans, fine below ~100 panes. */
static pthread_mutex_t	 fdcap_owners_lock = PTHREAD_MUTEX_INITIALIZER;
static struct outbuf	**fdcap_owners;
static size_t		 fdcap_nowners, fdcap_owners_cap;

struct outbuf *
fdcap_process_log(void)
{
	return (fdcap_log);
}

/* ob's code runs now: output captured meanwhile may be its. */
void
fdcap_claim(struct outbuf *ob)
{
	size_t	 i;

	pthread_mutex_lock(&fdcap_owners_lock);
	for (i = 0; i < fdcap_nowners; i++)
		if (fdcap_owners[i] == ob)
			break;
	if (i == fdcap_nowners) {
		if (fdcap_nowners == fdcap_owners_cap) {
			fdcap_owners_cap = fdcap_owners_cap == 0 ? 8 :
			    fdcap_owners_cap * 2;
			fdcap_owners = xreallocarray(fdcap_owners,
			    fdcap_owners_cap, sizeof *fdcap_owners);
		}
		fdcap_owners[fdcap_nowners++] = ob;
	}
	pthread_mutex_unlock(&fdcap_owners_lock);
}

/* ob no longer owns anything; once this returns, fdcap never writes to
 * it (unless it is claimed or drained again).  Unclaimed: nothing. */
void
fdcap_release(struct outbuf *ob)
{
	size_t	 i;

	pthread_mutex_lock(&fdcap_owners_lock);
	for (i = 0; i < fdcap_nowners; i++) {
		if (fdcap_owners[i] == ob) {
			fdcap_owners[i] = fdcap_owners[--fdcap_nowners];
			break;
		}
	}
	pthread_mutex_unlock(&fdcap_owners_lock);
}

/* How many buffers are claimed now (captured output has an owner when it
 * is exactly one). */
size_t
fdcap_owner_count(void)
{
	size_t	 n;

	pthread_mutex_lock(&fdcap_owners_lock);
	n = fdcap_nowners;
	pthread_mutex_unlock(&fdcap_owners_lock);
	return (n);
}

/* Write to the one owner (the claimed ones and drainer), or return -1. */
static int
fdcap_give_owner(struct outbuf *drainer, const char *buf, size_t len)
{
	struct outbuf	*found = drainer;
	size_t		 i, n = drainer != NULL;

	pthread_mutex_lock(&fdcap_owners_lock);
	for (i = 0; i < fdcap_nowners; i++) {
		if (fdcap_owners[i] != drainer) {
			found = fdcap_owners[i];
			n++;
		}
	}
	if (n == 1)
		outbuf_write(found, STYLE_FD, buf, len);
	pthread_mutex_unlock(&fdcap_owners_lock);
	return (n == 1 ? 0 : -1);
}

static void
fdcap_give(struct outbuf *drainer, int which, const char *buf, size_t len)
{
	char	*msg;
	int	 n;

	if (fdcap_give_owner(drainer, buf, len) == 0)
		return;
	outbuf_write(fdcap_log, which == 0 ? STYLE_OUT : STYLE_ERR, buf, len);
	if (fdcap_passthrough) {
		n = xasprintf(&msg, "subplex: output on fd %d from no single "
		    "pane: %.*s%s", which + 1, (int)len, buf,
		    len > 0 && buf[len - 1] == '\n' ? "" : "\n");
		(void)write_all(log_fd, msg, (size_t)n);
		free(msg);
	}
}

/* fdcap_lock held: read what is there now, without blocking. */
static int
fdcap_read(struct outbuf *drainer)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 i, got = 0;

	for (i = 0; i < 2; i++) {
		for (;;) {
			n = read(fdcap_pipes[i], buf, sizeof buf);
			if (n > 0) {
				fdcap_give(drainer, i, buf, (size_t)n);
				got = 1;
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
	}
	return (got);
}

static void *
fdcap_main(void *arg)
{
	struct pollfd	 pfd[3];

	(void)arg;
	block_signals();
	pfd[0].fd = fdcap_pipes[0];
	pfd[1].fd = fdcap_pipes[1];
	pfd[2].fd = fdcap_stop_pipe[0];
	pfd[0].events = pfd[1].events = pfd[2].events = POLLIN;
	for (;;) {
		if (poll(pfd, 3, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		pthread_mutex_lock(&fdcap_lock);
		fdcap_read(NULL);
		pthread_mutex_unlock(&fdcap_lock);
		if (pfd[2].revents != 0)
			break;
	}
	return (NULL);
}

void
fdcap_start(void)
{
	int	 p[2], i, devnull;

	fdcap_log = outbuf_create(SUBPLEX_DEFAULT_SCROLLBACK);
	if (pipe2(fdcap_stop_pipe, O_CLOEXEC) == -1)
		fatal("pipe2");
	for (i = 0; i < 2; i++) {
		if (pipe2(p, O_CLOEXEC) == -1)
			fatal("pipe2");
		/* The write end becomes fd 1 or 2, inherited by children. */
		if (dup2(p[1], i + 1) == -1)
			fatal("dup2");
		close(p[1]);
		fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
		fdcap_pipes[i] = p[0];
	}
	/* fdcap_drain asks this epoll set, not poll(2): epoll_wait keeps
	 * its fds registered between calls, so the check a worker makes
	 * after every input costs about half as much (300 ns against 600
	 * on the reference machine; 20,000 inputs, 6 ms). */
	if ((fdcap_epfd = epoll_create1(EPOLL_CLOEXEC)) == -1)
		fatal("epoll_create1");
	for (i = 0; i < 2; i++) {
		struct epoll_event ev = { .events = EPOLLIN };

		ev.data.fd = fdcap_pipes[i];
		if (epoll_ctl(fdcap_epfd, EPOLL_CTL_ADD, fdcap_pipes[i],
		    &ev) == -1)
			fatal("epoll_ctl");
	}
	if ((devnull = open("/dev/null", O_RDONLY)) == -1)
		fatal("/dev/null");
	if (devnull != 0) {
		dup2(devnull, 0);
		close(devnull);
	}
	if (pthread_create(&fdcap_thread, NULL, fdcap_main, NULL) != 0)
		fatal("pthread_create");
	fdcap_started = 1;
}

/* Read what is captured now, with drainer counted as an owner. */
void
fdcap_drain(struct outbuf *drainer)
{
	struct epoll_event	 ev[2];

	if (!fdcap_started)
		return;
	/* One syscall in the common case of nothing written. */
	if (epoll_wait(fdcap_epfd, ev, 2, 0) <= 0)
		return;
	pthread_mutex_lock(&fdcap_lock);
	fdcap_read(drainer);
	pthread_mutex_unlock(&fdcap_lock);
}

void
fdcap_stop(void)
{
	if (!fdcap_started)
		return;
	(void)write_all(fdcap_stop_pipe[1], "x", 1);
	pthread_join(fdcap_thread, NULL);
	pthread_mutex_lock(&fdcap_lock);
	fdcap_read(NULL);
	pthread_mutex_unlock(&fdcap_lock);
	fdcap_started = 0;
}
