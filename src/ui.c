/*
 * ui.c: the terminal UI: the event loop, keys, prompts and pane focus.
 *
 * Runs on the main thread, which never runs Python and never waits for a
 * GIL.  The loop polls each terminal attached (ui-term.c; bytes decoded
 * into key events by keys.c), the engine's notify fd (a pane's output or
 * state changed, a completion arrived, a close finished), the server's
 * clients (server.c, which hands over terminals to attach) and a self-pipe
 * fed by signal handlers (resize, terminate, hang-up).  Keys go first to
 * the mode in force (a prompt on the status line, a y/n question, the pane
 * numbers, a text view), then to the prefix and root key tables, whose
 * entries are commands in the session language run through cmd.c; all
 * other keys go to readline (input.c), which edits the focused pane's line,
 * or, while a child process holds the pane's terminal (vi, less, a
 * child's input()), to that child through the pane (pane_key).  Keys for
 * another pane (send-keys from any client, and synchronize-panes, which
 * types each key at every live pane but those in getpass()) take the same
 * path, with that pane's line made readline's for the while (ui_keys_to).
 * A pane whose terminal rang the bell is flagged until focused; the
 * focused pane's bell rings the terminal's (ui_bell_check).
 * Where panes go is a layout tree (ui-layout.c) kept here: a preset's,
 * built again as panes come and go, or a custom one once the user split a
 * pane or moved a border (split-window, resize-pane, the mouse), which new
 * panes split into and closed panes leave (ui_layout_tree).
 * Accepted lines are sent to the pane; closing and respawning are asked of
 * the engine and reaped when it notifies, so nothing here blocks.  A line
 * typed while the pane's code waits in getpass() (pane_info's secret) is
 * sent, never drawn (ui-draw.c), and kept out of the history and --record;
 * lines typed ahead, while the pane runs code that may read them so, wait
 * for both until the pane has taken them (ui_ahead_resolve).  Drawing
 * is ui-draw.c's, at most once per frame (16 ms) however fast panes print,
 * shown on each terminal by ui-term.c.  The focus, the mode and the line
 * being typed are the session's: every terminal shows them.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ui-int.h"

#define UI_FRAME	0.016		/* at most one redraw per frame */
#define UI_MESSAGE_TIME	3.0

static int	 ui_running;
static int	 ui_sigpipe[2] = { -1, -1 };
static unsigned int ui_complete_seq;

static void ui_run(const char *);
static void ui_cmd_paste(struct cmd_client *, struct pane *, const char *,
    size_t);
static int	 ui_quit_signal;	/* SIGTERM or SIGHUP asked to quit */

/*
 * Keys for a pane other than the one typed at (send-keys -t, and
 * synchronize-panes) go through the same path as typed keys, with that
 * pane's line made readline's for the while (ui_keys_to): ui_fed is that
 * pane, which a line readline accepts is sent to.  Readline cannot be
 * fed from inside itself: send-keys run by a line it accepted (the
 * command prompt) waits in ui_deferred until the outer feed returns.
 */
static struct ui_pane	*ui_fed;
static int		 ui_feeding;
struct ui_deferred {
	unsigned int		 pane;		/* its handle */
	int			 all;
	struct key_event	*ev;
	size_t			 n;
};
static struct ui_deferred *ui_deferred;
static size_t		 ui_ndeferred;

static void ui_deferred_run(void);

/* Bytes to readline's line, then what waited for it to return. */
static void
ui_input_feed(const char *buf, size_t len)
{
	ui_feeding++;
	input_feed(buf, len);
	if (--ui_feeding == 0 && ui_ndeferred > 0)
		ui_deferred_run();
}

static void
ui_request_redraw(void *arg)
{
	(void)arg;
	ui.dirty = 1;
}

static void
ui_message(int error, const char *fmt, ...)
{
	va_list	 ap;

	free(ui.message);
	va_start(ap, fmt);
	xvasprintf(&ui.message, fmt, ap);
	va_end(ap);
	cmd_log(ui.message);	/* show-messages */
	ui.message_error = error;
	ui.message_until = mono_now() + UI_MESSAGE_TIME;
	ui.dirty = 1;
}

/* ---- terminals ---- */

static void
ui_signal(int sig)
{
	unsigned char	 c = (unsigned char)sig;
	int		 saved = errno;

	(void)write(ui_sigpipe[1], &c, 1);
	errno = saved;
}

/* The terminal a command of the UI acts on: whose key ran it. */
static struct ui_term *
ui_term_acting(void)
{
	return (ui.keys_from != NULL ? ui.keys_from : ui.latest);
}

/* A client's terminal becomes one more screen of the session. */
static int
ui_attach(unsigned int id, int in, int out, const char *term, char **cause)
{
	struct ui_pane	*up;

	if (ui_term_open(id, in, out, term, cause) == NULL)
		return (-1);
	if (ui.nterms == 1 && (up = ui_pane_of(cmd_current(&ui.client))) !=
	    NULL && ui.mode == UI_NORMAL)
		input_activate(up->line);
	return (0);
}

static void
ui_suspend(struct cmd_client *c)
{
	struct ui_term	*t = ui_term_acting();

	(void)c;
	if (t != NULL)
		ui_term_suspend(t);
}

/* detach-client (C-b d): the terminal that typed it goes. */
static void
ui_cmd_detach(struct cmd_client *c)
{
	struct ui_term	*t = ui_term_acting();

	(void)c;
	if (server_path() == NULL) {
		ui_message(1, "no socket to attach again by: detaching would "
		    "lose the session (quit with C-b &)");
		return;
	}
	if (t != NULL)
		ui_term_close(t, "", 1);
}

/* ---- panes and focus ---- */

static void
ui_pane_added(struct pane *p)
{
	struct ui_pane	*up;
	char		*path;

	if (!ui_running || pane_ui(p) != NULL)
		return;
	up = xcalloc(1, sizeof *up);
	up->p = p;
	up->handle = pane_handle(p);
	ui.panes = xreallocarray(ui.panes, ui.npanes + 1, sizeof *ui.panes);
	ui.panes[ui.npanes++] = up;
	path = input_history_path(pane_name(p));
	up->line = input_line_new(path);
	free(path);
	pane_set_ui(p, up);
}

/*
 * rename-pane: the pane's history is kept under its new name from now on,
 * written there whole at once (so a crash loses none of it); the old
 * name's file stays as it was, for the next pane of that name.
 */
static void
ui_pane_renamed(struct pane *p)
{
	struct ui_pane	*up = ui_pane_of(p);
	char		*path;

	if (!ui_running || up == NULL)
		return;
	path = input_history_path(pane_name(p));
	input_line_rename(up->line, path);
	free(path);
}

static void
ui_pane_forget(struct ui_pane *up)
{
	size_t	 i;

	for (i = 0; i < ui.npanes; i++) {
		if (ui.panes[i] == up) {
			ui.panes[i] = ui.panes[--ui.npanes];
			break;
		}
	}

	for (i = 0; i < up->nahead; i++) {
		explicit_bzero(up->ahead[i].text, strlen(up->ahead[i].text));
		free(up->ahead[i].text);
	}
	free(up->ahead);
	input_line_free(up->line);
	for (i = 0; i < up->nmatches; i++)
		free(up->matches[i]);
	free(up->matches);
	free(up->block);
	free(up->complete_line);
	free(up->copy.search_shown);
	free(up->rowmap);
	free(up);
}

/* The client's focus moved (cmd_focus): the pane's line takes the keys. */
static void
ui_focused(struct cmd_client *c)
{
	struct ui_pane	*up = ui_pane_of(cmd_current(c));

	if (ui.zoom)
		ui.zoom = 0;
	if (up != NULL)
		up->bell = 0;		/* seen now: tmux clears '!' so */
	if (ui.mode == UI_NORMAL)
		input_activate(up != NULL ? up->line : NULL);
	ui.dirty = 1;
}

static void
ui_select_pane(struct pane *p)
{
	cmd_focus(&ui.client, p);
}

/* ---- the layout ---- */

/* The rows panes have: the screen without its status line. */
static int
ui_layout_height(void)
{
	return (ui.status ? ui.sy - 1 : ui.sy);
}

/*
 * A pane the custom layout does not have yet (new-pane, a pane made by
 * another client): it splits the focused pane (or the first) in two along
 * its longer side, a cell being about twice as high as wide; if neither
 * way has room, the layout goes back to the preset, with a message.
 */
static void
ui_layout_insert(unsigned int h)
{
	struct layout_cell	*lc;
	enum layout_type	 type;
	unsigned int		 target;
	char			*cause = NULL;

	if (ui.tree == NULL) {
		ui.tree = layout_new(h, ui.sx, ui_layout_height());
		return;
	}
	if ((lc = layout_find(ui.tree, ui.client.current)) == NULL)
		lc = layout_find(ui.tree, layout_first_pane(ui.tree));
	target = lc->pane;
	type = lc->w >= 2 * lc->h ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
	if (layout_split(&ui.tree, target, type, -1, 0, 0, h, &cause) == 0)
		return;
	free(cause);
	cause = NULL;
	type = type == LAYOUT_LEFTRIGHT ? LAYOUT_TOPBOTTOM : LAYOUT_LEFTRIGHT;
	if (layout_split(&ui.tree, target, type, -1, 0, 0, h, &cause) == 0)
		return;
	free(cause);
	ui.custom = 0;
	ui_message(1, "no room to split pane %s for a new pane: back to the "
	    "%s layout", pane_get(target) != NULL ? pane_name(pane_get(target))
	    : "?", layout_name(ui.layout));
}

/*
 * The tree for the panes there are now (but exclude, a pane being split
 * in), on the screen as it is now; ui.fits says whether it fits.  A
 * preset's tree is built again each time, so panes come and go as they
 * always did; a custom one (split or resized by hand) keeps its shape:
 * a pane gone leaves its space to its neighbour, a pane it lacks is split
 * in (ui_layout_insert), and a new screen size scales it in proportion.
 * When it cannot scale (too small) it stays as it was, for when the
 * terminal grows again.
 */
static void
ui_layout_tree(unsigned int exclude)
{
	unsigned int	*hs, one;
	size_t		 n = pane_count(), i, k = 0;
	int		 h = ui_layout_height();

	hs = xcalloc(n > 0 ? n : 1, sizeof *hs);
	if (ui.custom && ui.tree != NULL) {
		size_t m = layout_panes(ui.tree, &one, 1);
		unsigned int *in = xcalloc(m, sizeof *in);
		layout_panes(ui.tree, in, m);
		for (i = 0; i < m; i++)
			if (pane_get(in[i]) == NULL || in[i] == exclude)
				layout_remove(&ui.tree, in[i]);
		free(in);
		for (i = 0; i < n && ui.custom; i++) {
			one = pane_handle(pane_at(i));
			if (one != exclude && layout_find(ui.tree, one) == NULL)
				ui_layout_insert(one);
		}
	}
	if (!ui.custom || ui.tree == NULL) {
		ui.custom = 0;
		layout_free(ui.tree);
		ui.tree = NULL;
		for (i = 0; i < n; i++)
			if ((one = pane_handle(pane_at(i))) != exclude)
				hs[k++] = one;
		if (k > 0 && h >= 1)
			ui.tree = layout_preset(ui.layout, hs, (int)k, ui.sx,
			    h);
		ui.fits = k == 0 ? h >= 1 : ui.tree != NULL;
	} else
		ui.fits = h >= 1 && layout_resize(ui.tree, ui.sx, h) == 0;
	free(hs);
}

/*
 * What split-window, resize-pane and swap-pane ask (cmd_layout): done on
 * the tree, which is custom from then on (swap-pane under a preset only
 * changes the panes' order, which the preset follows).  A split only
 * asked about is tried on a copy.  Zoom ends, as in tmux.
 */
static int
ui_layout(struct cmd_client *c, const struct cmd_layout *req, char **cause)
{
	struct pane		*p = pane_get(req->pane);
	struct layout_cell	*copy;
	enum layout_type	 type;
	char			*why = NULL;
	int			 r = 0, size;

	(void)c;
	ui_layout_tree(req->op == CMD_LAYOUT_SPLIT ? req->other : 0);
	if (req->op == CMD_LAYOUT_SWAP) {
		if (ui.custom)
			(void)layout_swap(ui.tree, req->pane, req->other);
		ui.dirty = 1;
		return (0);
	}
	if (ui.tree == NULL || !ui.fits) {
		xasprintf(cause, "the terminal (%dx%d) is too small for the "
		    "panes as they are: enlarge it first", ui.sx, ui.sy);
		return (-1);
	}
	switch (req->op) {
	case CMD_LAYOUT_SPLIT:
		type = req->dir == 'h' ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
		if (req->other != 0) {
			r = layout_split(&ui.tree, req->pane, type, req->size,
			    req->percent, req->before, req->other, &why);
			break;
		}
		copy = layout_copy(ui.tree);
		r = layout_split(&copy, req->pane, type, req->size,
		    req->percent, req->before, (unsigned int)-1, &why);
		layout_free(copy);
		if (r == 0)
			return (0);
		break;
	case CMD_LAYOUT_RESIZE:
		r = layout_resize_pane(ui.tree, req->pane, req->dir, req->size,
		    &why) < 0 ? -1 : 0;
		break;
	case CMD_LAYOUT_RESIZE_TO:
		type = req->dir == 'x' ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
		size = req->size;
		if (req->percent)
			size = (type == LAYOUT_LEFTRIGHT ? ui.sx :
			    ui_layout_height()) * size / 100;
		r = layout_resize_pane_to(ui.tree, req->pane, type, size, &why);
		break;
	case CMD_LAYOUT_SWAP:
		break;
	}
	if (r != 0) {
		xasprintf(cause, "pane %s: %s", p != NULL ? pane_name(p) : "?",
		    why);
		free(why);
		return (-1);
	}
	ui.custom = 1;
	ui.zoom = 0;
	ui.dirty = 1;
	return (0);
}

/*
 * Where each pane goes now, from the layout tree, zoom and terminal size:
 * the rectangles drawing, the mouse and select-pane -U/-D/-L/-R read.
 * Called before each draw and before a direction is chosen.
 */
static void
ui_arrange(void)
{
	struct layout_cell	*lc;
	struct ui_pane		*up;
	int			 h = ui_layout_height(), focus_idx;
	size_t			 n = pane_count(), i;

	focus_idx = cmd_current(&ui.client) != NULL ?
	    pane_index(cmd_current(&ui.client)) : -1;
	ui_layout_tree(0);
	if (n > 0 && h >= 1 && ui.zoom && focus_idx >= 0)
		ui.fits = ui.sx >= LAYOUT_MIN_W && h >= LAYOUT_MIN_H;
	for (i = 0; i < n; i++) {
		if ((up = ui_pane_of(pane_at(i))) == NULL)
			continue;
		lc = layout_find(ui.tree, up->handle);
		if (ui.zoom && (int)i == focus_idx)
			up->r = (struct rect){ 0, 0, ui.sx, h };
		else if (lc != NULL && !ui.zoom)
			up->r = (struct rect){ lc->x, lc->y, lc->w, lc->h };
		else
			up->r = (struct rect){ 0, 0, 0, 0 };
		up->index = (int)i;
		up->visible = ui.fits && ui.mode != UI_VIEW &&
		    up->r.w > 0 && up->r.h > 0;
		/* The pane's terminal is as large as it is drawn. */
		if (up->visible)
			pane_set_size(up->p, up->r.h, up->r.w);
	}
}

static void ui_bell_check(struct ui_pane *, int);

/*
 * A frame: drawn on every terminal; then the bells, which the draw's
 * reading carried out for the panes drawn (the others are made to).
 */
static void
ui_redraw(void)
{
	struct ui_pane	*up;
	size_t		 i;

	ui_arrange();
	ui_term_draw();
	ui.dirty = 0;
	for (i = 0; i < pane_count(); i++)
		if ((up = ui_pane_of(pane_at(i))) != NULL)
			ui_bell_check(up, !up->visible);
}

/* The pane next to the focused one in a direction (U, D, L, R). */
static int
ui_select_direction(struct cmd_client *c, char dir)
{
	struct ui_pane	*cur, *up, *best = NULL;
	size_t		 i;
	int		 cx, cy, d, bestd = 0, ok;

	ui_arrange();
	cur = ui_pane_of(cmd_current(c));

	if (cur == NULL || !cur->visible)
		return (-1);
	cx = cur->r.x + cur->r.w / 2;
	cy = cur->r.y + cur->r.h / 2;
	for (i = 0; i < pane_count(); i++) {
		up = ui_pane_of(pane_at(i));
		if (up == NULL || up == cur || !up->visible)
			continue;
		switch (dir) {
		case 'U':
			ok = up->r.y + up->r.h <= cur->r.y;
			break;
		case 'D':
			ok = up->r.y >= cur->r.y + cur->r.h;
			break;
		case 'L':
			ok = up->r.x + up->r.w <= cur->r.x;
			break;
		default:
			ok = up->r.x >= cur->r.x + cur->r.w;
			break;
		}
		if (!ok)
			continue;
		d = abs(up->r.x + up->r.w / 2 - cx) +
		    abs(up->r.y + up->r.h / 2 - cy);
		if (best == NULL || d < bestd) {
			best = up;
			bestd = d;
		}
	}
	if (best == NULL)
		return (-1);
	cmd_focus(c, best->p);
	return (0);
}

/* select-layout (next: next-layout). */
static void
ui_set_layout(struct cmd_client *c, int next, enum layout l)
{
	(void)c;
	ui.layout = next ? layout_next(ui.layout) : l;
	ui.custom = 0;			/* the preset again, as it is */
	ui.zoom = 0;
	ui.dirty = 1;
	if (next)
		ui_message(0, "layout: %s", layout_name(ui.layout));
}

static void
ui_toggle_zoom(struct cmd_client *c)
{
	(void)c;
	ui.zoom = !ui.zoom && pane_count() > 1;
	ui.dirty = 1;
}

static void
ui_display_panes(struct cmd_client *c)
{
	(void)c;
	ui.mode = UI_DISPLAY_PANES;
	ui.display_until = mono_now() + 2.0;
	ui.display_num = -1;
	ui.dirty = 1;
}

/*
 * A digit while the pane numbers show: pane 10 and up take two, as in
 * tmux.  A number that no further digit can make a pane's (its tenfold
 * is past the last pane) selects at once; else the next digit, or the
 * numbers' end, does (d -1: the end came).  Returns 1 while waiting.
 */
static int
ui_display_digit(int d)
{
	int	 n;

	if (d < 0)			/* the first digit alone */
		n = ui.display_num;
	else if (ui.display_num < 0)
		n = d;
	else
		n = ui.display_num * 10 + d;
	if (d >= 0 && ui.display_num < 0 && n > 0 &&
	    (size_t)n * 10 < pane_count()) {
		ui.display_num = n;
		ui.display_until = mono_now() + 2.0;
		return (1);
	}
	ui.display_num = -1;
	if ((size_t)n < pane_count())
		ui_select_pane(pane_at((size_t)n));
	else
		ui_message(1, "no pane %d", n);
	return (0);
}

/* copy-mode [-u]: the focused pane's; -u, a page up at once. */
static void
ui_copy_mode_pane(struct ui_pane *up, int up_page)
{
	char		*cause = NULL;

	if (up == NULL)
		return;
	ui_copy_enter(up, 0);
	if (up_page)
		ui_copy_command(up, "page-up", NULL, &cause);
	free(cause);
	ui.dirty = 1;
}

/* copy-mode: -q leaves it (as tmux's, which ends any mode), -u pages. */
static void
ui_copy_mode(struct cmd_client *c, struct pane *p, int flags)
{
	struct ui_pane	*up = ui_pane_of(p);

	(void)c;
	if (up != NULL && (flags & CMD_COPY_QUIT)) {
		if (up->scrolled)
			ui_copy_leave(up);
		return;
	}
	ui_copy_mode_pane(up, flags & CMD_COPY_PAGE_UP);
	ui.dirty = 1;
}

static void
ui_prompt_end(void)
{
	ui.mode = UI_NORMAL;
	free(ui.prompt_label);
	free(ui.prompt_template);
	ui.prompt_label = ui.prompt_template = NULL;
	if (ui_pane_of(cmd_current(&ui.client)) != NULL)
		input_activate(ui_pane_of(cmd_current(&ui.client))->line);
	else
		input_activate(NULL);
	ui.dirty = 1;
}

static void
ui_command_prompt(struct cmd_client *c, const char *initial,
    const char *label, const char *template)
{
	(void)c;
	if (ui.prompt_line == NULL) {
		char *path = input_history_path(":command");
		ui.prompt_line = input_line_new(path);
		input_line_words(ui.prompt_line);
		free(path);
	}
	ui.mode = UI_PROMPT;
	free(ui.prompt_label);
	free(ui.prompt_template);
	ui.prompt_label = xstrdup(label != NULL ? label : ":");
	ui.prompt_template = template != NULL ? xstrdup(template) : NULL;
	input_activate(ui.prompt_line);
	input_set_text(initial != NULL ? initial : "");
	ui.dirty = 1;
}

static void
ui_confirm(const char *question, const char *command)
{
	ui.mode = UI_CONFIRM;
	free(ui.prompt_label);
	free(ui.confirm_cmd);
	ui.prompt_label = xstrdup(question);
	ui.confirm_cmd = xstrdup(command);
	ui.dirty = 1;
}

static void
ui_cmd_confirm(struct cmd_client *c, const char *question,
    const char *command)
{
	(void)c;
	ui_confirm(question, command);
}

/* Command output: shown full screen. */
static int
ui_print(struct cmd_client *c, char *text, size_t len, char **cause)
{
	(void)c;
	(void)len;
	(void)cause;
	free(ui.view_text);
	ui.view_text = text;
	ui.view_top = 0;
	ui.mode = UI_VIEW;
	ui.dirty = 1;
	return (0);
}

static void
ui_error(struct cmd_client *c, const char *msg)
{
	(void)c;
	ui_message(1, "%s", msg);
}

/*
 * A run told several errors (each is in the message log already): the
 * first stays on the status line, with how many more.
 */
static void
ui_errors(struct cmd_client *c, const char *first, unsigned int more)
{
	(void)c;
	free(ui.message);
	xasprintf(&ui.message, "%s (%u more: show-messages)", first, more);
	ui.message_error = 1;
	ui.message_until = mono_now() + UI_MESSAGE_TIME;
	ui.dirty = 1;
}

static void
ui_cmd_message(struct cmd_client *c, const char *msg)
{
	(void)c;
	ui_message(0, "%s", msg);
}

/* The UI's options (options.c), applied as they change. */
static int
ui_opt_escape_time(const char *name, long ms, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	ui.escape_time = (int)ms;
	return (0);
}

static int
ui_opt_mouse(const char *name, long on, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	int	 was = ui.mouse;

	ui.mouse = (int)on;
	ui_term_mouse(was);
	return (0);
}

static int
ui_opt_status(const char *name, long on, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	ui.status = (int)on;
	ui.dirty = 1;
	return (0);
}

/* synchronize-panes: what is typed goes to every live pane (ui_key). */
static int
ui_opt_sync(const char *name, long on, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	ui.sync = (int)on;
	ui.dirty = 1;
	return (0);
}

static int
ui_opt_history_size(const char *name, long n, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	input_history_size = (size_t)n;
	return (0);
}

static void
ui_send_prefix(struct cmd_client *c)
{
	char	 k = (char)options_get("prefix");

	(void)c;
	ui_input_feed(&k, 1);
}

static int
ui_busy_count(void)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < pane_count(); i++)
		if (pane_busy(pane_at(i)))
			n++;
	return (n);
}

static void
ui_quit(struct cmd_client *c, int force)
{
	int	 n;

	if (!force && (n = ui_busy_count()) > 0) {
		char *q;
		xasprintf(&q, "%d pane%s running code: quit? (y/n)", n,
		    n == 1 ? " is" : "s are");
		ui_confirm(q, "quit -f");
		free(q);
		return;
	}
	(void)c;
	ui.quit = 1;
}

/* What commands did to panes (h: the pane's handle). */
static void
ui_pane_event(struct cmd_client *c, unsigned int h, enum cmd_pane_event ev)
{
	struct pane	*p = pane_get(h);
	struct ui_pane	*up = ui_pane_of(p);
	size_t		 i;

	(void)c;
	switch (ev) {
	case CMD_PANE_ADDED:
		ui_pane_added(p);
		/* Before the focus moves to it: the focused pane splits. */
		if (ui.custom && p != NULL && layout_find(ui.tree, h) == NULL)
			ui_layout_insert(h);
		break;
	case CMD_PANE_RENAMED:
		ui_pane_renamed(p);
		break;
	case CMD_PANE_CLOSING:
	case CMD_PANE_RESPAWNING:
		if (up != NULL)
			up->closing = ev == CMD_PANE_CLOSING;
		ui_message(0, "%s pane %s...", ev == CMD_PANE_RESPAWNING ?
		    "respawning" : "closing", pane_name(p));
		break;
	case CMD_PANE_RESPAWNED:
		ui_message(0, "pane %s respawned", pane_name(p));
		break;
	case CMD_PANE_KEPT:
		if (up != NULL)
			up->closing = 0;
		break;
	case CMD_PANE_CLOSED:
		for (i = 0; i < ui.npanes; i++) {
			if (ui.panes[i]->handle == h) {
				/* Closed by another client: the focus moves
				 * as it would have for ours. */
				cmd_pane_gone(&ui.client, ui.panes[i]->index);
				ui_pane_forget(ui.panes[i]);
				break;
			}
		}
		ui_message(0, "pane closed");
		if (pane_count() == 0)
			ui.quit = 1;
		break;
	}
	ui.dirty = 1;
}

/* The server's clients (server.c) reach the UI through these. */
static unsigned int
ui_server_focus(void)
{
	return (ui.client.current);
}

static void
ui_server_pane_event(unsigned int h, enum cmd_pane_event ev)
{
	ui_pane_event(&ui.client, h, ev);
}

static void
ui_server_focus_set(unsigned int h)
{
	cmd_focus(&ui.client, pane_get(h));
}

static void
ui_server_set_layout(int next, enum layout l)
{
	ui_set_layout(&ui.client, next, l);
}

static void
ui_server_toggle_zoom(void)
{
	ui_toggle_zoom(&ui.client);
}

static int
ui_server_layout(const struct cmd_layout *req, char **cause)
{
	return (ui_layout(&ui.client, req, cause));
}

static int
ui_server_attach(unsigned int id, int in, int out, const char *term,
    char **cause)
{
	return (ui_attach(id, in, out, term, cause));
}

/* That client went away: its terminal with it (hung up, killed). */
static void
ui_server_detach(unsigned int id)
{
	struct ui_term	*t = ui_term_find(id);

	if (t != NULL)
		ui_term_close(t, "", 0);
}

static void
ui_server_resize(unsigned int id)
{
	struct ui_term	*t = ui_term_find(id);

	if (t != NULL)
		ui_term_resize(t);
}

/* A signal an attached client got and passed on. */
static void
ui_server_signal(unsigned int id, int sig)
{
	struct ui_term	*t = ui_term_find(id);

	if (sig == SIGTERM) {
		ui.quit = 1;
		ui_quit_signal = sig;
	} else if (t == NULL)
		return;
	else if (sig == SIGTSTP)
		ui_term_suspend(t);
	else if (sig == SIGCONT)
		ui_term_resume(t);
	else if (sig == SIGHUP)
		ui_term_close(t, "", 1);	/* its terminal hung up */
}

static void
ui_server_quit(void)
{
	ui.quit = 1;
}

static void
ui_server_log(const char *msg)
{
	ui_message(1, "%s", msg);
}

static int ui_send_keys_to(unsigned int, int, struct key_event *, size_t,
    char **);
static int ui_server_copy(unsigned int, const char *, const char *, char **);
static int ui_cmd_copy(struct cmd_client *, struct pane *, const char *,
    const char *, char **);
static int ui_send_keys(struct cmd_client *, unsigned int, int,
    struct key_event *, size_t, char **);

static const struct server_hooks ui_server_hooks = {
	.attach = ui_server_attach,
	.detach = ui_server_detach,
	.resize = ui_server_resize,
	.signal = ui_server_signal,
	.focus = ui_server_focus,
	.focus_set = ui_server_focus_set,
	.set_layout = ui_server_set_layout,
	.toggle_zoom = ui_server_toggle_zoom,
	.layout = ui_server_layout,
	.pane_event = ui_server_pane_event,
	.quit = ui_server_quit,
	.log = ui_server_log,
	.send_keys = ui_send_keys_to,
	.copy_command = ui_server_copy
};

static const struct cmd_client_ops ui_ops = {
	.print = ui_print,
	.error = ui_error,
	.errors = ui_errors,
	.focused = ui_focused,
	.pane_event = ui_pane_event,
	.message = ui_cmd_message,
	.select_direction = ui_select_direction,
	.set_layout = ui_set_layout,
	.toggle_zoom = ui_toggle_zoom,
	.layout = ui_layout,
	.display_panes = ui_display_panes,
	.suspend = ui_suspend,
	.detach = ui_cmd_detach,
	.copy_mode = ui_copy_mode,
	.command_prompt = ui_command_prompt,
	.confirm = ui_cmd_confirm,
	.send_prefix = ui_send_prefix,
	.quit = ui_quit,
	.paste = ui_cmd_paste,
	.copy_command = ui_cmd_copy,
	.send_keys = ui_send_keys,
};

/* Expand #{pane_name} and #{pane_index} for the focused pane. */
static char *
ui_expand(const char *s)
{
	struct pane	*focus = cmd_current(&ui.client);
	const char	*name = focus != NULL ? pane_name(focus) : "";
	char		*out, idx[16];
	size_t		 len = 0, cap = strlen(s) + 64;

	snprintf(idx, sizeof idx, "%d", focus != NULL ? pane_index(focus) :
	    -1);
	out = xmalloc(cap);
	while (*s != '\0') {
		const char *rep = NULL;
		size_t skip = 1;
		if (strncmp(s, "#{pane_name}", 12) == 0) {
			rep = name;
			skip = 12;
		} else if (strncmp(s, "#{pane_index}", 13) == 0) {
			rep = idx;
			skip = 13;
		}
		if (rep != NULL) {
			size_t rl = strlen(rep);
			if (len + rl + 1 > cap)
				out = xrealloc(out, (cap = len + rl + 64));
			memcpy(out + len, rep, rl);
			len += rl;
		} else {
			if (len + 2 > cap)
				out = xrealloc(out, (cap *= 2));
			out[len++] = *s;
		}
		s += skip;
	}
	out[len] = '\0';
	return (out);
}

/* Run a command line of the session language from a key or a prompt. */
static void
ui_run(const char *line)
{
	struct script	 sc;
	struct pane	*cur;
	char		*cause = NULL, *expanded, **layout;
	int		 eline, ecol;
	size_t		 i, n;
	enum cmd_retval	 rc;

	expanded = ui_expand(line);
	if (script_parse(expanded, strlen(expanded), &sc, &eline, &ecol,
	    &cause) != 0) {
		ui_message(1, "column %d: %s", ecol, cause);
		free(cause);
		free(expanded);
		return;
	}
	/* Layout commands are recorded once they succeeded (after the
	 * others of the line, which are recorded as they start). */
	layout = xcalloc(sc.ncmds > 0 ? sc.ncmds : 1, sizeof *layout);
	n = sc.ncmds;
	for (i = 0; i < n; i++) {
		cur = cmd_current(&ui.client);
		if (cur == NULL || (layout[i] = record_layout_line(
		    sc.cmds[i].argc, sc.cmds[i].argv, pane_name(cur))) == NULL)
			record_command(sc.cmds[i].argc, sc.cmds[i].argv);
	}
	free(expanded);
	rc = cmd_run(&ui.client, NULL, &sc);
	for (i = 0; i < n; i++) {
		if (layout[i] != NULL && rc != CMD_ERROR)
			record_line(layout[i]);
		free(layout[i]);
	}
	free(layout);
}

/* ---- lines, completion ---- */

/* A line for the history entry of the block being typed. */
static void
ui_block_add(struct ui_pane *up, const char *line)
{
	char	*b;

	if (up->block == NULL)
		up->block = xstrdup(line);
	else if (*line != '\0') {
		xasprintf(&b, "%s\n%s", up->block, line);
		free(up->block);
		up->block = b;
	}
}

/*
 * Typed ahead: a line (or block) sent while the pane runs code, which may
 * read it with getpass().  Its history entry and --record line wait until
 * the pane has taken it (input number seq, pane_taken_secret); a secret
 * gets neither.  So a recorded line typed ahead is written when the pane
 * takes it, after what was recorded meanwhile in other panes.
 */
static void
ui_ahead_add(struct ui_pane *up, const char *text, uint64_t seq, int block)
{
	up->ahead = xreallocarray(up->ahead, up->nahead + 1,
	    sizeof *up->ahead);
	up->ahead[up->nahead].text = xstrdup(text);
	up->ahead[up->nahead].seq = seq;
	up->ahead[up->nahead].block = block;
	up->nahead++;
}

/* The lines typed ahead that the pane has taken, in order. */
static void
ui_ahead_resolve(struct ui_pane *up)
{
	struct ui_ahead	*a;
	size_t		 i;
	int		 r = 0;

	for (i = 0; i < up->nahead; i++) {
		a = &up->ahead[i];
		if ((r = pane_taken_secret(up->p, a->seq)) < 0)
			break;		/* still queued, and those after it */
		if (r) {
			record_secret(pane_name(up->p));
			explicit_bzero(a->text, strlen(a->text));
		} else {
			record_send(pane_name(up->p), a->text, 0);
			if (a->block)
				input_add_history(up->line, a->text);
			else
				ui_block_add(up, a->text);
		}
		free(a->text);
	}
	if (i > 0) {
		memmove(up->ahead, up->ahead + i, (up->nahead - i) *
		    sizeof *up->ahead);
		up->nahead -= i;
	}
}

/* Is the pane's code waiting in getpass()? */
static int
ui_pane_secret(struct pane *p)
{
	struct pane_info	 pi;
	int			 secret;

	pane_info(p, &pi);
	secret = pi.secret;
	pane_info_free(&pi);
	return (secret);
}

/*
 * What was typed, for a template's %% after before: inside single quotes
 * a quote becomes '\'' (the quote ends, an escaped quote, it begins
 * again), inside double quotes \ and " are escaped, so that a search for
 * it's or a name with a quote parses as typed.
 */
static char *
ui_template_quote(const char *before, const char *line)
{
	const char	*c;
	char		 open = 0, *out, *o;

	for (c = before; *c != '\0'; c++) {
		if (open == 0 && *c == '\\' && c[1] != '\0')
			c++;
		else if (open == '"' && *c == '\\' && c[1] != '\0')
			c++;
		else if (open == 0 && (*c == '\'' || *c == '"'))
			open = *c;
		else if (open != 0 && *c == open)
			open = 0;
	}
	o = out = xmalloc(strlen(line) * 4 + 1);
	for (c = line; *c != '\0'; c++) {
		if (open == '\'' && *c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
			continue;
		}
		if (open == '"' && (*c == '"' || *c == '\\'))
			*o++ = '\\';
		*o++ = *c;
	}
	*o = '\0';
	return (out);
}

/* readline accepted a line (NULL: C-d on an empty line). */
static void
ui_accept(char *line, void *arg)
{
	struct ui_pane		*up = ui_fed != NULL ? ui_fed :
				    ui_pane_of(cmd_current(&ui.client));
	struct pane_info	 pi;
	char			*cmd;

	(void)arg;
	if (ui.mode == UI_PROMPT && ui_fed == NULL) {
		char *tmpl = ui.prompt_template != NULL ?
		    xstrdup(ui.prompt_template) : NULL;
		if (line != NULL)
			input_add_history(ui.prompt_line, line);
		ui_prompt_end();
		if (line == NULL || *line == '\0') {
			free(tmpl);
			return;
		}
		if (tmpl != NULL) {
			/* %% in the template is what was typed, quoted
			 * for the quotes around it. */
			char *pos = strstr(tmpl, "%%"), *q;
			if (pos != NULL) {
				*pos = '\0';
				q = ui_template_quote(tmpl, line);
				xasprintf(&cmd, "%s%s%s", tmpl, q, pos + 2);
				free(q);
			} else
				cmd = xstrdup(tmpl);
			free(tmpl);
		} else
			cmd = xstrdup(line);
		ui_run(cmd);
		free(cmd);
		return;
	}
	if (up == NULL)
		return;
	ui_ahead_resolve(up);
	pane_info(up->p, &pi);
	if (pi.state == PANE_DEAD) {
		ui_message(1, "pane %s has exited (status %d): C-b x closes "
		    "it, :respawn-pane restarts it", pi.name, pi.exit_status);
		pane_info_free(&pi);
		return;
	}
	if (line == NULL) {
		record_send(pane_name(up->p), NULL, 1);
		pane_send_eof(up->p);
		pane_info_free(&pi);
		return;
	}
	if (pi.secret) {
		/* getpass() waits: the line is its secret, which the pane
		 * never echoes; no history, no record of it. */
		record_secret(pane_name(up->p));
		pane_send(up->p, line);
		explicit_bzero(line, strlen(line));
	} else if (pi.state == PANE_RUNNING || pi.state == PANE_STARTING) {
		ui_ahead_add(up, line, pi.sent + 1,
		    strchr(line, '\n') != NULL);
		if (strchr(line, '\n') != NULL)
			pane_send_block(up->p, line);
		else
			pane_send(up->p, line);
	} else if (pi.state == PANE_INPUT) {
		record_send(pane_name(up->p), line, 0);
		input_add_history(up->line, line);
		pane_send(up->p, line);
	} else if (strchr(line, '\n') != NULL) {
		/* A recalled multi-line entry runs as one block. */
		record_send(pane_name(up->p), line, 0);
		input_add_history(up->line, line);
		pane_send_block(up->p, line);
	} else {
		/* History keeps a whole block as one entry: collect its
		 * lines until the pane is back at its first prompt. */
		record_send(pane_name(up->p), line, 0);
		ui_block_add(up, line);
		pane_send(up->p, line);
	}
	pane_info_free(&pi);
	if (up->scrolled)
		ui_copy_leave(up);
}

/* Commit a collected block to history once the pane is back at ps1. */
static void
ui_commit_block(struct ui_pane *up)
{
	struct pane_info	 pi;

	if (up->block == NULL)
		return;
	pane_info(up->p, &pi);
	if ((pi.state == PANE_IDLE && !pi.more) || pi.state == PANE_DEAD) {
		input_add_history(up->line, up->block);
		free(up->block);
		up->block = NULL;
	}
	pane_info_free(&pi);
}

/*
 * Tab on the command prompt, answered at once: the first word from the
 * command names, a word after -t from the pane names.
 */
static void
ui_complete_prompt(const char *line, int point, int start)
{
	char	**m = NULL, *word, name[64];
	size_t	 n = 0, i, len;
	int	 first, after_t;

	word = xstrndup(line + start, (size_t)(point - start));
	first = strspn(line, " \t") >= (size_t)start;
	after_t = start >= 3 && strncmp(line + start - 3, "-t ", 3) == 0;
	if (first)
		n = cmd_complete(word, &m);
	else if (after_t) {
		m = xcalloc(pane_count() * 2 + 1, sizeof *m);
		len = strlen(word);
		for (i = 0; i < pane_count(); i++) {
			if (strncmp(pane_name(pane_at(i)), word, len) == 0)
				m[n++] = xstrdup(pane_name(pane_at(i)));
			snprintf(name, sizeof name, "%zu", i);
			if (strncmp(name, word, len) == 0)
				m[n++] = xstrdup(name);
		}
	}
	if (n > 0 && input_complete_apply(line, point, start, m, n) == 0 &&
	    n > 1) {
		char *list = xstrdup(""), *t;
		for (i = 0; i < n; i++) {
			xasprintf(&t, "%s%s ", list, m[i]);
			free(list);
			list = t;
		}
		ui_message(0, "%s", list);
		free(list);
	} else if (n == 0)
		ui_term_beep();
	for (i = 0; i < n; i++)
		free(m[i]);
	free(m);
	free(word);
}

static void
ui_complete(const char *line, int point, int start, void *arg)
{
	struct ui_pane	*up = ui_pane_of(cmd_current(&ui.client));
	char		*word;

	(void)arg;
	if (ui.mode == UI_PROMPT && ui_fed == NULL) {
		ui_complete_prompt(line, point, start);
		return;
	}
	/* Tab completes in the focused pane only: the answer comes later,
	 * and is applied to the line readline edits then (send-keys and
	 * synchronize-panes type at other panes' lines for a moment). */
	if (ui_fed != NULL && ui_fed != up)
		return;
	if (up == NULL || ui.mode != UI_NORMAL || ui_pane_secret(up->p))
		return;
	free(up->complete_line);
	up->complete_line = xstrdup(line);
	up->complete_point = point;
	up->complete_start = start;
	up->complete_id = ++ui_complete_seq;
	word = xstrndup(line + start, (size_t)(point - start));
	pane_complete_request(up->p, word, up->complete_id);
	free(word);
}

static void
ui_clear_matches(struct ui_pane *up)
{
	size_t	 i;

	for (i = 0; i < up->nmatches; i++)
		free(up->matches[i]);
	free(up->matches);
	up->matches = NULL;
	up->nmatches = 0;
	ui.dirty = 1;
}

static void
ui_check_completion(struct ui_pane *up)
{
	char		**m;
	size_t		 n, i;
	unsigned int	 id;

	if ((id = pane_complete_result(up->p, &m, &n)) == 0)
		return;
	if (id != up->complete_id || up->p != cmd_current(&ui.client) ||
	    ui.mode != UI_NORMAL || input_complete_apply(up->complete_line,
	    up->complete_point, up->complete_start, m, n) != 0 || n < 2) {
		for (i = 0; i < n; i++)
			free(m[i]);
		free(m);
		if (n == 0 && id == up->complete_id)
			ui_term_beep();
		return;
	}
	ui_clear_matches(up);
	up->matches = m;
	up->nmatches = n;
}

/* ---- engine events ---- */

/*
 * A BEL the pane's terminal carried out (outbuf_bells counts them; looked
 * at when the notify fd wakes us and after each frame): the focused
 * pane's beeps the terminal (tmux's bell-action current); another pane
 * gets '!' on the status line until it is focused.  Bells come at most
 * once per look, however many rang.
 */
static void
ui_bell_check(struct ui_pane *up, int flush)
{
	uint64_t	 b = outbuf_bells(pane_outbuf(up->p), flush);

	if (b == up->bells)
		return;
	up->bells = b;
	if (pane_handle(up->p) == ui.client.current)
		ui_term_beep();
	else
		up->bell = 1;
	ui.dirty = 1;
}

static void
ui_engine_changed(void)
{
	struct ui_pane		*up;
	struct pane_info	 pi;
	size_t			 i;
	int			 live = 0, any_dead_now = 0;

	(void)cmd_continue(&ui.client);		/* waiting commands */
	for (i = 0; i < pane_count(); i++) {
		if ((up = ui_pane_of(pane_at(i))) == NULL)
			continue;
		ui_check_completion(up);
		ui_bell_check(up, 0);
		ui_ahead_resolve(up);
		ui_commit_block(up);
		pane_info(up->p, &pi);
		/* getpass(): Tab is a character of the secret. */
		input_line_secret(up->line, pi.secret);
		if (pi.state == PANE_DEAD && up->seen_state != PANE_DEAD &&
		    !up->closing)
			any_dead_now = 1;
		if (pi.state != PANE_DEAD)
			live++;
		up->seen_state = pi.state;
		pane_info_free(&pi);
	}
	if (any_dead_now && live == 0 && ui.mode == UI_NORMAL)
		ui_confirm("the last pane has ended: quit? (y/n)", "quit -f");
	if (pane_count() == 0)
		ui.quit = 1;
	ui.dirty = 1;
}

/* ---- keys ---- */

static int
ui_key_view(struct key_event *ev)
{
	switch (ev->key) {
	case 'q':
	case 0x1b:
	case 0x03:
		free(ui.view_text);
		ui.view_text = NULL;
		ui.mode = UI_NORMAL;
		break;
	case KEYC_UP:
	case 'k':
		if (ui.view_top > 0)
			ui.view_top--;
		break;
	case KEYC_DOWN:
	case 'j':
	case 0x0d:
		ui.view_top++;
		break;
	case KEYC_PPAGE:
		ui.view_top = ui.view_top > ui.sy - 2 ? ui.view_top -
		    (ui.sy - 2) : 0;
		break;
	case KEYC_NPAGE:
	case ' ':
		ui.view_top += ui.sy - 2;
		break;
	default:
		break;
	}
	ui.dirty = 1;
	return (1);
}

/*
 * A copy-mode command in the pane that is in copy mode: send-keys -X NAME
 * [ARG] from any client (cmd-input.c), and the keys of its table.
 */
static int
ui_copy_cmd(struct ui_pane *up, const char *name, const char *arg,
    char **cause)
{
	if (!up->scrolled) {
		xasprintf(cause, "pane %s is not in copy mode (C-b [ enters "
		    "it)", pane_name(up->p));
		return (-1);
	}
	return (ui_copy_command(up, name, arg, cause));
}

static int
ui_cmd_copy(struct cmd_client *c, struct pane *p, const char *name,
    const char *arg, char **cause)
{
	struct ui_pane	*up = ui_pane_of(p);

	(void)c;
	if (up == NULL) {
		xasprintf(cause, "no pane to copy from");
		return (-1);
	}
	return (ui_copy_cmd(up, name, arg, cause));
}

static int
ui_server_copy(unsigned int h, const char *name, const char *arg,
    char **cause)
{
	return (ui_cmd_copy(&ui.client, pane_get(h), name, arg, cause));
}

/*
 * A key in copy mode: its binding in the copy-mode-vi or copy-mode table
 * (mode-keys).  A copy-mode command (send-keys -X) acts on this pane
 * whichever pane has the focus; another command runs as from a key.  An
 * unbound key does nothing: it never reaches the line under the view.
 */
static void
ui_key_copy(struct ui_pane *up, struct key_event *ev)
{
	const char	*bound, *arg;
	struct script	 sc;
	char		**argv, *cause = NULL;
	int		 argc, el, ec;

	bound = key_lookup(key_table_get(ui_copy_vi() ? "copy-mode-vi" :
	    "copy-mode", 1), ev->key);
	if (bound == NULL)
		return;
	memset(&sc, 0, sizeof sc);
	if (script_parse(bound, strlen(bound), &sc, &el, &ec, &cause) != 0) {
		ui_message(1, "%s", cause);	/* bind-key checked it */
		free(cause);
		return;
	}
	argc = sc.ncmds == 1 ? sc.cmds[0].argc : 0;
	argv = argc > 0 ? sc.cmds[0].argv : NULL;
	if (argc >= 3 && argc <= 4 && strcmp(argv[1], "-X") == 0 &&
	    (strcmp(argv[0], "send-keys") == 0 ||
	    strcmp(argv[0], "sendk") == 0 || strcmp(argv[0], "send") == 0)) {
		arg = argc == 4 ? argv[3] : NULL;
		if (ui_copy_cmd(up, argv[2], arg, &cause) != 0) {
			ui_message(1, "%s", cause);
			free(cause);
		}
	} else if (up == ui_pane_of(cmd_current(&ui.client)))
		ui_run(bound);
	script_free(&sc);
}

static struct ui_pane *
ui_pane_at(int x, int y)
{
	struct ui_pane	*up;
	size_t		 i;

	for (i = 0; i < pane_count(); i++) {
		up = ui_pane_of(pane_at(i));
		if (up != NULL && up->visible && x >= up->r.x &&
		    x < up->r.x + up->r.w && y >= up->r.y &&
		    y < up->r.y + up->r.h)
			return (up);
	}
	return (NULL);
}

/*
 * A border held with the first button follows the mouse, as in tmux
 * (button-event tracking, mode 1002, gives the drags): each drag moves
 * the border found where it was by the distance the mouse went (as far as
 * the minimums let it), so nothing points into a tree that may change.
 * The layout is custom from then on; a release ends the drag and writes
 * the border's new place, if it moved, to --record as resize-pane -x or
 * -y.
 */
static int
ui_key_drag(struct key_event *ev)
{
	struct layout_cell	*lc;
	enum layout_type	 type;
	int			 moved;

	if (ui.zoom || !ui.fits || ui.tree == NULL || ui.mode != UI_NORMAL) {
		ui.drag = 0;
		return (0);
	}
	if (ev->mouse == MOUSE_PRESS && ev->button == 0) {
		if (layout_border_at(ui.tree, ev->x, ev->y, &type) == NULL)
			return (0);
		ui.drag = 1;
		ui.drag_x = ev->x;
		ui.drag_y = ev->y;
		return (1);
	}
	if (!ui.drag)
		return (0);
	if ((lc = layout_border_at(ui.tree, ui.drag_x, ui.drag_y, &type)) ==
	    NULL) {
		ui.drag = 0;		/* the layout changed under it */
		return (1);
	}
	if (ev->mouse == MOUSE_DRAG && ev->button == 0) {
		moved = layout_move_border(lc, type, type == LAYOUT_LEFTRIGHT ?
		    ev->x - ui.drag_x : ev->y - ui.drag_y);
		if (moved != 0) {
			if (type == LAYOUT_LEFTRIGHT)
				ui.drag_x += moved;
			else
				ui.drag_y += moved;
			ui.custom = 1;
			ui.drag = 2;
			ui.dirty = 1;
		}
		return (1);
	}
	if (ev->mouse == MOUSE_RELEASE && ui.drag == 2) {
		char	 size[16], *argv[3] = { (char *)"resize-pane", NULL,
		    size };
		struct pane *p = pane_get(layout_first_pane(lc));
		argv[1] = (char *)(type == LAYOUT_LEFTRIGHT ? "-x" : "-y");
		snprintf(size, sizeof size, "%d", type == LAYOUT_LEFTRIGHT ?
		    lc->w : lc->h);
		if (p != NULL)
			record_layout(3, argv, pane_name(p));
	}
	ui.drag = 0;
	return (1);
}

static void
ui_key_mouse(struct key_event *ev)
{
	struct ui_pane	*up;

	if (ui_key_drag(ev))
		return;
	if (ev->mouse == MOUSE_DRAG || ev->mouse == MOUSE_RELEASE) {
		/* A drag belongs to the pane it began in, wherever it goes:
		 * it selects there, its release copies (ui-copy.c). */
		up = ui.drag_pane != 0 ? ui_pane_of(pane_get(ui.drag_pane)) :
		    NULL;
		if (ev->mouse == MOUSE_RELEASE)
			ui.drag_pane = 0;
		if (up == NULL || !up->visible || ev->button != 0)
			return;
		if (ev->x < up->r.x)
			ev->x = up->r.x;
		if (ev->x >= up->r.x + up->r.w)
			ev->x = up->r.x + up->r.w - 1;
		if (ev->y < up->r.y)
			ev->y = up->r.y;
		if (ev->y >= up->r.y + up->r.h)
			ev->y = up->r.y + up->r.h - 1;
		ui_copy_mouse(up, ev);
		return;
	}
	if ((up = ui_pane_at(ev->x, ev->y)) == NULL)
		return;
	switch (ev->mouse) {
	case MOUSE_PRESS:
		if (ev->button == 0 && ui.mode == UI_NORMAL) {
			ui_select_pane(up->p);
			ui.drag_pane = up->handle;
			ui_copy_mouse(up, ev);
		}
		break;
	case MOUSE_WHEEL_UP:
		ui_copy_scroll(up, -3);
		break;
	case MOUSE_WHEEL_DOWN:
		ui_copy_scroll(up, 3);
		break;
	default:
		break;
	}
}

/* A paste on the command prompt: one line, newlines become spaces. */
static void
ui_key_paste_prompt(struct key_event *ev)
{
	size_t	 i;

	for (i = 0; i < ev->pastelen; i++)
		if (ev->paste[i] == '\n' || ev->paste[i] == '\r')
			ev->paste[i] = ' ';
	ui_input_feed(ev->paste, ev->pastelen);
}

/*
 * A paste at pane up, whose line readline edits.  The text is a copy:
 * synchronize-panes pastes the same event at several panes.
 */
static void
ui_key_paste_pane(struct ui_pane *up, struct key_event *ev)
{
	char		*text;
	size_t		 len = ev->pastelen, i;

	if (up->scrolled)
		ui_copy_leave(up);
	if (pane_foreground(up->p)) {
		/* A program holds the pane's terminal: the paste is its. */
		pane_key(up->p, KEYC_PASTE, ev->paste, len);
		return;
	}
	text = xmalloc(len + 1);
	memcpy(text, ev->paste, len);
	text[len] = '\0';
	for (i = 0; i < len; i++)
		if (text[i] == '\r')
			text[i] = '\n';
	while (len > 0 && text[len - 1] == '\n')
		len--;
	text[len] = '\0';
	if (memchr(text, '\n', len) == NULL) {
		ui_input_feed(text, len);	/* one line: insert it */
		free(text);
		return;
	}
	/* A multi-line paste runs as one block, as in CPython 3.13. */
	{
		struct pane_info pi;
		int point;
		const char *cur = input_buffer(&point);
		char *all, *rest;
		xasprintf(&all, "%s%s", cur, text);
		input_set_text("");
		ui_ahead_resolve(up);
		pane_info(up->p, &pi);
		rest = all;
		if (pi.secret) {
			/* The first line answers getpass(), as from a
			 * terminal (see ui_accept); the rest is typed
			 * ahead of the code that called it. */
			rest = strchr(all, '\n');
			*rest++ = '\0';
			record_secret(pane_name(up->p));
			pane_send(up->p, all);
			explicit_bzero(all, strlen(all));
			pi.sent++;
		}
		if (pi.secret || pi.state == PANE_RUNNING ||
		    pi.state == PANE_STARTING)
			ui_ahead_add(up, rest, pi.sent + 1, 1);
		else {
			record_send(pane_name(up->p), rest, 0);
			input_add_history(up->line, rest);
		}
		pane_send_block(up->p, rest);
		pane_info_free(&pi);
		free(all);
	}
	free(text);
}

/* A key in a mode other than normal; 1 when the mode took it. */
static int
ui_key_mode(struct key_event *ev)
{
	char	*c;

	switch (ui.mode) {
	case UI_VIEW:
		ui_key_view(ev);
		return (1);
	case UI_CONFIRM:
		ui.mode = UI_NORMAL;
		if (ev->key == 'y' || ev->key == 'Y') {
			c = ui.confirm_cmd;
			ui.confirm_cmd = NULL;
			ui_run(c);
			free(c);
		}
		ui.dirty = 1;
		return (1);
	case UI_DISPLAY_PANES:
		ui.dirty = 1;
		if (ev->key >= '0' && ev->key <= '9') {
			if (!ui_display_digit((int)(ev->key - '0')))
				ui.mode = UI_NORMAL;
			return (1);
		}
		ui.mode = UI_NORMAL;
		if (ui.display_num >= 0) {	/* the one digit typed */
			ui_display_digit(-1);
		}
		return (0);
	case UI_PROMPT:
		if (ev->key == 0x1b || ev->key == 0x03 || ev->key == 0x07)
			ui_prompt_end();
		else if (ev->key == KEYC_PASTE)
			ui_key_paste_prompt(ev);
		else
			ui_input_feed(ev->bytes, ev->len);
		return (1);
	case UI_NORMAL:
		break;
	}
	return (0);
}

/* The prefix key, and keys bound in the prefix and root tables. */
static int
ui_key_bound(struct key_event *ev)
{
	key_code	 prefix = (key_code)options_get("prefix");
	struct key_table *pt = key_table_get("prefix", 1);
	double		 now = mono_now();
	const char	*cmd;
	char		 name[64], pname[64];

	if (ui.repeat_until > 0) {
		/* A key bound with -r, again within repeat-time of the last:
		 * no prefix needed, as tmux's; any other key ends it. */
		if (now < ui.repeat_until && !ui.prefix &&
		    key_repeats(pt, ev->key) &&
		    (cmd = key_lookup(pt, ev->key)) != NULL) {
			ui.repeat_until = now +
			    (double)options_get("repeat-time") / 1000.0;
			ui_run(cmd);
			return (1);
		}
		ui.repeat_until = 0;
	}
	if (ui.prefix) {
		ui.prefix = 0;
		ui.dirty = 1;
		if ((cmd = key_lookup(pt, ev->key)) != NULL) {
			if (key_repeats(pt, ev->key) &&
			    options_get("repeat-time") > 0)
				ui.repeat_until = now +
				    (double)options_get("repeat-time") / 1000.0;
			ui_run(cmd);
		} else
			ui_message(1, "%s %s is not bound (%s ? lists the "
			    "keys)", keyc_name(prefix, pname, sizeof pname),
			    keyc_name(ev->key, name, sizeof name), pname);
		return (1);
	}
	if (ev->key == prefix) {
		ui.prefix = 1;
		ui.dirty = 1;
		return (1);
	}
	if ((cmd = key_lookup(key_table_get("root", 1), ev->key)) != NULL) {
		ui_run(cmd);
		return (1);
	}
	return (0);
}

/*
 * A key for the focused pane: the program that holds its terminal,
 * scrolling, C-c, or its line.  With a program in the foreground (vi,
 * less, a child's input()), every key goes to it, as in a tmux pane; C-c
 * there is its interrupt character, and when the terminal makes that
 * SIGINT for the child, the pane's code gets KeyboardInterrupt too, as
 * python3 does in the same foreground process group.
 */
static void
ui_key_pane(struct ui_pane *up, struct key_event *ev)
{
	if (pane_foreground(up->p) && !up->scrolled) {
		if (ev->key < 0x80 && pane_tty_interrupts(up->p,
		    (int)ev->key)) {
			record_interrupt(pane_name(up->p));
			pane_interrupt_tty(up->p, (int)ev->key);
		} else
			pane_key(up->p, ev->key, ev->bytes, ev->len);
		return;
	}
	if (up->scrolled) {
		ui_key_copy(up, ev);
		return;
	}
	if (ev->key == KEYC_PPAGE) {
		ui_copy_mode_pane(up, 1);
		return;
	}
	if (up->nmatches > 0)
		ui_clear_matches(up);
	if (ev->key == 0x0c) {
		/* C-l: the pane's screen cleared (its lines go to the
		 * scrollback), the line being typed kept, as readline's
		 * clear-screen does in python3. */
		pane_clear_screen(up->p);
		ui.dirty = 1;
		return;
	}
	if (ev->key == 0x03) {
		/* C-c: interrupt; at a prompt or getpass(), also drop the
		 * line. */
		if (!pane_busy(up->p) || ui_pane_secret(up->p))
			input_set_text("");
		record_interrupt(pane_name(up->p));
		pane_interrupt(up->p);
		return;
	}
	ui_input_feed(ev->bytes, ev->len);
}

/*
 * Keys at pane up as if typed there: its line is readline's meanwhile
 * (and the line edited before is again after: a half-typed key sequence
 * of that line is dropped, input_activate).
 */
static void
ui_keys_to(struct ui_pane *up, struct key_event *ev, size_t n)
{
	struct input_line	*was = input_active();
	struct ui_pane		*fed = ui_fed;
	unsigned int		 h = up->handle;
	size_t			 i;

	if (was != up->line)
		input_activate(up->line);
	ui_fed = up;
	for (i = 0; i < n && ui_pane_of(pane_get(h)) == up; i++) {
		if (ev[i].key == KEYC_PASTE)
			ui_key_paste_pane(up, &ev[i]);
		else
			ui_key_pane(up, &ev[i]);
	}
	ui_fed = fed;
	if (input_active() != was)
		input_activate(was);
	ui.dirty = 1;
}

/* paste-buffer, from the UI: pane p's, as the terminal pastes there. */
static void
ui_cmd_paste(struct cmd_client *c, struct pane *p, const char *text,
    size_t len)
{
	struct ui_pane		*up = ui_pane_of(p);
	struct key_event	 ev;

	(void)c;
	if (up == NULL)
		return;
	memset(&ev, 0, sizeof ev);
	ev.key = KEYC_PASTE;
	ev.paste = xstrndup(text, len);
	ev.pastelen = len;
	ui_keys_to(up, &ev, 1);
	free(ev.paste);
}

/*
 * Keys for pane up, or with all (synchronize-panes) for every live pane
 * at once, each to its own line editor or child.  Panes that have exited,
 * are closing or wait in getpass() are left out: a secret is never typed
 * twice.  When up itself waits in getpass(), or scrolls, or the key
 * scrolls (PPage), the keys are up's alone.
 */
static void
ui_keys_panes(struct ui_pane *up, struct key_event *ev, size_t n, int all)
{
	struct pane_info	 pi;
	struct ui_pane		*other;
	unsigned int		*h;
	size_t			 i, nh = 0;
	int			 live;

	if (all && (up->scrolled || ui_pane_secret(up->p) ||
	    (n == 1 && ev[0].key == KEYC_PPAGE)))
		all = 0;
	if (!all) {
		ui_keys_to(up, ev, n);
		return;
	}
	/* By handle: a pane may go while another takes the keys. */
	h = xcalloc(pane_count() + 1, sizeof *h);
	for (i = 0; i < pane_count(); i++)
		h[nh++] = pane_handle(pane_at(i));
	for (i = 0; i < nh; i++) {
		if ((other = ui_pane_of(pane_get(h[i]))) == NULL ||
		    other->closing)
			continue;
		pane_info(other->p, &pi);
		live = pi.state != PANE_DEAD && !pi.secret;
		pane_info_free(&pi);
		if (live || other == up)
			ui_keys_to(other, ev, n);
	}
	free(h);
}

/* A copy of n key events (their pastes too). */
static struct key_event *
ui_keys_copy(const struct key_event *ev, size_t n)
{
	struct key_event	*c;
	size_t			 i;

	c = xcalloc(n > 0 ? n : 1, sizeof *c);
	for (i = 0; i < n; i++) {
		c[i] = ev[i];
		if (ev[i].paste != NULL) {
			c[i].paste = xmalloc(ev[i].pastelen + 1);
			memcpy(c[i].paste, ev[i].paste, ev[i].pastelen);
			c[i].paste[ev[i].pastelen] = '\0';
		}
	}
	return (c);
}

static void
ui_keys_free(struct key_event *ev, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(ev[i].paste);
	free(ev);
}

/* send-keys (cmd-input.c), from any client: typed at pane h's line. */
static int
ui_send_keys_to(unsigned int h, int all, struct key_event *ev, size_t n,
    char **cause)
{
	struct ui_pane		*up = ui_pane_of(pane_get(h));
	struct ui_deferred	*d;

	if (up == NULL) {
		xasprintf(cause, "the pane has gone");
		return (-1);
	}
	if (ui_feeding > 0) {
		ui_deferred = xreallocarray(ui_deferred, ui_ndeferred + 1,
		    sizeof *ui_deferred);
		d = &ui_deferred[ui_ndeferred++];
		d->pane = h;
		d->all = all;
		d->ev = ui_keys_copy(ev, n);
		d->n = n;
		return (0);
	}
	ui_keys_panes(up, ev, n, all);
	return (0);
}

static int
ui_send_keys(struct cmd_client *c, unsigned int h, int all,
    struct key_event *ev, size_t n, char **cause)
{
	(void)c;
	return (ui_send_keys_to(h, all, ev, n, cause));
}

/* send-keys run while readline was busy, in order, now it is not. */
static void
ui_deferred_run(void)
{
	struct ui_deferred	 d;
	struct ui_pane		*up;

	while (ui_ndeferred > 0) {
		d = ui_deferred[0];
		memmove(ui_deferred, ui_deferred + 1, --ui_ndeferred *
		    sizeof *ui_deferred);
		if ((up = ui_pane_of(pane_get(d.pane))) != NULL)
			ui_keys_panes(up, d.ev, d.n, d.all);
		ui_keys_free(d.ev, d.n);
	}
	free(ui_deferred);
	ui_deferred = NULL;
}

/* A key: the mouse, the mode in force, bindings, then the pane. */
static void
ui_key(struct key_event *ev)
{
	struct ui_pane	*up;

	if (ev->key == KEYC_MOUSE) {
		ui_key_mouse(ev);
		return;
	}
	if (ev->key == KEYC_FOCUS_IN || ev->key == KEYC_FOCUS_OUT ||
	    ev->key == KEYC_UNKNOWN)
		return;
	if (ui.message != NULL && !ui.message_error) {
		free(ui.message);
		ui.message = NULL;
	}
	if (ui_key_mode(ev))
		return;
	if (ev->key != KEYC_PASTE && ui_key_bound(ev))
		return;
	if ((up = ui_pane_of(cmd_current(&ui.client))) == NULL)
		return;
	if (ev->key == KEYC_PASTE || ui.sync)
		ui_keys_panes(up, ev, 1, ui.sync);
	else
		ui_key_pane(up, ev);	/* its line is readline's */
}

/*
 * Is the buffer a bracketed paste whose end has not arrived?  Only the
 * bytes read since the last look are searched, so a long paste arriving
 * in many reads costs linear time.
 */
static int
ui_paste_pending(struct ui_term *t)
{
	static const char	 start[] = "\033[200~", end[] = "\033[201~";
	size_t			 from;

	if (t->ilen < sizeof start - 1 ||
	    memcmp(t->ibuf, start, sizeof start - 1) != 0) {
		t->paste_scan = 0;
		return (0);
	}
	from = t->paste_scan > sizeof end ? t->paste_scan - sizeof end :
	    sizeof start - 1;
	if (memmem(t->ibuf + from, t->ilen - from, end, sizeof end - 1) !=
	    NULL) {
		t->paste_scan = 0;
		return (0);
	}
	t->paste_scan = t->ilen;
	return (1);
}

/*
 * Decode what t has read; final after the escape wait expired.  The
 * terminal that types gives the session its size (ui_term_activate) and
 * is the one a detach or suspend bound to a key acts on.
 */
static void
ui_keys(struct ui_term *t, int final)
{
	struct key_event	 ev;
	size_t			 off = 0, n;

	t->stalled = 0;
	if (ui_paste_pending(t)) {
		t->stalled = 1;		/* wait for the rest, however long */
		return;
	}
	if (t->ilen > 0 && ui.latest != t) {
		ui_term_activate(t);
		ui_arrange();		/* mouse positions are its own */
	} else
		t->active = mono_now();
	ui.keys_from = t;
	while (off < t->ilen) {
		memset(&ev, 0, sizeof ev);
		n = keys_decode(t->ibuf + off, t->ilen - off, final, &ev);
		if (n == 0) {
			t->stalled = final;
			break;
		}
		off += n;
		ui_key(&ev);
		free(ev.paste);
		if (ui.quit || t->gone)
			break;
	}
	ui.keys_from = NULL;
	if (t->gone)
		return;		/* detached: the rest was its own */
	memmove(t->ibuf, t->ibuf + off, t->ilen - off);
	t->ilen -= off;
}

/*
 * When the escape wait (the escape-time option, as tmux's) of t ends: its
 * bytes that may begin a sequence are then keys as they are (a lone ESC
 * is Escape; ESC x typed slower than that is Escape then x, not M-x).
 */
static double
ui_keys_final_at(struct ui_term *t)
{
	return (t->read_at + ui.escape_time / 1000.0);
}

/* The first end of an escape wait, or -1 if no bytes wait for one. */
static double
ui_keys_deadline(void)
{
	struct ui_term	*t;
	size_t		 i;
	double		 d = -1;

	for (i = 0; i < ui.nterms; i++) {
		t = ui.terms[i];
		if (t->ilen > 0 && !t->stalled && !t->suspended &&
		    (d < 0 || ui_keys_final_at(t) < d))
			d = ui_keys_final_at(t);
	}
	return (d);
}

/* Signals to this process (a client passes on its own: ui_server_signal). */
static void
ui_signals_read(void)
{
	unsigned char	 sigs[32];
	ssize_t		 k, i;
	size_t		 j;

	k = read(ui_sigpipe[0], sigs, sizeof sigs);
	for (i = 0; i < k; i++) {
		switch (sigs[i]) {
		case SIGWINCH:
			for (j = 0; j < ui.nterms; j++)
				ui_term_resize(ui.terms[j]);
			break;
		case SIGTERM:
		case SIGHUP:
			ui.quit = 1;
			ui_quit_signal = sigs[i];
			break;
		}
	}
}

static void
ui_loop(void)
{
	struct pollfd	 pfd[2 + UI_TERMS + 64];	/* + the server's */
	struct ui_term	*polled[UI_TERMS];
	double		 now, last_draw = 0, deadline, sd, d;
	int		 timeout, n, r, ms, ns, nt, typed, i;

	pfd[0].fd = notify_fd();
	pfd[1].fd = ui_sigpipe[0];
	pfd[0].events = pfd[1].events = POLLIN;
	while (!ui.quit) {
		ui_term_reap();
		now = mono_now();
		if (ui.message != NULL && now >= ui.message_until) {
			free(ui.message);
			ui.message = NULL;
			ui.dirty = 1;
		}
		if (ui.mode == UI_DISPLAY_PANES && now >= ui.display_until) {
			ui.mode = UI_NORMAL;
			ui.dirty = 1;
			if (ui.display_num >= 0)	/* no second digit came */
				ui_display_digit(-1);
		}
		if (ui.nterms == 0)
			ui.dirty = 0;	/* no screen to draw on */
		if (ui.dirty && now - last_draw >= UI_FRAME) {
			ui_redraw();
			last_draw = now;
		}
		timeout = -1;
		if (ui.dirty)
			timeout = (int)((UI_FRAME - (now - last_draw)) * 1000) + 1;
		if ((d = ui_keys_deadline()) >= 0) {
			ms = d <= now ? 0 : (int)((d - now) * 1000) + 1;
			if (timeout < 0 || ms < timeout)
				timeout = ms;
		}
		if (ui.message != NULL && timeout < 0)
			timeout = (int)((ui.message_until - now) * 1000) + 1;
		if (ui.mode == UI_DISPLAY_PANES) {
			/* The pane numbers go (and a lone digit selects) on
			 * time, keys or not. */
			ms = (int)((ui.display_until - now) * 1000) + 1;
			if (timeout < 0 || ms < timeout)
				timeout = ms;
		}
		/* A waiting command's deadline, the UI's or a client's. */
		deadline = cmd_deadline(&ui.client);
		if ((sd = server_deadline()) >= 0 && (deadline < 0 ||
		    sd < deadline))
			deadline = sd;
		if (deadline >= 0) {
			if (deadline <= now) {
				(void)cmd_continue(&ui.client);
				server_continue();
				ui.dirty = 1;
				continue;
			}
			ms = (int)((deadline - now) * 1000) + 1;
			if (timeout < 0 || ms < timeout)
				timeout = ms;
		}
		nt = 0;
		for (size_t j = 0; j < ui.nterms && nt < UI_TERMS; j++) {
			if (ui.terms[j]->suspended)
				continue;
			polled[nt] = ui.terms[j];
			pfd[2 + nt].fd = ui.terms[j]->in;
			pfd[2 + nt].events = POLLIN;
			nt++;
		}
		ns = server_pollfds(pfd + 2 + nt, (int)(sizeof pfd /
		    sizeof pfd[0]) - 2 - nt);
		n = poll(pfd, 2 + (nfds_t)nt + (nfds_t)ns, timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll");
		}
		if (pfd[1].revents & POLLIN)
			ui_signals_read();
		if (ns > 0)
			server_dispatch(pfd + 2 + nt, ns);
		if (pfd[0].revents & POLLIN) {
			notify_clear();
			ui_engine_changed();
			server_continue();
		}
		typed = 0;
		for (i = 0; i < nt; i++) {
			struct ui_term *t = polled[i];
			if (t->gone || t->suspended || ui.quit)
				continue;
			if (pfd[2 + i].revents & (POLLIN | POLLHUP | POLLERR)) {
				if ((r = ui_term_read(t)) < 0)
					ui_term_close(t, "", 1);  /* it went */
				else {
					t->read_at = mono_now();
					ui_keys(t, 0);
				}
				typed = 1;
			} else if (t->ilen > 0 && !t->stalled &&
			    mono_now() >= ui_keys_final_at(t))
				ui_keys(t, 1);	/* a lone ESC, or a cut one */
		}
		/* Echo typing at once: only output waits for a frame. */
		if (typed && ui.dirty && !ui.quit && ui.nterms > 0) {
			ui_redraw();
			last_draw = mono_now();
		}
	}
}

/* Signals become bytes on the self-pipe the loop polls. */
static void
ui_signals(void)
{
	struct sigaction	 sa;

	if (pipe2(ui_sigpipe, O_CLOEXEC | O_NONBLOCK) == -1)
		fatal("pipe2");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGTSTP, SIG_IGN);	/* a client stops, never the server */
	signal(SIGINT, SIG_IGN);	/* raw mode: C-c is a key */
	signal(SIGQUIT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * The panes the UI starts with: -n of them (two when not given, none if
 * the config or -f makes some).  The first runs in the main interpreter,
 * where every extension module loads as in python3 (README: "The main
 * pane"), unless --no-main.
 */
static void
ui_first_panes(const struct ui_opts *opts)
{
	struct pane_opts	 po;
	struct pane		*p;
	char			*cause;
	int			 i, npanes = opts->npanes;

	memset(&po, 0, sizeof po);
	if (npanes < 0)
		npanes = pane_count() > 0 || opts->file != NULL ? 0 : 2;
	for (i = 0; i < npanes; i++) {
		po.gil = i == 0 && !opts->no_main && pane_main() == NULL ?
		    GIL_MAIN : GIL_DEFAULT;
		if ((p = pane_new(&po, &cause)) == NULL) {
			ui_message(1, "%s", cause);
			free(cause);
			break;
		}
		ui_pane_added(p);
		record_new_pane(pane_name(p), po.gil == GIL_MAIN);
		if (i == 0)
			ui_select_pane(p);
	}
}

/*
 * Save every history (input_line_free writes it) and free each pane's UI
 * side, then give the terminal back; main.c ends the panes.
 */
static void
ui_end(void)
{
	struct ui_pane	*up;
	size_t		 i;

	cmd_cancel(&ui.client);
	for (i = 0; i < pane_count(); i++) {
		if ((up = ui_pane_of(pane_at(i))) != NULL) {
			ui_ahead_resolve(up);
			pane_set_ui(pane_at(i), NULL);
			ui_pane_forget(up);
		}
	}
	free(ui.panes);
	layout_free(ui.tree);
	ui.tree = NULL;
	if (ui.prompt_line != NULL)
		input_line_save(ui.prompt_line);
	input_shutdown();
	/* Each terminal back as it was, then its client may go (the one that
	 * started this process waits for it to end, for its status). */
	while (ui.nterms > 0) {
		unsigned int id = ui.terms[0]->id;
		ui_term_close(ui.terms[0], "", 0);
		server_tell(id, PROTO_EXIT, "0");
	}
	ui_term_reap();
	free(ui.terms);
	server_stop();
	ui_running = 0;
	record_close();
}

/*
 * The terminal UI, run on the main thread with the engine started: the
 * terminal, the client's options and key tables, the config, the first
 * panes and -f, then the loop until quit.  *quit_signal: the signal that
 * asked to quit, if one did.
 */
int
ui_main(const struct ui_opts *opts, int *quit_signal)
{
	char		*cause = NULL;
	unsigned int	 id = 0;

	setlocale(LC_ALL, "");
	memset(&ui, 0, sizeof ui);
	ui.layout = LAYOUT_EVEN_HORIZONTAL;
	ui.mouse = (int)options_get("mouse");
	ui.status = (int)options_get("status");
	ui.escape_time = (int)options_get("escape-time");
	ui.sync = (int)options_get("synchronize-panes");
	ui.client.ops = &ui_ops;
	ui.client.interactive = 1;
	/* The terminal this process was started on: the first client's. */
	if (opts->client_fd >= 0)
		id = server_adopt(opts->client_fd, &ui_server_hooks);
	if (ui_term_open(id, tty_in_fd, tty_out_fd, getenv("TERM"),
	    &cause) == NULL) {
		log_msg("%s", cause);
		free(cause);
		return (1);
	}
	ui_signals();
	ui_running = 1;
	if (opts->socket == NULL ||
	    server_start(opts->socket, &ui_server_hooks, &cause) != 0) {
		ui_message(1, "no socket for subplex COMMAND or attach: %s",
		    opts->socket == NULL ? opts->socket_error : cause);
		free(cause);
		cause = NULL;
	}
	options_watch("mouse", ui_opt_mouse, NULL);
	options_watch("status", ui_opt_status, NULL);
	options_watch("history-size", ui_opt_history_size, NULL);
	options_watch("escape-time", ui_opt_escape_time, NULL);
	options_watch("synchronize-panes", ui_opt_sync, NULL);
	if (opts->record != NULL && record_open(opts->record, &cause) != 0) {
		ui_message(1, "%s", cause);
		free(cause);
	}
	key_bind_defaults();
	input_init(ui_accept, ui_complete, ui_request_redraw, NULL);
	if (opts->config != NULL)
		(void)cmd_run_config(&ui.client, opts->config);
	ui_first_panes(opts);
	if (opts->file != NULL)
		(void)cmd_run_file(&ui.client, opts->file);
	if (cmd_current(&ui.client) == NULL && pane_count() > 0)
		ui_select_pane(pane_at(0));
	ui_loop();
	ui_end();
	*quit_signal = ui_quit_signal;
	return (0);
}
