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
 */
#include <errno.h>
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
	{ "synchronize-panes", NULL, OPT_FLAG, 0, 0, { NULL }, 0, { { 0 } },
	  0 },
};
#define NOPTIONS (sizeof options / sizeof options[0])

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
	if (o->min == 0)
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
		xasprintf(cause, "%s takes %s or %s, not '%s'", name,
		    o->choices[0], o->choices[1], v);
		return (-1);
	}
	return (-1);
}

/* The value v gives (NULL: none given, which toggles a flag, as tmux). */
static int
options_value(struct option *o, const char *name, const char *v,
    long *out, char **cause)
{
	if (v != NULL)
		return (options_parse(o, name, v, out, cause));
	if (o->kind != OPT_FLAG) {
		xasprintf(cause, "%s needs a value (only on/off options "
		    "toggle without one)", name);
		return (-1);
	}
	*out = !o->value;
	return (0);
}

/* set-option NAME [VALUE]. */
int
options_set(const char *name, const char *v, char **cause)
{
	struct option	*o;
	long		 value;
	int		 i;

	if ((o = options_find(name)) == NULL) {
		xasprintf(cause, "unknown option '%s' (prefix, history-limit, "
		    "mouse, status, history-size, gil, own-gil-memory, "
		    "synchronize-panes)", name);
		return (-1);
	}
	if (options_value(o, name, v, &value, cause) != 0)
		return (-1);
	for (i = 0; i < o->nwatchers; i++)
		if (o->watchers[i].cb(o->name, value, o->watchers[i].arg,
		    cause) != 0)
			return (-1);
	o->value = value;
	return (0);
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
