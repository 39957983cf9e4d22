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
#include <poll.h>
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
				status = m.len == 1 && m.data[0] == '0' ? 0 : 1;
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
		if (in.len + (size_t)n > in.cap) {
			while (in.len + (size_t)n > in.cap)
				in.cap = in.cap == 0 ? 65536 : in.cap * 2;
			in.data = xrealloc(in.data, in.cap);
		}
		memcpy(in.data + in.len, buf, (size_t)n);
		in.len += (size_t)n;
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
 * "NAME: N panes (pid P)"; stale sockets are said to be so.  Status 1
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
	int		 found = 0;

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
		else if (sscanf(info, "%lu %ld", &panes, &pid) == 2) {
			dprintf(tty_out_fd, "%s: %lu pane%s (pid %ld)\n",
			    de->d_name, panes, panes == 1 ? "" : "s", pid);
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
			if (in.len + (size_t)n > in.cap) {
				while (in.len + (size_t)n > in.cap)
					in.cap = in.cap == 0 ? 65536 :
					    in.cap * 2;
				in.data = xrealloc(in.data, in.cap);
			}
			memcpy(in.data + in.len, buf, (size_t)n);
			in.len += (size_t)n;
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
