/*
 * test-cmd.c: the command loop (cmd.c, cmd-*.c) with the real engine and
 * a fake client, no terminal and no curses.
 *
 * The client records what commands tell it (output, errors, focus, pane
 * events); a second, interactive one also records the interactive ops.
 * Covered: target resolution (-t NAME, number, +, -, ., the focus),
 * errors with FILE:LINE:COLUMN and source-file steps, waiting commands
 * resumed by cmd_continue (wait, wait -r, expect, sleep, kill-pane,
 * respawn-pane) and their timeouts, two runs waiting at once, quit,
 * config files that go on after errors (and the files they, a typed line
 * or a session script source), set-option's tmux flags and show-options,
 * and
 * every command's argument errors (a missing argument, one too many, an
 * unknown flag, a flag without its value), taken from the table itself.
 * TAP on standard output; the exit status is the verdict.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/subplex.h"
#include "tap.h"

struct fake {
	struct cmd_client	 c;
	char			*out;		/* what print got, appended */
	char			*err;		/* the last error */
	char			*errs;		/* every error, a line each */
	char			*summary;	/* "first +N" from errors */
	char			*events;	/* "A:name C:name ..." */
	int			 focused;
	int			 prompts;	/* interactive ops called */
};

static struct fake	*fake_of(struct cmd_client *c)
{
	return ((struct fake *)c);
}

static void
append(char **s, const char *add)
{
	char	*n;

	xasprintf(&n, "%s%s", *s != NULL ? *s : "", add);
	free(*s);
	*s = n;
}

static int
fake_print(struct cmd_client *c, char *text, size_t len, char **cause)
{
	(void)len;
	(void)cause;
	append(&fake_of(c)->out, text);
	free(text);
	return (0);
}

static void
fake_error(struct cmd_client *c, const char *msg)
{
	free(fake_of(c)->err);
	fake_of(c)->err = xstrdup(msg);
	append(&fake_of(c)->errs, msg);
	append(&fake_of(c)->errs, "\n");
}

static void
fake_errors(struct cmd_client *c, const char *first, unsigned int more)
{
	free(fake_of(c)->summary);
	xasprintf(&fake_of(c)->summary, "%s +%u", first, more);
}

static void
fake_focused(struct cmd_client *c)
{
	fake_of(c)->focused++;
}

static void
fake_pane_event(struct cmd_client *c, unsigned int h, enum cmd_pane_event ev)
{
	static const char *tag[] = { "A", "R", "c", "C", "r", "S", "K" };
	struct pane	*p = pane_get(h);
	char		 buf[128];

	/* A closed pane is gone: its handle finds nothing. */
	snprintf(buf, sizeof buf, "%s:%s ", tag[ev], p == NULL ? "-" :
	    pane_name(p));
	append(&fake_of(c)->events, buf);
}

static void
fake_prompt(struct cmd_client *c, const char *i, const char *l,
    const char *t)
{
	(void)i;
	(void)l;
	(void)t;
	fake_of(c)->prompts++;
}

static const struct cmd_client_ops fake_ops = {
	.print = fake_print,
	.error = fake_error,
	.errors = fake_errors,
	.focused = fake_focused,
	.pane_event = fake_pane_event,
};

static const struct cmd_client_ops fake_ui_ops = {
	.print = fake_print,
	.error = fake_error,
	.focused = fake_focused,
	.pane_event = fake_pane_event,
	.command_prompt = fake_prompt,
};

static void
fake_reset(struct fake *f)
{
	free(f->out);
	free(f->err);
	free(f->events);
	free(f->errs);
	free(f->summary);
	f->out = f->err = f->events = f->errs = f->summary = NULL;
	f->c.failed = 0;
}

/* Run text as file name; wait (polling the notify fd) until it ends. */
static enum cmd_retval
run(struct fake *f, const char *name, const char *text, int *waited)
{
	struct script	 sc;
	struct pollfd	 pfd = { notify_fd(), POLLIN, 0 };
	enum cmd_retval	 r;
	char		*cause;
	double		 d, limit = mono_now() + 60;

	fake_reset(f);
	if (cmd_parse(name != NULL ? name : "-", text, strlen(text), &sc,
	    &cause) != 0) {
		f->err = cause;
		return (CMD_ERROR);
	}
	r = cmd_run(&f->c, name, &sc);
	if (waited != NULL)
		*waited = r == CMD_WAIT;
	while (r == CMD_WAIT && mono_now() < limit) {
		notify_clear();
		if (!cmd_continue(&f->c))
			break;
		d = cmd_deadline(&f->c) - mono_now();
		(void)poll(&pfd, 1, d < 0 ? 0 : (int)(d * 1000) + 1);
	}
	return (f->c.failed ? CMD_ERROR : CMD_NORMAL);
}

static void
expect_error(struct fake *f, const char *text, const char *want)
{
	run(f, "t", text, NULL);
	is_str(f->err != NULL ? f->err : "(no error)", want, text);
}

/* Does the usage show a positional argument outside [brackets]? */
static int
usage_requires(const char *usage)
{
	int	 depth = 0, start = 1;

	for (; *usage != '\0'; usage++) {
		if (*usage == '[')
			depth++;
		else if (*usage == ']')
			depth--;
		else if (depth == 0 && start && *usage >= 'A' &&
		    *usage <= 'Z')
			return (1);
		start = *usage == ' ';
	}
	return (0);
}

/* Every command's argument errors, from list-commands' own lines. */
static void
test_arguments(struct fake *f)
{
	char	*table, *line, *save = NULL, name[64], alias[64];
	char	*cmd, *want, *usage;
	int	 n = 0;

	run(f, NULL, "list-commands", NULL);
	table = xstrdup(f->out != NULL ? f->out : "");
	for (line = strtok_r(table, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%63s (%63[^)])", name, alias) != 2)
			continue;
		usage = strchr(line, ')') + 1;
		usage += *usage == ' ';
		/* An unknown flag: -Q is no command's. */
		xasprintf(&cmd, "%s -Q", name);
		xasprintf(&want, "t:1:1: %s: unknown flag -Q (usage: %s %s)",
		    name, name, usage);
		expect_error(f, cmd, want);
		free(cmd);
		free(want);
		/* One positional argument too many (no command takes 70,
		 * but send-keys, whose keys are as many as typed). */
		if (strstr(usage, "KEY...") == NULL) {
			xasprintf(&cmd, "%s%s", name, " a b c d e f g h i j k l "
			    "m n o p q r s t u v w x y z a b c d e f g h i j k "
			    "l m n o p q r s t u v w x y z a b c d e f g h i j "
			    "k l m n o p q r");
			xasprintf(&want, "t:1:1: %s: too many arguments "
			    "(usage: %s %s)", name, name, usage);
			expect_error(f, cmd, want);
			free(cmd);
			free(want);
		}
		/* A missing argument, where the usage shows one. */
		if (usage_requires(usage)) {
			xasprintf(&want, "t:1:1: %s: missing argument (usage: "
			    "%s %s)", name, name, usage);
			expect_error(f, name, want);
			free(want);
		}
		/* -t without its value. */
		if (strstr(usage, "[-t PANE]") != NULL) {
			xasprintf(&cmd, "%s -t", name);
			xasprintf(&want, "t:1:1: %s: -t needs a value (usage: "
			    "%s %s)", name, name, usage);
			expect_error(f, cmd, want);
			free(cmd);
			free(want);
		}
		n++;
	}
	ok(n >= 30, "list-commands lists every command (%d)", n);
	free(table);
}

int
main(void)
{
	struct engine_config	 cfg = { GIL_DEFAULT, pyio_register };
	struct fake		 f, ui;
	char			*cause = NULL, *inc;
	char			 dir[] = "/tmp/test-cmd.XXXXXX", path[128];
	int			 waited;
	double			 t0;
	FILE			*fp;

	setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
	tty_in_fd = dup(0);
	tty_out_fd = dup(1);
	notify_init();
	key_bind_defaults();
	if (interp_start(&cfg, &cause) != 0) {
		printf("Bail out! interp_start: %s\n", cause);
		return (1);
	}
	memset(&f, 0, sizeof f);
	f.c.ops = &fake_ops;
	memset(&ui, 0, sizeof ui);
	ui.c.ops = &fake_ui_ops;
	ui.c.interactive = 1;

	/* No panes yet. */
	expect_error(&f, "send x", "t:1:1: send: there are no panes: use "
	    "new-pane first");
	expect_error(&f, "\n  nope", "t:2:3: unknown command 'nope'");
	expect_error(&f, "display-panes", "t:1:1: display-panes: needs the "
	    "terminal UI (not available with --batch)");
	ok(run(&ui, NULL, "command-prompt", NULL) == CMD_NORMAL &&
	    ui.prompts == 1, "an interactive client runs command-prompt");
	expect_error(&f, "set-option mouse maybe", "t:1:1: set-option: mouse "
	    "takes on or off, not 'maybe'");
	expect_error(&f, "set-option nope 1", "t:1:1: set-option: unknown "
	    "option 'nope' (prefix, history-limit, mouse, status, "
	    "history-size, gil, own-gil-memory, mode-keys, set-clipboard, "
	    "buffer-limit, escape-time, synchronize-panes, repeat-time)");
	ok(run(&f, "t", "set-option history-size 50", NULL) == CMD_NORMAL &&
	    options_get("history-size") == 50, "set-option sets an option");
	ok(run(&f, "t", "set-option synchronize-panes", NULL) == CMD_NORMAL &&
	    options_get("synchronize-panes") == 1 &&
	    run(&f, "t", "set synchronize-panes", NULL) == CMD_NORMAL &&
	    options_get("synchronize-panes") == 0,
	    "set-option toggles an on/off option given no value");
	expect_error(&f, "set-option history-size", "t:1:1: set-option: "
	    "history-size needs a value (only on/off options toggle without "
	    "one)");

	test_arguments(&f);

	/* Panes and targets; the client's focus follows new-pane. */
	ok(run(&f, "t", "new-pane -n a\nnew-pane -n b\nwait -t a\nwait -t b",
	    NULL) == CMD_NORMAL, "two panes made");
	is_str(f.events, "A:a A:b ", "new-pane tells the client");
	is_str(pane_name(cmd_current(&f.c)), "b", "the newest pane is current");
	is_str(pane_name(cmd_last(&f.c)), "a", "the one before is last");
	run(&f, "t", "new-pane -d -n c\nwait -t c", NULL);
	is_str(pane_name(cmd_current(&f.c)), "b", "new-pane -d keeps the focus");
	run(&f, "t", "select-pane -t +", NULL);
	is_str(pane_name(cmd_current(&f.c)), "c", "-t + is the next pane");
	run(&f, "t", "select-pane -t -", NULL);
	is_str(pane_name(cmd_current(&f.c)), "b", "-t - is the previous pane");
	run(&f, "t", "select-pane -t 0", NULL);
	is_str(pane_name(cmd_current(&f.c)), "a", "-t 0 is the first pane");
	run(&f, "t", "last-pane", NULL);
	is_str(pane_name(cmd_current(&f.c)), "b", "last-pane goes back");
	run(&f, "t", "list-panes", NULL);
	ok(f.out != NULL && strstr(f.out, "1: b (idle") != NULL &&
	    strstr(f.out, "(current)\n2:") != NULL, "list-panes marks the "
	    "client's current pane");
	expect_error(&f, "send -t zz x", "t:1:1: send: no pane named 'zz'");
	expect_error(&f, "send -t 7 x", "t:1:1: send: no pane number 7 (there "
	    "are 3 panes)");
	expect_error(&f, "select-pane -U", "t:1:1: select-pane: needs the "
	    "terminal UI (not available with --batch)");

	/* Waiting commands return CMD_WAIT and are resumed. */
	t0 = mono_now();
	ok(run(&f, "t", "send -t a 'import time; time.sleep(0.6)'\nwait -t a\n"
	    "send -t a 'print(6 * 7)'\nwait -t a", &waited) == CMD_NORMAL &&
	    waited, "wait waits (CMD_WAIT), then the script goes on");
	ok(mono_now() - t0 >= 0.5, "wait lasted until the pane was idle "
	    "(%.2f s)", mono_now() - t0);
	run(&f, "t", "capture -t a", NULL);
	ok(f.out != NULL && strstr(f.out, "\n42\n") != NULL, "the command "
	    "after the wait ran");
	expect_error(&f, "send -t a 'import time; time.sleep(3)'\nwait -t a "
	    "-T 0.3", "t:2:1: wait: timed out after 0.3 s waiting for pane a "
	    "(running)");
	run(&f, "t", "interrupt -t a\nwait -t a", NULL);
	ok(run(&f, "t", "send -t b 'import time; time.sleep(0.3); "
	    "print(\"tick\")'\nwait -t b -r '^tick$'", &waited) == CMD_NORMAL &&
	    waited, "wait -r waits for the text");
	ok(run(&f, "t", "send -t b 'print(\"x\" * 3)'\nexpect -t b xxx",
	    NULL) == CMD_NORMAL, "expect finds the output");
	expect_error(&f, "send -t b 'print(1)'\nexpect -t b -T 5 nothere",
	    "t:2:1: expect: /nothere/ not in what pane b printed:\n    "
	    ">>> print(1)\n    1\n    >>> ");
	t0 = mono_now();
	ok(run(&f, "t", "sleep 0.3", &waited) == CMD_NORMAL && waited &&
	    mono_now() - t0 >= 0.29, "sleep waits without blocking");

	/* Two runs at once: one waits, the other runs through. */
	{
		struct script	 s1, s2;
		char		*why;

		fake_reset(&f);
		const char	*t1 = "sleep 0.5\ndisplay-message one";
		const char	*t2 = "display-message two";

		cmd_parse("s1", t1, strlen(t1), &s1, &why);
		cmd_parse("s2", t2, strlen(t2), &s2, &why);
		ok(cmd_run(&f.c, "s1", &s1) == CMD_WAIT, "a run waits");
		ok(cmd_run(&f.c, "s2", &s2) == CMD_NORMAL && f.out != NULL &&
		    strcmp(f.out, "two\n") == 0, "another run goes on meanwhile");
		ok(cmd_deadline(&f.c) > mono_now(), "the waiting run has a "
		    "deadline");
		while (cmd_continue(&f.c))
			usleep(10000);
		is_str(f.out, "two\none\n", "the first run ended after");
	}

	/* source-file: errors name both files. */
	if (mkdtemp(dir) == NULL)
		return (1);
	snprintf(path, sizeof path, "%s/inner.sp", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return (1);
	fputs("display-message in\n  bogus\n", fp);
	fclose(fp);
	xasprintf(&inc, "display-message out\nsource-file %s\n", path);
	run(&f, "outer.sp", inc, NULL);
	{
		char *want;
		xasprintf(&want, "outer.sp:2:1: source-file: %s:2:3: unknown "
		    "command 'bogus'", path);
		is_str(f.err, want, "an error in a sourced file says both "
		    "places");
		free(want);
	}
	is_str(f.out, "out\nin\n", "the sourced file ran in its place");
	free(inc);

	/* A config goes on after a failing command and a line that does not
	 * parse, each told; a file it sources is a config too. */
	{
		char	 conf[160], *want;

		snprintf(conf, sizeof conf, "%s/rc", dir);
		if ((fp = fopen(conf, "w")) == NULL)
			return (1);
		fprintf(fp, "display-message a\nset-option mouse maybe\n"
		    "display-message b\ndisplay-message 'c\ndisplay-message "
		    "d\nsource-file %s\ndisplay-message e\n", path);
		fclose(fp);
		fake_reset(&f);
		ok(cmd_run_config(&f.c, conf) == CMD_ERROR && f.c.failed,
		    "a config with errors ran to its end, failed");
		is_str(f.out, "a\nb\nd\nin\ne\n", "every good line of the "
		    "config ran, in the sourced file too");
		xasprintf(&want, "%s:2:1: set-option: mouse takes on or off, "
		    "not 'maybe'\n%s:4:17: unterminated single quote\n"
		    "%s:6:1: source-file: %s:2:3: unknown command 'bogus'\n",
		    conf, conf, conf, path);
		is_str(f.errs, want, "each error of the config was told, "
		    "with its place");
		free(want);
		xasprintf(&want, "%s:2:1: set-option: mouse takes on or off, "
		    "not 'maybe' +2", conf);
		is_str(f.summary, want, "the run ends with the first error "
		    "and how many more");
		free(want);

		/* A typed line's source-file is forgiving; the line goes on. */
		xasprintf(&inc, "source-file %s; display-message after", conf);
		run(&f, NULL, inc, NULL);
		is_str(f.out, "a\nb\nd\nin\ne\nafter\n", "source-file "
		    "typed: the file ran to its end, then the line");
		ok(f.errs != NULL && strchr(strchr(strchr(f.errs, '\n') + 1,
		    '\n') + 1, '\n') != NULL, "source-file typed: its three "
		    "errors told");
		free(inc);
		/* A session script's source-file stops at its first error. */
		xasprintf(&inc, "source-file %s\ndisplay-message after", conf);
		run(&f, "s.sp", inc, NULL);
		ok(f.out == NULL, "source-file in a script: a file that does "
		    "not parse runs none of its lines");
		xasprintf(&want, "s.sp:1:1: source-file: %s:4:17: unterminated "
		    "single quote\n", conf);
		is_str(f.errs, want, "source-file in a script: one error told, "
		    "the script stops");
		ok(f.summary == NULL, "one error: no summary");
		free(want);
		free(inc);
		unlink(conf);
	}
	unlink(path);
	rmdir(dir);

	/* set-option as tmux's: its names and flags; show-options. */
	ok(run(&f, "t", "setw -g mouse off\nset-window-option status off\n"
	    "set -q -g base-index 1\nset -sg history-size 7\nshow -v mouse\n"
	    "show status\nset -u status\nset mouse\nshow -v mouse\n"
	    "show -v history-size\nshoww -gv status", NULL) == CMD_NORMAL,
	    "setw, set-window-option, set -q, -s, -u, show, showw run");
	is_str(f.out, "off\nstatus off\non\n7\non\n", "what they set is "
	    "what show-options shows");
	expect_error(&f, "set -g base-index 1", "t:1:1: set-option: no option "
	    "'base-index' in subplex (it is tmux's; show-options lists "
	    "subplex's)");
	expect_error(&f, "set -g histroy-size 1", "t:1:1: set-option: unknown "
	    "option 'histroy-size' (did you mean history-size?)");
	expect_error(&f, "show scrolback", "t:1:1: show-options: unknown "
	    "option 'scrolback' (did you mean scrollback?)");
	expect_error(&f, "set -u mouse on", "t:1:1: set-option: -u takes no "
	    "value (usage: set-option [-gqsuwp] OPTION [VALUE])");
	expect_error(&f, "set history-size", "t:1:1: set-option: "
	    "history-size needs a value (only on/off options toggle without "
	    "one)");
	expect_error(&f, "setw -g mosue on", "t:1:1: set-option: unknown "
	    "option 'mosue' (did you mean mouse?)");
	expect_error(&f, "sett mouse on", "t:1:1: unknown command 'sett' "
	    "(did you mean set?)");

	/* kill-pane and respawn-pane wait for the engine. */
	run(&f, "t", "select-pane -t b\nsend -t a 'x = 5'\nrespawn-pane -t a",
	    &waited);
	ok(f.err == NULL && f.events != NULL && strstr(f.events,
	    "r:a S:a") != NULL, "respawn-pane waits for the new interpreter "
	    "(%s)", f.events != NULL ? f.events : "no events");
	run(&f, "t", "wait -t a\nsend -t a 'print(\"x\" in dir())'\n"
	    "expect -t a False", NULL);
	ok(f.err == NULL, "the respawned pane is a fresh interpreter");
	ok(run(&f, "t", "kill-pane -t b", NULL) == CMD_NORMAL &&
	    f.events != NULL && strcmp(f.events, "c:b C:- ") == 0,
	    "kill-pane waits, then tells the client");
	is_str(pane_name(cmd_current(&f.c)), "c", "the focus went to the next pane");
	ok(f.c.last == 0 || cmd_last(&f.c) != NULL, "last is never a "
	    "closed pane");
	run(&f, "t", "select-pane -t c\nkill-pane", NULL);
	is_str(pane_name(cmd_current(&f.c)), "a", "closing the last pane in the "
	    "list focuses the previous one");
	run(&f, "t", "send -t a 'import select'\nsend -t a 'print(\"in\"); "
	    "select.select([], [], [], 4)'\nwait -t a -r '^in$'", NULL);
	expect_error(&f, "kill-pane -t a", "t:1:1: kill-pane: pane a kept: "
	    "its code is still running after 3 s (a blocking call, such as a lock or "
	    "socket wait, takes the interrupt when it returns)");
	ok(pane_count() == 1, "a pane that will not end is kept");
	ok(run(&f, "t", "wait -t a -T 20\nsend -t a 'print(6 * 9)'\nexpect "
	    "-t a 54", NULL) == CMD_NORMAL, "and serves again after");

	/* quit stops the run; a client with no quit op is told so. */
	run(&f, "t", "display-message a\nquit\ndisplay-message b", NULL);
	ok(f.c.quit && strcmp(f.out, "a\n") == 0, "quit ends the script");

	pane_shutdown(5.0);
	ok(pane_count() == 0, "every pane ended");
	interp_stop(pane_count() == 0);
	fake_reset(&f);
	fake_reset(&ui);
	cmd_cancel(&f.c);
	return (done_testing());
}
