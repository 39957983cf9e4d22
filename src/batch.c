/*
 * batch.c: --batch FILE and -c COMMANDS, a client with no terminal.
 *
 * The whole script was read and parsed (cmd_load, cmd_parse) before
 * anything runs, so a syntax error anywhere costs nothing.  Its commands
 * run through the command loop (cmd.c) for a client whose output is
 * standard output (the real one, kept aside by main.c) and whose messages
 * go to standard error as FILE:LINE:COLUMN: why (and into the message
 * log, for show-messages); the first failing command stops the script, a
 * CI script fails fast.  The config (-F) is forgiving, as the UI's: each
 * of its errors is told and the next command runs; the exit status is the
 * script's.  While a command waits, this loop sleeps in
 * poll on the engine's notify fd until something changes or the command's
 * deadline passes.  Runs on the main thread, which never waits for a GIL.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "subplex.h"

static int
batch_print(struct cmd_client *c, char *text, size_t len, char **cause)
{
	int	 rc = 0;

	(void)c;
	if (write_all(tty_out_fd, text, len) != 0) {
		xasprintf(cause, "cannot write the output: %s",
		    strerror(errno));
		rc = -1;
	}
	free(text);
	return (rc);
}

static void
batch_error(struct cmd_client *c, const char *msg)
{
	(void)c;
	cmd_log(msg);
	log_msg("%s", msg);
}

static const struct cmd_client_ops batch_ops = {
	.print = batch_print,
	.error = batch_error,
};

static const struct timespec batch_gather = { 0, 1000000 };

/* Until the run ends: sleep while its command waits. */
static int
batch_finish(struct cmd_client *c, enum cmd_retval r)
{
	struct pollfd	 pfd;
	double		 d;
	int		 ms;

	pfd.fd = notify_fd();
	pfd.events = POLLIN;
	while (r == CMD_WAIT) {
		notify_clear();
		if (!cmd_continue(c))
			break;
		ms = -1;
		if ((d = cmd_deadline(c)) >= 0) {
			d -= mono_now();
			ms = d <= 0 ? 0 : (int)(d * 1000) + 1;
		}
		if (poll(&pfd, 1, ms) == -1 && errno != EINTR)
			fatal("poll");
		/*
		 * Every write of a pane pokes the notify fd: a pane printing
		 * fast would wake this thread for each line, taking a core
		 * from it.  Let a burst gather first: at most a thousand
		 * looks a second (a wait ends up to 1 ms later).
		 */
		if (pfd.revents & POLLIN)
			nanosleep(&batch_gather, NULL);
	}
	return (c->failed ? -1 : 0);
}

/*
 * Run the config script (-F; cname, csc: may be empty, its errors parsed
 * into it) then the session script; 0 when the session script ran to its
 * end or quit, whatever the config's errors were.  The scripts are taken.
 */
int
batch_main(const char *cname, struct script *csc, const char *name,
    struct script *sc)
{
	struct cmd_client	 c;
	int			 rc = 0;

	memset(&c, 0, sizeof c);
	c.ops = &batch_ops;
	if (csc->ncmds > 0)
		(void)batch_finish(&c, cmd_run_as(&c, cname, csc,
		    CMD_RUN_CONFIG));
	/* Panes a config made: the newest is current, as in the UI; its
	 * quit ends only the config. */
	c.current = pane_count() > 0 ? pane_handle(pane_at(pane_count() - 1)) :
	    0;
	c.last = 0;
	c.quit = 0;
	c.failed = 0;
	rc = batch_finish(&c, cmd_run(&c, name, sc));
	cmd_cancel(&c);
	return (rc);
}
