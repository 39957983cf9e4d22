/*
 * input.c: GNU readline in callback mode, one line editor shared by every
 * pane and by the command prompt.
 *
 * Readline keeps one global line and one global history; each pane (and
 * the command prompt) owns a struct input_line holding its half-typed text,
 * cursor, mark, undo list and history state, swapped in by input_activate
 * when the focus moves.  ui.c feeds typed bytes through input_feed; our
 * rl_getc_function hands them to readline one at a time, and readline never
 * touches the terminal: it neither prepares it (ncurses owns it) nor
 * draws (rl_redisplay_function only asks ui.c to redraw; ui-draw.c shows
 * input_buffer() inside the pane).  Completed lines go to the handler
 * ui.c installed.  Tab asks ui.c for completions, which arrive later from
 * the pane's own thread and are applied by input_complete_apply if the
 * line has not changed meanwhile; on a line getpass() reads (marked by
 * input_line_secret) it is a character like any other.  Histories are
 * kept across runs, one file per pane name, multi-line blocks as one
 * entry.  UI thread only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "subplex.h"

#define INPUT_QUEUE 4096
#define INPUT_HISTORY_MAX 2000
/*
 * Longer inputs (a big paste) are not kept in the history: readline reads
 * a multi-line entry back in time quadratic in its lines (100,000 lines,
 * a 10 MB paste: 13 s with the UI frozen at every start of a pane of that
 * name), and each would stay in memory while the pane lives.
 */
#define INPUT_HISTORY_ENTRY_MAX (64 * 1024)

struct input_line {
	char		*text;		/* saved while inactive */
	int		 point;
	int		 mark;
	UNDO_LIST	*undo;
	HISTORY_STATE	*history;
	char		*histfile;	/* NULL: not kept across runs */
	int		 dirty;		/* entries not yet written */
	int		 words;		/* words end only at blanks (prompt) */
	int		 secret;	/* getpass() reads it: no completion */
};

static unsigned char	 input_queue[INPUT_QUEUE];
static size_t		 input_qhead, input_qlen;
static struct input_line *input_current;
static input_accept_cb	*input_accept;
static input_complete_cb *input_completer;
static input_redraw_cb	*input_redraw;
static void		*input_cb_arg;
static FILE		*input_null;
static int		 input_ready;
size_t			 input_history_size = INPUT_HISTORY_MAX;

static int
input_getc(FILE *f)
{
	unsigned char	 c;

	(void)f;
	if (input_qlen == 0)
		return (EOF);
	c = input_queue[input_qhead];
	input_qhead = (input_qhead + 1) % INPUT_QUEUE;
	input_qlen--;
	return (c);
}

static int
input_available(void)
{
	return (input_qlen > 0);
}

static void
input_redisplay(void)
{
	input_redraw(input_cb_arg);
}

static void
input_noprep(int meta)
{
	(void)meta;
}

static void
input_nodeprep(void)
{
}

static void
input_handler(char *line)
{
	if (input_accept != NULL)
		input_accept(line, input_cb_arg);
	free(line);
}

/* Tab: ask for completions of the word before the cursor. */
static int
input_rl_complete(int count, int key)
{
	int	 start;

	(void)count; (void)key;
	if (input_current != NULL && input_current->secret) {
		rl_insert_text("\t");	/* a character of the secret */
		return (0);
	}
	for (start = rl_point; start > 0; start--) {
		if (strchr(input_current != NULL && input_current->words ?
		    " \t" : " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?",
		    rl_line_buffer[start - 1]) != NULL)
			break;
	}
	if (start == rl_point && (input_current == NULL ||
	    !input_current->words)) {
		/* Nothing to complete: indent, as Python's console does. */
		int only_space = 1, i;
		for (i = 0; i < rl_point; i++)
			if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t')
				only_space = 0;
		if (only_space) {
			rl_insert_text("    ");
			return (0);
		}
	}
	if (input_completer != NULL)
		input_completer(rl_line_buffer, rl_point, start, input_cb_arg);
	return (0);
}

void
input_init(input_accept_cb *accept, input_complete_cb *complete,
    input_redraw_cb *redraw, void *arg)
{
	input_redraw = redraw;
	input_accept = accept;
	input_completer = complete;
	input_cb_arg = arg;
	if ((input_null = fopen("/dev/null", "r+")) == NULL)
		fatal("/dev/null");
	rl_readline_name = "subplex";
	rl_instream = input_null;
	rl_outstream = input_null;	/* readline must never draw */
	rl_getc_function = input_getc;
	rl_input_available_hook = input_available;
	rl_redisplay_function = input_redisplay;
	rl_prep_term_function = input_noprep;
	rl_deprep_term_function = input_nodeprep;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_inhibit_completion = 0;
	/* Timestamp lines ("#1700000000") separate the entries in the
	 * file, so that a multi-line block reads back as one entry. */
	history_comment_char = '#';
	history_write_timestamps = 1;
	history_multiline_entries = 1;
	using_history();
	rl_bind_key('\t', input_rl_complete);
	/* ~/.inputrc is read by the first rl_initialize, in install. */
	rl_callback_handler_install("", input_handler);
	rl_bind_key('\t', input_rl_complete);
	input_ready = 1;
}

void
input_shutdown(void)
{
	if (!input_ready)
		return;
	rl_callback_handler_remove();
	input_ready = 0;
}

/* The history file for a pane name, creating its directory (0700). */
char *
input_history_path(const char *name)
{
	char	*hdir, *path, *safe, *s;

	if ((hdir = state_subdir("history")) == NULL)
		return (NULL);
	safe = xstrdup(name);
	for (s = safe; *s != '\0'; s++)
		if (*s == '/' || *s == '.')
			*s = '_';
	xasprintf(&path, "%s/%s", hdir, safe);
	free(safe);
	free(hdir);
	return (path);
}

struct input_line *
input_line_new(const char *histfile)
{
	struct input_line	*il;
	HISTORY_STATE		*saved;

	il = xcalloc(1, sizeof *il);
	il->text = xstrdup("");
	if (histfile != NULL)
		il->histfile = xstrdup(histfile);
	/* Build its history with the global list, then keep the state. */
	saved = history_get_history_state();
	history_set_history_state(&(HISTORY_STATE){ 0 });
	using_history();
	if (il->histfile != NULL)
		(void)read_history(il->histfile);
	stifle_history((int)input_history_size);
	using_history();	/* Up starts from the newest entry */
	il->history = history_get_history_state();
	history_set_history_state(saved);
	free(saved);
	return (il);
}

/* The history file, created private (0600) if it is not there. */
static int
input_history_create(const char *path)
{
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return (-1);
	fchmod(fd, 0600);
	close(fd);
	return (0);
}

/*
 * Readline's current history is il's: append its newest entry to the file
 * now, so a crash loses none (at quit the file is written whole, trimmed
 * to the history size).
 */
static void
input_history_append(struct input_line *il)
{
	if (il->histfile != NULL && input_history_create(il->histfile) == 0)
		(void)append_history(1, il->histfile);
}

/* Write the history file (0600) if entries were added. */
static void
input_history_write(struct input_line *il)
{
	HISTORY_STATE	*saved;

	if (il->histfile == NULL || !il->dirty)
		return;
	(void)input_history_create(il->histfile);
	if (input_current == il) {
		(void)write_history(il->histfile);
	} else {
		saved = history_get_history_state();
		history_set_history_state(il->history);
		(void)write_history(il->histfile);
		history_set_history_state(saved);
		free(saved);
	}
	il->dirty = 0;
}

/* The command prompt's words are command words, not Python's. */
void
input_line_words(struct input_line *il)
{
	il->words = 1;
}

/* While set, the line is a secret for getpass(): Tab inserts a tab. */
void
input_line_secret(struct input_line *il, int on)
{
	il->secret = on;
}

void
input_line_save(struct input_line *il)
{
	input_history_write(il);
}

/* Keep il's history in histfile from now on: written there whole now. */
void
input_line_rename(struct input_line *il, const char *histfile)
{
	free(il->histfile);
	il->histfile = histfile != NULL ? xstrdup(histfile) : NULL;
	il->dirty = 1;
	input_history_write(il);
}

void
input_line_free(struct input_line *il)
{
	HISTORY_STATE	*saved;
	UNDO_LIST	*undo;
	int		 was_current;

	if (il == NULL)
		return;
	input_history_write(il);
	if ((was_current = input_current == il))
		input_activate(NULL);	/* stashes its undo list, history */
	/* Its undo list: rl_free_undo_list frees only the current one. */
	if (il->undo != NULL) {
		undo = rl_undo_list;
		rl_undo_list = il->undo;
		rl_free_undo_list();
		rl_undo_list = undo;
		il->undo = NULL;
	}
	/* Its history: clear_history frees the entries but keeps the array
	 * they are listed in, which is il's alone.  When il was the current
	 * line, readline's state still names that array: leave it empty. */
	saved = history_get_history_state();
	history_set_history_state(il->history);
	clear_history();
	free(il->history->entries);
	if (was_current)
		history_set_history_state(&(HISTORY_STATE){ 0 });
	else
		history_set_history_state(saved);
	free(saved);
	free(il->history);
	free(il->text);
	free(il->histfile);
	free(il);
}

/* Put the current line away into il. */
static void
input_stash(struct input_line *il)
{
	free(il->text);
	il->text = xstrdup(rl_line_buffer != NULL ? rl_line_buffer : "");
	il->point = rl_point;
	il->mark = rl_mark;
	il->undo = rl_undo_list;
	rl_undo_list = NULL;
	free(il->history);
	il->history = history_get_history_state();
}

void
input_activate(struct input_line *il)
{
	if (il == input_current)
		return;
	/* Abandon a half-typed key sequence or search of the old line. */
	if (input_ready)
		rl_callback_sigcleanup();
	input_qlen = 0;
	if (input_current != NULL)
		input_stash(input_current);
	else
		rl_free_undo_list();
	input_current = il;
	if (il == NULL) {
		rl_replace_line("", 1);
		return;
	}
	history_set_history_state(il->history);
	rl_replace_line(il->text, 1);
	rl_undo_list = il->undo;
	il->undo = NULL;
	rl_point = il->point <= rl_end ? il->point : rl_end;
	rl_mark = il->mark <= rl_end ? il->mark : rl_end;
	input_redraw(input_cb_arg);
}

/* The line readline edits now (NULL: none). */
struct input_line *
input_active(void)
{
	return (input_current);
}

void
input_feed(const char *buf, size_t len)
{
	size_t	 i;

	/* A queue at a time: a long paste is fed whole, never cut short. */
	for (i = 0; i < len && input_current != NULL; ) {
		for (; i < len && input_qlen < INPUT_QUEUE; i++) {
			input_queue[(input_qhead + input_qlen) % INPUT_QUEUE] =
			    (unsigned char)buf[i];
			input_qlen++;
		}
		while (input_qlen > 0 && input_current != NULL)
			rl_callback_read_char();
	}
}

/* The line being edited and its cursor (a byte offset). */
const char *
input_buffer(int *point)
{
	if (point != NULL)
		*point = rl_point;
	return (rl_line_buffer != NULL ? rl_line_buffer : "");
}

/* A saved line's text, for drawing panes that are not focused. */
const char *
input_line_text(struct input_line *il, int *point)
{
	if (il == input_current)
		return (input_buffer(point));
	if (point != NULL)
		*point = il->point;
	return (il->text);
}

/* Non-NULL while readline shows its own prompt (C-r search, M-digits). */
const char *
input_special_prompt(void)
{
	if (RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH |
	    RL_STATE_NUMERICARG) && rl_display_prompt != NULL)
		return (rl_display_prompt);
	return (NULL);
}

void
input_set_text(const char *text)
{
	rl_replace_line(text, 1);
	rl_point = rl_end;
	input_redraw(input_cb_arg);
}

void
input_add_history(struct input_line *il, const char *line)
{
	HISTORY_STATE	*saved = NULL;
	HIST_ENTRY	*last;

	if (*line == '\0' || strspn(line, " \t\n") == strlen(line) ||
	    strlen(line) > INPUT_HISTORY_ENTRY_MAX)
		return;
	if (il != input_current) {
		saved = history_get_history_state();
		history_set_history_state(il->history);
	}
	/* Like HISTCONTROL=ignoredups. */
	last = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;
	if (last == NULL || strcmp(last->line, line) != 0) {
		add_history(line);
		il->dirty = 1;
		input_history_append(il);
	}
	/* Back to "after the newest entry", or Up would skip it and
	 * readline would later restore the entry it points at. */
	using_history();
	if (saved != NULL) {
		free(il->history);
		il->history = history_get_history_state();
		history_set_history_state(saved);
		free(saved);
	}
}

/*
 * Completions for the line as it was when Tab was pressed: replace the
 * word [start, point) with the longest common prefix of the matches.
 * Returns 0 if applied, -1 if the line changed meanwhile.
 */
int
input_complete_apply(const char *line, int point, int start, char **matches,
    size_t n)
{
	size_t	 common, i, j;

	if (input_current == NULL || rl_point != point ||
	    strcmp(rl_line_buffer, line) != 0 || n == 0)
		return (-1);
	common = strlen(matches[0]);
	for (i = 1; i < n; i++) {
		for (j = 0; j < common && matches[i][j] == matches[0][j]; j++)
			;
		common = j;
	}
	if (common > (size_t)(point - start) || n == 1) {
		rl_begin_undo_group();
		rl_delete_text(start, point);
		rl_point = start;
		{
			char *ins = xstrndup(matches[0], common);
			rl_insert_text(ins);
			free(ins);
		}
		rl_end_undo_group();
	}
	input_redraw(input_cb_arg);
	return (0);
}
