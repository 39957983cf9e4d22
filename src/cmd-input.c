/*
 * cmd-input.c: the commands that give a pane input and take its output:
 * send, send-keys, send-file, interrupt, capture (to the client, a file
 * or a paste buffer), save-transcript and clear-history.
 *
 * Text sent is checked first (valid UTF-8, no NUL) and refused for a pane
 * that has exited, where it would be lost; a text or file of several lines
 * runs as one block, as a paste does.  While a child holds the pane's
 * terminal, send types to it and interrupt is its C-c.  send-keys turns
 * its words into key events (keys.c) and hands them to the client's
 * send_keys op: the UI types them where a typed key goes (the pane's line
 * editor, or the program holding its terminal); a client with no UI has
 * no line editor, so here they must make whole lines (cmd_keys_batch).
 * send with no -t goes to the current pane only, synchronize-panes or
 * not: it is a script's, not typing.  Runs on the thread of the client's
 * loop; nothing here waits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static enum cmd_retval cmd_copy_command(struct cmd_item *, struct cmd_args *,
    char **);

static enum cmd_retval
cmd_send_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct pane	*p;
	long		 bad;

	if (cmd_flag(a, 'X') != NULL)	/* tmux's send -X */
		return (cmd_copy_command(item, a, cause));
	if (a->argc > 1) {
		xasprintf(cause, "too many arguments (usage: send %s)",
		    cmd_send_entry.usage);
		return (CMD_ERROR);
	}
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
	"send", "send-line", "Xt:", 1, 2, "[-t PANE] TEXT | -X COMMAND [ARG]",
	0, cmd_send_exec
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

/* ---- send-keys ---- */

/* The keys of send-keys, as the client's send_keys op takes them. */
struct cmd_keys {
	struct key_event	*ev;
	size_t			 n, cap;
};

static struct key_event *
cmd_keys_add(struct cmd_keys *k)
{
	if (k->n == k->cap) {
		k->cap = k->cap == 0 ? 16 : k->cap * 2;
		k->ev = xreallocarray(k->ev, k->cap, sizeof *k->ev);
	}
	memset(&k->ev[k->n], 0, sizeof k->ev[k->n]);
	return (&k->ev[k->n++]);
}

static void
cmd_keys_free(struct cmd_keys *k)
{
	size_t	 i;

	for (i = 0; i < k->n; i++)
		free(k->ev[i].paste);
	free(k->ev);
}

/* Each character of text as the key that types it. */
static int
cmd_keys_text(struct cmd_keys *k, const char *s, int argn, char **cause)
{
	struct key_event	*ev;
	size_t			 len = strlen(s), i = 0;
	uint32_t		 cp;
	int			 n;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) <= 0) {
			xasprintf(cause, "invalid UTF-8 in argument %d at byte "
			    "%zu", argn, i + 1);
			return (-1);
		}
		ev = cmd_keys_add(k);
		ev->key = cp;
		memcpy(ev->bytes, s + i, (size_t)n);
		ev->len = (size_t)n;
		i += (size_t)n;
	}
	return (0);
}

/* -H: bytes in hex, decoded as a terminal's input is (keys.c). */
static int
cmd_keys_hex(struct cmd_keys *k, struct cmd_args *a, char **cause)
{
	struct key_event	*ev;
	char			*buf, *end;
	size_t			 off = 0, used;
	long			 v;
	int			 i;

	buf = xmalloc((size_t)a->argc + 1);
	for (i = 0; i < a->argc; i++) {
		errno = 0;
		v = strtol(a->argv[i], &end, 16);
		if (a->argv[i][0] == '\0' || *end != '\0' || errno != 0 ||
		    v < 0 || v > 255) {
			xasprintf(cause, "argument %d: '%s' is not a byte in "
			    "hex (00 to ff)", i + 1, a->argv[i]);
			free(buf);
			return (-1);
		}
		buf[i] = (char)v;
	}
	while (off < (size_t)a->argc) {
		ev = cmd_keys_add(k);
		used = keys_decode(buf + off, (size_t)a->argc - off, 1, ev);
		if (used == 0 || ev->key == KEYC_MOUSE || ev->key ==
		    KEYC_FOCUS_IN || ev->key == KEYC_FOCUS_OUT ||
		    ev->key == KEYC_UNKNOWN) {
			xasprintf(cause, "the bytes from byte %zu are no key "
			    "(a mouse or focus report, or a sequence not "
			    "known)", off + 1);
			free(buf);
			return (-1);
		}
		off += used;
	}
	free(buf);
	return (0);
}

/*
 * send-keys' arguments as keys: a key name (C-c, Enter, Up, M-x, F5) is
 * that key, typed as a terminal sends it (keyc_bytes); anything else is
 * text, each character a key, as tmux does.  A word that starts as a
 * key name with modifiers (C-, M-, S-) but names no key is an error, not
 * text: a typo there would otherwise type its letters.
 */
static int
cmd_keys_parse(struct cmd_args *a, struct cmd_keys *k, char **cause)
{
	struct key_event	*ev;
	const char		*s;
	char			 name[64];
	key_code		 key;
	int			 i, literal = cmd_flag(a, 'l') != NULL;

	if (literal && cmd_flag(a, 'H') != NULL) {
		xasprintf(cause, "-l and -H cannot go together");
		return (-1);
	}
	if (cmd_flag(a, 'H') != NULL)
		return (cmd_keys_hex(k, a, cause));
	for (i = 0; i < a->argc; i++) {
		s = a->argv[i];
		key = literal ? KEYC_NONE : keyc_from_name(s);
		if (key == KEYC_NONE) {
			if (!literal && strlen(s) > 2 && s[1] == '-' &&
			    strchr("CMS", s[0]) != NULL) {
				xasprintf(cause, "unknown key '%s' (argument "
				    "%d; -l sends it as text)", s, i + 1);
				return (-1);
			}
			if (cmd_keys_text(k, s, i + 1, cause) != 0)
				return (-1);
			continue;
		}
		ev = cmd_keys_add(k);
		ev->key = key;
		if ((ev->len = keyc_bytes(key, ev->bytes, sizeof ev->bytes)) ==
		    0) {
			xasprintf(cause, "key '%s' (argument %d) cannot be "
			    "sent: no terminal types it", keyc_name(key, name,
			    sizeof name), i + 1);
			return (-1);
		}
	}
	return (0);
}

/* A key to the program holding the pane's terminal, as ui.c types it. */
static void
cmd_keys_child(struct pane *p, const struct key_event *ev)
{
	if (ev->key < 0x80 && pane_tty_interrupts(p, (int)ev->key))
		pane_interrupt_tty(p, (int)ev->key);
	else if (ev->key == KEYC_PASTE)
		pane_key(p, KEYC_PASTE, ev->paste, ev->pastelen);
	else
		pane_key(p, ev->key, ev->bytes, ev->len);
}

/*
 * With no line editor (batch mode, or a client with no UI): the keys a
 * line is made of.  Text, Tab and Enter (a line, sent), C-c (the line
 * dropped, the pane interrupted) and C-d on an empty line (end of
 * input); any other key names itself in the error, and so does text
 * that no Enter ends.  check: only say whether all would go.  While a
 * program holds the pane's terminal, every key is its own.
 */
static int
cmd_keys_batch(struct pane *p, struct cmd_keys *k, int check, char **cause)
{
	const struct key_event	*ev;
	char			*line, name[64];
	size_t			 len = 0, i;
	int			 rc = 0;

	if (pane_foreground(p)) {
		for (i = 0; !check && i < k->n; i++)
			cmd_keys_child(p, &k->ev[i]);
		return (0);
	}
	line = xmalloc(k->n * sizeof k->ev[0].bytes + 1);
	for (i = 0; i < k->n; i++) {
		ev = &k->ev[i];
		if ((ev->key >= 0x20 && ev->key < KEYC_BASE &&
		    ev->key != 0x7f) || ev->key == '\t') {
			memcpy(line + len, ev->bytes, ev->len);
			len += ev->len;
		} else if (ev->key == '\r' || ev->key == '\n') {
			line[len] = '\0';
			if (!check)
				pane_send(p, line);
			len = 0;
		} else if (ev->key == 0x03) {
			len = 0;
			if (!check)
				pane_interrupt(p);
		} else if (ev->key == 0x04 && len == 0) {
			if (!check)
				pane_send_eof(p);
		} else {
			xasprintf(cause, "key '%s' needs the line editor of the "
			    "terminal UI; without it send-keys takes text, "
			    "Tab, Enter, C-c and C-d on an empty line",
			    keyc_name(ev->key, name, sizeof name));
			rc = -1;
			break;
		}
	}
	if (rc == 0 && len > 0) {
		line[len] = '\0';
		xasprintf(cause, "no Enter after '%s': without the terminal "
		    "UI's line editor, text is sent only as a whole line", line);
		rc = -1;
	}
	free(line);
	return (rc);
}

/* The panes send-keys types to: the target, or every live pane (all). */
static int
cmd_keys_live(struct pane *p)
{
	struct pane_info	 pi;
	int			 live;

	pane_info(p, &pi);
	live = pi.state != PANE_DEAD && !pi.secret;
	pane_info_free(&pi);
	return (live);
}

/*
 * send-keys -X NAME [ARG] (and tmux's send -X): a copy-mode command in the
 * pane, which must be in copy mode; the screen's, so the client's.
 */
static enum cmd_retval
cmd_copy_command(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct cmd_client	*c = item->c;
	struct pane		*p;

	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if (a->argc > 2) {
		xasprintf(cause, "-X takes a command and at most one "
		    "argument");
		return (CMD_ERROR);
	}
	if (c->ops->copy_command == NULL) {
		xasprintf(cause, "-X: there is no copy mode %s (it is the "
		    "terminal interface's)", c->where != NULL ? c->where :
		    "here");
		return (CMD_ERROR);
	}
	return (c->ops->copy_command(c, p, a->argv[0], a->argc > 1 ?
	    a->argv[1] : NULL, cause) == 0 ? CMD_NORMAL : CMD_ERROR);
}

static enum cmd_retval
cmd_send_keys_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	struct cmd_client	*c = item->c;
	struct cmd_keys		 k;
	struct pane		*p, *q;
	struct pane_info	 pi;
	size_t			 i, live = 0;
	int			 all, rc = 0, pass;

	if (cmd_flag(a, 'X') != NULL)
		return (cmd_copy_command(item, a, cause));
	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	memset(&k, 0, sizeof k);
	if (cmd_keys_parse(a, &k, cause) != 0) {
		cmd_keys_free(&k);
		return (CMD_ERROR);
	}
	/* synchronize-panes: typed with no -t, the keys go to every live
	 * pane; but a secret the current pane's getpass() waits for is
	 * typed there only, as in the UI. */
	pane_info(p, &pi);
	all = cmd_flag(a, 't') == NULL && options_get("synchronize-panes") &&
	    !pi.secret;
	pane_info_free(&pi);
	if (!all && cmd_check_alive(p, cause) != 0) {
		cmd_keys_free(&k);
		return (CMD_ERROR);
	}
	if (c->ops->send_keys != NULL)
		rc = c->ops->send_keys(c, pane_handle(p), all, k.ev, k.n,
		    cause);
	else if (!all)
		rc = cmd_keys_batch(p, &k, 1, cause) == 0 ?
		    cmd_keys_batch(p, &k, 0, cause) : -1;
	else {
		/* Checked in every pane before any is sent to; a pane in
		 * getpass() is left out, as the UI does (ui.c). */
		for (pass = 1; pass >= 0 && rc == 0; pass--) {
			for (i = 0; i < pane_count() && rc == 0; i++) {
				q = pane_at(i);
				if (cmd_keys_live(q)) {
					rc = cmd_keys_batch(q, &k, pass, cause);
					live++;
				}
			}
		}
		if (rc == 0 && live == 0) {
			xasprintf(cause, "no pane to type at: every pane has "
			    "exited or waits in getpass()");
			rc = -1;
		}
	}
	cmd_keys_free(&k);
	return (rc == 0 ? CMD_NORMAL : CMD_ERROR);
}

const struct cmd_entry cmd_send_keys_entry = {
	"send-keys", "sendk", "HlXt:", 1, 4096,
	"[-l | -H | -X] [-t PANE] KEY...", 0,
	cmd_send_keys_exec
};
