/*
 * cmd-client.c: the commands that act on the client that ran them: its
 * layout and zoom, prompts and questions, copy mode, the pane numbers,
 * suspending it, and quitting.
 *
 * Most need an interactive client and say so in their entries (cmd.c
 * refuses them for the others).  Layout and zoom mean nothing without a
 * screen: a client with no terminal accepts them and does nothing, so
 * one session file serves both.  Runs on the thread of the client's loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static enum cmd_retval
cmd_resize_pane_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct cmd_client	*c = item->c;

	if (cmd_flag(a, 'Z') == NULL) {
		xasprintf(cause, "only -Z (zoom) is supported");
		return (CMD_ERROR);
	}
	if (c->ops->toggle_zoom != NULL)
		c->ops->toggle_zoom(c);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_resize_pane_entry = {
	"resize-pane", "resizep", "Z", 0, 0, "-Z", 0, cmd_resize_pane_exec
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

static enum cmd_retval
cmd_copy_mode_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	(void)cause;
	item->c->ops->copy_mode(item->c, cmd_flag(a, 'u') != NULL);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_copy_mode_entry = {
	"copy-mode", "copym", "u", 0, 0, "[-u]", CMD_NEEDS_UI,
	cmd_copy_mode_exec
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
