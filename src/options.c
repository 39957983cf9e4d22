/*
 * options.c: the options of set-option, in one table.
 *
 * Each option has a kind (a number in a range, on/off, a key, a word from a
 * list), a default, and its value, checked here with one message per kind.
 * Whoever owns what an option controls either reads it when needed
 * (options_get) or registers a watcher (options_watch), which is called
 * with each new value and may refuse it with a message (the gil option
 * refuses "own" on a CPython without own GILs).  options.c calls nothing
 * above it: the owners register.  Runs on the thread of the client's loop
 * (set-option) and at start (watchers, defaults).
 *
 * It also knows tmux's option names subplex does not have, so that a line
 * copied from a ~/.tmux.conf gets one clear message; the nearest-name
 * suggestion for a slip is made by the command layer (cmd-config.c), which
 * owns the edit distance.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

enum option_kind { OPT_NUMBER, OPT_FLAG, OPT_KEY, OPT_CHOICE };

struct option_watcher {
	options_cb	*cb;
	void		*arg;
};

struct option {
	const char		*name;
	const char		*alias;
	enum option_kind	 kind;
	long			 min, max;	/* OPT_NUMBER */
	const char		*choices[4];	/* OPT_CHOICE: value 1, 2.. */
	long			 value;
	struct option_watcher	 watchers[4];
	int			 nwatchers;
};

static struct option options[] = {
	{ "prefix", NULL, OPT_KEY, 0, 0, { NULL }, 0x02, { { 0 } }, 0 },
	{ "history-limit", "scrollback", OPT_NUMBER, 1, 10000000, { NULL },
	  SUBPLEX_DEFAULT_SCROLLBACK, { { 0 } }, 0 },
	{ "mouse", NULL, OPT_FLAG, 0, 0, { NULL }, 1, { { 0 } }, 0 },
	{ "status", NULL, OPT_FLAG, 0, 0, { NULL }, 1, { { 0 } }, 0 },
	{ "history-size", NULL, OPT_NUMBER, 1, 1000000, { NULL }, 2000,
	  { { 0 } }, 0 },
	{ "gil", NULL, OPT_CHOICE, 0, 0, { "own", "shared", NULL }, 0,
	  { { 0 } }, 0 },
	{ "own-gil-memory", NULL, OPT_NUMBER, 0, 1000000, { NULL }, 128,
	  { { 0 } }, 0 },
	{ "mode-keys", NULL, OPT_CHOICE, 0, 0, { "emacs", "vi", NULL }, 0,
	  { { 0 } }, 0 },
	{ "set-clipboard", NULL, OPT_FLAG, 0, 0, { NULL }, 1, { { 0 } }, 0 },
	{ "buffer-limit", NULL, OPT_NUMBER, 1, 100000, { NULL }, 50,
	  { { 0 } }, 0 },
	{ "escape-time", NULL, OPT_NUMBER, 0, 10000, { NULL }, 25, { { 0 } },
	  0 },
	{ "synchronize-panes", NULL, OPT_FLAG, 0, 0, { NULL }, 0, { { 0 } },
	  0 },
	{ "repeat-time", NULL, OPT_NUMBER, 0, 10000, { NULL }, 500, { { 0 } },
	  0 },
};
#define NOPTIONS (sizeof options / sizeof options[0])

/* The defaults, kept before the first change (set-option -u). */
static long	 options_defaults[NOPTIONS];
static int	 options_saved;

/*
 * tmux's options (server, session, window and pane ones) that subplex has
 * nothing for: set-option says so plainly.  mode-keys is not here: it is
 * copy mode's.  Kept sorted for the eye only; the lookup is a scan.
 */
static const char *const options_tmux[] = {
	"activity-action", "aggressive-resize", "allow-passthrough",
	"allow-rename", "alternate-screen", "automatic-rename",
	"base-index", "bell-action", "clock-mode-colour",
	"clock-mode-style", "copy-command", "default-command",
	"default-shell", "default-size", "default-terminal",
	"destroy-unattached", "detach-on-destroy", "display-panes-time",
	"display-time", "exit-empty", "exit-unattached", "extended-keys",
	"focus-events", "history-file", "lock-after-time", "main-pane-height",
	"main-pane-width", "message-command-style", "message-limit",
	"message-style", "monitor-activity", "monitor-bell",
	"monitor-silence", "pane-active-border-style", "pane-base-index",
	"pane-border-format", "pane-border-status", "pane-border-style",
	"prefix2", "remain-on-exit", "renumber-windows",
	"set-titles", "set-titles-string", "status-bg",
	"status-fg", "status-interval", "status-justify", "status-keys",
	"status-left", "status-left-length", "status-position",
	"status-right", "status-right-length", "status-style",
	"terminal-features", "terminal-overrides",
	"update-environment", "visual-activity", "visual-bell",
	"visual-silence", "window-active-style", "window-size",
	"window-status-current-format", "window-status-current-style",
	"window-status-format", "window-status-separator",
	"window-status-style", "window-style", "word-separators",
	"wrap-search", "xterm-keys",
};

static void
options_save(void)
{
	size_t	 i;

	if (options_saved)
		return;
	for (i = 0; i < NOPTIONS; i++)
		options_defaults[i] = options[i].value;
	options_saved = 1;
}

static struct option *
options_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < NOPTIONS; i++)
		if (strcmp(options[i].name, name) == 0 ||
		    (options[i].alias != NULL &&
		    strcmp(options[i].alias, name) == 0))
			return (&options[i]);
	return (NULL);
}

static int
options_parse_number(struct option *o, const char *name, const char *v,
    long *out, char **cause)
{
	char	*end;

	errno = 0;
	*out = strtol(v, &end, 10);
	if (*v != '\0' && *end == '\0' && errno == 0 && *out >= o->min &&
	    *out <= o->max)
		return (0);
	if (strcmp(o->name, "own-gil-memory") == 0)
		xasprintf(cause, "%s takes megabytes from 0 (no limit) to "
		    "%ld, not '%s'", name, o->max, v);
	else
		xasprintf(cause, "%s takes a number from %ld to %ld, not '%s'",
		    name, o->min, o->max, v);
	return (-1);
}

static int
options_parse(struct option *o, const char *name, const char *v, long *out,
    char **cause)
{
	size_t	 i;

	switch (o->kind) {
	case OPT_NUMBER:
		return (options_parse_number(o, name, v, out, cause));
	case OPT_FLAG:
		if (strcmp(v, "on") == 0 || strcmp(v, "1") == 0)
			*out = 1;
		else if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
			*out = 0;
		else {
			xasprintf(cause, "%s takes on or off, not '%s'", name,
			    v);
			return (-1);
		}
		return (0);
	case OPT_KEY:
		if ((*out = (long)keyc_from_name(v)) == KEYC_NONE) {
			xasprintf(cause, "unknown key '%s'", v);
			return (-1);
		}
		return (0);
	case OPT_CHOICE:
		for (i = 0; o->choices[i] != NULL; i++) {
			if (strcmp(o->choices[i], v) == 0) {
				*out = (long)i + 1;
				return (0);
			}
		}
		if (strcmp(v, "default") == 0) {
			*out = 0;
			return (0);
		}
		xasprintf(cause, "%s takes %s, %s or default, not '%s'", name,
		    o->choices[0], o->choices[1], v);
		return (-1);
	}
	return (-1);
}

/* The known options as "a, b, c" (aliases left out), allocated. */
char *
options_list(void)
{
	char	*out = xstrdup(""), *n;
	size_t	 i;

	for (i = 0; i < NOPTIONS; i++) {
		xasprintf(&n, "%s%s%s", out, i == 0 ? "" : ", ",
		    options[i].name);
		free(out);
		out = n;
	}
	return (out);
}

/* Is there such an option (name or alias)? */
int
options_exists(const char *name)
{
	return (options_find(name) != NULL);
}

/* Is name one of tmux's options that subplex does not have? */
int
options_tmux_only(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof options_tmux / sizeof options_tmux[0]; i++)
		if (strcmp(options_tmux[i], name) == 0)
			return (1);
	return (0);
}

/* Names and aliases, for a nearest-name guess: up to max, how many. */
size_t
options_names(const char **names, size_t max)
{
	size_t	 i, n = 0;

	for (i = 0; i < NOPTIONS && n < max; i++) {
		names[n++] = options[i].name;
		if (options[i].alias != NULL && n < max)
			names[n++] = options[i].alias;
	}
	return (n);
}

/* An unknown option: the message, listing the known ones. */
static int
options_unknown(const char *name, char **cause)
{
	char	*list = options_list();

	xasprintf(cause, "unknown option '%s' (%s)", name, list);
	free(list);
	return (-1);
}

/* Give o the value (its watchers may refuse it). */
static int
options_apply(struct option *o, long value, char **cause)
{
	int	 i;

	options_save();
	for (i = 0; i < o->nwatchers; i++)
		if (o->watchers[i].cb(o->name, value, o->watchers[i].arg,
		    cause) != 0)
			return (-1);
	o->value = value;
	return (0);
}

/*
 * set-option NAME VALUE.  v NULL: an on/off option is toggled, as tmux
 * does; any other needs a value.
 */
int
options_set(const char *name, const char *v, char **cause)
{
	struct option	*o;
	long		 value;

	if ((o = options_find(name)) == NULL)
		return (options_unknown(name, cause));
	if (v == NULL) {
		if (o->kind != OPT_FLAG) {
			xasprintf(cause, "%s needs a value (only on/off "
			    "options toggle without one)", name);
			return (-1);
		}
		value = !o->value;
	} else if (options_parse(o, name, v, &value, cause) != 0)
		return (-1);
	return (options_apply(o, value, cause));
}

/* set-option -u NAME: back to the default. */
int
options_unset(const char *name, char **cause)
{
	struct option	*o;

	if ((o = options_find(name)) == NULL)
		return (options_unknown(name, cause));
	options_save();
	return (options_apply(o, options_defaults[o - options], cause));
}

/* An option's value as set-option takes it. */
static void
options_value(struct option *o, char *buf, size_t size)
{
	switch (o->kind) {
	case OPT_NUMBER:
		snprintf(buf, size, "%ld", o->value);
		break;
	case OPT_FLAG:
		snprintf(buf, size, "%s", o->value ? "on" : "off");
		break;
	case OPT_KEY:
		keyc_name((key_code)o->value, buf, size);
		break;
	case OPT_CHOICE:
		snprintf(buf, size, "%s", o->value == 0 ? "default" :
		    o->choices[o->value - 1]);
		break;
	}
}

/*
 * show-options: "NAME VALUE" lines for every option (name NULL) or one;
 * value_only: the value alone.  NULL and *cause for an unknown name.
 */
char *
options_show(const char *name, int value_only, char **cause)
{
	struct option	*o;
	char		 v[64], *out, *n;
	size_t		 i;

	if (name != NULL) {
		if ((o = options_find(name)) == NULL) {
			(void)options_unknown(name, cause);
			return (NULL);
		}
		options_value(o, v, sizeof v);
		if (value_only)
			xasprintf(&out, "%s\n", v);
		else
			xasprintf(&out, "%s %s\n", o->name, v);
		return (out);
	}
	out = xstrdup("");
	for (i = 0; i < NOPTIONS; i++) {
		options_value(&options[i], v, sizeof v);
		if (value_only)
			xasprintf(&n, "%s%s\n", out, v);
		else
			xasprintf(&n, "%s%s %s\n", out, options[i].name, v);
		free(out);
		out = n;
	}
	return (out);
}

/* An option's value (a choice: 0 for the default, then 1, 2...). */
long
options_get(const char *name)
{
	struct option	*o;

	if ((o = options_find(name)) == NULL)
		fatalx("no option %s", name);
	return (o->value);
}

/* Call cb with each new value of the option (it may refuse). */
void
options_watch(const char *name, options_cb *cb, void *arg)
{
	struct option	*o;

	if ((o = options_find(name)) == NULL)
		fatalx("no option %s", name);
	if (o->nwatchers == (int)(sizeof o->watchers /
	    sizeof o->watchers[0]))
		fatalx("option %s: too many watchers", name);
	o->watchers[o->nwatchers].cb = cb;
	o->watchers[o->nwatchers].arg = arg;
	o->nwatchers++;
}
