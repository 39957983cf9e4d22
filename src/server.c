/*
 * server.c: the Unix socket by which other programs reach a session.
 *
 * `subplex COMMAND ARGS` from another shell connects here and runs its
 * command in this process, as a client of the command loop (cmd.c) with
 * no terminal: what it prints goes back as PROTO_STDOUT, its error as
 * PROTO_STDERR (FILE:LINE:COLUMN: why, as in batch mode), then
 * PROTO_EXIT with the status, and the connection closes.  Its default
 * target is the pane the session's UI has focused; panes it makes, renames
 * or closes are told to the UI through the hooks the UI registered
 * (server.c calls nothing above it), and so are the keys of send-keys,
 * which the UI types at the pane.
 *
 * The socket's directory is the user's own (mode 0700, proto.c); every
 * peer's uid is checked (SO_PEERCRED) and another uid is refused.  A live
 * socket of another server is never taken; a stale one (nothing listens)
 * is replaced.  Sockets are non-blocking: a client that sends a message
 * that cannot be one (proto_get), or more than PROTO_MAX, is dropped with
 * a line in the log; the others and the session go on.  Runs on the UI
 * thread, from its poll loop (server_pollfds, server_dispatch).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "subplex.h"

#define SERVER_MAX_CLIENTS	64

struct server_client {
	struct cmd_client	 c;		/* first: ops get this */
	int			 fd;
	struct proto_buf	 in, out;
	int			 hello;		/* PROTO_HELLO came */
	int			 running;	/* its command has not ended */
	int			 done;		/* close once out is sent */
	int			 fds[2];	/* received (SCM_RIGHTS) */
	int			 nfds;
	unsigned int		 key;		/* never reused */
	int			 attached;	/* its terminal is a screen */

	/* Control mode: lines wait their turn; output and the error of the
	 * one running make its reply. */
	struct control		*ctl;
	char			**lines;
	size_t			 nlines;
	unsigned long		 id;		/* the running line's number */
	char			*reply;
	size_t			 replylen;
	char			*error;
};

static int				 server_fd = -1;
static char				*server_sock;
static const struct server_hooks	*server_hooks;
static struct server_client		*server_clients[SERVER_MAX_CLIENTS];
static int				 server_nclients;
static unsigned int			 server_next_id;

static struct server_client *
server_client_of(struct cmd_client *c)
{
	return ((struct server_client *)c);
}

static int
server_print(struct cmd_client *c, char *text, size_t len, char **cause)
{
	struct server_client	*sc = server_client_of(c);

	(void)cause;
	if (sc->ctl != NULL) {
		sc->reply = xrealloc(sc->reply, sc->replylen + len + 1);
		memcpy(sc->reply + sc->replylen, text, len);
		sc->replylen += len;
	} else
		proto_put(&sc->out, PROTO_STDOUT, text, len);
	free(text);
	return (0);
}

static void
server_error(struct cmd_client *c, const char *msg)
{
	struct server_client	*sc = server_client_of(c);
	char			*e;

	if (sc->ctl != NULL) {
		/* Its reply carries them all, a line each (a source-file
		 * tells each error of its file). */
		if (sc->error != NULL) {
			xasprintf(&e, "%s\n%s", sc->error, msg);
			free(sc->error);
			sc->error = e;
		} else
			sc->error = xstrdup(msg);
	} else
		proto_put(&sc->out, PROTO_STDERR, msg, strlen(msg));
}

static void
server_pane_event(struct cmd_client *c, unsigned int h,
    enum cmd_pane_event ev)
{
	(void)c;
	if (server_hooks->pane_event != NULL)
		server_hooks->pane_event(h, ev);
}

static void
server_quit(struct cmd_client *c, int force)
{
	(void)c;
	(void)force;
	if (server_hooks->quit != NULL)
		server_hooks->quit();
}

/* select-pane, layouts and zoom from another program act on the screen. */
static void
server_focused(struct cmd_client *c)
{
	if (server_hooks->focus_set != NULL)
		server_hooks->focus_set(c->current);
}

static void
server_set_layout(struct cmd_client *c, int next, enum layout l)
{
	(void)c;
	if (server_hooks->set_layout != NULL)
		server_hooks->set_layout(next, l);
}

static void
server_toggle_zoom(struct cmd_client *c)
{
	(void)c;
	if (server_hooks->toggle_zoom != NULL)
		server_hooks->toggle_zoom();
}

/* send-keys from another program: typed at the session's screen. */
static int
server_send_keys(struct cmd_client *c, unsigned int h, int all,
    struct key_event *ev, size_t n, char **cause)
{
	(void)c;
	if (server_hooks->send_keys == NULL) {
		xasprintf(cause, "no screen to type the keys at");
		return (-1);
	}
	return (server_hooks->send_keys(h, all, ev, n, cause));
}

/* send-keys -X from another program: copy mode is the screen's. */
static int
server_copy_command(struct cmd_client *c, struct pane *p, const char *name,
    const char *arg, char **cause)
{
	(void)c;
	if (server_hooks->copy_command == NULL) {
		xasprintf(cause, "no screen: copy mode is the terminal's");
		return (-1);
	}
	return (server_hooks->copy_command(pane_handle(p), name, arg, cause));
}

/* split-window, resize-pane, swap-pane from a shell: the screen's layout. */
static int
server_layout(struct cmd_client *c, const struct cmd_layout *req,
    char **cause)
{
	(void)c;
	if (server_hooks->layout != NULL)
		return (server_hooks->layout(req, cause));
	return (0);
}

static const struct cmd_client_ops server_client_ops = {
	.print = server_print,
	.error = server_error,
	.focused = server_focused,
	.pane_event = server_pane_event,
	.set_layout = server_set_layout,
	.toggle_zoom = server_toggle_zoom,
	.layout = server_layout,
	.quit = server_quit,
	.send_keys = server_send_keys,
	.copy_command = server_copy_command,
};

static void
server_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
server_log(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (server_hooks != NULL && server_hooks->log != NULL)
		server_hooks->log(msg);
	free(msg);
}

/* Is something listening on path?  (A stale socket file: no.) */
static int
server_live(const char *path)
{
	struct sockaddr_un	 sa;
	int			 fd, live;

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (0);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	live = connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
	close(fd);
	return (live);
}

/* Listen on path; another live server's socket is never taken. */
int
server_start(const char *path, const struct server_hooks *hooks,
    char **cause)
{
	struct sockaddr_un	 sa;
	mode_t			 old;

	server_hooks = hooks;
	if (strlen(path) >= sizeof sa.sun_path) {
		xasprintf(cause, "%s: socket path too long", path);
		return (-1);
	}
	if (server_live(path)) {
		xasprintf(cause, "another subplex serves %s (-L NAME gives "
		    "this one a socket of its own)", path);
		return (-1);
	}
	(void)unlink(path);		/* stale: nothing listened */
	if ((server_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) == -1) {
		xasprintf(cause, "socket: %s", strerror(errno));
		return (-1);
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	old = umask(0177);
	if (bind(server_fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(server_fd, 16) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		umask(old);
		close(server_fd);
		server_fd = -1;
		return (-1);
	}
	umask(old);
	server_sock = xstrdup(path);
	return (0);
}

const char *
server_path(void)
{
	return (server_sock);
}

static void
server_drop(int i)
{
	struct server_client	*sc = server_clients[i];

	if (sc->attached && server_hooks->detach != NULL) {
		/* Its terminal is gone with it (hung up, killed): let go. */
		sc->attached = 0;
		server_hooks->detach(sc->key);
	}
	while (sc->nfds > 0)
		close(sc->fds[--sc->nfds]);
	cmd_cancel(&sc->c);
	control_free(sc->ctl);
	while (sc->nlines > 0)
		free(sc->lines[--sc->nlines]);
	free(sc->lines);
	free(sc->reply);
	free(sc->error);
	close(sc->fd);
	proto_buf_free(&sc->in);
	proto_buf_free(&sc->out);
	free(sc);
	server_clients[i] = server_clients[--server_nclients];
}

void
server_stop(void)
{
	while (server_nclients > 0)
		server_drop(server_nclients - 1);
	if (server_fd != -1) {
		close(server_fd);
		server_fd = -1;
	}
	if (server_sock != NULL) {
		(void)unlink(server_sock);
		free(server_sock);
		server_sock = NULL;
	}
}

static struct server_client *
server_client_new(int fd)
{
	struct server_client	*sc;

	sc = xcalloc(1, sizeof *sc);
	sc->fd = fd;
	sc->key = ++server_next_id;
	sc->c.ops = &server_client_ops;
	sc->c.where = "from another program";
	server_clients[server_nclients++] = sc;
	return (sc);
}

/* How many terminals are attached (subplex ls). */
static int
server_nattached(void)
{
	int	 i, n = 0;

	for (i = 0; i < server_nclients; i++)
		n += server_clients[i]->attached;
	return (n);
}

static struct server_client *
server_client_find(unsigned int key)
{
	int	 i;

	for (i = 0; i < server_nclients; i++)
		if (server_clients[i]->key == key)
			return (server_clients[i]);
	return (NULL);
}

/* 0: a client came (or was refused); -1: none is waiting. */
static int
server_accept(void)
{
	struct ucred		 cred;
	socklen_t		 len = sizeof cred;
	struct proto_buf	 b;
	char			*msg;
	int			 fd;

	if ((fd = accept4(server_fd, NULL, NULL, SOCK_CLOEXEC |
	    SOCK_NONBLOCK)) == -1)
		return (-1);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
	    cred.uid != getuid() || server_nclients == SERVER_MAX_CLIENTS) {
		/* Refused, with a reason the client prints. */
		memset(&b, 0, sizeof b);
		if (server_nclients == SERVER_MAX_CLIENTS)
			xasprintf(&msg, "too many clients (%d)",
			    SERVER_MAX_CLIENTS);
		else
			xasprintf(&msg, "refused: uid %u is not the server's",
			    (unsigned int)cred.uid);
		proto_put(&b, PROTO_STDERR, msg, strlen(msg));
		proto_put(&b, PROTO_EXIT, "1", 1);
		(void)write(fd, b.data, b.len);
		server_log("%s", msg);
		free(msg);
		proto_buf_free(&b);
		close(fd);
		return (0);
	}
	(void)server_client_new(fd);
	return (0);
}

/*
 * A command's words as one line of the session language, so that errors
 * have a column: each word quoted, but a lone ";" separates commands (as
 * tmux takes "\;").
 */
static char *
server_line(int argc, char **argv)
{
	char	*line = xstrdup(""), *w, *n;
	int	 i;

	for (i = 0; i < argc; i++) {
		w = strcmp(argv[i], ";") == 0 ? xstrdup(";") :
		    cmd_quote(1, argv + i);
		xasprintf(&n, "%s%s%s", line, i > 0 ? " " : "", w);
		free(line);
		free(w);
		line = n;
	}
	return (line);
}

/* Control mode: the events since the last look. */
static void
server_events(struct server_client *sc)
{
	char	*ev;

	if (sc->ctl == NULL || (ev = control_poll(sc->ctl)) == NULL)
		return;
	proto_put(&sc->out, PROTO_EVENT, ev, strlen(ev));
	free(ev);
}

static void server_control_next(struct server_client *);

/* Control mode: the running line ended; its reply, then the next. */
static void
server_control_done(struct server_client *sc)
{
	char	*r;

	sc->running = 0;
	server_events(sc);	/* what it did, before it is answered */
	r = control_reply(sc->ctl, sc->id, sc->reply, sc->replylen,
	    sc->c.failed ? (sc->error != NULL ? sc->error : "failed") : NULL);
	proto_put(&sc->out, PROTO_EVENT, r, strlen(r));
	free(r);
	free(sc->reply);
	free(sc->error);
	sc->reply = sc->error = NULL;
	sc->replylen = 0;
	sc->c.failed = 0;
	server_control_next(sc);
}

/* Control mode: run the next line waiting, if none runs. */
static void
server_control_next(struct server_client *sc)
{
	struct script	 s;
	char		*line, *why;

	if (sc->running || sc->nlines == 0 || sc->c.quit)
		return;
	line = sc->lines[0];
	memmove(sc->lines, sc->lines + 1, --sc->nlines * sizeof *sc->lines);
	sc->id++;
	sc->running = 1;
	if (server_hooks->focus != NULL && sc->c.current == 0)
		sc->c.current = server_hooks->focus();
	if (cmd_parse("-", line, strlen(line), &s, &why) != 0) {
		server_error(&sc->c, why);
		free(why);
		sc->c.failed = 1;
		server_control_done(sc);
	} else if (cmd_run_as(&sc->c, "-", &s, CMD_RUN_TYPED) != CMD_WAIT)
		server_control_done(sc);
	free(line);
}

static int
server_control_line(struct server_client *sc, struct proto_msg *m,
    char **cause)
{
	if (sc->ctl == NULL) {
		xasprintf(cause, "a command line outside control mode");
		return (-1);
	}
	if (memchr(m->data, '\0', m->len) != NULL) {
		xasprintf(cause, "a command line with a NUL byte");
		return (-1);
	}
	sc->lines = xreallocarray(sc->lines, sc->nlines + 1,
	    sizeof *sc->lines);
	sc->lines[sc->nlines++] = xstrndup(m->data, m->len);
	server_control_next(sc);
	return (0);
}

/*
 * subplex attach: the client's terminal (its two fds came along) becomes
 * one more screen of the session; the clients attached before stay.
 */
static int
server_attach(struct server_client *sc, struct proto_msg *m, char **cause)
{
	char	*term, *why = NULL;

	if (sc->nfds != 2 || sc->running || sc->ctl != NULL) {
		xasprintf(cause, "an attach without a terminal");
		return (-1);
	}
	term = xstrndup(m->data, m->len);
	if (server_hooks->attach == NULL || server_hooks->attach(sc->key,
	    sc->fds[0], sc->fds[1], term, &why) != 0) {
		proto_put(&sc->out, PROTO_STDERR, why != NULL ? why :
		    "cannot attach", why != NULL ? strlen(why) : 13);
		proto_put(&sc->out, PROTO_EXIT, "1", 1);
		sc->done = 1;
		free(why);
		free(term);
		return (0);
	}
	sc->nfds = 0;		/* the screen's now */
	sc->attached = 1;
	free(term);
	return (0);
}

/*
 * The first client: the terminal subplex was started on, whose process
 * waits on fd (a socketpair) while this one serves.
 */
unsigned int
server_adopt(int fd, const struct server_hooks *hooks)
{
	struct server_client	*sc;

	server_hooks = hooks;
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	sc = server_client_new(fd);
	sc->hello = 1;
	sc->attached = 1;
	return (sc->key);
}

/*
 * Tell an attached client (by its key): detached (it goes, its terminal
 * back to the shell), suspend (it stops as a job), or the exit status.
 * Written at once: its screen is already let go.
 */
void
server_tell(unsigned int key, enum proto_type type, const char *text)
{
	struct server_client	*sc = server_client_find(key);

	if (sc == NULL || !sc->attached)
		return;
	proto_put(&sc->out, type, text, strlen(text));
	(void)fcntl(sc->fd, F_SETFL, fcntl(sc->fd, F_GETFL) & ~O_NONBLOCK);
	if (write_all(sc->fd, sc->out.data, sc->out.len) == 0)
		sc->out.len = 0;
	(void)fcntl(sc->fd, F_SETFL, fcntl(sc->fd, F_GETFL) | O_NONBLOCK);
	if (type == PROTO_SUSPEND)
		return;
	/* Closed before the next poll (server_pollfds): never here, where
	 * the caller may be reading a message of this very client. */
	sc->attached = 0;
	sc->done = 1;
}

static void
server_exit(struct server_client *sc)
{
	const char	*status = sc->c.failed ? "1" : "0";

	proto_put(&sc->out, PROTO_EXIT, status, 1);
	sc->running = 0;
	sc->done = 1;
}

static int
server_command(struct server_client *sc, struct proto_msg *m, char **cause)
{
	struct script	 s;
	char		**argv, *line, *why;
	int		 argc;

	if (sc->running || sc->done || sc->ctl != NULL) {
		xasprintf(cause, "a second command on one connection, or a "
		    "command in control mode");
		return (-1);
	}
	if (proto_argv(m->data, m->len, &argc, &argv, cause) != 0)
		return (-1);
	line = server_line(argc, argv);
	proto_free_argv(argc, argv);
	if (server_hooks->focus != NULL)
		sc->c.current = server_hooks->focus();
	if (cmd_parse("-", line, strlen(line), &s, &why) != 0) {
		server_error(&sc->c, why);
		free(why);
		sc->c.failed = 1;
		server_exit(sc);
	} else {
		sc->running = 1;
		if (cmd_run_as(&sc->c, "-", &s, CMD_RUN_TYPED) != CMD_WAIT)
			server_exit(sc);
	}
	free(line);
	return (0);
}

static int
server_message(struct server_client *sc, struct proto_msg *m, char **cause)
{
	char	 info[64];
	long	 v;
	int	 n;

	switch (m->type) {
	case PROTO_HELLO:
		if (proto_number(m, &v) != 0 || v != PROTO_VERSION) {
			xasprintf(cause, "protocol version '%.*s' (this server "
			    "speaks %d)", (int)(m->len > 8 ? 8 : m->len),
			    m->data, PROTO_VERSION);
			return (-1);
		}
		sc->hello = 1;
		return (0);
	case PROTO_COMMAND:
		if (!sc->hello)
			break;
		return (server_command(sc, m, cause));
	case PROTO_CONTROL:
		if (!sc->hello)
			break;
		if (sc->ctl != NULL || sc->running || sc->done) {
			xasprintf(cause, "control mode asked twice, or after a "
			    "command");
			return (-1);
		}
		sc->ctl = control_new();
		{
			char *ev = control_hello(sc->ctl);
			proto_put(&sc->out, PROTO_EVENT, ev, strlen(ev));
			free(ev);
		}
		return (0);
	case PROTO_LINE:
		if (!sc->hello)
			break;
		return (server_control_line(sc, m, cause));
	case PROTO_ATTACH:
		if (!sc->hello)
			break;
		return (server_attach(sc, m, cause));
	case PROTO_RESIZE:
	case PROTO_SIGNAL:
		if (!sc->attached)
			return (0);	/* no longer attached: moot */
		if (m->type == PROTO_RESIZE && server_hooks->resize != NULL)
			server_hooks->resize(sc->key);
		if (m->type == PROTO_SIGNAL && server_hooks->signal != NULL &&
		    proto_number(m, &v) == 0 && v < 65)
			server_hooks->signal(sc->key, (int)v);
		return (0);
	case PROTO_INFO:
		if (!sc->hello)
			break;
		n = snprintf(info, sizeof info, "%zu %ld %d", pane_count(),
		    (long)getpid(), server_nattached());
		proto_put(&sc->out, PROTO_INFO, info, (size_t)n);
		proto_put(&sc->out, PROTO_EXIT, "0", 1);
		sc->done = 1;
		return (0);
	default:
		xasprintf(cause, "a message of type %d from a client",
		    (int)m->type);
		return (-1);
	}
	xasprintf(cause, "a message before the client said its version");
	return (-1);
}

/* Read, taking the fds that ride along (an attach's terminal). */
static ssize_t
server_recv(struct server_client *sc, char *buf, size_t len)
{
	struct msghdr	 mh;
	struct iovec	 iov = { buf, len };
	struct cmsghdr	*cm;
	union {
		struct cmsghdr	 h;
		char		 b[CMSG_SPACE(4 * sizeof (int))];
	}		 cbuf;
	ssize_t		 n;
	size_t		 k, nf;
	int		 fd;

	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf.b;
	mh.msg_controllen = sizeof cbuf.b;
	if ((n = recvmsg(sc->fd, &mh, MSG_CMSG_CLOEXEC)) < 0)
		return (n);
	for (cm = CMSG_FIRSTHDR(&mh); cm != NULL; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		nf = (cm->cmsg_len - CMSG_LEN(0)) / sizeof (int);
		for (k = 0; k < nf; k++) {
			memcpy(&fd, CMSG_DATA(cm) + k * sizeof (int),
			    sizeof fd);
			if (sc->nfds < 2)
				sc->fds[sc->nfds++] = fd;
			else
				close(fd);
		}
	}
	return (n);
}

/* Read what client i sent; 0 to keep it, -1 to drop it. */
static int
server_read(int i)
{
	struct server_client	*sc = server_clients[i];
	struct proto_msg	 m;
	char			 buf[65536], *cause = NULL;
	ssize_t			 n;
	size_t			 used;
	int			 r;

	if ((n = server_recv(sc, buf, sizeof buf)) == 0)
		return (-1);		/* gone: its commands are dropped */
	if (n < 0)
		return (errno == EAGAIN || errno == EINTR ? 0 : -1);
	proto_append(&sc->in, buf, (size_t)n);
	while ((r = proto_get(sc->in.data, sc->in.len, &m, &used, &cause)) ==
	    1) {
		if (server_message(sc, &m, &cause) != 0)
			break;
		proto_consume(&sc->in, used);
	}
	if (cause != NULL) {
		server_log("client dropped: %s", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/* Send what is queued for client i; -1 when it is gone. */
static int
server_write(int i)
{
	struct server_client	*sc = server_clients[i];
	ssize_t			 n;

	while (sc->out.len > 0) {
		n = write(sc->fd, sc->out.data, sc->out.len);
		if (n < 0)
			return (errno == EAGAIN || errno == EINTR ? 0 : -1);
		proto_consume(&sc->out, (size_t)n);
	}
	return (sc->done ? -1 : 0);	/* all sent: done */
}

/* The fds to poll: the listening socket, then each client's. */
int
server_pollfds(struct pollfd *pfd, int max)
{
	int	 i, n = 0;

	/* Clients done, all sent: closed now. */
	for (i = server_nclients - 1; i >= 0; i--)
		if (server_clients[i]->done && server_clients[i]->out.len == 0)
			server_drop(i);
	if (max < 1)
		return (0);
	pfd[n].fd = server_fd;		/* -1 (no socket): poll skips it */
	pfd[n].events = POLLIN;
	pfd[n++].revents = 0;
	for (i = 0; i < server_nclients && n < max; i++) {
		pfd[n].fd = server_clients[i]->fd;
		pfd[n].events = (server_clients[i]->done ? 0 : POLLIN) |
		    (server_clients[i]->out.len > 0 ? POLLOUT : 0);
		pfd[n++].revents = 0;
	}
	return (n);
}

static int
server_index(int fd)
{
	int	 i;

	for (i = 0; i < server_nclients; i++)
		if (server_clients[i]->fd == fd)
			return (i);
	return (-1);
}

void
server_dispatch(struct pollfd *pfd, int n)
{
	int	 k, i;

	for (k = 1; k < n; k++) {
		if (pfd[k].revents == 0 || (i = server_index(pfd[k].fd)) < 0)
			continue;
		if (((pfd[k].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !server_clients[i]->done && server_read(i) != 0) ||
		    server_write(i) != 0)
			server_drop(i);
	}
	if (n > 0 && (pfd[0].revents & POLLIN))
		for (k = 0; k < 16; k++)	/* a burst, not one a round */
			if (server_accept() != 0)
				break;
}

/* The engine changed: resume the clients' waiting commands. */
void
server_continue(void)
{
	struct server_client	*sc;
	int			 i;

	for (i = 0; i < server_nclients; i++) {
		sc = server_clients[i];
		if (sc->running && !cmd_continue(&sc->c)) {
			if (sc->ctl != NULL)
				server_control_done(sc);
			else
				server_exit(sc);
		}
		server_events(sc);
	}
	for (i = server_nclients - 1; i >= 0; i--)
		if (server_clients[i]->out.len > 0 &&
		    server_write(i) != 0)
			server_drop(i);
}

/* When a client's waiting command must be looked at again; -1: none. */
double
server_deadline(void)
{
	double	 d = -1, t;
	int	 i;

	for (i = 0; i < server_nclients; i++) {
		if (!server_clients[i]->running)
			continue;
		t = cmd_deadline(&server_clients[i]->c);
		if (t >= 0 && (d < 0 || t < d))
			d = t;
	}
	return (d);
}
