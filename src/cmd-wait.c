/*
 * cmd-wait.c: the commands that wait: wait, expect and sleep.
 *
 * None of them blocks the thread that runs commands: each sets up its
 * wait (cmd.h) and returns CMD_WAIT, and its check runs again when the
 * engine notifies (a pane's output or state changed) or its deadline
 * passes.  So `:wait -t py0` at the prompt leaves the UI, and every other
 * pane, answering keys.  A wait holds its pane's handle, never a pointer:
 * a pane closed meanwhile ends the wait with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define CMD_WAIT_TIMEOUT 30.0
#define CMD_EXPECT_TIMEOUT 10.0

/* The pane waited for, or NULL with a cause once it is gone. */
static struct pane *
cmd_wait_pane_get(struct cmd_wait *w, char **cause)
{
	struct pane	*p;

	if ((p = pane_get(w->pane)) == NULL)
		xasprintf(cause, "pane %s was closed meanwhile", w->name);
	return (p);
}

static int
cmd_wait_regcomp(struct cmd_wait *w, const char *re, char **cause)
{
	char	 err[256];
	int	 rc;

	if ((rc = regcomp(&w->rx, re, REG_EXTENDED | REG_NEWLINE |
	    REG_NOSUB)) != 0) {
		regerror(rc, &w->rx, err, sizeof err);
		xasprintf(cause, "bad regular expression '%s': %s", re, err);
		return (-1);
	}
	w->have_rx = 1;
	w->pattern = xstrdup(re);
	return (0);
}

static void
cmd_wait_pane(struct cmd_wait *w, struct pane *p, double timeout)
{
	w->pane = pane_handle(p);
	w->name = xstrdup(pane_name(p));
	w->timeout = timeout;
	w->deadline = mono_now() + timeout;
}

/* wait: until the pane is idle. */
static enum cmd_retval
cmd_wait_idle_check(struct cmd_item *item, int timed_out, char **cause)
{
	struct cmd_wait		*w = &item->wait;
	struct pane		*p;
	struct pane_info	 pi;

	if ((p = cmd_wait_pane_get(w, cause)) == NULL)
		return (CMD_ERROR);
	if (!pane_busy(p))
		return (CMD_NORMAL);
	if (!timed_out)
		return (CMD_WAIT);
	pane_info(p, &pi);
	xasprintf(cause, "timed out after %g s waiting for pane %s (%s)",
	    w->timeout, pi.name, pane_state_name(pi.state));
	pane_info_free(&pi);
	return (CMD_ERROR);
}

/* wait -r: until the transcript matches. */
static enum cmd_retval
cmd_wait_regex_check(struct cmd_item *item, int timed_out, char **cause)
{
	struct cmd_wait	*w = &item->wait;
	struct pane	*p;
	char		*text;
	size_t		 len;
	int		 matched;

	if ((p = cmd_wait_pane_get(w, cause)) == NULL)
		return (CMD_ERROR);
	text = pane_transcript(p, &len);
	matched = regexec(&w->rx, text, 0, NULL, 0) == 0;
	free(text);
	if (matched)
		return (CMD_NORMAL);
	if (!timed_out)
		return (CMD_WAIT);
	xasprintf(cause, "timed out after %g s waiting for /%s/ in pane %s",
	    w->timeout, w->pattern, w->name);
	return (CMD_ERROR);
}

static enum cmd_retval
cmd_wait_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct cmd_wait	*w = &item->wait;
	struct pane	*p;
	const char	*t = cmd_flag(a, 'T'), *re = cmd_flag(a, 'r');
	double		 timeout = CMD_WAIT_TIMEOUT;

	if (t != NULL && cmd_seconds(t, &timeout, cause) != 0)
		return (CMD_ERROR);
	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (re != NULL && cmd_wait_regcomp(w, re, cause) != 0)
		return (CMD_ERROR);
	cmd_wait_pane(w, p, timeout);
	w->check = re != NULL ? cmd_wait_regex_check : cmd_wait_idle_check;
	return (w->check(item, 0, cause));
}

const struct cmd_entry cmd_wait_entry = {
	"wait", "waitp", "r:t:T:", 0, 0, "[-t PANE] [-T SECONDS] [-r REGEX]",
	0, cmd_wait_exec
};

/* What the pane printed, indented under the message. */
static char *
cmd_expect_shown(char *text)
{
	char	*shown = xstrdup(""), *q, *n;

	for (q = strtok(text, "\n"); q != NULL; q = strtok(NULL, "\n")) {
		xasprintf(&n, "%s\n    %s", shown, q);
		free(shown);
		shown = n;
	}
	return (shown);
}

/*
 * expect: the pane's output since input was last sent must match: it is
 * looked for until the pane is idle or the timeout passes.  Sessions
 * become tests.
 */
static enum cmd_retval
cmd_expect_check(struct cmd_item *item, int timed_out, char **cause)
{
	struct cmd_wait	*w = &item->wait;
	struct pane	*p;
	char		*text, *shown;
	size_t		 len;
	int		 idle;

	if ((p = cmd_wait_pane_get(w, cause)) == NULL)
		return (CMD_ERROR);
	idle = !pane_busy(p);
	if ((text = pane_recent(p, &len)) == NULL) {
		if (!timed_out)
			return (CMD_WAIT);	/* input not taken yet */
		text = xstrdup("");
	} else if (regexec(&w->rx, text, 0, NULL, 0) == 0) {
		free(text);
		return (CMD_NORMAL);
	} else if (!idle && !timed_out) {
		free(text);
		return (CMD_WAIT);
	}
	shown = cmd_expect_shown(text);
	xasprintf(cause, "/%s/ not in what pane %s printed%s:%s", w->pattern,
	    w->name, idle ? "" : " (still running)", *shown != '\0' ? shown :
	    " nothing");
	free(shown);
	free(text);
	return (CMD_ERROR);
}

static enum cmd_retval
cmd_expect_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct cmd_wait	*w = &item->wait;
	struct pane	*p;
	const char	*t = cmd_flag(a, 'T');
	double		 timeout = CMD_EXPECT_TIMEOUT;

	if (t != NULL && cmd_seconds(t, &timeout, cause) != 0)
		return (CMD_ERROR);
	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (cmd_wait_regcomp(w, a->argv[0], cause) != 0)
		return (CMD_ERROR);
	cmd_wait_pane(w, p, timeout);
	/* Going idle notifies, but look again soon all the same. */
	w->recheck = 0.05;
	w->check = cmd_expect_check;
	return (w->check(item, 0, cause));
}

const struct cmd_entry cmd_expect_entry = {
	"expect", "exp", "t:T:", 1, 1, "[-t PANE] [-T SECONDS] REGEX", 0,
	cmd_expect_exec
};

static enum cmd_retval
cmd_sleep_check(struct cmd_item *item, int timed_out, char **cause)
{
	(void)item;
	(void)cause;
	return (timed_out ? CMD_NORMAL : CMD_WAIT);
}

static enum cmd_retval
cmd_sleep_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	double	 d;

	if (cmd_seconds(a->argv[0], &d, cause) != 0)
		return (CMD_ERROR);
	item->wait.deadline = mono_now() + d;
	item->wait.check = cmd_sleep_check;
	return (CMD_WAIT);
}

const struct cmd_entry cmd_sleep_entry = {
	"sleep", "sl", "", 1, 1, "SECONDS", 0, cmd_sleep_exec
};
