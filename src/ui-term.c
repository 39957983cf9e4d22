/*
 * ui-term.c: the terminals attached to the session, each one a screen.
 *
 * A terminal comes with a client (server.c hands over its two fds, its
 * TERM and the client's id; the first is the terminal subplex was started
 * on).  Each has its own curses SCREEN on its fds, its own size, its own
 * unread input bytes (ui.c decodes them into keys) and may be suspended
 * (its client stopped as a job) while the others go on.  The session has
 * one size, the most recently active terminal's (the last to type, attach
 * or resize: tmux's window-size latest); the frame is drawn (ui-draw.c)
 * once per terminal into a canvas of the session's size (a curses pad),
 * which a terminal of that size shows whole, a smaller one in part (the
 * part around the cursor, and the status line at its own bottom), a larger
 * one padded with dots.  Closing puts the terminal back as it was and,
 * asked to, tells its client (server_tell); crash.c keeps what puts each
 * terminal back should the process die.  UI thread only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ui-int.h"


static struct ui_term	*ui_gone;	/* closed, freed by ui_term_reap */

/*
 * Screens of terminals gone, kept for the next terminal of the same TERM:
 * ncurses 6.4's delscreen frees the windows of every screen, not only its
 * own (the others then crash), so a SCREEN is never deleted.  A spare's
 * FILEs point at /dev/null until its next terminal's fds are put in their
 * place (dup3), so it holds no terminal open.
 */
struct ui_spare {
	SCREEN			*screen;
	FILE			*fin, *fout;
	WINDOW			*canvas;
	char			*term;
	int			 color;
	struct ui_spare		*next;
};
static struct ui_spare	*ui_spares;

/* What ends our modes: SGR mouse with drag, bracketed paste. */
static const char ui_term_modes_off[] = "\033[?1006l\033[?1002l"
    "\033[?1000l\033[?2004l";

/* Bracketed paste, and SGR mouse with drag when the mouse option is on. */
static void
ui_term_modes(struct ui_term *t, int on)
{
	static const char enable[] = "\033[?2004h\033[?1000h\033[?1002h"
	    "\033[?1006h";

	if (on && !ui.mouse)
		(void)write_all(t->out, "\033[?2004h", 8);
	else if (on)
		(void)write_all(t->out, enable, sizeof enable - 1);
	else
		(void)write_all(t->out, ui_term_modes_off,
		    sizeof ui_term_modes_off - 1);
}

/* The mouse option changed: every screen's modes again. */
void
ui_term_mouse(int was)
{
	size_t	 i;

	for (i = 0; i < ui.nterms; i++) {
		if (ui.terms[i]->suspended)
			continue;
		if (was && !ui.mouse)
			ui_term_modes(ui.terms[i], 0);
		ui_term_modes(ui.terms[i], 1);
	}
}

/*
 * Hand crash.c what puts this terminal back if subplex dies of a signal:
 * the termios from before curses, and the sequences that end our modes,
 * leave the alternate screen and show the cursor (terminfo's rmcup,
 * cnorm and sgr0, looked up now, in its screen: a signal handler cannot).
 */
static void
ui_term_crash(struct ui_term *t, const struct termios *tios)
{
	static const char	*caps[] = { "sgr0", "cnorm", "rmcup" };
	char			 buf[256];
	size_t			 len = sizeof ui_term_modes_off - 1, i, n;
	char			*cap;

	memcpy(buf, ui_term_modes_off, len);
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		cap = tigetstr(caps[i]);
		if (cap == NULL || cap == (char *)-1)
			continue;
		if ((n = strlen(cap)) < sizeof buf - len - 2) {
			memcpy(buf + len, cap, n);
			len += n;
		}
	}
	memcpy(buf + len, "\r\n", 2);
	t->crash_slot = crash_terminal(t->out, tios, buf, len + 2);
}

/* The session's size: the most recently active terminal's. */
static void
ui_term_session_size(void)
{
	if (ui.latest == NULL)
		return;
	ui.sx = ui.latest->sx;
	ui.sy = ui.latest->sy;
	ui.dirty = 1;
}

/* The terminal's size again (attached, resized, continued). */
void
ui_term_resize(struct ui_term *t)
{
	struct winsize	 ws;

	if (t->suspended)
		return;
	if (ioctl(t->out, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0) {
		t->sx = ws.ws_col;
		t->sy = ws.ws_row;
	} else {
		t->sx = 80;
		t->sy = 24;
	}
	set_term(t->screen);
	resize_term(t->sy, t->sx);
	clearok(curscr, TRUE);		/* repaint all: nothing stale left */
	if (t == ui.latest)
		ui_term_session_size();
	ui.dirty = 1;
}

/* t typed (or attached): the session takes its size. */
void
ui_term_activate(struct ui_term *t)
{
	t->active = mono_now();
	if (ui.latest == t)
		return;
	ui.latest = t;
	ui_term_session_size();
}

struct ui_term *
ui_term_find(unsigned int id)
{
	size_t	 i;

	for (i = 0; i < ui.nterms; i++)
		if (ui.terms[i]->id == id)
			return (ui.terms[i]);
	return (NULL);
}

/* The curses modes subplex runs a screen in. */
static void
ui_term_curses_modes(void)
{
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, FALSE);		/* keys.c decodes the sequences */
	nodelay(stdscr, TRUE);
}

/* A spare screen of that TERM, now on t's fds; 0: none to take. */
static int
ui_term_reuse(struct ui_term *t, const char *term)
{
	struct ui_spare	**spp, *sp;

	for (spp = &ui_spares; (sp = *spp) != NULL; spp = &sp->next)
		if (strcmp(sp->term, term) == 0)
			break;
	if (sp == NULL)
		return (0);
	*spp = sp->next;
	if (dup3(t->in, fileno(sp->fin), O_CLOEXEC) == -1 ||
	    dup3(t->out, fileno(sp->fout), O_CLOEXEC) == -1)
		fatal("dup3");
	t->screen = sp->screen;
	t->fin = sp->fin;
	t->fout = sp->fout;
	t->canvas = sp->canvas;
	t->color = sp->color;
	free(sp->term);
	free(sp);
	/* This terminal's modes are what endwin puts back; the screen's
	 * own (raw, and no NL to CR-NL mapping on output, which curses set
	 * up in newterm and moves the cursor by) go on as they were. */
	set_term(t->screen);
	def_shell_mode();
	reset_prog_mode();
	return (1);
}

/* A screen on a terminal that has none yet. */
static int
ui_term_new(struct ui_term *t, const char *term, char **cause)
{
	int	 fi, fo;

	if ((fi = fcntl(t->in, F_DUPFD_CLOEXEC, 3)) == -1 ||
	    (fo = fcntl(t->out, F_DUPFD_CLOEXEC, 3)) == -1 ||
	    (t->fin = fdopen(fi, "r")) == NULL ||
	    (t->fout = fdopen(fo, "w")) == NULL)
		fatal("fdopen");
	if ((t->screen = newterm(term, t->fout, t->fin)) == NULL) {
		xasprintf(cause, "unknown terminal type '%s' (try "
		    "TERM=xterm-256color)", term);
		fclose(t->fin);
		fclose(t->fout);
		return (-1);
	}
	set_term(t->screen);
	ui_term_curses_modes();
	t->color = getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0';
	if (t->color && has_colors()) {
		start_color();
		use_default_colors();
	} else
		t->color = 0;
	ui.color = t->color;
	ui_draw_init();
	return (0);
}

/* fd points at /dev/null from now on: a terminal it held is let go. */
static void
ui_term_release(int fd)
{
	int	 null;

	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1 ||
	    dup3(null, fd, O_CLOEXEC) == -1)
		fatal("/dev/null");
	close(null);
}

/* A screen let go: kept for the next terminal of its TERM (ui_spare). */
static void
ui_term_spare(struct ui_term *t, const char *term)
{
	struct ui_spare	*sp;

	ui_term_release(fileno(t->fin));
	ui_term_release(fileno(t->fout));
	sp = xcalloc(1, sizeof *sp);
	sp->screen = t->screen;
	sp->fin = t->fin;
	sp->fout = t->fout;
	sp->canvas = t->canvas;
	sp->color = t->color;
	sp->term = xstrdup(term);
	sp->next = ui_spares;
	ui_spares = sp;
	t->screen = NULL;
	t->canvas = NULL;
}

/*
 * A terminal (in, out: its fds, owned from now on if this succeeds; term:
 * its TERM) becomes a screen of the session, and the most recent one.
 */
struct ui_term *
ui_term_open(unsigned int id, int in, int out, const char *term,
    char **cause)
{
	struct ui_term	*t;
	struct termios	 tios;
	int		 have_tios;

	if (ui.nterms == UI_TERMS) {
		xasprintf(cause, "%d terminals are attached already (detach "
		    "one first)", UI_TERMS);
		return (NULL);
	}
	if (!isatty(in) || !isatty(out)) {
		xasprintf(cause, "standard input and output must be a "
		    "terminal (to run a session without one, use --batch "
		    "FILE)");
		return (NULL);
	}
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		xasprintf(cause, "TERM is %s: subplex needs a terminal that "
		    "can move the cursor (try TERM=xterm-256color)",
		    term == NULL || *term == '\0' ? "not set" : "dumb");
		return (NULL);
	}
	t = xcalloc(1, sizeof *t);
	t->id = id;
	t->in = in;
	t->out = out;
	t->term = xstrdup(term);
	have_tios = tcgetattr(in, &tios) == 0;
	if (!ui_term_reuse(t, term) && ui_term_new(t, term, cause) != 0) {
		free(t->term);
		free(t);
		return (NULL);
	}
	ui_term_crash(t, have_tios ? &tios : NULL);
	ui_term_modes(t, 1);
	ui.terms = xreallocarray(ui.terms, ui.nterms + 1, sizeof *ui.terms);
	ui.terms[ui.nterms++] = t;
	ui_term_resize(t);
	ui_term_activate(t);
	return (t);
}

/*
 * The terminal is put back as it was and its fds closed; tell: its client
 * is told it was detached (reason: why, or ""), else it is gone already.
 * Freed later (ui_term_reap): a key of this very terminal may be running.
 */
void
ui_term_close(struct ui_term *t, const char *reason, int tell)
{
	size_t	 i;

	if (t->gone)
		return;
	set_term(t->screen);
	if (!t->suspended) {		/* else done when it was put away */
		ui_term_modes(t, 0);
		endwin();
	}
	ui_term_spare(t, t->term);
	crash_terminal_done(t->crash_slot);
	if (t->in == tty_in_fd)
		tty_in_fd = -1;
	if (t->out == tty_out_fd) {
		/* The terminal subplex started on, detached while the session
		 * goes on: its standard error, where messages went, is let go
		 * too.  At the end it stays, for the last words (main.c). */
		tty_out_fd = -1;
		if (!ui.quit)
			ui_term_release(log_fd);
	}
	close(t->in);
	if (t->out != t->in)
		close(t->out);
	t->gone = 1;
	for (i = 0; i < ui.nterms; i++) {
		if (ui.terms[i] == t) {
			memmove(ui.terms + i, ui.terms + i + 1,
			    (ui.nterms - i - 1) * sizeof *ui.terms);
			ui.nterms--;
			break;
		}
	}
	t->next_gone = ui_gone;
	ui_gone = t;
	if (ui.keys_from == t)
		ui.keys_from = NULL;
	if (ui.latest == t) {
		ui.latest = NULL;
		for (i = 0; i < ui.nterms; i++)
			if (ui.latest == NULL ||
			    ui.terms[i]->active > ui.latest->active)
				ui.latest = ui.terms[i];
		ui_term_session_size();
	}
	if (tell)
		server_tell(t->id, PROTO_DETACHED, reason);
	ui.dirty = 1;
}

void
ui_term_reap(void)
{
	struct ui_term	*t;

	while ((t = ui_gone) != NULL) {
		ui_gone = t->next_gone;
		free(t->term);
		free(t->ibuf);
		free(t);
	}
}

/* suspend-client (C-b C-z): its client stops as a job; fg redraws. */
void
ui_term_suspend(struct ui_term *t)
{
	if (t->suspended)
		return;
	set_term(t->screen);
	ui_term_modes(t, 0);
	endwin();
	t->suspended = 1;
	server_tell(t->id, PROTO_SUSPEND, "");
}

/* Its client was continued (fg): the screen again, drawn whole. */
void
ui_term_resume(struct ui_term *t)
{
	if (!t->suspended)
		return;
	t->suspended = 0;
	set_term(t->screen);
	reset_prog_mode();
	ui_term_modes(t, 1);
	ui_term_resize(t);
}

/* The bell, on the terminal that typed (else the most recent). */
void
ui_term_beep(void)
{
	struct ui_term	*t = ui.keys_from != NULL ? ui.keys_from : ui.latest;

	if (t == NULL || t->suspended)
		return;
	set_term(t->screen);
	beep();
}

/*
 * Can t's terminal take a selection (OSC 52)?  Its terminfo says so (Ms,
 * as tmux reads it), or its TERM names a terminal known to: xterm and the
 * terminals that answer to its name, tmux (and screen, tmux's default
 * TERM inside), and the common ones that never set Ms.
 */
static int
ui_term_has_clipboard(struct ui_term *t)
{
	static const char	*known[] = { "xterm", "tmux", "screen",
				    "alacritty", "foot", "kitty", "wezterm",
				    "st-", "contour", "rxvt-unicode" };
	char			*ms;
	size_t			 i;

	set_term(t->screen);
	ms = tigetstr("Ms");
	if (ms != NULL && ms != (char *)-1)
		return (1);
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strncmp(t->term, known[i], strlen(known[i])) == 0)
			return (1);
	return (0);
}

/*
 * A copy to the clipboard of every terminal attached that takes one
 * (set-clipboard, ui-copy.c): OSC 52 with the text in base64.  At most
 * UI_CLIPBOARD_MAX bytes: terminals refuse more (xterm's default is
 * smaller), so a larger copy stays in its paste buffer only.
 */
#define UI_CLIPBOARD_MAX	(1024u * 1024)
void
ui_term_clipboard(const char *text, size_t len)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*u = (const unsigned char *)text;
	char			*out;
	size_t			 i, k = 0, j;
	uint32_t		 v;

	if (len == 0 || len > UI_CLIPBOARD_MAX)
		return;
	out = xmalloc(8 + (len + 2) / 3 * 4 + 2);
	k = (size_t)sprintf(out, "\033]52;c;");
	for (i = 0; i < len; i += 3) {
		v = (uint32_t)u[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)u[i + 1] << 8;
		if (i + 2 < len)
			v |= u[i + 2];
		for (j = 0; j < 4; j++)
			out[k + j] = b64[(v >> (18 - 6 * j)) & 0x3f];
		if (i + 1 >= len)
			out[k + 2] = '=';
		if (i + 2 >= len)
			out[k + 3] = '=';
		k += 4;
	}
	out[k++] = '\a';
	for (i = 0; i < ui.nterms; i++) {
		if (ui.terms[i]->suspended || ui.terms[i]->gone ||
		    !ui_term_has_clipboard(ui.terms[i]))
			continue;
		(void)write_all(ui.terms[i]->out, out, k);
	}
	free(out);
}

/* Bytes typed; 1: some, 0: none now, -1: the terminal went away. */
int
ui_term_read(struct ui_term *t)
{
	ssize_t	 n;

	if (t->icap - t->ilen < 4096) {
		t->icap = t->icap == 0 ? 65536 : t->icap * 2;
		t->ibuf = xrealloc(t->ibuf, t->icap);
	}
	n = read(t->in, t->ibuf + t->ilen, t->icap - t->ilen);
	if (n > 0) {
		t->ilen += (size_t)n;
		return (1);
	}
	if (n == 0 || (errno != EINTR && errno != EAGAIN))
		return (-1);
	return (0);
}

/* Dots where a terminal larger than the session has nothing to show. */
static void
ui_term_pad_dots(struct ui_term *t, int body, int tbody)
{
	int	 x, y;

	werase(stdscr);
	for (y = 0; y < tbody; y++)
		for (x = 0; x < t->sx; x++)
			if (x >= ui.sx || y >= body)
				mvwaddch(stdscr, y, x, '.');
	wnoutrefresh(stdscr);
}

/* The frame, drawn for one terminal and sent (curses sends what changed). */
static void
ui_term_show(struct ui_term *t)
{
	int	 cy = -1, cx = 0, st, body, tbody, vw, vh, ox = 0, oy = 0;
	int	 sox = 0, ty = -1, tx = 0;

	set_term(t->screen);
	if (t->canvas == NULL)
		t->canvas = newpad(ui.sy, ui.sx);
	else if (getmaxy(t->canvas) != ui.sy || getmaxx(t->canvas) != ui.sx)
		wresize(t->canvas, ui.sy, ui.sx);
	if (t->canvas == NULL)
		return;
	leaveok(t->canvas, TRUE);
	ui.win = t->canvas;
	ui.color = t->color;
	ui.pairs = &t->pairs;
	st = ui_draw(&cy, &cx);		/* 1: its last row is the status */
	ui.win = NULL;
	ui.pairs = NULL;

	/* The body (the panes) at the top, the status line at the bottom. */
	body = ui.sy - (st ? 1 : 0);
	tbody = t->sy - (st ? 1 : 0);
	vw = t->sx < ui.sx ? t->sx : ui.sx;
	vh = tbody < body ? tbody : body;
	if (cy >= 0 && cy < body) {
		if (cy >= tbody)
			oy = cy - tbody + 1;
		if (cx >= t->sx)
			ox = cx - t->sx + 1;
		ty = cy - oy;
		tx = cx - ox;
	} else if (cy >= 0) {
		if (cx >= t->sx)
			sox = cx - t->sx + 1;
		ty = t->sy - 1;
		tx = cx - sox;
	}
	if (t->sx > ui.sx || tbody > body)
		ui_term_pad_dots(t, body, tbody);
	if (vh > 0 && vw > 0)
		pnoutrefresh(t->canvas, oy, ox, 0, 0, vh - 1, vw - 1);
	if (st && vw > 0)
		pnoutrefresh(t->canvas, ui.sy - 1, sox, t->sy - 1, 0,
		    t->sy - 1, vw - 1);
	if (ty >= 0) {
		curs_set(1);
		setsyx(ty, tx);
	} else
		curs_set(0);
	doupdate();
}

/* Draw the frame on every terminal that shows one. */
void
ui_term_draw(void)
{
	size_t	 i;

	if (ui.sx < 1 || ui.sy < 1)
		return;
	for (i = 0; i < ui.nterms; i++)
		if (!ui.terms[i]->suspended)
			ui_term_show(ui.terms[i]);
}
