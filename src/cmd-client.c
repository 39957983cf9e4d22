/*
 * cmd-client.c: the commands that act on the client that ran them: its
 * layout and zoom, prompts and questions, copy mode, the pane numbers,
 * suspending it, and quitting; display-message, and the session's message
 * log that show-messages lists.
 *
 * Most need an interactive client and say so in their entries (cmd.c
 * refuses them for the others).  Layout and zoom mean nothing without a
 * screen: a client with no terminal accepts them and does nothing, so
 * one session file serves both.  The message log is what the frontends
 * told the user (the UI: every status-line message; batch: every error),
 * handed here by cmd_log.  Runs on the thread of the client's loop.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"

static enum cmd_retval
cmd_select_layout_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_client	*c = item->c;
	enum layout		 l;

	if (layout_from_name(a->argv[0], &l) != 0) {
		xasprintf(cause, "unknown layout '%s' (even-horizontal, "
		    "even-vertical, main-vertical, tiled)", a->argv[0]);
		return (CMD_ERROR);
	}
	if (c->ops->set_layout != NULL)
		c->ops->set_layout(c, 0, l);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_select_layout_entry = {
	"select-layout", "selectl", "", 1, 1, "LAYOUT", 0,
	cmd_select_layout_exec
};

static enum cmd_retval
cmd_next_layout_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_client	*c = item->c;

	(void)a;
	(void)cause;
	if (c->ops->set_layout != NULL)
		c->ops->set_layout(c, 1, 0);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_next_layout_entry = {
	"next-layout", "nextl", "", 0, 0, "", 0, cmd_next_layout_exec
};

/*
 * A size for split-window -l or resize-pane -x/-y: cells (1 to 10000), or
 * a percentage (1% to 100%) when it ends in %.  0, or -1 and *cause
 * naming the flag.
 */
int
cmd_layout_size(const char *s, const char *flag, int *size, int *percent,
    char **cause)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	*percent = *end == '%';
	if (*percent)
		end++;
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || n < 1 ||
	    n > (*percent ? 100 : 10000)) {
		xasprintf(cause, "%s takes a size in cells (1 to 10000) or a "
		    "percentage (1%% to 100%%), not '%s'", flag, s);
		return (-1);
	}
	*size = (int)n;
	return (0);
}

/*
 * resize-pane: -L/-R/-U/-D [N] move a border of the pane N cells (1 if
 * not given) that way, -x/-y make it that wide or high, -Z zooms it or
 * back, as tmux's.  A client with no screen checks the arguments and does
 * nothing else, as for select-layout.
 */
static enum cmd_retval
cmd_resize_pane_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_client	*c = item->c;
	struct cmd_layout	 req[2];
	struct pane		*p;
	const char		*x = cmd_flag(a, 'x'), *y = cmd_flag(a, 'y');
	const char		*dirs = "LRUD";
	char			*end;
	long			 n = 1;
	int			 i, nreq = 0, ndir = 0;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (cmd_flag(a, 'Z') != NULL) {
		if (x != NULL || y != NULL || a->argc > 0 ||
		    cmd_flag(a, 'L') != NULL || cmd_flag(a, 'R') != NULL ||
		    cmd_flag(a, 'U') != NULL || cmd_flag(a, 'D') != NULL) {
			xasprintf(cause, "-Z (zoom) goes alone (with -t)");
			return (CMD_ERROR);
		}
		cmd_focus(c, p);
		if (c->ops->toggle_zoom != NULL)
			c->ops->toggle_zoom(c);
		return (CMD_NORMAL);
	}
	memset(req, 0, sizeof req);
	for (i = 0; dirs[i] != '\0'; i++) {
		if (cmd_flag(a, dirs[i]) == NULL)
			continue;
		req[0].op = CMD_LAYOUT_RESIZE;
		req[0].dir = dirs[i];
		ndir++;
	}
	if (ndir > 1) {
		xasprintf(cause, "give one of -L, -R, -U and -D");
		return (CMD_ERROR);
	}
	if (a->argc > 0) {
		errno = 0;
		n = strtol(a->argv[0], &end, 10);
		if (a->argv[0][0] < '0' || a->argv[0][0] > '9' ||
		    *end != '\0' || errno != 0 || n < 1 || n > 10000) {
			xasprintf(cause, "'%s' is not a number of cells (1 to "
			    "10000)", a->argv[0]);
			return (CMD_ERROR);
		}
		if (ndir == 0) {
			xasprintf(cause, "a number of cells (%s) goes with -L, "
			    "-R, -U or -D", a->argv[0]);
			return (CMD_ERROR);
		}
	}
	if (ndir > 0) {
		req[0].size = (int)n;
		nreq++;
	}
	for (i = 0; i < 2; i++) {
		const char *v = i == 0 ? x : y;
		if (v == NULL)
			continue;
		req[nreq].op = CMD_LAYOUT_RESIZE_TO;
		req[nreq].dir = i == 0 ? 'x' : 'y';
		if (cmd_layout_size(v, i == 0 ? "-x" : "-y", &req[nreq].size,
		    &req[nreq].percent, cause) != 0)
			return (CMD_ERROR);
		if (nreq == 1 && req[0].op == CMD_LAYOUT_RESIZE) {
			xasprintf(cause, "-%c goes without -L, -R, -U or -D",
			    req[1].dir);
			return (CMD_ERROR);
		}
		nreq++;
	}
	if (nreq == 0) {
		xasprintf(cause, "give -L, -R, -U or -D [N] (move a border), "
		    "-x WIDTH, -y HEIGHT or -Z (zoom)");
		return (CMD_ERROR);
	}
	for (i = 0; i < nreq; i++) {
		req[i].pane = pane_handle(p);
		if (c->ops->layout != NULL && c->ops->layout(c, &req[i],
		    cause) != 0)
			return (CMD_ERROR);
	}
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_resize_pane_entry = {
	"resize-pane", "resizep", "DLRt:Ux:y:Z", 0, 1,
	"[-t PANE] [-L|-R|-U|-D [N]] [-x WIDTH] [-y HEIGHT] [-Z]", 0,
	cmd_resize_pane_exec
};

static enum cmd_retval
cmd_display_panes_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	(void)a;
	(void)cause;
	item->c->ops->display_panes(item->c);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_display_panes_entry = {
	"display-panes", "displayp", "", 0, 0, "", CMD_NEEDS_UI,
	cmd_display_panes_exec
};

static enum cmd_retval
cmd_suspend_client_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	(void)a;
	(void)cause;
	item->c->ops->suspend(item->c);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_suspend_client_entry = {
	"suspend-client", "suspendc", "", 0, 0, "", CMD_NEEDS_UI,
	cmd_suspend_client_exec
};

/* copy-mode [-q] [-u] [-t PANE]: into copy mode (a page up), or out. */
static enum cmd_retval
cmd_copy_mode_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	int		 flags = 0;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (cmd_flag(a, 'u') != NULL)
		flags |= CMD_COPY_PAGE_UP;
	if (cmd_flag(a, 'q') != NULL)
		flags |= CMD_COPY_QUIT;
	item->c->ops->copy_mode(item->c, p, flags);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_copy_mode_entry = {
	"copy-mode", "copym", "qt:u", 0, 0, "[-q] [-u] [-t PANE]",
	CMD_NEEDS_UI, cmd_copy_mode_exec
};

static enum cmd_retval
cmd_command_prompt_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	(void)cause;
	item->c->ops->command_prompt(item->c, cmd_flag(a, 'I'),
	    cmd_flag(a, 'p'), a->argc > 0 ? a->argv[0] : NULL);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_command_prompt_entry = {
	"command-prompt", "cmdp", "I:p:", 0, 1,
	"[-I INITIAL] [-p PROMPT] [TEMPLATE]", CMD_NEEDS_UI,
	cmd_command_prompt_exec
};

static enum cmd_retval
cmd_confirm_before_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	const char	*p = cmd_flag(a, 'p');
	char		*q = NULL;

	(void)cause;
	if (p == NULL)
		xasprintf(&q, "%s? (y/n)", a->argv[0]);
	item->c->ops->confirm(item->c, p != NULL ? p : q, a->argv[0]);
	free(q);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_confirm_before_entry = {
	"confirm-before", "confirm", "p:", 1, 1, "[-p PROMPT] COMMAND",
	CMD_NEEDS_UI, cmd_confirm_before_exec
};

static enum cmd_retval
cmd_send_prefix_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	(void)a;
	(void)cause;
	item->c->ops->send_prefix(item->c);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_send_prefix_entry = {
	"send-prefix", "sendp", "", 0, 0, "", CMD_NEEDS_UI,
	cmd_send_prefix_exec
};

/* detach-client: the screen lets go of the terminal; panes go on. */
static enum cmd_retval
cmd_detach_client_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	(void)a;
	(void)cause;
	item->c->ops->detach(item->c);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_detach_client_entry = {
	"detach-client", "detach", "", 0, 0, "", CMD_NEEDS_UI,
	cmd_detach_client_exec
};

/* quit: an interactive client asks first when code runs (not with -f). */
static enum cmd_retval
cmd_quit_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct cmd_client	*c = item->c;

	(void)cause;
	if (c->ops->quit != NULL)
		c->ops->quit(c, cmd_flag(a, 'f') != NULL);
	else
		c->quit = 1;
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_quit_entry = {
	"quit", "kill-server", "f", 0, 0, "[-f]", 0, cmd_quit_exec
};

static enum cmd_retval
cmd_display_message_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_client	*c = item->c;
	char			*text;

	if (c->ops->message != NULL) {
		c->ops->message(c, a->argv[0]);
		return (CMD_NORMAL);
	}
	xasprintf(&text, "%s\n", a->argv[0]);
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_display_message_entry = {
	"display-message", "display", "", 1, 1, "TEXT", 0,
	cmd_display_message_exec
};

/*
 * The message log: the last CMD_LOG_LIMIT messages with their times, as
 * tmux's (its message-limit is 1000 too), oldest first in a ring.
 */
#define CMD_LOG_LIMIT	1000

static struct {
	char	*msg;
	time_t	 t;
} cmd_log_ring[CMD_LOG_LIMIT];
static size_t	 cmd_log_start, cmd_log_n;

void
cmd_log(const char *msg)
{
	size_t	 i;

	if (cmd_log_n == CMD_LOG_LIMIT) {
		i = cmd_log_start;
		free(cmd_log_ring[i].msg);
		cmd_log_start = (cmd_log_start + 1) % CMD_LOG_LIMIT;
	} else
		i = (cmd_log_start + cmd_log_n++) % CMD_LOG_LIMIT;
	cmd_log_ring[i].msg = xstrdup(msg);
	cmd_log_ring[i].t = time(NULL);
}

/* The log as lines "Thu Dec  3 14:14:05 2026 message" (tmux's form). */
char *
cmd_log_text(void)
{
	struct tm	 tm;
	char		 when[64], *out;
	size_t		 k, i, size = 1, len = 0;

	for (k = 0; k < cmd_log_n; k++) {
		i = (cmd_log_start + k) % CMD_LOG_LIMIT;
		size += sizeof when + strlen(cmd_log_ring[i].msg) + 2;
	}
	out = xmalloc(size);
	out[0] = '\0';
	for (k = 0; k < cmd_log_n; k++) {
		i = (cmd_log_start + k) % CMD_LOG_LIMIT;
		localtime_r(&cmd_log_ring[i].t, &tm);
		if (strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y",
		    &tm) == 0)
			when[0] = '\0';
		len += (size_t)snprintf(out + len, size - len, "%s %s\n", when,
		    cmd_log_ring[i].msg);
	}
	return (out);
}

static enum cmd_retval
cmd_show_messages_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	char	*text = cmd_log_text();

	(void)a;
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_show_messages_entry = {
	"show-messages", "showmsgs", "", 0, 0, "", 0, cmd_show_messages_exec
};
