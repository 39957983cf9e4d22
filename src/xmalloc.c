/*
 * xmalloc.c: allocation that never fails, messages and small fd helpers.
 *
 * Allocation failure is fatal, as in tmux: every caller may assume success.
 * Messages go to log_fd, which main.c points at the real standard error
 * before fds 1 and 2 are captured (see fdcap.c).  Any thread may call these;
 * log_msg writes one line with one write(2) so lines from threads never mix.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "subplex.h"

const char *log_progname = "subplex";
int log_fd = 2;

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatalx("out of memory allocating %zu bytes", size);
	return (p);
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatalx("out of memory allocating %zu x %zu bytes", n, size);
	return (p);
}

void *
xrealloc(void *old, size_t size)
{
	return (xreallocarray(old, 1, size));
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n != 0 && size > SIZE_MAX / n)
		fatalx("allocation overflow: %zu x %zu", n, size);
	if (n * size == 0)
		n = size = 1;
	if ((p = realloc(old, n * size)) == NULL)
		fatalx("out of memory allocating %zu x %zu bytes", n, size);
	return (p);
}

char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	 n;

	if ((n = vasprintf(ret, fmt, ap)) < 0)
		fatalx("out of memory formatting a message");
	return (n);
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (n);
}

int
write_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

static void
log_vwrite(const char *fmt, va_list ap, const char *suffix)
{
	char	*msg, *line;
	int	 n;

	xvasprintf(&msg, fmt, ap);
	n = xasprintf(&line, "%s: %s%s\n", log_progname, msg, suffix);
	(void)write_all(log_fd, line, (size_t)n);
	free(line);
	free(msg);
}

void
log_msg(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, "");
	va_end(ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, "");
	va_end(ap);
	_exit(1);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	char	 suffix[256];

	snprintf(suffix, sizeof suffix, ": %s", strerror(errno));
	va_start(ap, fmt);
	log_vwrite(fmt, ap, suffix);
	va_end(ap);
	_exit(1);
}

double
mono_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* A condition variable whose timed waits use CLOCK_MONOTONIC. */
void
cond_init_mono(pthread_cond_t *c)
{
	pthread_condattr_t	 ca;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(c, &ca);
	pthread_condattr_destroy(&ca);
}

/* The CLOCK_MONOTONIC time d seconds from now, for such a wait. */
void
mono_in(double d, struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += (time_t)d;
	ts->tv_nsec += (long)((d - (double)(time_t)d) * 1e9);
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

void
block_signals(void)
{
	sigset_t	 set;

	sigfillset(&set);
	sigdelset(&set, SIGSEGV);
	sigdelset(&set, SIGBUS);
	sigdelset(&set, SIGFPE);
	sigdelset(&set, SIGILL);
	sigdelset(&set, SIGABRT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}
