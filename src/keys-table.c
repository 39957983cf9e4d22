/*
 * keys-table.c: the key binding tables: which command a key runs.
 *
 * A table maps a key code (keys.c) to a command string in subplex's
 * command language (script.c parses it, cmd.c runs it).  "root" holds the
 * keys read without the prefix and "prefix" the keys after it;
 * key_bind_defaults() fills them with tmux's habits, and bind-key,
 * unbind-key and the config file change them (cmd.c).  The tables are
 * plain arrays with O(n) lookups, which is fine below a few hundred
 * bindings.  They are global and unlocked: only the UI thread (or the batch
 * main thread playing its part) may touch them.  The UI hands each key it
 * decodes to key_lookup(); key_list() hands every binding to list-keys as
 * text that script_parse() reads back.  This file does no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

struct key_binding {
	key_code	 key;
	char		*cmd;
	int		 repeat;	/* bind-key -r: again without the prefix */
};

struct key_table {
	char			*name;
	struct key_binding	*b;
	size_t			 n;
	size_t			 cap;
};

static struct key_table	**key_tables;
static size_t		  key_ntables;

/*
 * The table called name.  "root" (keys without the prefix) and "prefix"
 * (keys after it) always exist; other tables exist once created.  NULL if
 * there is no such table and create is 0, or name is empty.
 */
struct key_table *
key_table_get(const char *name, int create)
{
	struct key_table	*t;
	size_t			 i;

	if (name == NULL || *name == '\0')
		return (NULL);
	for (i = 0; i < key_ntables; i++) {
		if (strcmp(key_tables[i]->name, name) == 0)
			return (key_tables[i]);
	}
	if (!create && strcmp(name, "root") != 0 &&
	    strcmp(name, "prefix") != 0)
		return (NULL);
	t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	key_tables = xreallocarray(key_tables, key_ntables + 1,
	    sizeof *key_tables);
	key_tables[key_ntables++] = t;
	return (t);
}

static struct key_binding *
key_find(struct key_table *t, key_code key)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		if (t->b[i].key == key)
			return (&t->b[i]);
	}
	return (NULL);
}

/* Bind key to a copy of command in t, replacing any binding it has. */
void
key_bind(struct key_table *t, key_code key, const char *command)
{
	struct key_binding	*b;

	if ((b = key_find(t, key)) != NULL) {
		free(b->cmd);
		b->cmd = xstrdup(command);
		b->repeat = 0;
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->b = xreallocarray(t->b, t->cap, sizeof *t->b);
	}
	t->b[t->n].key = key;
	t->b[t->n].cmd = xstrdup(command);
	t->b[t->n].repeat = 0;
	t->n++;
}

/*
 * bind-key -r: the key, bound in t, may be pressed again without the
 * prefix within repeat-time (ui.c), as tmux's; 0 if it is not bound.
 */
int
key_set_repeat(struct key_table *t, key_code key, int repeat)
{
	struct key_binding	*b;

	if ((b = key_find(t, key)) == NULL)
		return (-1);
	b->repeat = repeat;
	return (0);
}

/* Does key repeat in t (bound with -r)? */
int
key_repeats(struct key_table *t, key_code key)
{
	struct key_binding	*b;

	return (t != NULL && (b = key_find(t, key)) != NULL && b->repeat);
}

/* Remove the binding of key from t: 0, or -1 if it had none. */
int
key_unbind(struct key_table *t, key_code key)
{
	struct key_binding	*b;

	if ((b = key_find(t, key)) == NULL)
		return (-1);
	free(b->cmd);
	*b = t->b[--t->n];
	return (0);
}

/* The command bound to key in t, or NULL; valid until it is rebound. */
const char *
key_lookup(struct key_table *t, key_code key)
{
	struct key_binding	*b;

	if (t == NULL || (b = key_find(t, key)) == NULL)
		return (NULL);
	return (b->cmd);
}

/* Install the default bindings (tmux habits); again, the same result. */
void
key_bind_defaults(void)
{
	static const struct {
		const char	*table;
		const char	*key;
		const char	*cmd;
	} defaults[] = {
		{ "prefix", "C-b", "send-prefix" },
		{ "prefix", "o", "select-pane -t +" },
		{ "prefix", "Up", "select-pane -U" },
		{ "prefix", "Down", "select-pane -D" },
		{ "prefix", "Left", "select-pane -L" },
		{ "prefix", "Right", "select-pane -R" },
		{ "prefix", ";", "last-pane" },
		{ "prefix", "c", "new-pane" },
		{ "prefix", "%", "split-window -h" },
		{ "prefix", "\"", "split-window -v" },
		{ "prefix", "{", "swap-pane -U" },
		{ "prefix", "}", "swap-pane -D" },
		{ "prefix", "C-Up", "resize-pane -U" },
		{ "prefix", "C-Down", "resize-pane -D" },
		{ "prefix", "C-Left", "resize-pane -L" },
		{ "prefix", "C-Right", "resize-pane -R" },
		{ "prefix", "M-Up", "resize-pane -U 5" },
		{ "prefix", "M-Down", "resize-pane -D 5" },
		{ "prefix", "M-Left", "resize-pane -L 5" },
		{ "prefix", "M-Right", "resize-pane -R 5" },
		{ "prefix", "x", "confirm-before -p "
		    "\"kill-pane #{pane_name}? (y/n)\" kill-pane" },
		{ "prefix", "z", "resize-pane -Z" },
		{ "prefix", "Space", "next-layout" },
		{ "prefix", ",", "command-prompt -I \"#{pane_name}\" "
		    "-p \"rename:\" \"rename-pane -- '%%'\"" },
		{ "prefix", "q", "display-panes" },
		{ "prefix", "[", "copy-mode" },
		{ "prefix", "PPage", "copy-mode -u" },
		{ "prefix", "]", "paste-buffer" },
		{ "prefix", "#", "list-buffers" },
		{ "prefix", "-", "delete-buffer" },
		{ "prefix", ":", "command-prompt" },
		{ "prefix", "?", "list-keys -T prefix" },
		{ "prefix", "~", "show-messages" },
		{ "prefix", "d", "detach-client" },
		{ "prefix", "&", "quit" },
		{ "prefix", "C-z", "suspend-client" },
		{ "prefix", "S", "set-option synchronize-panes" },
		{ "root", "M-Up", "select-pane -U" },
		{ "root", "M-Down", "select-pane -D" },
		{ "root", "M-Left", "select-pane -L" },
		{ "root", "M-Right", "select-pane -R" },
		/* Copy mode's tables, tmux's keys (ui-copy.c has the commands). */
		{ "copy-mode-vi", "h", "send-keys -X cursor-left" },
		{ "copy-mode-vi", "Left", "send-keys -X cursor-left" },
		{ "copy-mode-vi", "BSpace", "send-keys -X cursor-left" },
		{ "copy-mode-vi", "C-h", "send-keys -X cursor-left" },
		{ "copy-mode-vi", "l", "send-keys -X cursor-right" },
		{ "copy-mode-vi", "Right", "send-keys -X cursor-right" },
		{ "copy-mode-vi", "k", "send-keys -X cursor-up" },
		{ "copy-mode-vi", "Up", "send-keys -X cursor-up" },
		{ "copy-mode-vi", "C-p", "send-keys -X cursor-up" },
		{ "copy-mode-vi", "j", "send-keys -X cursor-down" },
		{ "copy-mode-vi", "Down", "send-keys -X cursor-down" },
		{ "copy-mode-vi", "C-n", "send-keys -X cursor-down" },
		{ "copy-mode-vi", "0", "send-keys -X start-of-line" },
		{ "copy-mode-vi", "Home", "send-keys -X start-of-line" },
		{ "copy-mode-vi", "$", "send-keys -X end-of-line" },
		{ "copy-mode-vi", "End", "send-keys -X end-of-line" },
		{ "copy-mode-vi", "^", "send-keys -X back-to-indentation" },
		{ "copy-mode-vi", "w", "send-keys -X next-word" },
		{ "copy-mode-vi", "b", "send-keys -X previous-word" },
		{ "copy-mode-vi", "e", "send-keys -X next-word-end" },
		{ "copy-mode-vi", "W", "send-keys -X next-space" },
		{ "copy-mode-vi", "B", "send-keys -X previous-space" },
		{ "copy-mode-vi", "E", "send-keys -X next-space-end" },
		{ "copy-mode-vi", "H", "send-keys -X top-line" },
		{ "copy-mode-vi", "M", "send-keys -X middle-line" },
		{ "copy-mode-vi", "L", "send-keys -X bottom-line" },
		{ "copy-mode-vi", "g", "send-keys -X history-top" },
		{ "copy-mode-vi", "G", "send-keys -X history-bottom" },
		{ "copy-mode-vi", "C-u", "send-keys -X halfpage-up" },
		{ "copy-mode-vi", "C-d", "send-keys -X halfpage-down" },
		{ "copy-mode-vi", "C-b", "send-keys -X page-up" },
		{ "copy-mode-vi", "PPage", "send-keys -X page-up" },
		{ "copy-mode-vi", "C-f", "send-keys -X page-down" },
		{ "copy-mode-vi", "NPage", "send-keys -X page-down" },
		{ "copy-mode-vi", "C-y", "send-keys -X scroll-up" },
		{ "copy-mode-vi", "C-e", "send-keys -X scroll-down" },
		{ "copy-mode-vi", "n", "send-keys -X search-again" },
		{ "copy-mode-vi", "N", "send-keys -X search-reverse" },
		{ "copy-mode-vi", "v", "send-keys -X begin-selection" },
		{ "copy-mode-vi", "Space", "send-keys -X begin-selection" },
		{ "copy-mode-vi", "V", "send-keys -X select-line" },
		{ "copy-mode-vi", "C-v", "send-keys -X rectangle-toggle" },
		{ "copy-mode-vi", "o", "send-keys -X other-end" },
		{ "copy-mode-vi", "Escape", "send-keys -X clear-selection" },
		{ "copy-mode-vi", "y", "send-keys -X copy-selection-and-cancel" },
		{ "copy-mode-vi", "Enter", "send-keys -X copy-selection-and-cancel" },
		{ "copy-mode-vi", "D", "send-keys -X copy-end-of-line" },
		{ "copy-mode-vi", "q", "send-keys -X cancel" },
		{ "copy-mode-vi", "C-c", "send-keys -X cancel" },
		{ "copy-mode-vi", "/", "command-prompt -p \"(search down)\" "
		    "\"send-keys -X search-forward '%%'\"" },
		{ "copy-mode-vi", "?", "command-prompt -p \"(search up)\" "
		    "\"send-keys -X search-backward '%%'\"" },
		{ "copy-mode", "C-b", "send-keys -X cursor-left" },
		{ "copy-mode", "Left", "send-keys -X cursor-left" },
		{ "copy-mode", "C-f", "send-keys -X cursor-right" },
		{ "copy-mode", "Right", "send-keys -X cursor-right" },
		{ "copy-mode", "C-p", "send-keys -X cursor-up" },
		{ "copy-mode", "Up", "send-keys -X cursor-up" },
		{ "copy-mode", "C-n", "send-keys -X cursor-down" },
		{ "copy-mode", "Down", "send-keys -X cursor-down" },
		{ "copy-mode", "C-a", "send-keys -X start-of-line" },
		{ "copy-mode", "Home", "send-keys -X start-of-line" },
		{ "copy-mode", "C-e", "send-keys -X end-of-line" },
		{ "copy-mode", "End", "send-keys -X end-of-line" },
		{ "copy-mode", "M-m", "send-keys -X back-to-indentation" },
		{ "copy-mode", "M-f", "send-keys -X next-word-end" },
		{ "copy-mode", "M-b", "send-keys -X previous-word" },
		{ "copy-mode", "M-r", "send-keys -X middle-line" },
		{ "copy-mode", "M-<", "send-keys -X history-top" },
		{ "copy-mode", "M->", "send-keys -X history-bottom" },
		{ "copy-mode", "M-v", "send-keys -X page-up" },
		{ "copy-mode", "PPage", "send-keys -X page-up" },
		{ "copy-mode", "C-v", "send-keys -X page-down" },
		{ "copy-mode", "NPage", "send-keys -X page-down" },
		{ "copy-mode", "C-Up", "send-keys -X scroll-up" },
		{ "copy-mode", "C-Down", "send-keys -X scroll-down" },
		{ "copy-mode", "n", "send-keys -X search-again" },
		{ "copy-mode", "N", "send-keys -X search-reverse" },
		{ "copy-mode", "C-Space", "send-keys -X begin-selection" },
		{ "copy-mode", "R", "send-keys -X rectangle-toggle" },
		{ "copy-mode", "C-g", "send-keys -X clear-selection" },
		{ "copy-mode", "C-x", "send-keys -X other-end" },
		{ "copy-mode", "M-w", "send-keys -X copy-selection-and-cancel" },
		{ "copy-mode", "C-w", "send-keys -X copy-selection-and-cancel" },
		{ "copy-mode", "Enter", "send-keys -X copy-selection-and-cancel" },
		{ "copy-mode", "C-k", "send-keys -X copy-end-of-line" },
		{ "copy-mode", "q", "send-keys -X cancel" },
		{ "copy-mode", "Escape", "send-keys -X cancel" },
		{ "copy-mode", "C-c", "send-keys -X cancel" },
		{ "copy-mode", "C-s", "command-prompt -p \"(search down)\" "
		    "\"send-keys -X search-forward '%%'\"" },
		{ "copy-mode", "C-r", "command-prompt -p \"(search up)\" "
		    "\"send-keys -X search-backward '%%'\"" },
	};
	static const char	*repeats[] = { "C-Up", "C-Down", "C-Left",
				    "C-Right", "M-Up", "M-Down", "M-Left",
				    "M-Right" };
	struct key_table	*prefix, *root;
	char			 cmd[32];
	size_t			 i;
	key_code		 k;
	int			 d;

	for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		if ((k = keyc_from_name(defaults[i].key)) == KEYC_NONE)
			fatalx("bad default key %s", defaults[i].key);
		key_bind(key_table_get(defaults[i].table, 1), k,
		    defaults[i].cmd);
	}
	prefix = key_table_get("prefix", 1);
	root = key_table_get("root", 1);
	/* The resize keys repeat without the prefix, as tmux's (-r). */
	for (i = 0; i < sizeof repeats / sizeof repeats[0]; i++)
		key_set_repeat(prefix, keyc_from_name(repeats[i]), 1);
	for (d = 0; d <= 9; d++) {
		snprintf(cmd, sizeof cmd, "select-pane -t %d", d);
		key_bind(prefix, (key_code)('0' + d), cmd);
		key_bind(root, KEYC_META | (key_code)('0' + d), cmd);
	}
}

/* One line of key_list(), for sorting. */
struct key_list_entry {
	const char	*table;
	char		 key[80];	/* escaped for the command language */
	const char	*cmd;
	int		 repeat;
};

static int
key_list_cmp(const void *a0, const void *b0)
{
	const struct key_list_entry	*a = a0, *b = b0;
	int				 r;

	if ((r = strcmp(a->table, b->table)) != 0)
		return (r);
	return (strcmp(a->key, b->key));
}

/*
 * Every binding (of table only, unless NULL) as "bind-key -T TABLE KEY
 * COMMAND\n", sorted by table and key name, as one allocated string (""
 * if none).  Key names have the
 * characters the command language treats specially escaped with a backslash
 * (\; \# \" \' \\ \$), so the lines read back through script_parse().
 */
char *
key_list(const char *table)
{
	struct key_list_entry	*e;
	struct key_table	*t;
	char			 name[32], *out, *o;
	size_t			 i, j, n = 0, k, size = 1;

	for (i = 0; i < key_ntables; i++)
		n += key_tables[i]->n;
	e = xcalloc(n > 0 ? n : 1, sizeof *e);
	for (n = 0, i = 0; i < key_ntables; i++) {
		t = key_tables[i];
		if (table != NULL && strcmp(t->name, table) != 0)
			continue;
		for (j = 0; j < t->n; j++, n++) {
			e[n].table = t->name;
			e[n].cmd = t->b[j].cmd;
			e[n].repeat = t->b[j].repeat;
			keyc_name(t->b[j].key, name, sizeof name);
			for (o = e[n].key, k = 0; name[k] != '\0'; k++) {
				if (strchr("\\\"';#$", name[k]) != NULL)
					*o++ = '\\';
				*o++ = name[k];
			}
			*o = '\0';
		}
	}
	qsort(e, n, sizeof *e, key_list_cmp);
	for (i = 0; i < n; i++) {
		size += strlen("bind-key -r -T   \n") + strlen(e[i].table) +
		    strlen(e[i].key) + strlen(e[i].cmd);
	}
	o = out = xmalloc(size);
	for (i = 0; i < n; i++) {
		o += snprintf(o, size - (size_t)(o - out),
		    "bind-key %s-T %s %s %s\n", e[i].repeat ? "-r " : "",
		    e[i].table, e[i].key, e[i].cmd);
	}
	*o = '\0';
	free(e);
	return (out);
}
