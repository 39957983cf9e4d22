/*
 * cmd-buffer.c: the paste buffers' commands, as tmux's: list-buffers,
 * show-buffer, save-buffer, load-buffer, set-buffer, delete-buffer and
 * paste-buffer.
 *
 * The buffers are paste.c's.  paste-buffer hands the text to the client
 * when it can paste (the terminal UI pastes it as the terminal would: one
 * line into the line being edited, several lines as one block, all of it
 * to a program that holds the pane's terminal); other clients give it to
 * the pane (cmd_paste_pane), since they have no line being edited.  Runs
 * on the thread of the client's loop; nothing here waits.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

#define CMD_BUFFER_MAX	(64u * 1024 * 1024)	/* load-buffer's limit */

/* The buffer -b names, or the newest; NULL and why if there is none. */
static struct paste_buffer *
cmd_buffer_get(struct cmd_args *a, char **cause)
{
	const char		*name = cmd_flag(a, 'b');
	struct paste_buffer	*pb;

	pb = name != NULL ? paste_get(name) : paste_walk(NULL);
	if (pb == NULL) {
		if (name != NULL)
			xasprintf(cause, "no buffer %s", name);
		else
			xasprintf(cause, "no buffers (copy mode, capture -b "
			    "or set-buffer make them)");
	}
	return (pb);
}

/* Add text (taken) as a buffer, named by -b or automatically. */
void
cmd_buffer_add(struct cmd_args *a, char *text, size_t len)
{
	paste_add(cmd_flag(a, 'b'), text, len,
	    (size_t)options_get("buffer-limit"));
}

static enum cmd_retval
cmd_list_buffers_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct paste_buffer	*pb = NULL;
	char			*out = xstrdup(""), *n, *sample;
	size_t			 i, k;

	(void)a;
	while ((pb = paste_walk(pb)) != NULL) {
		/* A sample: the first 50 bytes, controls escaped. */
		sample = xmalloc(50 * 4 + 1);
		for (i = k = 0; i < pb->len && i < 50; i++) {
			unsigned char ch = (unsigned char)pb->data[i];
			if (ch == '\n')
				k += (size_t)sprintf(sample + k, "\\n");
			else if (ch < 0x20 || ch == 0x7f)
				k += (size_t)sprintf(sample + k, "\\%03o", ch);
			else
				sample[k++] = (char)ch;
		}
		sample[k] = '\0';
		xasprintf(&n, "%s%s: %zu bytes: \"%s%s\"\n", out, pb->name,
		    pb->len, sample, pb->len > 50 ? "..." : "");
		free(sample);
		free(out);
		out = n;
	}
	return (cmd_print(item, out, strlen(out), cause));
}

const struct cmd_entry cmd_list_buffers_entry = {
	"list-buffers", "lsb", "", 0, 0, "", 0, cmd_list_buffers_exec
};

static enum cmd_retval
cmd_show_buffer_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct paste_buffer	*pb;
	char			*text;

	if ((pb = cmd_buffer_get(a, cause)) == NULL)
		return (CMD_ERROR);
	text = xmalloc(pb->len + 2);
	memcpy(text, pb->data, pb->len);
	text[pb->len] = '\0';
	if (pb->len == 0 || text[pb->len - 1] != '\n') {
		text[pb->len] = '\n';	/* output ends its line */
		text[pb->len + 1] = '\0';
	}
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_show_buffer_entry = {
	"show-buffer", "showb", "b:", 0, 0, "[-b NAME]", 0,
	cmd_show_buffer_exec
};

static enum cmd_retval
cmd_save_buffer_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct paste_buffer	*pb;
	const char		*path = a->argv[0];
	int			 fd, flags = O_WRONLY | O_CREAT | O_CLOEXEC;

	(void)item;
	if ((pb = cmd_buffer_get(a, cause)) == NULL)
		return (CMD_ERROR);
	flags |= cmd_flag(a, 'a') != NULL ? O_APPEND : O_TRUNC;
	if ((fd = open(path, flags, 0600)) == -1 ||
	    write_all(fd, pb->data, pb->len) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return (CMD_ERROR);
	}
	if (close(fd) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (CMD_ERROR);
	}
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_save_buffer_entry = {
	"save-buffer", "saveb", "ab:", 1, 1, "[-a] [-b NAME] FILE", 0,
	cmd_save_buffer_exec
};

static enum cmd_retval
cmd_load_buffer_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	const char	*path = a->argv[0];
	char		*text;
	size_t		 len;
	int		 fd, rc;

	(void)item;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (CMD_ERROR);
	}
	rc = cmd_slurp(fd, &text, &len);
	close(fd);
	if (rc != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (CMD_ERROR);
	}
	if (len > CMD_BUFFER_MAX) {
		xasprintf(cause, "%s: larger than %u MB", path,
		    CMD_BUFFER_MAX >> 20);
		free(text);
		return (CMD_ERROR);
	}
	cmd_buffer_add(a, text, len);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_load_buffer_entry = {
	"load-buffer", "loadb", "b:", 1, 1, "[-b NAME] FILE", 0,
	cmd_load_buffer_exec
};

static enum cmd_retval
cmd_set_buffer_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct paste_buffer	*pb;
	const char		*v = a->argv[0];
	char			*text;
	size_t			 len = strlen(v);

	(void)item;
	if (cmd_flag(a, 'a') != NULL && (pb = cmd_buffer_get(a, cause)) !=
	    NULL) {
		/* -a appends to the buffer (the newest, or -b's). */
		pb->data = xrealloc(pb->data, pb->len + len + 1);
		memcpy(pb->data + pb->len, v, len);
		pb->len += len;
		return (CMD_NORMAL);
	}
	free(*cause);
	*cause = NULL;
	text = xmalloc(len + 1);
	memcpy(text, v, len + 1);
	cmd_buffer_add(a, text, len);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_set_buffer_entry = {
	"set-buffer", "setb", "ab:", 1, 1, "[-a] [-b NAME] DATA", 0,
	cmd_set_buffer_exec
};

static enum cmd_retval
cmd_delete_buffer_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct paste_buffer	*pb;

	(void)item;
	if ((pb = cmd_buffer_get(a, cause)) == NULL)
		return (CMD_ERROR);
	paste_delete(pb);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_delete_buffer_entry = {
	"delete-buffer", "deleteb", "b:", 0, 0, "[-b NAME]", 0,
	cmd_delete_buffer_exec
};

/*
 * Text pasted to a pane by a client with no line being edited: to the
 * program that holds its terminal, as a bracketed paste if it asked; else
 * one line runs as a line, several as one block, as send does.
 */
static void
cmd_paste_pane(struct pane *p, const char *text, size_t len)
{
	char	*t;

	if (pane_foreground(p)) {
		pane_key(p, KEYC_PASTE, text, len);
		return;
	}
	t = xstrndup(text, len);
	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == '\r'))
		t[--len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (t[i] == '\r')
			t[i] = '\n';
	if (strchr(t, '\n') != NULL)
		pane_send_block(p, t);
	else
		pane_send(p, t);
	free(t);
}

static enum cmd_retval
cmd_paste_buffer_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	struct paste_buffer	*pb;
	struct pane		*p;
	long			 bad;

	if ((pb = cmd_buffer_get(a, cause)) == NULL)
		return (CMD_ERROR);
	if ((p = cmd_target(item, a, cause)) == NULL)
		return (CMD_ERROR);
	if ((bad = utf8_invalid_at(pb->data, pb->len)) >= 0) {
		xasprintf(cause, "buffer %s: invalid UTF-8 at byte %ld",
		    pb->name, bad + 1);
		return (CMD_ERROR);
	}
	if (memchr(pb->data, '\0', pb->len) != NULL) {
		xasprintf(cause, "buffer %s: a NUL byte", pb->name);
		return (CMD_ERROR);
	}
	if (cmd_check_alive(p, cause) != 0)
		return (CMD_ERROR);
	if (pb->len > 0) {
		if (item->c->ops->paste != NULL)
			item->c->ops->paste(item->c, p, pb->data, pb->len);
		else
			cmd_paste_pane(p, pb->data, pb->len);
	}
	if (cmd_flag(a, 'd') != NULL)
		paste_delete(pb);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_paste_buffer_entry = {
	"paste-buffer", "pasteb", "b:dt:", 0, 0, "[-d] [-b NAME] [-t PANE]", 0,
	cmd_paste_buffer_exec
};
