/*
 * cmd.c: the commands of the session language, one table entry each.
 *
 * A command arrives as an argv vector (from script.c); cmd_exec finds its
 * entry by name or alias, parses its flags as getopt would (a flag table
 * like "t:T:" per entry), checks the argument count and runs it against a
 * context that holds the current target pane.  Failures return -1 with a
 * message in *cause that names the command; the caller adds FILE:LINE.
 * Runs on the UI thread (the batch runner in batch mode): commands that
 * wait (wait, kill-pane) block on pane condition variables, never on a
 * GIL.
 */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

#define CMD_MAXFLAGS 8
#define CMD_KILL_TIMEOUT 3.0
#define CMD_WAIT_TIMEOUT 30.0

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
			xasprintf(cause, n == 0 ? "no pane yet: use new-pane "
			    "first" : "no current pane: use -t PANE");
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

static int
cmd_new_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane_opts	 opts;
	struct pane		*p;
	const char		*g = cmd_flag(a, 'g');

	memset(&opts, 0, sizeof opts);
	opts.name = cmd_flag(a, 'n');
	opts.gil = GIL_DEFAULT;
	if (g != NULL) {
		if (strcmp(g, "own") == 0)
			opts.gil = GIL_OWN;
		else if (strcmp(g, "shared") == 0)
			opts.gil = GIL_SHARED;
		else {
			xasprintf(cause, "-g takes 'own' or 'shared', not "
			    "'%s'", g);
			return (-1);
		}
		if (opts.gil == GIL_OWN && !interp_own_gil_supported()) {
			xasprintf(cause, "an own GIL needs CPython 3.12 or "
			    "later (this is %s)", interp_python_version());
			return (-1);
		}
	}
	if ((p = pane_new(&opts, cause)) == NULL)
		return (-1);
	ctx->current = p;
	return (0);
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
	if (pane_busy(p) == 0) {
		struct pane_info pi;
		pane_info(p, &pi);
		if (pi.state == PANE_DEAD) {
			xasprintf(cause, "pane %s has exited (status %d): "
			    "respawn-pane or kill-pane it", pi.name,
			    pi.exit_status);
			pane_info_free(&pi);
			return (-1);
		}
		pane_info_free(&pi);
	}
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
	i = pane_index(p);
	if (pane_kill(p, CMD_KILL_TIMEOUT, cause) != 0)
		return (-1);
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
	return (pane_rename(p, a->argv[0], cause));
}

static int
cmd_respawn_pane(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(ctx, a, cause)) == NULL)
		return (-1);
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
	rc = write_all(ctx->out_fd, text, len);
	free(text);
	if (rc != 0) {
		xasprintf(cause, "cannot write the capture: %s",
		    strerror(errno));
		return (-1);
	}
	return (0);
}

static int
cmd_list_panes(struct cmd_ctx *ctx, struct cmd_args *a, char **cause)
{
	struct pane_info	 pi;
	size_t			 i;
	char			*line;
	int			 n;

	(void)a; (void)cause;
	for (i = 0; i < pane_count(); i++) {
		pane_info(pane_at(i), &pi);
		if (pi.state == PANE_DEAD)
			n = xasprintf(&line, "%d: %s (dead, status %d)%s\n",
			    pi.index, pi.name, pi.exit_status,
			    pane_at(i) == ctx->current ? " (current)" : "");
		else
			n = xasprintf(&line, "%d: %s (%s, %s GIL)%s\n",
			    pi.index, pi.name, pane_state_name(pi.state),
			    pi.own_gil ? "own" : "shared",
			    pane_at(i) == ctx->current ? " (current)" : "");
		(void)write_all(ctx->out_fd, line, (size_t)n);
		free(line);
		pane_info_free(&pi);
	}
	return (0);
}

static const struct cmd_entry cmd_table[] = {
	{ "new-pane", "newp", "n:g:", 0, 0, "[-n NAME] [-g own|shared]",
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
	{ "capture", "capturep", "t:", 0, 0, "[-t PANE]", cmd_capture },
	{ "list-panes", "lsp", "", 0, 0, "", cmd_list_panes },
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
				xasprintf(cause, "%s: too many flags",
				    ce->name);
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

void
cmd_list(int fd)
{
	size_t	 i;
	char	*line;
	int	 n;

	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++) {
		n = xasprintf(&line, "%s (%s) %s\n", cmd_table[i].name,
		    cmd_table[i].alias, cmd_table[i].usage);
		(void)write_all(fd, line, (size_t)n);
		free(line);
	}
}
