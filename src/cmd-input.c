/*
 * cmd-input.c: the commands that give a pane input and take its output:
 * send, send-file, interrupt, capture (to the client, a file or a paste
 * buffer), save-transcript and clear-history.
 *
 * Text sent is checked first (valid UTF-8, no NUL) and refused for a pane
 * that has exited, where it would be lost; a text or file of several lines
 * runs as one block, as a paste does.  While a child holds the pane's
 * terminal, send types to it and interrupt is its C-c.  Runs on the thread of the client's
 * loop; nothing here waits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* Text sent to a pane that has exited would be lost: say so. */
static int
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

static enum cmd_retval
cmd_send_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	long		 bad;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if ((bad = utf8_invalid_at(a->argv[0], strlen(a->argv[0]))) >= 0) {
		xasprintf(cause, "invalid UTF-8 in the text at byte %ld",
		    bad + 1);
		return (CMD_ERROR);
	}
	if (cmd_check_alive(p, cause) != 0)
		return (CMD_ERROR);
	if (pane_foreground(p)) {
		/* A program holds the pane's terminal (a child's input(),
		 * vi): the text is typed to it, lines ended with Enter, as
		 * tmux's send-keys. */
		char	*typed = xmalloc(strlen(a->argv[0]) + 2), *c;
		strcpy(typed, a->argv[0]);
		for (c = typed; *c != '\0'; c++)
			if (*c == '\n')
				*c = '\r';
		strcat(typed, "\r");
		pane_type(p, typed, strlen(typed));
		free(typed);
		return (CMD_NORMAL);
	}
	if (strchr(a->argv[0], '\n') != NULL)
		pane_send_block(p, a->argv[0]);	/* runs as one input */
	else
		pane_send(p, a->argv[0]);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_send_entry = {
	"send", "send-line", "t:", 1, 1, "[-t PANE] TEXT", 0, cmd_send_exec
};

/* A .py file's text, checked as it is read: nothing runs from a bad file. */
static char *
cmd_read_source(const char *path, size_t *lenp, char **cause)
{
	FILE	*f;
	char	*line = NULL, *text = NULL;
	size_t	 cap = 0, len = 0, tcap = 0;
	ssize_t	 n;
	long	 lineno = 0, bad;

	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		if ((bad = utf8_invalid_at(line, (size_t)n)) >= 0 ||
		    memchr(line, '\0', (size_t)n) != NULL) {
			xasprintf(cause, "%s:%ld: %s", path, lineno,
			    bad >= 0 ? "invalid UTF-8" : "NUL byte");
			free(line);
			free(text);
			fclose(f);
			return (NULL);
		}
		/* A CRLF line end becomes a newline, as in a paste. */
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (len + (size_t)n + 2 > tcap)
			text = xrealloc(text, (tcap = (len + (size_t)n + 2) * 2));
		memcpy(text + len, line, (size_t)n);
		len += (size_t)n;
		text[len++] = '\n';
	}
	free(line);
	fclose(f);
	while (len > 0 && text[len - 1] == '\n')
		len--;		/* the last line's newline, blank lines */
	if (text != NULL)
		text[len] = '\0';
	*lenp = len;
	return (text);
}

/* Run a .py file in the pane as one block, as a paste runs. */
static enum cmd_retval
cmd_send_file_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	char		*text;
	size_t		 len = 0;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	*cause = NULL;
	if ((text = cmd_read_source(a->argv[0], &len, cause)) == NULL &&
	    *cause != NULL)
		return (CMD_ERROR);
	if (len > 0) {
		if (cmd_check_alive(p, cause) != 0) {
			free(text);
			return (CMD_ERROR);
		}
		pane_send_block(p, text);
	}
	free(text);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_send_file_entry = {
	"send-file", "sendf", "t:", 1, 1, "[-t PANE] FILE", 0,
	cmd_send_file_exec
};

static enum cmd_retval
cmd_interrupt_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (pane_foreground(p)) {
		/* As C-c typed: the program's, and the pane's code's too when
		 * the terminal makes it SIGINT (ui.c, ui_key_pane). */
		if (pane_tty_interrupts(p, 0x03))
			pane_interrupt_tty(p, 0x03);
		else
			pane_type(p, "\003", 1);
		return (CMD_NORMAL);
	}
	pane_interrupt(p);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_interrupt_entry = {
	"interrupt", "intr", "t:", 0, 0, "[-t PANE]", 0, cmd_interrupt_exec
};

/* The pane's transcript, to path (replacing it) or to the client; sgr:
 * with the escape sequences of its colours and attributes. */
static enum cmd_retval
cmd_transcript(struct cmd_item *item, struct cmd_args *a, const char *path,
    int sgr, char **cause)
{
	struct pane	*p;
	char		*text;
	size_t		 len;
	int		 rc;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	text = sgr ? pane_transcript_sgr(p, &len) : pane_transcript(p, &len);
	if (cmd_flag(a, 'b') != NULL) {
		/* -b NAME: into a paste buffer, as tmux's capture-pane -b. */
		cmd_buffer_add(a, text, len);
		return (CMD_NORMAL);
	}
	if (path == NULL)
		return (cmd_print(item, text, len, cause));
	rc = cmd_write_file(path, text, len, cause);
	free(text);
	return (rc == 0 ? CMD_NORMAL : CMD_ERROR);
}

static enum cmd_retval
cmd_capture_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	return (cmd_transcript(item, a, cmd_flag(a, 'o'), cmd_flag(a, 'e') != NULL,
	    cause));
}

const struct cmd_entry cmd_capture_entry = {
	"capture", "capturep", "b:eo:t:", 0, 0,
	"[-e] [-b NAME] [-t PANE] [-o FILE]", 0,
	cmd_capture_exec
};

static enum cmd_retval
cmd_save_transcript_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	return (cmd_transcript(item, a, a->argv[0], 0, cause));
}

static enum cmd_retval
cmd_clear_history_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct pane	*p;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	pane_clear_history(p);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_clear_history_entry = {
	"clear-history", "clearhist", "t:", 0, 0, "[-t PANE]", 0,
	cmd_clear_history_exec
};

const struct cmd_entry cmd_save_transcript_entry = {
	"save-transcript", "savet", "t:", 1, 1, "[-t PANE] FILE", 0,
	cmd_save_transcript_exec
};
