/*
 * cmd.c: the commands of the session language, one table entry each.
 *
 * A command arrives as an argv vector (from script.c); cmd_exec finds its
 * entry by name or alias, parses its flags as getopt would (a flag table
 * like "t:T:" per entry), checks the argument count and runs it against a
 * context that holds the current target pane.  Failures return -1 with a
 * message in *cause that names the command; the caller adds
 * FILE:LINE:COLUMN.
 * Runs on the UI thread (the batch runner in batch mode): commands that
 * wait (wait, kill-pane) block on pane condition variables, never on a
 * GIL.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "subplex.h"

#define CMD_MAXFLAGS 32
#define CMD_KILL_TIMEOUT 3.0
#define CMD_WAIT_TIMEOUT 30.0
#define CMD_EXPECT_TIMEOUT 10.0

static enum gil_mode cmd_gil = GIL_DEFAULT;	/* set-option gil */

struct cmd_args {
	char		 flag[CMD_MAXFLAGS];
	char		*value[CMD_MAXFLAGS];
	int		 nflags;
	int		 argc;
	char		**argv;
};

struct cmd_entry {
	const char	*name;
	const char	*alias;
	const char	*flags;		/* getopt style */
	int		 min, max;	/* positional arguments */
	const char	*usage;
	int		(*exec)(struct cmd_ctx *, struct cmd_args *, char **);
};

static const char *
cmd_flag(struct cmd_args *a, char f)
{
	int	 i;

	for (i = a->nflags - 1; i >= 0; i--)
		if (a->flag[i] == f)
			return (a->value[i] != NULL ? a->value[i] : "");
	return (NULL);
}

/* The pane named by -t, or the current one. */
static struct pane *
cmd_target(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	const char	*t = cmd_flag(a, 't');
	struct pane	*p;
	int		 i, n = (int)pane_count();

	if (t == NULL || strcmp(t, ".") == 0) {
		if (ctx->current == NULL) {
			xasprintf(cause, n == 0 ? "there are no panes: use "
			    "new-pane first" : "no current pane: use -t PANE");
			return (NULL);
		}
		return (ctx->current);
	}
	if ((strcmp(t, "+") == 0 || strcmp(t, "-") == 0) && n > 0) {
		i = ctx->current != NULL ? pane_index(ctx->current) : 0;
		i = (i + (t[0] == '+' ? 1 : n - 1)) % n;
		return (pane_at((size_t)i));
	}
	p = pane_find(t, cause);
	return (p);
}

static char *cmd_table_text(void);

/* Command output: to the output fd, or shown in the UI. */
static int
cmd_output(struct cmd_ctx *ctx, char *text, size_t len, char **cause)
{
	if (ctx->out_fd < 0) {
		ui_show_text(text);
		return (0);
	}
	if (write_all(ctx->out_fd, text, len) != 0) {
		free(text);
		xasprintf(cause, "cannot write the output: %s",
		    strerror(errno));
		return (-1);
	}
	free(text);
	return (0);
}

/* Write text to a file, replacing it. */
static int
cmd_write_file(const char *path, const char *text, size_t len, char **cause)
{
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644))
	    == -1 || write_all(fd, text, len) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	if (close(fd) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	return (0);
}

static int
cmd_need_ui(struct cmd_ctx *ctx, char **cause)
{
	if (ctx->interactive && ui_active())
		return (0);
	xasprintf(cause, "needs the terminal UI (not available with "
	    "--batch)");
	return (-1);
}

static int
cmd_seconds(const char *s, double *out, char **cause)
{
	char	*end;
	double	 d;

	errno = 0;
	d = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(d) ||
	    d < 0 || d > 86400) {
		xasprintf(cause, "bad number of seconds '%s'", s);
		return (-1);
	}
	*out = d;
	return (0);
}

/* new-pane -e NAME=VALUE, as many as given. */
static int
cmd_new_pane_env(struct cmd_args *a, char **env, size_t *n, char **cause)
{
	const char	*v, *eq;
	int		 i;

	*n = 0;
	for (i = 0; i < a->nflags; i++) {
		if (a->flag[i] != 'e')
			continue;
		v = a->value[i];
		if ((eq = strchr(v, '=')) == NULL || eq == v) {
			xasprintf(cause, "-e takes NAME=VALUE, not '%s'", v);
			return (-1);
		}
		env[(*n)++] = (char *)v;
	}
	return (0);
}

static int
cmd_new_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane_opts	 opts;
	struct pane		*p;
	struct stat		 sb;
	const char		*g = cmd_flag(a, 'g'), *c = cmd_flag(a, 'c');
	const char		*s = cmd_flag(a, 's');
	char			*env[CMD_MAXFLAGS], *cwd = NULL, *startup = NULL;
	int			 rc = -1;

	memset(&opts, 0, sizeof opts);
	opts.name = cmd_flag(a, 'n');
	opts.gil = cmd_gil;
	/* Both as absolute paths: the pane runs in its own directory. */
	if (s != NULL && (access(s, R_OK) != 0 ||
	    (startup = realpath(s, NULL)) == NULL)) {
		xasprintf(cause, "%s: %s", s, strerror(errno));
		goto out;
	}
	opts.startup = startup;
	if (c != NULL) {
		if ((cwd = realpath(c, NULL)) == NULL) {
			xasprintf(cause, "-c %s: %s", c, strerror(errno));
			goto out;
		}
		if (stat(cwd, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			xasprintf(cause, "-c %s: not a directory", c);
			goto out;
		}
	}
	opts.cwd = cwd;
	if (cmd_new_pane_env(a, env, &opts.nenv, cause) != 0)
		goto out;
	opts.env = env;
	if (g != NULL) {
		if (strcmp(g, "own") == 0)
			opts.gil = GIL_OWN;
		else if (strcmp(g, "shared") == 0)
			opts.gil = GIL_SHARED;
		else if (strcmp(g, "main") == 0)
			opts.gil = GIL_MAIN;
		else {
			xasprintf(cause, "-g takes 'own', 'shared' or 'main', "
			    "not '%s'", g);
			goto out;
		}
		if (opts.gil == GIL_OWN && !interp_own_gil_supported()) {
			xasprintf(cause, "an own GIL needs CPython 3.12 or "
			    "later (this is %s)", interp_python_version());
			goto out;
		}
	}
	if ((p = pane_new(&opts, cause)) == NULL)
		goto out;
	if (ctx->interactive)
		ui_pane_added(p);
	if (!cmd_flag(a, 'd') || ctx->current == NULL) {
		ctx->last = ctx->current;
		ctx->current = p;
	}
	rc = 0;
out:
	free(startup);
	free(cwd);
	return (rc);
}

/* Text sent to a pane that has exited would be lost: say so. */
static int
cmd_check_alive(struct pane *p, char **cause)
{
	struct pane_info	 pi;
	int			 rc = 0;

	if (pane_busy(p) != 0)
		return (0);
	pane_info(p, &pi);
	if (pi.state == PANE_DEAD) {
		xasprintf(cause, "pane %s has exited (status %d): "
		    "respawn-pane or kill-pane it", pi.name, pi.exit_status);
		rc = -1;
	}
	pane_info_free(&pi);
	return (rc);
}

static int
cmd_send(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	long		 bad;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if ((bad = utf8_invalid_at(a->argv[0], strlen(a->argv[0]))) >= 0) {
		xasprintf(cause, "invalid UTF-8 in the text at byte %ld",
		    bad + 1);
		return (-1);
	}
	if (cmd_check_alive(p, cause) != 0)
		return (-1);
	if (strchr(a->argv[0], '\n') != NULL)
		pane_send_block(p, a->argv[0]);	/* runs as one input */
	else
		pane_send(p, a->argv[0]);
	return (0);
}

/* Until the transcript matches re, or the deadline. */
static int
cmd_wait_regex(struct pane *p, const char *re, double timeout, char **cause)
{
	regex_t		 rx;
	char		*text, err[256];
	size_t		 len;
	uint64_t	 gen;
	double		 deadline = mono_now() + timeout;
	int		 rc, matched;

	if ((rc = regcomp(&rx, re, REG_EXTENDED | REG_NEWLINE | REG_NOSUB))
	    != 0) {
		regerror(rc, &rx, err, sizeof err);
		xasprintf(cause, "bad regular expression '%s': %s", re, err);
		return (-1);
	}
	gen = outbuf_generation(pane_outbuf(p));
	for (;;) {
		text = pane_transcript(p, &len);
		matched = regexec(&rx, text, 0, NULL, 0) == 0;
		free(text);
		if (matched || mono_now() >= deadline)
			break;
		gen = outbuf_wait(pane_outbuf(p), gen, deadline);
	}
	regfree(&rx);
	if (!matched) {
		xasprintf(cause, "timed out after %g s waiting for /%s/ in "
		    "pane %s", timeout, re, pane_name(p));
		return (-1);
	}
	return (0);
}

static int
cmd_wait(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	const char	*t = cmd_flag(a, 'T'), *re = cmd_flag(a, 'r');
	double		 timeout = CMD_WAIT_TIMEOUT;

	if (t != NULL && cmd_seconds(t, &timeout, cause) != 0)
		return (-1);
	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if (re != NULL)
		return (cmd_wait_regex(p, re, timeout, cause));
	return (pane_wait_idle(p, timeout, cause));
}

static int
cmd_interrupt(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	pane_interrupt(p);
	return (0);
}

static int
cmd_kill_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	int		 i;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if (ctx->interactive && ui_active()) {
		ui_pane_close(p, 0);	/* never block the UI */
		return (0);
	}
	i = pane_index(p);
	if (pane_kill(p, CMD_KILL_TIMEOUT, cause) != 0)
		return (-1);
	if (ctx->last == p)
		ctx->last = NULL;	/* freed: its address may come back */
	if (ctx->current == p) {
		/* As tmux does: the next pane, or the previous one. */
		if (pane_count() == 0)
			ctx->current = NULL;
		else
			ctx->current = pane_at((size_t)i < pane_count() ?
			    (size_t)i : pane_count() - 1);
	}
	return (0);
}

static int
cmd_rename_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if (pane_rename(p, a->argv[0], cause) != 0)
		return (-1);
	ui_pane_renamed(p);	/* its history goes with it */
	return (0);
}

static int
cmd_respawn_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if (ctx->interactive && ui_active()) {
		ui_pane_close(p, 1);
		return (0);
	}
	return (pane_respawn(p, CMD_KILL_TIMEOUT, cause));
}

static int
cmd_capture(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	char		*text;
	size_t		 len;
	int		 rc;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	text = pane_transcript(p, &len);
	if (cmd_flag(a, 'o') != NULL) {
		rc = cmd_write_file(cmd_flag(a, 'o'), text, len, cause);
		free(text);
		return (rc);
	}
	rc = cmd_output(ctx, text, len, cause);
	return (rc);
}

static int
cmd_save_transcript(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	char		*text;
	size_t		 len;
	int		 rc;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	text = pane_transcript(p, &len);
	rc = cmd_write_file(a->argv[0], text, len, cause);
	free(text);
	return (rc);
}

static int
cmd_sleep(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct timespec	 ts;
	double		 d;

	(void)ctx;
	if (cmd_seconds(a->argv[0], &d, cause) != 0)
		return (-1);
	ts.tv_sec = (time_t)d;
	ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
	return (0);
}

/*
 * The pane's output since input was last sent must match REGEX: waits for
 * it until the pane is idle or the timeout passes.  Sessions become tests.
 */
static int
cmd_expect(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	regex_t		 rx;
	const char	*t = cmd_flag(a, 'T');
	double		 timeout = CMD_EXPECT_TIMEOUT, deadline;
	char		*text, err[256], *shown, *q;
	size_t		 len;
	uint64_t	 gen;
	int		 rc, matched, idle;

	if (t != NULL && cmd_seconds(t, &timeout, cause) != 0)
		return (-1);
	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if ((rc = regcomp(&rx, a->argv[0], REG_EXTENDED | REG_NEWLINE |
	    REG_NOSUB)) != 0) {
		regerror(rc, &rx, err, sizeof err);
		xasprintf(cause, "bad regular expression '%s': %s", a->argv[0],
		    err);
		return (-1);
	}
	deadline = mono_now() + timeout;
	gen = outbuf_generation(pane_outbuf(p));
	for (;;) {
		idle = !pane_busy(p);
		if ((text = pane_recent(p, &len)) == NULL)
			text = xstrdup("");	/* input not taken yet */
		else if ((matched = regexec(&rx, text, 0, NULL, 0) == 0) ||
		    idle)
			break;
		matched = 0;
		if (mono_now() >= deadline)
			break;
		free(text);
		/* Output wakes us; going idle does not, so look again soon. */
		gen = outbuf_wait(pane_outbuf(p), gen, mono_now() + 0.05 <
		    deadline ? mono_now() + 0.05 : deadline);
	}
	regfree(&rx);
	if (matched) {
		free(text);
		return (0);
	}
	/* Show what the pane printed, indented, under the message. */
	shown = xstrdup("");
	for (q = strtok(text, "\n"); q != NULL; q = strtok(NULL, "\n")) {
		char *n;
		xasprintf(&n, "%s\n    %s", shown, q);
		free(shown);
		shown = n;
	}
	xasprintf(cause, "/%s/ not in what pane %s printed%s:%s", a->argv[0],
	    pane_name(p), idle ? "" : " (still running)", *shown != '\0' ?
	    shown : " nothing");
	free(shown);
	free(text);
	return (-1);
}

static int
cmd_list_commands(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	char	*text = cmd_table_text();

	(void)a;
	return (cmd_output(ctx, text, strlen(text), cause));
}

static int
cmd_list_panes(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane_info	 pi;
	size_t			 i, len = 0;
	char			*line, *out = xstrdup("");
	int			 n;

	(void)a;
	for (i = 0; i < pane_count(); i++) {
		pane_info(pane_at(i), &pi);
		if (pi.state == PANE_DEAD)
			n = xasprintf(&line, "%d: %s (dead, status %d)%s\n",
			    pi.index, pi.name, pi.exit_status,
			    pane_at(i) == ctx->current ? " (current)" : "");
		else
			n = xasprintf(&line, "%d: %s (%s, %s)%s\n",
			    pi.index, pi.name, pane_state_name(pi.state),
			    pi.main ? "main interpreter" : pi.own_gil ?
			    "own GIL" : "shared GIL",
			    pane_at(i) == ctx->current ? " (current)" : "");
		out = xrealloc(out, len + (size_t)n + 1);
		memcpy(out + len, line, (size_t)n + 1);
		len += (size_t)n;
		free(line);
		pane_info_free(&pi);
	}
	return (cmd_output(ctx, out, len, cause));
}

static int
cmd_select_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	const char	*dirs = "UDLR";
	int		 i;

	for (i = 0; dirs[i] != '\0'; i++) {
		if (cmd_flag(a, dirs[i]) == NULL)
			continue;
		if (cmd_need_ui(ctx, cause) != 0)
			return (-1);
		if (ui_select_direction(dirs[i]) != 0) {
			xasprintf(cause, "no pane %s", i == 0 ? "above" :
			    i == 1 ? "below" : i == 2 ? "to the left" :
			    "to the right");
			return (-1);
		}
		ctx->current = ui_focus();
		return (0);
	}
	if (cmd_flag(a, 'l') != NULL) {
		p = ctx->interactive && ui_active() ? ui_last_pane() :
		    ctx->last;
		if (p == NULL || pane_index(p) < 0) {
			xasprintf(cause, "no last pane");
			return (-1);
		}
	} else if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if (p != ctx->current)
		ctx->last = ctx->current;
	ctx->current = p;
	if (ctx->interactive && ui_active())
		ui_select_pane(p);
	return (0);
}

static int
cmd_on_off(const char *name, const char *v, int *out, char **cause)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else {
		xasprintf(cause, "%s takes on or off, not '%s'", name, v);
		return (-1);
	}
	return (0);
}

static int
cmd_count(const char *name, const char *v, long max, long *out,
    char **cause)
{
	char	*end;

	errno = 0;
	*out = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || *out < 1 ||
	    *out > max) {
		if (cause != NULL)
			xasprintf(cause, "%s takes a number from 1 to %ld, not "
			    "'%s'", name, max, v);
		return (-1);
	}
	return (0);
}

/* Options, as tmux names them where it has them. */
static int
cmd_set_option(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	const char	*name = a->argv[0], *v = a->argv[1];
	key_code	 k;
	long		 n;
	int		 on;

	(void)ctx;
	if (strcmp(name, "prefix") == 0) {
		if ((k = keyc_from_name(v)) == KEYC_NONE) {
			xasprintf(cause, "unknown key '%s'", v);
			return (-1);
		}
		ui_set_prefix(k);
	} else if (strcmp(name, "history-limit") == 0 ||
	    strcmp(name, "scrollback") == 0) {
		if (cmd_count(name, v, 10000000, &n, cause) != 0)
			return (-1);
		pane_scrollback = (size_t)n;	/* for new panes */
	} else if (strcmp(name, "mouse") == 0) {
		if (cmd_on_off(name, v, &on, cause) != 0)
			return (-1);
		ui_set_mouse(on);
	} else if (strcmp(name, "status") == 0) {
		if (cmd_on_off(name, v, &on, cause) != 0)
			return (-1);
		ui_set_status(on);
	} else if (strcmp(name, "history-size") == 0) {
		if (cmd_count(name, v, 1000000, &n, cause) != 0)
			return (-1);
		input_history_size = (size_t)n;
	} else if (strcmp(name, "own-gil-memory") == 0) {
		if (strcmp(v, "0") != 0 &&
		    cmd_count(name, v, 1000000, &n, NULL) != 0) {
			xasprintf(cause, "own-gil-memory takes megabytes from 0 "
			    "(no limit) to 1000000, not '%s'", v);
			return (-1);
		}
		own_gil_memory = strcmp(v, "0") == 0 ? 0 : (size_t)n;
	} else if (strcmp(name, "gil") == 0) {
		if (strcmp(v, "own") == 0) {
			if (!interp_own_gil_supported()) {
				xasprintf(cause, "an own GIL needs CPython "
				    "3.12 or later (this is %s)",
				    interp_python_version());
				return (-1);
			}
			cmd_gil = GIL_OWN;
		} else if (strcmp(v, "shared") == 0)
			cmd_gil = GIL_SHARED;
		else {
			xasprintf(cause, "gil takes own or shared, not '%s'",
			    v);
			return (-1);
		}
	} else {
		xasprintf(cause, "unknown option '%s' (prefix, history-limit, "
		    "mouse, status, history-size, gil, own-gil-memory)", name);
		return (-1);
	}
	return (0);
}

/* Run a .py file in the pane as one block, as a paste runs. */
static int
cmd_send_file(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	FILE		*f;
	char		*line = NULL, *text = NULL;
	size_t		 cap = 0, len = 0, tcap = 0;
	ssize_t		 n;
	long		 lineno = 0, bad;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
	if ((f = fopen(a->argv[0], "r")) == NULL) {
		xasprintf(cause, "%s: %s", a->argv[0], strerror(errno));
		return (-1);
	}
	/* Check it all as it is read: nothing runs from a bad file. */
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		if ((bad = utf8_invalid_at(line, (size_t)n)) >= 0 ||
		    memchr(line, '\0', (size_t)n) != NULL) {
			xasprintf(cause, "%s:%ld: %s", a->argv[0], lineno,
			    bad >= 0 ? "invalid UTF-8" : "NUL byte");
			free(line);
			free(text);
			fclose(f);
			return (-1);
		}
		/* A CRLF line end becomes a newline, as in a paste. */
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (len + (size_t)n + 2 > tcap)
			text = xrealloc(text, (tcap = (len + (size_t)n + 2) * 2));
		memcpy(text + len, line, (size_t)n);
		len += (size_t)n;
		text[len++] = '\n';
	}
	free(line);
	fclose(f);
	while (len > 0 && text[len - 1] == '\n')
		len--;		/* the last line's newline, blank lines */
	if (len > 0) {
		text[len] = '\0';
		if (cmd_check_alive(p, cause) != 0) {
			free(text);
			return (-1);
		}
		pane_send_block(p, text);
	}
	free(text);
	return (0);
}

/* select-pane -l, in a script too. */
static int
cmd_last_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	a->flag[0] = 'l';
	a->value[0] = NULL;
	a->nflags = 1;
	return (cmd_select_pane(ctx, a, cause));
}

static int
cmd_select_layout(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	enum layout	 l;

	if (layout_from_name(a->argv[0], &l) != 0) {
		xasprintf(cause, "unknown layout '%s' (even-horizontal, "
		    "even-vertical, main-vertical, tiled)", a->argv[0]);
		return (-1);
	}
	if (ctx->interactive && ui_active())
		ui_set_layout(l);
	return (0);
}

static int
cmd_next_layout(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	(void)a; (void)cause;
	if (ctx->interactive && ui_active())
		ui_next_layout();
	return (0);
}

static int
cmd_resize_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	if (cmd_flag(a, 'Z') == NULL) {
		xasprintf(cause, "only -Z (zoom) is supported");
		return (-1);
	}
	if (ctx->interactive && ui_active())
		ui_toggle_zoom();
	return (0);
}

static int
cmd_display_panes(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	(void)a;
	if (cmd_need_ui(ctx, cause) != 0)
		return (-1);
	ui_display_panes();
	return (0);
}

static int
cmd_suspend_client(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	(void)a;
	if (cmd_need_ui(ctx, cause) != 0)
		return (-1);
	ui_suspend_client();
	return (0);
}

static int
cmd_copy_mode(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	if (cmd_need_ui(ctx, cause) != 0)
		return (-1);
	ui_copy_mode(cmd_flag(a, 'u') != NULL);
	return (0);
}

static int
cmd_command_prompt(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	if (cmd_need_ui(ctx, cause) != 0)
		return (-1);
	ui_command_prompt(cmd_flag(a, 'I'), cmd_flag(a, 'p'),
	    a->argc > 0 ? a->argv[0] : NULL);
	return (0);
}

static int
cmd_confirm_before(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	const char	*p = cmd_flag(a, 'p');
	char		*q = NULL;

	if (cmd_need_ui(ctx, cause) != 0)
		return (-1);
	if (p == NULL)
		xasprintf(&q, "%s? (y/n)", a->argv[0]);
	ui_confirm(p != NULL ? p : q, a->argv[0]);
	free(q);
	return (0);
}

static int
cmd_list_keys(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	char	*text = key_list();

	(void)a;
	return (cmd_output(ctx, text, strlen(text), cause));
}

/* The words of a command, quoted again so that they parse back. */
char *
cmd_join(int argc, char **argv)
{
	char	*out = xstrdup(""), *q, *n;
	int	 i;

	for (i = 0; i < argc; i++) {
		if (argv[i][0] != '\0' && strcspn(argv[i],
		    " \t\n'\"\\;#$") == strlen(argv[i]))
			q = xstrdup(argv[i]);
		else {
			/* Single quotes; a quote inside ends and resumes. */
			size_t k, len = strlen(argv[i]);
			q = xmalloc(len * 4 + 3);
			char *o = q;
			*o++ = '\'';
			for (k = 0; k < len; k++) {
				if (argv[i][k] == '\'') {
					memcpy(o, "'\"'\"'", 5);
					o += 5;
				} else
					*o++ = argv[i][k];
			}
			*o++ = '\'';
			*o = '\0';
		}
		xasprintf(&n, "%s%s%s", out, i > 0 ? " " : "", q);
		free(out);
		free(q);
		out = n;
	}
	return (out);
}

static struct key_table *
cmd_key_table(struct cmd_args *a)
{
	const char	*t = cmd_flag(a, 'T');

	if (cmd_flag(a, 'n') != NULL)
		t = "root";
	return (key_table_get(t != NULL ? t : "prefix", 1));
}

static int
cmd_bind_key(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	key_code	 k;
	char		*command;

	(void)ctx;
	if ((k = keyc_from_name(a->argv[0])) == KEYC_NONE) {
		xasprintf(cause, "unknown key '%s'", a->argv[0]);
		return (-1);
	}
	command = cmd_join(a->argc - 1, a->argv + 1);
	key_bind(cmd_key_table(a), k, command);
	free(command);
	return (0);
}

static int
cmd_unbind_key(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	key_code	 k;

	(void)ctx;
	if ((k = keyc_from_name(a->argv[0])) == KEYC_NONE) {
		xasprintf(cause, "unknown key '%s'", a->argv[0]);
		return (-1);
	}
	if (key_unbind(cmd_key_table(a), k) != 0) {
		xasprintf(cause, "key '%s' is not bound", a->argv[0]);
		return (-1);
	}
	return (0);
}

static int
cmd_send_prefix(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	(void)a;
	if (cmd_need_ui(ctx, cause) != 0)
		return (-1);
	ui_send_prefix();
	return (0);
}

static int
cmd_quit(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	(void)cause;
	if (ctx->interactive && ui_active())
		ui_quit(cmd_flag(a, 'f') != NULL);
	else
		ctx->quit = 1;
	return (0);
}

static int
cmd_display_message(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	char	*text;

	if (ctx->interactive && ui_active()) {
		ui_message(0, "%s", a->argv[0]);
		return (0);
	}
	xasprintf(&text, "%s\n", a->argv[0]);
	return (cmd_output(ctx, text, strlen(text), cause));
}

/* Run a file of commands; errors say FILE:LINE:COLUMN. */
static int
cmd_source_file(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	return (cmd_source(ctx, a->argv[0], cause));
}

int
cmd_source(struct cmd_ctx *ctx, const char *path, char **cause)
{
	struct script	 sc;
	const char	*name;
	struct cmd_ctx	 sub;
	char		*why;
	size_t		 i;
	int		 rc = 0;

	if (batch_load(path, &sc, &name, cause) != 0)
		return (-1);
	sub = *ctx;
	sub.file = name;
	for (i = 0; i < sc.ncmds && !sub.quit; i++) {
		sub.line = sc.cmds[i].line;
		if (cmd_exec(&sub, sc.cmds[i].argc, sc.cmds[i].argv,
		    &why) != 0) {
			xasprintf(cause, "%s:%d:%d: %s", name, sub.line,
			    sc.cmds[i].col, why);
			free(why);
			rc = -1;
			break;
		}
	}
	ctx->current = sub.current;
	ctx->last = sub.last;
	ctx->quit = sub.quit;
	script_free(&sc);
	return (rc);
}

static const struct cmd_entry cmd_table[] = {
	{ "new-pane", "newp", "c:de:g:n:s:", 0, 0,
	  "[-d] [-c DIR] [-e NAME=VALUE] [-g own|shared|main] [-n NAME] "
	  "[-s STARTUP]",
	  cmd_new_pane },
	{ "send", "send-line", "t:", 1, 1, "[-t PANE] TEXT", cmd_send },
	{ "wait", "waitp", "r:t:T:", 0, 0, "[-t PANE] [-T SECONDS] [-r REGEX]",
	  cmd_wait },
	{ "interrupt", "intr", "t:", 0, 0, "[-t PANE]", cmd_interrupt },
	{ "kill-pane", "killp", "t:", 0, 0, "[-t PANE]", cmd_kill_pane },
	{ "rename-pane", "renamep", "t:", 1, 1, "[-t PANE] NAME",
	  cmd_rename_pane },
	{ "respawn-pane", "respawnp", "t:", 0, 0, "[-t PANE]",
	  cmd_respawn_pane },
	{ "capture", "capturep", "o:t:", 0, 0, "[-t PANE] [-o FILE]",
	  cmd_capture },
	{ "save-transcript", "savet", "t:", 1, 1, "[-t PANE] FILE",
	  cmd_save_transcript },
	{ "expect", "exp", "t:T:", 1, 1, "[-t PANE] [-T SECONDS] REGEX",
	  cmd_expect },
	{ "sleep", "sl", "", 1, 1, "SECONDS", cmd_sleep },
	{ "list-commands", "lscm", "", 0, 0, "", cmd_list_commands },
	{ "list-panes", "lsp", "", 0, 0, "", cmd_list_panes },
	{ "select-pane", "selectp", "lt:UDLR", 0, 0,
	  "[-l] [-t PANE] [-U|-D|-L|-R]", cmd_select_pane },
	{ "set-option", "set", "g", 2, 2, "[-g] OPTION VALUE",
	  cmd_set_option },
	{ "send-file", "sendf", "t:", 1, 1, "[-t PANE] FILE", cmd_send_file },
	{ "last-pane", "lastp", "", 0, 0, "", cmd_last_pane },
	{ "select-layout", "selectl", "", 1, 1, "LAYOUT", cmd_select_layout },
	{ "next-layout", "nextl", "", 0, 0, "", cmd_next_layout },
	{ "resize-pane", "resizep", "Z", 0, 0, "-Z", cmd_resize_pane },
	{ "display-panes", "displayp", "", 0, 0, "", cmd_display_panes },
	{ "suspend-client", "suspendc", "", 0, 0, "", cmd_suspend_client },
	{ "copy-mode", "copym", "u", 0, 0, "[-u]", cmd_copy_mode },
	{ "command-prompt", "cmdp", "I:p:", 0, 1,
	  "[-I INITIAL] [-p PROMPT] [TEMPLATE]", cmd_command_prompt },
	{ "confirm-before", "confirm", "p:", 1, 1, "[-p PROMPT] COMMAND",
	  cmd_confirm_before },
	{ "list-keys", "lsk", "", 0, 0, "", cmd_list_keys },
	{ "bind-key", "bind", "nT:", 2, 64, "[-n] [-T TABLE] KEY COMMAND...",
	  cmd_bind_key },
	{ "unbind-key", "unbind", "nT:", 1, 1, "[-n] [-T TABLE] KEY",
	  cmd_unbind_key },
	{ "send-prefix", "sendp", "", 0, 0, "", cmd_send_prefix },
	{ "quit", "kill-server", "f", 0, 0, "[-f]", cmd_quit },
	{ "display-message", "display", "", 1, 1, "TEXT",
	  cmd_display_message },
	{ "source-file", "source", "", 1, 1, "FILE", cmd_source_file },
};

static const struct cmd_entry *
cmd_lookup(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		if (strcmp(cmd_table[i].name, name) == 0 ||
		    strcmp(cmd_table[i].alias, name) == 0)
			return (&cmd_table[i]);
	return (NULL);
}

/* getopt-like: flags first, "--" ends them, then positionals. */
static int
cmd_parse_args(const struct cmd_entry *ce, int argc, char **argv,
    struct cmd_args *a, char **cause)
{
	const char	*spec;
	int		 i = 1, j;

	memset(a, 0, sizeof *a);
	for (; i < argc; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (j = 1; argv[i][j] != '\0'; j++) {
			char f = argv[i][j];
			if ((spec = strchr(ce->flags, f)) == NULL ||
			    f == ':') {
				xasprintf(cause, "%s: unknown flag -%c "
				    "(usage: %s %s)", ce->name, f, ce->name,
				    ce->usage);
				return (-1);
			}
			if (a->nflags == CMD_MAXFLAGS) {
				xasprintf(cause, "%s: too many flags (limit "
				    "%d)", ce->name, CMD_MAXFLAGS);
				return (-1);
			}
			a->flag[a->nflags] = f;
			a->value[a->nflags] = NULL;
			if (spec[1] == ':') {
				if (argv[i][j + 1] != '\0')
					a->value[a->nflags] = argv[i] + j + 1;
				else if (i + 1 < argc)
					a->value[a->nflags] = argv[++i];
				else {
					xasprintf(cause, "%s: -%c needs a "
					    "value (usage: %s %s)", ce->name,
					    f, ce->name, ce->usage);
					return (-1);
				}
				a->nflags++;
				break;
			}
			a->nflags++;
		}
	}
	a->argc = argc - i;
	a->argv = argv + i;
	if (a->argc < ce->min || a->argc > ce->max) {
		xasprintf(cause, "%s: %s (usage: %s %s)", ce->name,
		    a->argc < ce->min ? "missing argument" :
		    "too many arguments", ce->name, ce->usage);
		return (-1);
	}
	return (0);
}

int
cmd_exec(struct cmd_ctx *ctx, int argc, char **argv, char **cause)
{
	const struct cmd_entry	*ce;
	struct cmd_args		 a;
	char			*why = NULL;

	if (argc == 0)
		return (0);
	if ((ce = cmd_lookup(argv[0])) == NULL) {
		xasprintf(cause, "unknown command '%s'", argv[0]);
		return (-1);
	}
	if (cmd_parse_args(ce, argc, argv, &a, cause) != 0)
		return (-1);
	if (ce->exec(ctx, &a, &why) != 0) {
		xasprintf(cause, "%s: %s", ce->name, why != NULL ? why :
		    "failed");
		free(why);
		return (-1);
	}
	return (0);
}

/* Command names (not aliases) starting with prefix, for the : prompt. */
size_t
cmd_complete(const char *prefix, char ***out)
{
	size_t	 i, n = 0, len = strlen(prefix);

	*out = xcalloc(sizeof cmd_table / sizeof cmd_table[0] + 1,
	    sizeof **out);
	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		if (strncmp(cmd_table[i].name, prefix, len) == 0)
			(*out)[n++] = xstrdup(cmd_table[i].name);
	return (n);
}

/* Every command as "name (alias) usage" lines. */
static char *
cmd_table_text(void)
{
	size_t	 i;
	char	*out = xstrdup(""), *n;

	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++) {
		xasprintf(&n, "%s%s (%s)%s%s\n", out, cmd_table[i].name,
		    cmd_table[i].alias, *cmd_table[i].usage != '\0' ? " " : "",
		    cmd_table[i].usage);
		free(out);
		out = n;
	}
	return (out);
}
