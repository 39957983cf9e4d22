/*
 * cmd.c: the command table and the one loop that runs commands.
 *
 * Every way commands arrive -- a session script (--batch, -c, -f, the
 * config file), source-file, the `:` prompt, a key binding -- ends in
 * cmd_run(client, file, script).  A run is a stack of scripts (source-file
 * pushes one), each with the position of its next command.  Commands run
 * one after another until one waits (struct cmd_wait, cmd.h): the run then
 * stays in the client's queue, and the client's event loop calls
 * cmd_continue when the engine notifies or cmd_deadline passes.  Several
 * runs of one client may wait at once (a `:wait` does not hold up a key
 * binding).  The client is told of a failed command as FILE:LINE:COLUMN:
 * why, with one "source-file:" step per script that sourced it.  What
 * happens next depends on the script the command was in (enum
 * cmd_run_mode): a session script or a typed line stops its whole run,
 * as a CI script must; a config file (the config, and every file sourced
 * from it, from a typed line or from a key) goes on with its next command,
 * as tmux's config does, and its lines that did not parse are errors met
 * in their place (script_parse_recover).  A run that told more than one
 * error ends by telling the client the first and how many more (the UI's
 * status line shows one message; show-messages lists them all).
 *
 * Commands find their entry by name or alias and parse their flags as
 * getopt would; an entry that needs an interactive client is refused here
 * for the others, once for all.  Commands reach whoever ran them only
 * through the client's ops (subplex.h); the client owns the focus.  Runs
 * on the thread of the client's loop (the UI thread, or the main thread
 * in batch mode), which never waits for a GIL.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

/* One script of a run. */
struct cmdq_frame {
	struct script		 sc;
	enum cmd_run_mode	 mode;
	char			*file;		/* NULL: typed, or a key */
	size_t			 next;		/* its next command */
	struct cmd_item		 item;		/* the command running */
	int			 waiting;	/* item waits */
	struct cmdq_frame	*up;		/* the script that sourced it */
};

/* A run: what one cmd_run started. */
struct cmdq {
	struct cmd_client	*c;
	struct cmdq_frame	*top;
	unsigned int		 nerrors;	/* told to the client */
	char			*first;		/* the first of them */
	struct cmdq		*next;
};

static const struct cmd_entry *cmd_table[] = {
	&cmd_new_pane_entry, &cmd_send_entry, &cmd_wait_entry,
	&cmd_interrupt_entry, &cmd_kill_pane_entry, &cmd_rename_pane_entry,
	&cmd_respawn_pane_entry, &cmd_capture_entry, &cmd_clear_history_entry,
	&cmd_save_transcript_entry, &cmd_expect_entry, &cmd_sleep_entry,
	&cmd_list_commands_entry, &cmd_list_panes_entry,
	&cmd_select_pane_entry, &cmd_set_option_entry, &cmd_send_file_entry,
	&cmd_last_pane_entry, &cmd_select_layout_entry,
	&cmd_next_layout_entry, &cmd_resize_pane_entry,
	&cmd_display_panes_entry, &cmd_suspend_client_entry,
	&cmd_copy_mode_entry, &cmd_command_prompt_entry,
	&cmd_confirm_before_entry, &cmd_list_keys_entry, &cmd_bind_key_entry,
	&cmd_unbind_key_entry, &cmd_send_prefix_entry, &cmd_quit_entry,
	&cmd_display_message_entry, &cmd_source_file_entry,
	&cmd_detach_client_entry, &cmd_list_buffers_entry,
	&cmd_show_buffer_entry, &cmd_save_buffer_entry, &cmd_load_buffer_entry,
	&cmd_set_buffer_entry, &cmd_delete_buffer_entry,
	&cmd_paste_buffer_entry,
	&cmd_show_options_entry, &cmd_show_messages_entry,
	&cmd_send_keys_entry,
	&cmd_split_window_entry, &cmd_swap_pane_entry,
};
#define CMD_NTABLE (sizeof cmd_table / sizeof cmd_table[0])

/*
 * Names beyond an entry's own alias, found as it is (tmux has several
 * names for some commands: its window options are subplex's options).
 * Kept here, not in struct cmd_entry, so the entries stay one alias each.
 */
static const struct {
	const char		*name;
	const struct cmd_entry	*entry;
} cmd_aliases[] = {
	{ "setw", &cmd_set_option_entry },
	{ "set-window-option", &cmd_set_option_entry },
	{ "showw", &cmd_show_options_entry },
	{ "show-window-options", &cmd_show_options_entry },
};
#define CMD_NALIASES (sizeof cmd_aliases / sizeof cmd_aliases[0])

/* ---- helpers for the commands ---- */

const char *
cmd_flag(struct cmd_args *a, char f)
{
	int	 i;

	for (i = a->nflags - 1; i >= 0; i--)
		if (a->flag[i] == f)
			return (a->value[i] != NULL ? a->value[i] : "");
	return (NULL);
}

/* The pane named by -t, or the client's current one. */
struct pane *
cmd_target(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane		*cur = cmd_current(item->c);
	const char		*t = cmd_flag(a, 't');
	int			 i, n = (int)pane_count();

	if (t == NULL || strcmp(t, ".") == 0) {
		if (cur == NULL) {
			xasprintf(cause, n == 0 ? "there are no panes: use "
			    "new-pane first" : "no current pane: use -t PANE");
			return (NULL);
		}
		return (cur);
	}
	if ((strcmp(t, "+") == 0 || strcmp(t, "-") == 0) && n > 0) {
		i = cur != NULL ? pane_index(cur) : 0;
		i = (i + (t[0] == '+' ? 1 : n - 1)) % n;
		return (pane_at((size_t)i));
	}
	return (pane_find(t, cause));
}

int
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

/* Command output (text is the client's afterwards). */
enum cmd_retval
cmd_print(struct cmd_item *item, char *text, size_t len, char **cause)
{
	return (item->c->ops->print(item->c, text, len, cause) != 0 ?
	    CMD_ERROR : CMD_NORMAL);
}

/* Input (text, keys, a paste) for a pane that has exited would be lost:
 * say so. */
int
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

/* Write text to a file, replacing it. */
int
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

/* The client's current pane: NULL if none, or once it is gone. */
struct pane *
cmd_current(struct cmd_client *c)
{
	return (c->current != 0 ? pane_get(c->current) : NULL);
}

struct pane *
cmd_last(struct cmd_client *c)
{
	return (c->last != 0 ? pane_get(c->last) : NULL);
}

/* The client's focus moves to p. */
void
cmd_focus(struct cmd_client *c, struct pane *p)
{
	if (p == NULL || pane_handle(p) == c->current)
		return;
	c->last = c->current;
	c->current = pane_handle(p);
	if (c->ops->focused != NULL)
		c->ops->focused(c);
}

/*
 * A pane that was at index is gone: if it had the client's focus, the
 * focus goes to the next pane or the previous one, as tmux's does.
 */
void
cmd_pane_gone(struct cmd_client *c, int index)
{
	size_t	 n = pane_count();

	if (cmd_last(c) == NULL)
		c->last = 0;
	if (c->current == 0 || cmd_current(c) != NULL)
		return;
	c->current = 0;
	if (n > 0)
		cmd_focus(c, pane_at(index >= 0 && (size_t)index < n ?
		    (size_t)index : n - 1));
	else if (c->ops->focused != NULL)
		c->ops->focused(c);
}

/* Every command as "name (alias, more aliases) usage" lines. */
char *
cmd_table_text(void)
{
	size_t	 i, j;
	char	*out = xstrdup(""), *names, *n;

	for (i = 0; i < CMD_NTABLE; i++) {
		names = xstrdup(cmd_table[i]->alias);
		for (j = 0; j < CMD_NALIASES; j++) {
			if (cmd_aliases[j].entry != cmd_table[i])
				continue;
			xasprintf(&n, "%s, %s", names, cmd_aliases[j].name);
			free(names);
			names = n;
		}
		xasprintf(&n, "%s%s (%s)%s%s\n", out, cmd_table[i]->name,
		    names, *cmd_table[i]->usage != '\0' ? " " : "",
		    cmd_table[i]->usage);
		free(names);
		free(out);
		out = n;
	}
	return (out);
}

/* Command names (not aliases) starting with prefix, for the : prompt. */
size_t
cmd_complete(const char *prefix, char ***out)
{
	size_t	 i, n = 0, len = strlen(prefix);

	*out = xcalloc(CMD_NTABLE + 1, sizeof **out);
	for (i = 0; i < CMD_NTABLE; i++)
		if (strncmp(cmd_table[i]->name, prefix, len) == 0)
			(*out)[n++] = xstrdup(cmd_table[i]->name);
	return (n);
}

/* The words of a command, quoted again so that they parse back. */
char *
cmd_quote(int argc, char **argv)
{
	char	*out, *o;
	size_t	 k, len, size = 1;
	int	 i;

	for (i = 0; i < argc; i++)
		size += strlen(argv[i]) * 5 + 3;
	o = out = xmalloc(size);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			*o++ = ' ';
		len = strlen(argv[i]);
		if (len > 0 && strcspn(argv[i], " \t\n'\"\\;#$") == len) {
			memcpy(o, argv[i], len);
			o += len;
			continue;
		}
		/* Single quotes; a quote inside ends and resumes. */
		*o++ = '\'';
		for (k = 0; k < len; k++) {
			if (argv[i][k] == '\'') {
				memcpy(o, "'\"'\"'", 5);
				o += 5;
			} else
				*o++ = argv[i][k];
		}
		*o++ = '\'';
	}
	*o = '\0';
	return (out);
}

/* ---- scripts ---- */

/* Read all of fd into a buffer; -1 with errno on failure. */
int
cmd_slurp(int fd, char **buf, size_t *len)
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

/* Parse text named name (for messages) into a script. */
int
cmd_parse(const char *name, const char *text, size_t len, struct script *sc,
    char **cause)
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

/* Read a session file ("-": standard input) into *buf. */
static int
cmd_read(const char *path, char **buf, size_t *len, const char **name,
    char **cause)
{
	int	 fd, rc;

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
	rc = cmd_slurp(fd, buf, len);
	if (fd != tty_in_fd)
		close(fd);
	if (rc != 0) {
		xasprintf(cause, "%s: %s", *name, strerror(errno));
		return (-1);
	}
	return (0);
}

/* Read and parse a session file ("-": standard input). */
int
cmd_load(const char *path, struct script *sc, const char **name,
    char **cause)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	if (cmd_read(path, &buf, &len, name, cause) != 0)
		return (-1);
	rc = cmd_parse(*name, buf, len, sc, cause);
	free(buf);
	return (rc);
}

/*
 * Read and parse a config file, going on after lines that do not parse:
 * they are in sc as errors (script_parse_recover), met when the run gets
 * there.  -1 only when the file cannot be read.
 */
int
cmd_load_config(const char *path, struct script *sc, const char **name,
    char **cause)
{
	char	*buf;
	size_t	 len;

	if (cmd_read(path, &buf, &len, name, cause) != 0)
		return (-1);
	(void)script_parse_recover(buf, len, sc);
	free(buf);
	return (0);
}

static void
cmd_wait_clear(struct cmd_wait *w)
{
	if (w->have_rx)
		regfree(&w->rx);
	free(w->pattern);
	free(w->name);
	memset(w, 0, sizeof *w);
}

static void
cmdq_pop(struct cmdq *q)
{
	struct cmdq_frame	*f = q->top;

	q->top = f->up;
	cmd_wait_clear(&f->item.wait);
	script_free(&f->sc);
	free(f->file);
	free(f);
}

static void
cmdq_push(struct cmdq *q, const char *file, struct script *sc,
    enum cmd_run_mode mode)
{
	struct cmdq_frame	*f = xcalloc(1, sizeof *f);

	f->sc = *sc;
	f->mode = mode;
	memset(sc, 0, sizeof *sc);
	f->file = file != NULL ? xstrdup(file) : NULL;
	f->up = q->top;
	q->top = f;
}

/*
 * source-file: the file's commands run next, before the rest.  In a session
 * script it is part of the script (its first error stops the run); from a
 * config, a typed line or a key it is a config (each error told, the rest
 * runs), as tmux's source-file is.
 */
enum cmd_retval
cmd_source_push(struct cmd_item *item, const char *path, char **cause)
{
	struct script		 sc;
	const char		*name;
	enum cmd_run_mode	 mode = CMD_RUN_CONFIG;
	int			 rc;

	if (item->q->top->mode == CMD_RUN_SCRIPT)
		mode = CMD_RUN_SCRIPT;
	if (mode == CMD_RUN_CONFIG)
		rc = cmd_load_config(path, &sc, &name, cause);
	else
		rc = cmd_load(path, &sc, &name, cause);
	if (rc != 0)
		return (CMD_ERROR);
	cmdq_push(item->q, name, &sc, mode);
	return (CMD_NORMAL);
}

/*
 * A command of the top script failed (or a line of it did not parse):
 * tell the client FILE:LINE:COLUMN: why, and for each script that sourced
 * it, its own position and "source-file: " before.  A config goes on (0);
 * any other script ends the run (-1).
 */
static int
cmdq_error(struct cmdq *q, char *why)
{
	struct cmdq_frame	*f;
	char			*msg = why, *n;
	int			 go_on = q->top->mode == CMD_RUN_CONFIG;

	for (f = q->top; f != NULL; f = f->up) {
		if (f != q->top)
			xasprintf(&n, "source-file: %s", msg);
		else
			n = xstrdup(msg);
		free(msg);
		msg = n;
		if (f->file != NULL) {
			xasprintf(&n, "%s:%d:%d: %s", f->file, f->item.line,
			    f->item.col, msg);
			free(msg);
			msg = n;
		}
	}
	if (!go_on) {
		while (q->top != NULL)
			cmdq_pop(q);
	}
	q->c->failed = 1;
	q->c->ops->error(q->c, msg);
	if (q->nerrors++ == 0)
		q->first = msg;
	else
		free(msg);
	return (go_on ? 0 : -1);
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

static const struct cmd_entry *
cmd_lookup(const char *name)
{
	size_t	 i;

	for (i = 0; i < CMD_NTABLE; i++)
		if (strcmp(cmd_table[i]->name, name) == 0 ||
		    strcmp(cmd_table[i]->alias, name) == 0)
			return (cmd_table[i]);
	for (i = 0; i < CMD_NALIASES; i++)
		if (strcmp(cmd_aliases[i].name, name) == 0)
			return (cmd_aliases[i].entry);
	return (NULL);
}

/*
 * tmux's names for what subplex has under another name (a pane is what
 * a tmux window with one pane is): answered with subplex's, not run, since
 * their arguments differ.
 */
static const char *const cmd_tmux_names[][2] = {
	{ "new-window", "new-pane" }, { "neww", "new-pane" },
	{ "capture-pane", "capture" },
	{ "kill-session", "quit" }, { "kill-window", "kill-pane" },
	{ "killw", "kill-pane" }, { "select-window", "select-pane" },
	{ "selectw", "select-pane" }, { "list-windows", "list-panes" },
	{ "lsw", "list-panes" }, { "respawn-window", "respawn-pane" },
	{ "respawnw", "respawn-pane" }, { "rename-window", "rename-pane" },
	{ "renamew", "rename-pane" }, { "resize-window", "resize-pane" },
	{ "last-window", "last-pane" },
};

/*
 * Edit distance of a and b (insertions, deletions, substitutions and
 * swaps of two neighbours: "sned" is one from "send"), or more than max
 * when it is: O(len a * len b), for names.
 */
size_t
cmd_distance(const char *a, const char *b, size_t max)
{
	unsigned char	 d[64][64];
	size_t		 la = strlen(a), lb = strlen(b), i, j, v;

	if (la >= 64 || lb >= 64 || (la > lb ? la - lb : lb - la) > max)
		return (max + 1);
	for (i = 0; i <= la; i++)
		d[i][0] = (unsigned char)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (unsigned char)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1u < v)
				v = d[i - 1][j] + 1u;
			if (d[i][j - 1] + 1u < v)
				v = d[i][j - 1] + 1u;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1u < v)
				v = d[i - 2][j - 2] + 1u;
			d[i][j] = (unsigned char)v;
		}
	}
	return (d[la][lb]);
}

/*
 * The name of names[0..n) nearest to name, if one is near enough to be a
 * slip (a third of its length, from 1 to 3 edits); else NULL.  The first
 * of equally near ones wins.
 */
const char *
cmd_nearest(const char *name, const char *const *names, size_t n)
{
	const char	*best = NULL;
	size_t		 i, d, bestd, max = strlen(name) / 3;

	if (max < 1)
		max = 1;
	if (max > 3)
		max = 3;
	bestd = max + 1;
	for (i = 0; i < n; i++) {
		if (names[i] != NULL &&
		    (d = cmd_distance(name, names[i], max)) < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return (best);
}

/* Why name is no command, and what may have been meant. */
static void
cmd_unknown(const char *name, char **cause)
{
	const char	*names[2 * CMD_NTABLE + CMD_NALIASES], *best;
	size_t		 i, n = 0;

	for (i = 0; i < sizeof cmd_tmux_names / sizeof cmd_tmux_names[0]; i++)
		if (strcmp(name, cmd_tmux_names[i][0]) == 0) {
			xasprintf(cause, "unknown command '%s' (tmux's name; "
			    "subplex's is %s)", name, cmd_tmux_names[i][1]);
			return;
		}
	for (i = 0; i < CMD_NTABLE; i++) {
		names[n++] = cmd_table[i]->name;
		names[n++] = cmd_table[i]->alias;	/* the one typed */
	}
	for (i = 0; i < CMD_NALIASES; i++)
		names[n++] = cmd_aliases[i].name;
	if ((best = cmd_nearest(name, names, n)) != NULL)
		xasprintf(cause, "unknown command '%s' (did you mean %s?)",
		    name, best);
	else
		xasprintf(cause, "unknown command '%s'", name);
}

/*
 * Would the commands of sc run, names and arguments alike?  bind-key
 * asks when it binds, not when the key is pressed.  0, or -1 and *cause.
 */
int
cmd_check(const struct script *sc, char **cause)
{
	const struct cmd_entry	*ce;
	struct cmd_args		 a;
	size_t			 i;

	for (i = 0; i < sc->ncmds; i++) {
		if (sc->cmds[i].argc == 0)
			continue;
		if ((ce = cmd_lookup(sc->cmds[i].argv[0])) == NULL) {
			cmd_unknown(sc->cmds[i].argv[0], cause);
			return (-1);
		}
		if (cmd_parse_args(ce, sc->cmds[i].argc, sc->cmds[i].argv, &a,
		    cause) != 0)
			return (-1);
	}
	return (0);
}

/* Run one command; its messages name it. */
static enum cmd_retval
cmd_exec(struct cmd_item *item, int argc, char **argv, char **cause)
{
	const struct cmd_entry	*ce;
	struct cmd_args		 a;
	enum cmd_retval		 r;
	char			*why = NULL;

	if (argc == 0)
		return (CMD_NORMAL);
	if ((ce = cmd_lookup(argv[0])) == NULL) {
		cmd_unknown(argv[0], cause);
		return (CMD_ERROR);
	}
	if (cmd_parse_args(ce, argc, argv, &a, cause) != 0)
		return (CMD_ERROR);
	item->entry = ce;
	if ((ce->needs & CMD_NEEDS_UI) && !item->c->interactive) {
		xasprintf(cause, "%s: needs the terminal UI (not available "
		    "%s)", ce->name, item->c->where != NULL ? item->c->where :
		    "with --batch");
		return (CMD_ERROR);
	}
	if ((r = ce->exec(item, &a, &why)) == CMD_ERROR) {
		xasprintf(cause, "%s: %s", ce->name, why != NULL ? why :
		    "failed");
		free(why);
	}
	return (r);
}

/* The waiting command of the top script: done, or still waiting? */
static enum cmd_retval
cmdq_check(struct cmdq *q, char **cause)
{
	struct cmdq_frame	*f = q->top;
	struct cmd_wait		*w = &f->item.wait;
	enum cmd_retval		 r;
	char			*why = NULL;

	r = w->check(&f->item, mono_now() >= w->deadline, &why);
	if (r == CMD_WAIT)
		return (r);
	f->waiting = 0;
	cmd_wait_clear(w);
	if (r == CMD_ERROR) {
		xasprintf(cause, "%s: %s", f->item.entry->name, why);
		free(why);
	}
	return (r);
}

/* Run q's commands until one waits, all ran, or one failed. */
static enum cmd_retval
cmdq_step(struct cmdq *q)
{
	struct cmdq_frame	*f;
	struct script_cmd	*sc;
	enum cmd_retval		 r;
	char			*cause = NULL;

	while ((f = q->top) != NULL) {
		if (f->waiting) {
			if ((r = cmdq_check(q, &cause)) == CMD_WAIT)
				return (CMD_WAIT);
			if (r == CMD_ERROR && cmdq_error(q, cause) != 0)
				return (CMD_ERROR);
			continue;
		}
		if (q->c->quit || f->next == f->sc.ncmds) {
			cmdq_pop(q);
			continue;
		}
		sc = &f->sc.cmds[f->next++];
		cmd_wait_clear(&f->item.wait);	/* a wait done at once */
		memset(&f->item, 0, sizeof f->item);
		f->item.c = q->c;
		f->item.q = q;
		f->item.file = f->file;
		f->item.line = sc->line;
		f->item.col = sc->col;
		if (sc->error != NULL) {	/* a line that did not parse */
			r = CMD_ERROR;
			cause = xstrdup(sc->error);
		} else
			r = cmd_exec(&f->item, sc->argc, sc->argv, &cause);
		if (r == CMD_ERROR && cmdq_error(q, cause) != 0)
			return (CMD_ERROR);
		if (r == CMD_WAIT)
			f->waiting = 1;
	}
	return (CMD_NORMAL);
}

/* The run ended (not cancelled): more than one error is summed up. */
static void
cmdq_done(struct cmd_client *c, struct cmdq *q)
{
	if (q->nerrors > 1 && c->ops->errors != NULL)
		c->ops->errors(c, q->first, q->nerrors - 1);
}

static void
cmdq_remove(struct cmd_client *c, struct cmdq *q)
{
	struct cmdq	**pp;

	for (pp = &c->queue; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == q) {
			*pp = q->next;
			break;
		}
	}
	while (q->top != NULL)
		cmdq_pop(q);
	free(q->first);
	free(q);
}

/*
 * Run a script (taken: the caller's is emptied) for client c, file naming
 * it in messages (NULL: typed, no position), as mode says.  CMD_WAIT: a
 * command waits, and cmd_continue goes on with it later.  CMD_ERROR: a
 * command failed (in a config: at least one did, and the rest ran).
 */
enum cmd_retval
cmd_run_as(struct cmd_client *c, const char *file, struct script *sc,
    enum cmd_run_mode mode)
{
	struct cmdq	*q = xcalloc(1, sizeof *q), **pp;
	enum cmd_retval	 r;

	q->c = c;
	cmdq_push(q, file, sc, mode);
	for (pp = &c->queue; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = q;
	if ((r = cmdq_step(q)) != CMD_WAIT) {
		if (r == CMD_NORMAL && q->nerrors > 0)
			r = CMD_ERROR;
		cmdq_done(c, q);
		cmdq_remove(c, q);
	}
	return (r);
}

/* A session script with a file name, or a typed line (file NULL). */
enum cmd_retval
cmd_run(struct cmd_client *c, const char *file, struct script *sc)
{
	return (cmd_run_as(c, file, sc, file != NULL ? CMD_RUN_SCRIPT :
	    CMD_RUN_TYPED));
}

/* Read a file and run it as mode says; one it cannot read is an error. */
static enum cmd_retval
cmd_run_path(struct cmd_client *c, const char *path, enum cmd_run_mode mode)
{
	struct script	 sc;
	const char	*name;
	char		*cause;
	int		 rc;

	if (mode == CMD_RUN_CONFIG)
		rc = cmd_load_config(path, &sc, &name, &cause);
	else
		rc = cmd_load(path, &sc, &name, &cause);
	if (rc != 0) {
		c->failed = 1;
		c->ops->error(c, cause);
		free(cause);
		return (CMD_ERROR);
	}
	return (cmd_run_as(c, name, &sc, mode));
}

/* Run a session file; a bad file is an error told to the client. */
enum cmd_retval
cmd_run_file(struct cmd_client *c, const char *path)
{
	return (cmd_run_path(c, path, CMD_RUN_SCRIPT));
}

/* Run a config file: every error told, the rest runs. */
enum cmd_retval
cmd_run_config(struct cmd_client *c, const char *path)
{
	return (cmd_run_path(c, path, CMD_RUN_CONFIG));
}

/* Go on with the runs that wait; 1 while any still waits. */
int
cmd_continue(struct cmd_client *c)
{
	struct cmdq	*q, *next;
	int		 waiting = 0;

	for (q = c->queue; q != NULL; q = next) {
		next = q->next;
		if (cmdq_step(q) == CMD_WAIT)
			waiting = 1;
		else {
			cmdq_done(c, q);
			cmdq_remove(c, q);
		}
	}
	return (waiting);
}

/* When cmd_continue must run again at the latest; -1: no run waits. */
double
cmd_deadline(struct cmd_client *c)
{
	struct cmdq	*q;
	struct cmd_wait	*w;
	double		 d = -1, t;

	for (q = c->queue; q != NULL; q = q->next) {
		if (q->top == NULL || !q->top->waiting)
			continue;
		w = &q->top->item.wait;
		t = w->deadline;
		if (w->recheck > 0 && mono_now() + w->recheck < t)
			t = mono_now() + w->recheck;
		if (d < 0 || t < d)
			d = t;
	}
	return (d);
}

/* Drop every run (the client is going away). */
void
cmd_cancel(struct cmd_client *c)
{
	while (c->queue != NULL)
		cmdq_remove(c, c->queue);
}
