/*
 * batch.c: --batch FILE, a session script run with no terminal.
 *
 * The whole script is read and parsed (script.c) before anything runs, so
 * a syntax error anywhere costs nothing.  Commands then run in order on the
 * main thread, which plays the UI thread's part; only what capture prints
 * goes to standard output (the real one, kept aside by main.c), and
 * messages go to standard error as FILE:LINE:COLUMN: why.  The first failing
 * command stops the script.  At the end every pane is closed (running code
 * is interrupted) within 2 seconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subplex.h"

/* Read all of fd into a buffer; -1 with errno on failure. */
static int
batch_slurp(int fd, char **buf, size_t *len)
{
	size_t	 cap = 65536;
	ssize_t	 n;

	*buf = xmalloc(cap);
	*len = 0;
	for (;;) {
		if (*len == cap)
			*buf = xrealloc(*buf, (cap *= 2));
		n = read(fd, *buf + *len, cap - *len);
		if (n == 0)
			return (0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(*buf);
			*buf = NULL;
			return (-1);
		}
		*len += (size_t)n;
	}
}

int
batch_load(const char *path, struct script *sc, const char **name,
    char **cause)
{
	char	*buf;
	size_t	 len;
	char	*why;
	int	 fd, line, col, rc;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		fd = tty_in_fd;
	} else {
		*name = path;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
			xasprintf(cause, "%s: %s", path, strerror(errno));
			return (-1);
		}
	}
	rc = batch_slurp(fd, &buf, &len);
	if (fd != tty_in_fd)
		close(fd);
	if (rc != 0) {
		xasprintf(cause, "%s: %s", *name, strerror(errno));
		return (-1);
	}
	if (script_parse(buf, len, sc, &line, &col, &why) != 0) {
		xasprintf(cause, "%s:%d:%d: %s", *name, line, col, why);
		free(why);
		free(buf);
		return (-1);
	}
	free(buf);
	return (0);
}

/* Parse text (from -c) named name for messages. */
int
batch_parse(const char *name, const char *text, size_t len,
    struct script *sc, char **cause)
{
	char	*why;
	int	 line, col;

	if (script_parse(text, len, sc, &line, &col, &why) != 0) {
		xasprintf(cause, "%s:%d:%d: %s", name, line, col, why);
		free(why);
		return (-1);
	}
	return (0);
}

/* Run a parsed script; 0 when it ran to its end. */
int
batch_run(const char *name, struct script *sc)
{
	struct cmd_ctx	 ctx;
	char		*cause;
	size_t		 i;

	memset(&ctx, 0, sizeof ctx);
	ctx.file = name;
	ctx.out_fd = tty_out_fd;
	/* Panes a config (-F) made: the newest is current, as in the UI. */
	if (pane_count() > 0)
		ctx.current = pane_at(pane_count() - 1);
	for (i = 0; i < sc->ncmds && !ctx.quit; i++) {
		ctx.line = sc->cmds[i].line;
		if (cmd_exec(&ctx, sc->cmds[i].argc, sc->cmds[i].argv,
		    &cause) != 0) {
			log_msg("%s:%d:%d: %s", name, ctx.line,
			    sc->cmds[i].col, cause);
			free(cause);
			return (-1);
		}
	}
	return (0);
}
