/*
 * cmd-pane.c: the commands that make, end, name, list, select and swap
 * panes.
 *
 * new-pane and split-window share one maker (cmd_pane_spawn); where a
 * split pane goes is the client's layout (its layout op, which a client
 * without a screen lacks: the pane is made all the same).  swap-pane
 * trades two panes' places in the order (pane_swap) and asks the client's
 * layout to trade their cells.
 *
 * Ending a pane (kill-pane, respawn-pane) is asked of the engine, which
 * never blocks here: the command waits (cmd.h) until the pane reports the
 * outcome, then tells the client (pane events) and, for a pane gone, moves
 * the client's focus.  A close that cannot finish in 3 s (code that does
 * not take the interrupt) is withdrawn and the pane kept, with a message
 * that says why.  Runs on the thread of the client's loop.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmd.h"

#define CMD_KILL_TIMEOUT 3.0

static void
cmd_pane_event(struct cmd_client *c, unsigned int h, enum cmd_pane_event ev)
{
	if (c->ops->pane_event != NULL)
		c->ops->pane_event(c, h, ev);
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
cmd_new_pane_gil(const char *g, enum gil_mode *gil, char **cause)
{
	if (strcmp(g, "own") == 0)
		*gil = GIL_OWN;
	else if (strcmp(g, "shared") == 0)
		*gil = GIL_SHARED;
	else if (strcmp(g, "main") == 0)
		*gil = GIL_MAIN;
	else {
		xasprintf(cause, "-g takes 'own', 'shared' or 'main', not "
		    "'%s'", g);
		return (-1);
	}
	if (*gil == GIL_OWN && !interp_own_gil_supported()) {
		xasprintf(cause, "an own GIL needs CPython 3.12 or later "
		    "(this is %s)", interp_python_version());
		return (-1);
	}
	return (0);
}

/*
 * A new pane, for new-pane and split-window (split: where it goes, asked
 * of the client's layout: first whether it fits, so that a split too
 * small makes no pane, then with the pane made).  A client without a
 * screen has no layout: the pane is made all the same.
 */
static enum cmd_retval
cmd_pane_spawn(struct cmd_item *item, struct cmd_args *a,
    struct cmd_layout *split, char **cause)
{
	struct cmd_client	*c = item->c;
	struct pane_opts	 opts;
	struct pane		*p;
	struct stat		 sb;
	const char		*g = cmd_flag(a, 'g'), *dir = cmd_flag(a, 'c');
	const char		*s = cmd_flag(a, 's');
	char			*env[CMD_MAXFLAGS], *cwd = NULL, *startup = NULL;
	enum cmd_retval		 rc = CMD_ERROR;

	memset(&opts, 0, sizeof opts);
	opts.name = cmd_flag(a, 'n');
	opts.gil = options_get("gil") == 1 ? GIL_OWN :
	    options_get("gil") == 2 ? GIL_SHARED : GIL_DEFAULT;
	/* Both as absolute paths: the pane runs in its own directory. */
	if (s != NULL && (access(s, R_OK) != 0 ||
	    (startup = realpath(s, NULL)) == NULL)) {
		xasprintf(cause, "%s: %s", s, strerror(errno));
		goto out;
	}
	opts.startup = startup;
	if (dir != NULL) {
		if ((cwd = realpath(dir, NULL)) == NULL) {
			xasprintf(cause, "-c %s: %s", dir, strerror(errno));
			goto out;
		}
		if (stat(cwd, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			xasprintf(cause, "-c %s: not a directory", dir);
			goto out;
		}
	}
	opts.cwd = cwd;
	if (cmd_new_pane_env(a, env, &opts.nenv, cause) != 0)
		goto out;
	opts.env = env;
	if (g != NULL && cmd_new_pane_gil(g, &opts.gil, cause) != 0)
		goto out;
	if (split != NULL && c->ops->layout != NULL) {
		split->other = 0;
		if (c->ops->layout(c, split, cause) != 0)
			goto out;
	}
	if ((p = pane_new(&opts, cause)) == NULL)
		goto out;
	if (split != NULL && c->ops->layout != NULL) {
		char *why = NULL;
		split->other = pane_handle(p);
		/* It fitted a moment ago; if not now, the client places
		 * the pane as new-pane's. */
		if (c->ops->layout(c, split, &why) != 0)
			free(why);
	}
	cmd_pane_event(c, pane_handle(p), CMD_PANE_ADDED);
	if (!cmd_flag(a, 'd') || cmd_current(c) == NULL)
		cmd_focus(c, p);
	rc = CMD_NORMAL;
out:
	free(startup);
	free(cwd);
	return (rc);
}

static enum cmd_retval
cmd_new_pane_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	return (cmd_pane_spawn(item, a, NULL, cause));
}

const struct cmd_entry cmd_new_pane_entry = {
	"new-pane", "newp", "c:de:g:n:s:", 0, 0,
	"[-d] [-c DIR] [-e NAME=VALUE] [-g own|shared|main] [-n NAME] "
	"[-s STARTUP]", 0, cmd_new_pane_exec
};

/*
 * split-window: a new pane beside the target (-h, left and right) or
 * under it (-v, the default, as tmux's), taking half of it or -l SIZE
 * (cells, or N% of the target); -b puts it left or above.  Then as
 * new-pane (its flags, the focus).
 */
static enum cmd_retval
cmd_split_window_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_layout	 split;
	struct pane		*target;
	const char		*l = cmd_flag(a, 'l');
	int			 i;

	memset(&split, 0, sizeof split);
	split.op = CMD_LAYOUT_SPLIT;
	split.dir = 'v';
	for (i = 0; i < a->nflags; i++)	/* the last of -h and -v counts */
		if (a->flag[i] == 'h' || a->flag[i] == 'v')
			split.dir = a->flag[i];
	split.before = cmd_flag(a, 'b') != NULL;
	split.size = -1;
	if (l != NULL && cmd_layout_size(l, "-l", &split.size, &split.percent,
	    cause) != 0)
		return (CMD_ERROR);
	if (pane_count() > 0) {
		if ((target = cmd_target(item, a, cause)) == NULL)
			return (CMD_ERROR);
		split.pane = pane_handle(target);
		return (cmd_pane_spawn(item, a, &split, cause));
	}
	if (cmd_flag(a, 't') != NULL) {
		xasprintf(cause, "there are no panes to split: -t names none");
		return (CMD_ERROR);
	}
	return (cmd_pane_spawn(item, a, NULL, cause));	/* the first */
}

const struct cmd_entry cmd_split_window_entry = {
	"split-window", "splitw", "bc:de:g:hl:n:s:t:v", 0, 0,
	"[-bdhv] [-l SIZE|PERCENT%] [-t PANE] [-c DIR] [-e NAME=VALUE] "
	"[-g own|shared|main] [-n NAME] [-s STARTUP]", 0,
	cmd_split_window_exec
};

/*
 * swap-pane: the target (-t, or the current pane) and the pane before it
 * (-U), after it (-D; both wrap around) or -s SRC trade places and
 * indexes, as tmux's.  The focus stays with the target, or with -d on
 * the place it was.
 */
static enum cmd_retval
cmd_swap_pane_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct cmd_client	*c = item->c;
	struct cmd_layout	 swap;
	struct pane		*dst, *src, *cur = cmd_current(c);
	const char		*sname = cmd_flag(a, 's');
	int			 n = (int)pane_count(), i;

	if ((cmd_flag(a, 'U') != NULL) + (cmd_flag(a, 'D') != NULL) +
	    (sname != NULL) != 1) {
		xasprintf(cause, "give one of -U (the pane before), -D (the "
		    "pane after) or -s PANE");
		return (CMD_ERROR);
	}
	if ((dst = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	i = pane_index(dst);
	if (sname != NULL) {
		if ((src = pane_find(sname, cause)) == NULL)
			return (CMD_ERROR);
	} else if (cmd_flag(a, 'U') != NULL)
		src = pane_at((size_t)((i + n - 1) % n));
	else
		src = pane_at((size_t)((i + 1) % n));
	if (src == dst)
		return (CMD_NORMAL);	/* one pane: nothing to swap */
	pane_swap(src, dst);
	if (c->ops->layout != NULL) {
		memset(&swap, 0, sizeof swap);
		swap.op = CMD_LAYOUT_SWAP;
		swap.pane = pane_handle(dst);
		swap.other = pane_handle(src);
		if (c->ops->layout(c, &swap, cause) != 0)
			return (CMD_ERROR);
	}
	if (cmd_flag(a, 'd') != NULL) {
		if (cur == dst)
			cmd_focus(c, src);
		else if (cur == src)
			cmd_focus(c, dst);
	} else
		cmd_focus(c, dst);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_swap_pane_entry = {
	"swap-pane", "swapp", "dDs:t:U", 0, 0,
	"[-d] [-s SRC] [-t PANE] [-U|-D]", 0, cmd_swap_pane_exec
};

/*
 * The end asked by kill-pane or respawn-pane: done, failed, or under way.
 * At the deadline a pane still running code keeps it (the request is
 * withdrawn); one that is ending its interpreter is waited for.
 */
static enum cmd_retval
cmd_end_check(struct cmd_item *item, int timed_out, int respawn,
    char **cause)
{
	struct cmd_wait		*w = &item->wait;
	struct pane		*p = pane_get(w->pane);
	struct pane_info	 pi;
	int			 r, changed;

	if (p == NULL) {
		xasprintf(cause, "pane %s was closed meanwhile", w->name);
		return (CMD_ERROR);
	}
	if ((r = pane_reap(p, cause)) < 0) {
		cmd_pane_event(item->c, w->pane, CMD_PANE_KEPT);
		return (CMD_ERROR);
	}
	if (r == 1) {
		cmd_pane_gone(item->c, w->index);
		cmd_pane_event(item->c, w->pane, CMD_PANE_CLOSED);
		return (CMD_NORMAL);
	}
	pane_info(p, &pi);
	changed = pi.respawns != w->respawns;
	if (respawn && changed && pi.state != PANE_CLOSING) {
		pane_info_free(&pi);
		cmd_pane_event(item->c, w->pane, CMD_PANE_RESPAWNED);
		return (CMD_NORMAL);
	}
	if (!timed_out || pi.state == PANE_CLOSING) {
		if (timed_out)
			w->deadline = mono_now() + 0.1;
		pane_info_free(&pi);
		return (CMD_WAIT);
	}
	pane_info_free(&pi);
	if (pane_close_cancel(p) != 0)
		return (CMD_WAIT);	/* it got there after all */
	cmd_pane_event(item->c, w->pane, CMD_PANE_KEPT);
	xasprintf(cause, "pane %s kept: its code is still running after %g s "
	    "(a blocking call, such as a lock or socket wait, takes the "
	    "interrupt when it returns)", w->name, w->timeout);
	return (CMD_ERROR);
}

static enum cmd_retval
cmd_kill_check(struct cmd_item *item, int timed_out, char **cause)
{
	return (cmd_end_check(item, timed_out, 0, cause));
}

static enum cmd_retval
cmd_respawn_check(struct cmd_item *item, int timed_out, char **cause)
{
	return (cmd_end_check(item, timed_out, 1, cause));
}

static enum cmd_retval
cmd_end_pane(struct cmd_item *item, struct cmd_args *a, int respawn,
    char **cause)
{
	struct cmd_wait		*w = &item->wait;
	struct pane		*p;
	struct pane_info	 pi;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	pane_info(p, &pi);
	w->respawns = pi.respawns;
	pane_info_free(&pi);
	w->pane = pane_handle(p);
	w->name = xstrdup(pane_name(p));
	w->index = pane_index(p);
	w->timeout = CMD_KILL_TIMEOUT;
	w->deadline = mono_now() + CMD_KILL_TIMEOUT;
	w->check = respawn ? cmd_respawn_check : cmd_kill_check;
	pane_close_request(p, respawn);
	cmd_pane_event(item->c, w->pane, respawn ? CMD_PANE_RESPAWNING :
	    CMD_PANE_CLOSING);
	return (w->check(item, 0, cause));
}

static enum cmd_retval
cmd_kill_pane_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	return (cmd_end_pane(item, a, 0, cause));
}

const struct cmd_entry cmd_kill_pane_entry = {
	"kill-pane", "killp", "t:", 0, 0, "[-t PANE]", 0, cmd_kill_pane_exec
};

static enum cmd_retval
cmd_respawn_pane_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	return (cmd_end_pane(item, a, 1, cause));
}

const struct cmd_entry cmd_respawn_pane_entry = {
	"respawn-pane", "respawnp", "t:", 0, 0, "[-t PANE]", 0,
	cmd_respawn_pane_exec
};

static enum cmd_retval
cmd_rename_pane_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (pane_rename(p, a->argv[0], cause) != 0)
		return (CMD_ERROR);
	cmd_pane_event(item->c, pane_handle(p), CMD_PANE_RENAMED);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_rename_pane_entry = {
	"rename-pane", "renamep", "t:", 1, 1, "[-t PANE] NAME", 0,
	cmd_rename_pane_exec
};

static enum cmd_retval
cmd_select_pane_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_client	*c = item->c;
	struct pane		*p;
	const char		*dirs = "UDLR";
	int			 i;

	for (i = 0; dirs[i] != '\0'; i++) {
		if (cmd_flag(a, dirs[i]) == NULL)
			continue;
		if (c->ops->select_direction == NULL) {
			xasprintf(cause, "needs the terminal UI (not "
			    "available %s)", c->where != NULL ? c->where :
			    "with --batch");
			return (CMD_ERROR);
		}
		if (c->ops->select_direction(c, dirs[i]) != 0) {
			xasprintf(cause, "no pane %s", i == 0 ? "above" :
			    i == 1 ? "below" : i == 2 ? "to the left" :
			    "to the right");
			return (CMD_ERROR);
		}
		return (CMD_NORMAL);
	}
	if (cmd_flag(a, 'l') != NULL) {
		if ((p = cmd_last(c)) == NULL) {
			xasprintf(cause, "no last pane");
			return (CMD_ERROR);
		}
	} else if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	cmd_focus(c, p);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_select_pane_entry = {
	"select-pane", "selectp", "lt:UDLR", 0, 0,
	"[-l] [-t PANE] [-U|-D|-L|-R]", 0, cmd_select_pane_exec
};

/* select-pane -l, in a script too. */
static enum cmd_retval
cmd_last_pane_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	a->flag[0] = 'l';
	a->value[0] = NULL;
	a->nflags = 1;
	return (cmd_select_pane_exec(item, a, cause));
}

const struct cmd_entry cmd_last_pane_entry = {
	"last-pane", "lastp", "", 0, 0, "", 0, cmd_last_pane_exec
};

static enum cmd_retval
cmd_list_panes_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane_info	 pi;
	struct pane		*cur = cmd_current(item->c);
	size_t			 i, len = 0;
	char			*line, *out = xstrdup("");
	int			 n;

	(void)a;
	for (i = 0; i < pane_count(); i++) {
		pane_info(pane_at(i), &pi);
		if (pi.state == PANE_DEAD)
			n = xasprintf(&line, "%d: %s (dead, status %d)%s\n",
			    pi.index, pi.name, pi.exit_status,
			    pane_at(i) == cur ? " (current)" : "");
		else
			n = xasprintf(&line, "%d: %s (%s, %s)%s\n",
			    pi.index, pi.name, pane_state_name(pi.state),
			    pi.main ? "main interpreter" : pi.own_gil ?
			    "own GIL" : "shared GIL",
			    pane_at(i) == cur ? " (current)" : "");
		out = xrealloc(out, len + (size_t)n + 1);
		memcpy(out + len, line, (size_t)n + 1);
		len += (size_t)n;
		free(line);
		pane_info_free(&pi);
	}
	return (cmd_print(item, out, len, cause));
}

const struct cmd_entry cmd_list_panes_entry = {
	"list-panes", "lsp", "", 0, 0, "", 0, cmd_list_panes_exec
};
