/*
 * record.c: --record FILE, the session the user drives written as a
 * session file that replays it.
 *
 * What is written: panes made, the commands run from keys and the `:`
 * prompt that change panes, their input or layout (split-window,
 * resize-pane and swap-pane with -t naming the pane they acted on, once
 * they succeeded, and a border dragged with the mouse as resize-pane -x
 * or -y), and every line sent,
 * each followed by a wait, so that a replay types the next line when the
 * user did (after the pane was done).  A block goes as a here-document; a
 * line getpass() read is never written (an empty line stands for it).
 * Written and flushed as it happens, so it survives a crash.  The UI
 * calls it (UI thread only); it knows panes only by name.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

static FILE	*record_file;

static void
record_printf(const char *fmt, ...)
{
	va_list	 ap;

	if (record_file == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(record_file, fmt, ap);
	va_end(ap);
	fflush(record_file);
}

int
record_open(const char *path, char **cause)
{
	if ((record_file = fopen(path, "w")) == NULL) {
		xasprintf(cause, "--record: %s: %s", path, strerror(errno));
		return (-1);
	}
	record_printf("# recorded by subplex --record; replay with subplex "
	    "--batch or -f\n");
	return (0);
}

void
record_close(void)
{
	if (record_file != NULL)
		fclose(record_file);
	record_file = NULL;
}

static char *
record_word(const char *s)
{
	char	*argv[1] = { (char *)s };

	return (cmd_quote(1, argv));
}

/* A line (or block) sent to a pane; eof: C-d. */
void
record_send(const char *pane, const char *text, int eof)
{
	char	*q, *name, tag[32];
	int	 k = 0;

	if (record_file == NULL)
		return;
	name = record_word(pane);
	if (eof)
		record_printf("# C-d: end of input in pane %s (not "
		    "replayable)\n", name);
	else if (strchr(text, '\n') != NULL) {
		/* A block: a here-document with a tag not in the text. */
		snprintf(tag, sizeof tag, "EOF");
		while (strstr(text, tag) != NULL)
			snprintf(tag, sizeof tag, "EOF%d", ++k);
		record_printf("send -t %s <<'%s'\n%s\n%s\n", name, tag, text,
		    tag);
		record_printf("wait -t %s\n", name);
	} else {
		q = record_word(text);
		record_printf("send -t %s %s\nwait -t %s\n", name, q, name);
		free(q);
	}
	free(name);
}

/*
 * A line getpass() read: never written.  An empty line stands for it, so
 * that a replay's getpass() returns and the lines after it go where they
 * went.
 */
void
record_secret(const char *pane)
{
	char	*name;

	if (record_file == NULL)
		return;
	name = record_word(pane);
	record_printf("# a secret typed into pane %s for getpass() is not "
	    "recorded: an empty line stands for it\nsend -t %s ''\n"
	    "wait -t %s\n", name, name, name);
	free(name);
}

/*
 * A command run from a key or the prompt, if it is worth replaying.
 * send-keys is not: the lines its keys make are recorded as lines typed
 * (ui.c, ui_accept), and so its C-c, as C-c typed.
 */
void
record_command(int argc, char **argv)
{
	static const char *keep[] = {
		"new-pane", "newp", "kill-pane", "killp", "respawn-pane",
		"respawnp", "rename-pane", "renamep", "select-layout",
		"selectl", "next-layout", "nextl", "interrupt", "intr",
		"send", "send-line", "send-file", "sendf", "set-option",
		"set", "bind-key", "bind", "unbind-key", "unbind", NULL
	};
	size_t	 i;
	char	*line;

	if (record_file == NULL || argc == 0)
		return;
	for (i = 0; keep[i] != NULL; i++) {
		if (strcmp(argv[0], keep[i]) == 0) {
			line = cmd_quote(argc, argv);
			record_printf("%s\n", line);
			free(line);
			return;
		}
	}
}

/* A pane the UI made at start. */
void
record_new_pane(const char *pane, int main_interp)
{
	record_printf("new-pane -n %s%s\n", pane, main_interp ? " -g main" :
	    "");
}

/* C-c typed into a pane. */
void
record_interrupt(const char *pane)
{
	char	*name;

	if (record_file == NULL)
		return;
	name = record_word(pane);
	record_printf("interrupt -t %s\n", name);
	free(name);
}

/*
 * split-window, resize-pane or swap-pane run from a key, the prompt or
 * the mouse (pane: the focused one, which they act on without -t): the
 * line to record, with -t pane when it has no -t, because the focus of a
 * replay may differ (select-pane is not recorded); NULL if it is not one
 * of those (or nothing is recorded).  The UI writes it with record_line
 * once the command has succeeded: a split refused for want of room would
 * stop the replay.
 */
char *
record_layout_line(int argc, char **argv, const char *pane)
{
	static const char *layout[] = {
		"split-window", "splitw", "resize-pane", "resizep",
		"swap-pane", "swapp", NULL
	};
	char	**words, *line;
	int	 i, k, has_t = 0;

	if (record_file == NULL || argc == 0)
		return (NULL);
	for (i = 0; layout[i] != NULL; i++)
		if (strcmp(argv[0], layout[i]) == 0)
			break;
	if (layout[i] == NULL)
		return (NULL);
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strncmp(argv[i], "-t", 2) == 0)
			has_t = 1;
	words = xcalloc((size_t)argc + 2, sizeof *words);
	words[0] = argv[0];
	k = 1;
	if (!has_t) {
		words[k++] = (char *)"-t";
		words[k++] = (char *)pane;
	}
	for (i = 1; i < argc; i++)
		words[k++] = argv[i];
	line = cmd_quote(k, words);
	free(words);
	return (line);
}

/* A line from record_layout_line, written. */
void
record_line(const char *line)
{
	record_printf("%s\n", line);
}

/* A layout command done (a border dragged), written at once. */
void
record_layout(int argc, char **argv, const char *pane)
{
	char	*line;

	if ((line = record_layout_line(argc, argv, pane)) != NULL)
		record_line(line);
	free(line);
}
