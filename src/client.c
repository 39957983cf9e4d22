/*
 * client.c: `subplex COMMAND [ARGS]` and `subplex ls`, run against the
 * server of a running session (server.c) over its Unix socket.
 *
 * A command goes as its words (a lone ";" separates commands); what comes
 * back is written as it arrives: output to standard output, messages to
 * standard error (FILE:LINE:COLUMN: why, as in batch mode), and the exit
 * status ends it.  No server, a stale socket, a refused connection or a
 * server that goes away mid-way each get a message and status 1, never a
 * hang.  `subplex control` speaks control mode: command lines read from
 * standard input go to the server one by one, and the JSON events that
 * come back (server.c, control.c) are written to standard output as they
 * arrive; at the end of the input it waits for the replies to every line
 * it sent.  Runs on the main thread of a short-lived process that starts
 * no engine.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "subplex.h"

static int
client_connect(const char *path, int quiet)
{
	struct sockaddr_un	 sa;
	int			 fd;

	if (strlen(path) >= sizeof sa.sun_path) {
		log_msg("%s: socket path too long", path);
		return (-1);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		fatal("socket");
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		if (quiet)
			;
		else if (errno == ENOENT || errno == ECONNREFUSED)
			log_msg("no server running on %s%s", path,
			    errno == ECONNREFUSED ? " (a stale socket: its "
			    "server is gone)" : "");
		else
			log_msg("cannot connect to %s: %s", path,
			    strerror(errno));
		close(fd);
		return (-1);
	}
	return (fd);
}

/*
 * Send out, then take messages until PROTO_EXIT; info: where a
 * PROTO_INFO reply goes (NULL: none expected).  The exit status, or -1.
 */
static int
client_exchange(int fd, struct proto_buf *out, const char *path, char **info)
{
	struct proto_buf	 in;
	struct proto_msg	 m;
	char			 buf[65536], *cause = NULL;
	ssize_t			 n;
	size_t			 used;
	long			 v;
	int			 r, status = -1;

	/* A server that refused us has said why and closed: read it. */
	if (write_all(fd, out->data, out->len) != 0 && errno != EPIPE &&
	    errno != ECONNRESET) {
		log_msg("%s: %s", path, strerror(errno));
		return (-1);
	}
	memset(&in, 0, sizeof in);
	while (status < 0) {
		while ((r = proto_get(in.data, in.len, &m, &used, &cause)) ==
		    1) {
			if (m.type == PROTO_STDOUT)
				(void)write_all(tty_out_fd, m.data, m.len);
			else if (m.type == PROTO_STDERR)
				log_msg("%.*s", (int)m.len, m.data);
			else if (m.type == PROTO_INFO && info != NULL)
				*info = xstrndup(m.data, m.len);
			else if (m.type == PROTO_EXIT)
				status = proto_number(&m, &v) == 0 && v == 0 ?
				    0 : 1;
			proto_consume(&in, used);
			if (status >= 0)
				break;
		}
		if (r < 0) {
			log_msg("%s: a bad message from the server: %s", path,
			    cause);
			free(cause);
			break;
		}
		if (status >= 0)
			break;
		if ((n = read(fd, buf, sizeof buf)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				log_msg("%s: the server went away: %s", path,
				    strerror(errno));
			else
				log_msg("%s: the server went away", path);
			break;
		}
		proto_append(&in, buf, (size_t)n);
	}
	proto_buf_free(&in);
	return (status);
}

static void
client_hello(struct proto_buf *out)
{
	char	 v[8];
	int	 n;

	n = snprintf(v, sizeof v, "%d", PROTO_VERSION);
	proto_put(out, PROTO_HELLO, v, (size_t)n + 1);
}

/* Run a command in the server at path: its exit status (1 if none). */
int
client_command(const char *path, int argc, char **argv)
{
	struct proto_buf	 out;
	char			*words;
	size_t			 len;
	int			 fd, status;

	if ((fd = client_connect(path, 0)) == -1)
		return (1);
	memset(&out, 0, sizeof out);
	client_hello(&out);
	words = proto_pack_argv(argc, argv, &len);
	if (len > PROTO_MAX) {
		log_msg("the command is too long (%zu bytes; the most is %u)",
		    len, PROTO_MAX);
		free(words);
		close(fd);
		return (1);
	}
	proto_put(&out, PROTO_COMMAND, words, len);
	free(words);
	status = client_exchange(fd, &out, path, NULL);
	proto_buf_free(&out);
	close(fd);
	return (status < 0 ? 1 : status);
}

/* Does a server listen on path? */
int
client_live(const char *path)
{
	int	 fd;

	if ((fd = client_connect(path, 1)) == -1)
		return (0);
	close(fd);
	return (1);
}

/* One server's "PANES PID", or NULL (not running: a stale socket). */
static char *
client_info(const char *path)
{
	struct proto_buf	 out;
	char			*info = NULL;
	int			 fd;

	if ((fd = client_connect(path, 1)) == -1)
		return (NULL);
	memset(&out, 0, sizeof out);
	client_hello(&out);
	proto_put(&out, PROTO_INFO, NULL, 0);
	(void)client_exchange(fd, &out, path, &info);
	proto_buf_free(&out);
	close(fd);
	return (info);
}

/*
 * subplex ls: each server in the directory of the socket path, as
 * "NAME: N panes (pid P) (attached)" (or "(2 attached)", "(detached)":
 * the terminals attached); stale sockets are said to be so.  Status 1
 * when no server runs.
 */
int
client_list(const char *path, const char *only)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		*dir, *slash, *sock, *info;
	unsigned long	 panes;
	long		 pid;
	int		 found = 0, att;
	char		 atts[32];

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	if ((d = opendir(dir)) == NULL) {
		log_msg("no server running in %s", dir);
		free(dir);
		return (1);
	}
	while ((de = readdir(d)) != NULL) {
		if (only != NULL && strcmp(de->d_name, only) != 0)
			continue;
		xasprintf(&sock, "%s/%s", dir, de->d_name);
		if (lstat(sock, &sb) != 0 || !S_ISSOCK(sb.st_mode)) {
			free(sock);
			continue;
		}
		if ((info = client_info(sock)) == NULL)
			dprintf(tty_out_fd, "%s: stale (no server)\n",
			    de->d_name);
		else if (sscanf(info, "%lu %ld %d", &panes, &pid, &att) ==
		    3) {
			if (att == 1)
				snprintf(atts, sizeof atts, "attached");
			else if (att > 1)
				snprintf(atts, sizeof atts, "%d attached", att);
			else
				snprintf(atts, sizeof atts, "detached");
			dprintf(tty_out_fd, "%s: %lu pane%s (pid %ld) (%s)\n",
			    de->d_name, panes, panes == 1 ? "" : "s", pid, atts);
			found = 1;
		}
		free(info);
		free(sock);
	}
	closedir(d);
	if (!found && only != NULL)
		log_msg("no server running on %s/%s", dir, only);
	else if (!found)
		log_msg("no server running in %s", dir);
	free(dir);
	return (found ? 0 : 1);
}

/* Count the replies in a chunk of JSON lines. */
static unsigned long
client_replies(const char *s, size_t n)
{
	static const char	 tag[] = "{\"type\":\"reply\"";
	unsigned long		 k = 0;
	size_t			 i;

	for (i = 0; i + sizeof tag - 1 <= n; i++)
		if ((i == 0 || s[i - 1] == '\n') &&
		    memcmp(s + i, tag, sizeof tag - 1) == 0)
			k++;
	return (k);
}

/*
 * subplex control: lines in, JSON events out, until the input ends and
 * every line has its reply (status 0), or the server goes away (1).
 */
int
client_control(const char *path)
{
	struct proto_buf	 out, in;
	struct proto_msg	 m;
	struct pollfd		 pfd[2];
	char			 buf[65536], *line = NULL, *cause = NULL;
	size_t			 used, llen = 0, lcap = 0, k;
	unsigned long		 sent = 0, replied = 0;
	ssize_t			 n;
	int			 fd, r, eof = 0, status = -1;

	if ((fd = client_connect(path, 0)) == -1)
		return (1);
	memset(&out, 0, sizeof out);
	memset(&in, 0, sizeof in);
	client_hello(&out);
	proto_put(&out, PROTO_CONTROL, NULL, 0);
	if (write_all(fd, out.data, out.len) != 0)
		goto gone;
	out.len = 0;
	while (status < 0) {
		if (eof && replied >= sent) {
			status = 0;
			break;
		}
		pfd[0].fd = eof ? -1 : tty_in_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = fd;
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			if ((n = read(tty_in_fd, buf, sizeof buf)) <= 0)
				eof = 1;
			/* Whole lines go; a last one without '\n' at EOF. */
			for (k = 0; k < (size_t)(n > 0 ? n : 0) || (eof &&
			    llen > 0); k++) {
				if (k < (size_t)(n > 0 ? n : 0) &&
				    buf[k] != '\n') {
					if (llen + 1 > lcap)
						line = xrealloc(line, (lcap =
						    lcap * 2 + 256));
					line[llen++] = buf[k];
					continue;
				}
				proto_put(&out, PROTO_LINE, line, llen);
				llen = 0;
				sent++;
				if (k >= (size_t)(n > 0 ? n : 0))
					break;
			}
			if (out.len > 0 && write_all(fd, out.data, out.len)
			    != 0)
				goto gone;
			out.len = 0;
		}
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			if ((n = read(fd, buf, sizeof buf)) <= 0)
				goto gone;
			proto_append(&in, buf, (size_t)n);
			while ((r = proto_get(in.data, in.len, &m, &used,
			    &cause)) == 1) {
				if (m.type == PROTO_EVENT) {
					(void)write_all(tty_out_fd, m.data,
					    m.len);
					replied += client_replies(m.data,
					    m.len);
				} else if (m.type == PROTO_STDERR)
					log_msg("%.*s", (int)m.len, m.data);
				else if (m.type == PROTO_EXIT)
					status = 1;
				proto_consume(&in, used);
			}
			if (r < 0) {
				log_msg("%s: a bad message from the server: %s",
				    path, cause);
				free(cause);
				status = 1;
			}
		}
	}
	free(line);
	proto_buf_free(&out);
	proto_buf_free(&in);
	close(fd);
	return (status);

gone:
	log_msg("%s: the server went away", path);
	free(line);
	proto_buf_free(&out);
	proto_buf_free(&in);
	close(fd);
	return (1);
}

/* ---- the terminal's client: subplex, subplex attach ---- */

static int	 client_sigpipe[2] = { -1, -1 };

static void
client_signal(int sig)
{
	unsigned char	 c = (unsigned char)sig;
	int		 saved = errno;

	(void)write(client_sigpipe[1], &c, 1);
	errno = saved;
}

static void
client_send(int fd, enum proto_type type, const char *text)
{
	struct proto_buf	 b;

	memset(&b, 0, sizeof b);
	proto_put(&b, type, text, strlen(text));
	(void)write_all(fd, b.data, b.len);
	proto_buf_free(&b);
}

/*
 * The server of this terminal is gone without a word: put the terminal
 * back as best we can (its modes, the normal screen, the cursor).
 */
static void
client_restore(const struct termios *tios)
{
	static const char	 seq[] = "\033[?1006l\033[?1002l\033[?1000l"
	    "\033[?2004l\033[?1049l\033[?25h\033[0m\r\n";

	if (tios != NULL)
		(void)tcsetattr(tty_in_fd, TCSANOW, tios);
	(void)write_all(tty_out_fd, seq, sizeof seq - 1);
}

/*
 * The client of an attached terminal: the server draws on the terminal
 * and reads its keys itself; this process passes on what only it gets
 * (the terminal's size changing, SIGTERM, SIGTSTP and SIGCONT), stops as
 * a job when told to, and ends when the server detaches it (status 0,
 * "[detached ...]"), when the server ends (its status: pid is the server
 * when this process started it, and it dies of the server's signal too),
 * or when the terminal hangs up (the server then detaches on its own).
 */
int
client_attach(const char *path, int fd, pid_t pid, const char *name)
{
	struct proto_buf	 in;
	struct proto_msg	 m;
	struct pollfd		 pfd[2];
	struct sigaction	 sa;
	struct termios		 tios;
	unsigned char		 sigs[32];
	char			 buf[65536], *cause = NULL, num[8];
	size_t			 used;
	ssize_t			 n, k;
	long			 v;
	int			 r, st, have_tios, hup = 0, status = -1;

	have_tios = tcgetattr(tty_in_fd, &tios) == 0;
	if (pipe2(client_sigpipe, O_CLOEXEC | O_NONBLOCK) == -1)
		fatal("pipe2");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = client_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	memset(&in, 0, sizeof in);
	pfd[0].fd = fd;
	pfd[1].fd = client_sigpipe[0];
	pfd[0].events = pfd[1].events = POLLIN;
	while (status < 0) {
		if ((r = poll(pfd, 2, hup ? 2000 : -1)) == -1) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		if (r == 0)
			return (0);	/* hung up; the server will see it */
		if (pfd[1].revents & POLLIN) {
			k = read(client_sigpipe[0], sigs, sizeof sigs);
			for (n = 0; n < k; n++) {
				/* A hang-up: the server puts the terminal back
				 * (if it is still there) and detaches us. */
				if (sigs[n] == SIGHUP)
					hup = 1;
				if (sigs[n] == SIGWINCH)
					client_send(fd, PROTO_RESIZE, "");
				else {
					snprintf(num, sizeof num, "%d", sigs[n]);
					client_send(fd, PROTO_SIGNAL, num);
				}
			}
		}
		if (!(pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if ((n = read(fd, buf, sizeof buf)) <= 0)
			break;		/* the server is gone */
		proto_append(&in, buf, (size_t)n);
		while ((r = proto_get(in.data, in.len, &m, &used, &cause)) ==
		    1) {
			if (m.type == PROTO_DETACHED) {
				dprintf(tty_out_fd, "[detached (from session "
				    "%s)%s%.*s]\n", name, m.len > 0 ? ": " : "",
				    (int)m.len, m.data);
				status = 0;
			} else if (m.type == PROTO_SUSPEND) {
				signal(SIGTSTP, SIG_DFL);
				kill(getpid(), SIGTSTP);
				/* Continued: SIGCONT tells the server. */
				sigaction(SIGTSTP, &sa, NULL);
			} else if (m.type == PROTO_STDERR)
				log_msg("%.*s", (int)m.len, m.data);
			else if (m.type == PROTO_EXIT && pid <= 0)
				status = proto_number(&m, &v) == 0 && v == 0 ?
				    0 : 1;
			proto_consume(&in, used);
		}
		if (r < 0) {
			log_msg("%s: a bad message from the server: %s", path,
			    cause);
			free(cause);
			status = 1;
		}
	}
	proto_buf_free(&in);
	close(fd);
	if (status >= 0)
		return (status);
	if (pid > 0 && waitpid(pid, &st, 0) == pid) {
		if (WIFSIGNALED(st)) {
			/* It said what happened (crash.c); die the same. */
			signal(WTERMSIG(st), SIG_DFL);
			raise(WTERMSIG(st));
		}
		return (WIFEXITED(st) ? WEXITSTATUS(st) : 1);
	}
	client_restore(have_tios ? &tios : NULL);
	log_msg("the server of session %s went away", name);
	return (1);
}

/* subplex attach: this terminal becomes the session's screen. */
int
client_attach_to(const char *path, const char *name)
{
	struct proto_buf	 out;
	struct msghdr		 mh;
	struct iovec		 iov;
	struct cmsghdr		*cm;
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(2 * sizeof (int))];
	}			 cbuf;
	const char		*term = getenv("TERM");
	int			 fd, fds[2] = { tty_in_fd, tty_out_fd };

	if (!isatty(tty_in_fd) || !isatty(tty_out_fd)) {
		log_msg("attach: standard input and output must be a terminal");
		return (1);
	}
	if ((fd = client_connect(path, 0)) == -1)
		return (1);
	memset(&out, 0, sizeof out);
	client_hello(&out);
	(void)write_all(fd, out.data, out.len);
	out.len = 0;
	proto_put(&out, PROTO_ATTACH, term != NULL ? term : "",
	    term != NULL ? strlen(term) : 0);
	memset(&mh, 0, sizeof mh);
	iov.iov_base = out.data;
	iov.iov_len = out.len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf.b;
	mh.msg_controllen = sizeof cbuf.b;
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof fds);
	memcpy(CMSG_DATA(cm), fds, sizeof fds);
	if (sendmsg(fd, &mh, 0) != (ssize_t)out.len) {
		log_msg("%s: %s", path, strerror(errno));
		proto_buf_free(&out);
		close(fd);
		return (1);
	}
	proto_buf_free(&out);
	return (client_attach(path, fd, -1, name));
}
