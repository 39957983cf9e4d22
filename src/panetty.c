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
 * code ended, before the pane's outbuf goes.  Not yet: fds 0-2 of the
 * process stay the capture pipes, so a child that inherits them (the
 * default for subprocess) gets no terminal, and keys are not sent to the
 * slave.  Any thread may call panetty_slave; the others are pane.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "subplex.h"

struct panetty {
	pthread_mutex_t	 lock;		/* a read and its write, in order */
	int		 master, slave;
	int		 stop[2];	/* written to end the reader */
	struct outbuf	*ob;
	pthread_t	 reader;
};

/* Read what is there and hand it on, under the lock: 1 if there was. */
static int
panetty_read(struct panetty *t)
{
	char	 buf[16384];
	ssize_t	 n;

	pthread_mutex_lock(&t->lock);
	n = read(t->master, buf, sizeof buf);
	if (n > 0)
		outbuf_write(t->ob, STYLE_FD, buf, (size_t)n);
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
	if (pipe2(t->stop, O_CLOEXEC) == -1)
		fatal("pipe2");
	t->ob = ob;
	pthread_mutex_init(&t->lock, NULL);
	if (pthread_create(&t->reader, NULL, panetty_main, t) != 0)
		fatal("pthread_create");
	return (t);
}

/*
 * What the pane's code wrote to its terminal, handed on now (the worker,
 * before it goes idle: so it comes before the next prompt).
 */
void
panetty_drain(struct panetty *t)
{
	if (t == NULL)
		return;
	while (panetty_read(t) > 0)
		;
}

/* Stop the reader (what was written is read first) and close it all. */
void
panetty_close(struct panetty *t)
{
	if (t == NULL)
		return;
	(void)write(t->stop[1], "", 1);
	pthread_join(t->reader, NULL);
	panetty_drain(t);
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
