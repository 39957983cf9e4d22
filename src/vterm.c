/*
 * vterm.c: a pane's terminal: what the pane writes, interpreted by
 * libvterm as a terminal would, and the lines that scroll off handed on.
 *
 * outbuf.c owns one per pane and calls it under its lock only (no lock
 * here): vt_write with a write's bytes and the stream they came from,
 * vt_lines for the screen as lines, vt_resize when the pane's size
 * changes.  Bytes are cut into printable runs, single controls and whole
 * escape sequences (an unfinished one waits for the rest of it, in the
 * next write), and each piece is fed to libvterm on its own, so that the
 * rows a printable run went through by wrapping at the right margin are
 * known: they are marked soft, and a logical line is rows joined at soft
 * ends (libvterm 0.1.4, Debian 12's, does not say which rows wrapped).
 * Rows that scroll off the top go, joined so, to the owner's push
 * callback (the scrollback); a clear (CSI 2 J, ESC c) first hands the
 * whole screen on, as tmux's scroll-on-clear does, and tells the owner;
 * CSI 3 J (clear the scrollback) is dropped: clear-history is for that;
 * so are strings (OSC, DCS, APC, PM, SOS: titles and the like) and
 * sequences libvterm 0.1.4 would overrun (over 16 arguments) or loop on
 * for ever (REP before any character).
 * The stream of each cell (stdout, stderr, ...) rides in its font
 * attribute (SGR 10-15), which programs do not use; input echoed and
 * subplex's notes are shown with control characters as ^X, as a tty
 * echoes them.  Cells become text and one attribute word per byte
 * (VT_ATTR_*: stream, 256-colour foreground and background, bold,
 * italic, underline, reverse, strike); 24-bit colours are taken to the
 * nearest of the 256.  vt_strip gives what is written as plain text
 * (escape sequences and other controls than \n, \r, \t and \b dropped),
 * for the transcript, by the same grammar of escape sequences.  What the
 * terminal sends back (answers to queries such as CSI c, and the keys of
 * vt_key, encoded as the program's modes ask) goes to the owner's reply
 * callback; vt_rows gives the screen row by row, for a program that holds
 * the pane's terminal (vi, less).  A BEL carried out (not one ending a
 * string) goes to the owner's bell callback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vterm.h>

#include "subplex.h"

#define VT_PEND_MAX	4096	/* a longer escape sequence is dropped */

enum vt_scan {
	VT_TEXT,		/* not in a sequence */
	VT_ESC,			/* after ESC */
	VT_ESC_INTER,		/* ESC, then intermediates (0x20-0x2f) */
	VT_CSI,			/* ESC [ ... */
	VT_STR,			/* OSC, DCS, APC, PM, SOS: until ST or BEL */
	VT_STR_ESC		/* in a string, after ESC */
};

struct vt {
	VTerm			*vt;
	VTermScreen		*screen;
	VTermState		*state;
	int			 rows, cols;
	uint8_t			*soft;		/* per row: wrapped into the next */
	const struct vt_ops	*ops;
	void			*arg;

	enum vt_scan		 scan;
	char			*pend;		/* the sequence so far */
	size_t			 plen, pcap;
	int			 pdrop;		/* too long: swallowed */

	char			 utail[4];	/* a character cut by a write */
	size_t			 utlen;
	char			*fbuf;		/* a run made valid */
	size_t			 fcap;

	int			 alt;		/* on the alternate screen */
	int			 hidden;	/* the cursor is hidden */
	int			 keep_bg;	/* keep coloured blanks at ends */
	int			 moved;		/* the cursor may be above text */
	int			 printed;	/* a character was (REP has one) */
	int			 region;	/* a scroll region may be set */

	int			 in_run;	/* feeding a printable run */
	int			 run_row;	/* where it started */

	struct vt_held {
		char		*text;
		uint32_t	*attr;
		size_t		 len;
		int		 soft;
	}			*held;		/* rows taken up early */
	size_t			 nheld, heldcap;
	int			 holding;	/* pushes are held, not handed */

	VTermScreenCell		*cells;		/* a row read (vt_row_text) */
	size_t			 ncells;
	char			*line;		/* a row being made text */
	uint32_t		*attr;
	size_t			 len, cap;
};

/* ---- cells to text ---- */

static void
vt_grow(struct vt *v, size_t need)
{
	if (v->len + need <= v->cap)
		return;
	while (v->cap < v->len + need)
		v->cap = v->cap == 0 ? 256 : v->cap * 2;
	v->line = xrealloc(v->line, v->cap);
	v->attr = xreallocarray(v->attr, v->cap, sizeof *v->attr);
}

/* The nearest of xterm's 256 colours to an RGB one. */
static unsigned int
vt_rgb256(unsigned int r, unsigned int g, unsigned int b)
{
	static const unsigned int lv[6] = { 0, 95, 135, 175, 215, 255 };
	unsigned int	 ri, gi, bi, i, grey, gi2, best;
	long		 dc, dg;

#define VT_LEVEL(c) ((c) < 48 ? 0 : (c) < 115 ? 1 : ((c) - 35) / 40)
	ri = VT_LEVEL(r);
	gi = VT_LEVEL(g);
	bi = VT_LEVEL(b);
#undef VT_LEVEL
	dc = ((long)lv[ri] - r) * ((long)lv[ri] - r) + ((long)lv[gi] - g) *
	    ((long)lv[gi] - g) + ((long)lv[bi] - b) * ((long)lv[bi] - b);
	best = 16 + 36 * ri + 6 * gi + bi;
	grey = (r + g + b) / 3;
	gi2 = grey < 8 ? 0 : grey > 238 ? 23 : (grey - 8) / 10;
	i = 8 + 10 * gi2;
	dg = ((long)i - r) * ((long)i - r) + ((long)i - g) * ((long)i - g) +
	    ((long)i - b) * ((long)i - b);
	return (dg < dc ? 232 + gi2 : best);
}

static uint32_t
vt_color(const VTermColor *c, int fg)
{
	if (fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return (0);
	if (VTERM_COLOR_IS_INDEXED(c))
		return (1u + c->indexed.idx);
	return (1u + vt_rgb256(c->rgb.red, c->rgb.green, c->rgb.blue));
}

static uint32_t
vt_cell_attr(const VTermScreenCell *c)
{
	uint32_t	 a;

	a = (uint32_t)(c->attrs.font < 6 ? c->attrs.font : 0);
	a |= vt_color(&c->fg, 1) << VT_ATTR_FG_SHIFT;
	a |= vt_color(&c->bg, 0) << VT_ATTR_BG_SHIFT;
	if (c->attrs.bold)
		a |= VT_ATTR_BOLD;
	if (c->attrs.italic)
		a |= VT_ATTR_ITALIC;
	if (c->attrs.underline)
		a |= VT_ATTR_UNDERLINE;
	if (c->attrs.reverse)
		a |= VT_ATTR_REVERSE;
	if (c->attrs.strike)
		a |= VT_ATTR_STRIKE;
	if (c->attrs.blink)
		a |= VT_ATTR_BLINK;
	return (a);
}

/*
 * Cells to v->line: empty cells inside become spaces, trailing ones go
 * (but those with a colour behind them, with keep_bg: a full-screen
 * program's bar).
 */
static void
vt_cells_text(struct vt *v, const VTermScreenCell *cells, int n)
{
	char		 u[8];
	uint32_t	 a;
	int		 end = n, i, k;
	size_t		 m;

	while (end > 0 && cells[end - 1].chars[0] == 0 && (!v->keep_bg ||
	    (VTERM_COLOR_IS_DEFAULT_BG(&cells[end - 1].bg) &&
	    !cells[end - 1].attrs.reverse)))
		end--;
	for (i = 0; i < end; i++) {
		const VTermScreenCell *c = &cells[i];
		if (c->chars[0] == (uint32_t)-1)
			continue;	/* the right half of a wide one */
		a = vt_cell_attr(c);
		if (c->chars[0] == 0) {
			vt_grow(v, 1);
			v->line[v->len] = ' ';
			v->attr[v->len++] = a;
			continue;
		}
		for (k = 0; k < VTERM_MAX_CHARS_PER_CELL && c->chars[k] != 0;
		    k++) {
			m = utf8_encode(c->chars[k], u);
			vt_grow(v, m);
			memcpy(v->line + v->len, u, m);
			for (size_t j = 0; j < m; j++)
				v->attr[v->len + j] = a;
			v->len += m;
		}
	}
}

/* Row r of the screen, appended to v->line. */
static void
vt_row_text(struct vt *v, int r)
{
	VTermPos	 pos;

	if (v->ncells < (size_t)v->cols) {
		v->ncells = (size_t)v->cols;
		v->cells = xreallocarray(v->cells, v->ncells,
		    sizeof *v->cells);
	}
	pos.row = r;
	for (pos.col = 0; pos.col < v->cols; pos.col++)
		vterm_screen_get_cell(v->screen, pos, &v->cells[pos.col]);
	vt_cells_text(v, v->cells, v->cols);
}

static int
vt_row_empty(struct vt *v, int r)
{
	VTermPos	 pos = { r, 0 };

	return (vterm_screen_is_eol(v->screen, pos));
}

/*
 * Did row r wrap into the next?  (Its last cell is written, too, or the
 * one before it, when a wide character that did not fit in the last went
 * on to the next row.)
 */
static int
vt_row_soft(struct vt *v, int r)
{
	VTermPos	 pos = { r, v->cols - 1 };

	if (r < 0 || r >= v->rows - 1 || !v->soft[r])
		return (0);
	if (!vterm_screen_is_eol(v->screen, pos))
		return (1);
	pos.col = v->cols - 2;
	return (pos.col >= 0 && !vterm_screen_is_eol(v->screen, pos));
}

/* ---- libvterm's callbacks ---- */

static uint32_t vt_pen_attr(struct vt *);
static void vt_put_styled(struct vt *, const char *, const uint32_t *,
    size_t);

/*
 * Rows taken up early.  To make room for the lines that come one at a
 * time, half the screen goes up at once (vt_fast_lines), rather than the
 * screen moving up for each line; the rows that leave are held here, not
 * handed on, and the screen's text sits higher than a terminal's would,
 * with blank rows below the cursor.  As lines fill those rows, the held
 * rows go on to the scrollback, one a line, where a terminal would have
 * scrolled (vt_settle); before anything that would see the difference (a
 * sequence that places the cursor or the text, a read of the screen, a
 * resize), they are written back at the top and the text moves down to
 * where a terminal has it (vt_unhold).  Reads see the held rows above
 * the screen's (vt_vrow_text), as a terminal's rows, without that.
 */
static void
vt_release(struct vt *v, size_t k)
{
	size_t	 i;

	if (k > v->nheld)
		k = v->nheld;
	if (k == 0)
		return;
	for (i = 0; i < k; i++) {
		v->ops->push(v->arg, v->held[i].text, v->held[i].attr,
		    v->held[i].len, v->held[i].soft);
		free(v->held[i].text);
		free(v->held[i].attr);
	}
	memmove(v->held, v->held + k, (v->nheld - k) * sizeof *v->held);
	v->nheld -= k;
}

/* The held rows a terminal would have scrolled off by now go on. */
static void
vt_settle(struct vt *v)
{
	VTermPos	 cur;
	long		 over;

	if (v->nheld == 0)
		return;
	vterm_state_get_cursorpos(v->state, &cur);
	over = (long)cur.row + (long)v->nheld - (long)(v->rows - 1);
	if (over > 0)
		vt_release(v, (size_t)over);
}

/* The held rows written back at the top, the text moved down under them. */
static void
vt_unhold(struct vt *v)
{
	VTermPos	 cur;
	char		 seq[64], sgr[96];
	uint32_t	 pen;
	size_t		 i, k;

	vt_settle(v);
	if ((k = v->nheld) == 0)
		return;
	vterm_state_get_cursorpos(v->state, &cur);
	pen = vt_pen_attr(v);
	snprintf(seq, sizeof seq, "\033[H\033[%zuL", k);
	vterm_input_write(v->vt, seq, strlen(seq));
	memmove(v->soft + k, v->soft, (size_t)v->rows - k);
	for (i = 0; i < k; i++) {
		struct vt_held *h = &v->held[i];
		snprintf(seq, sizeof seq, "\033[%zu;1H", i + 1);
		vterm_input_write(v->vt, seq, strlen(seq));
		vt_put_styled(v, h->text, h->attr, h->len);	/* no wrap */
		v->soft[i] = (uint8_t)h->soft;
		free(h->text);
		free(h->attr);
	}
	v->nheld = 0;
	vt_attr_sgr(pen, 1, sgr, sizeof sgr);
	snprintf(seq, sizeof seq, "\033[%zu;%dH", (size_t)cur.row + k + 1,
	    cur.col + 1);
	vterm_input_write(v->vt, seq, strlen(seq));
	vterm_input_write(v->vt, sgr, strlen(sgr));
}

static int
vt_cb_pushline(int cols, const VTermScreenCell *cells, void *arg)
{
	struct vt	*v = arg;
	int		 soft, full;

	/* The last cell written, or the one before it (a wide character
	 * that did not fit went on): see vt_row_soft. */
	full = cols > 0 && (cells[cols - 1].chars[0] != 0 || (cols > 1 &&
	    cells[cols - 2].chars[0] != 0));
	soft = v->rows > 0 && v->soft[0] && full;
	if (v->in_run && v->run_row <= 0 && full)
		soft = 1;	/* wrapped in the run being fed */
	v->len = 0;
	vt_cells_text(v, cells, cols);
	if (v->holding) {
		struct vt_held *h;
		if (v->nheld == v->heldcap) {
			v->heldcap = v->heldcap == 0 ? 16 : v->heldcap * 2;
			v->held = xreallocarray(v->held, v->heldcap,
			    sizeof *v->held);
		}
		h = &v->held[v->nheld++];
		h->len = v->len;
		h->text = xmalloc(v->len + 1);
		h->attr = xreallocarray(NULL, v->len + 1, sizeof *h->attr);
		if (v->len > 0) {	/* an empty row: no line yet */
			memcpy(h->text, v->line, v->len);
			memcpy(h->attr, v->attr, v->len * sizeof *h->attr);
		}
		h->soft = soft;
	} else {
		vt_release(v, v->nheld);	/* they went before it */
		v->ops->push(v->arg, v->line, v->attr, v->len, soft);
	}
	if (v->rows > 1)
		memmove(v->soft, v->soft + 1, (size_t)v->rows - 1);
	if (v->rows > 0)
		v->soft[v->rows - 1] = 0;
	if (v->in_run)
		v->run_row--;
	return (1);
}

/* The alternate screen: nothing scrolls off it (no fast path either). */
static int
vt_cb_settermprop(VTermProp prop, VTermValue *val, void *arg)
{
	struct vt	*v = arg;

	if (prop == VTERM_PROP_ALTSCREEN)
		v->alt = val->boolean;
	else if (prop == VTERM_PROP_CURSORVISIBLE)
		v->hidden = !val->boolean;
	return (1);
}

/* What the terminal sends back (answers, keys): to the owner's reply. */
static void
vt_cb_output(const char *s, size_t len, void *arg)
{
	struct vt	*v = arg;

	if (v->ops->reply != NULL && len > 0)
		v->ops->reply(v->arg, s, len);
}

/* BEL outside a string: the owner counts it (the UI flags the pane). */
static int
vt_cb_bell(void *arg)
{
	struct vt	*v = arg;

	if (v->ops->bell != NULL)
		v->ops->bell(v->arg);
	return (1);
}

static const VTermScreenCallbacks vt_callbacks = {
	.settermprop = vt_cb_settermprop,
	.bell = vt_cb_bell,
	.sb_pushline = vt_cb_pushline,
};

/* ---- feeding ---- */

/* The attribute word text written now gets (the pen's). */
static uint32_t
vt_pen_attr(struct vt *v)
{
	VTermScreenCell	 c;
	VTermValue	 val;

	memset(&c, 0, sizeof c);
	vterm_state_get_penattr(v->state, VTERM_ATTR_BOLD, &val);
	c.attrs.bold = val.boolean ? 1 : 0;
	vterm_state_get_penattr(v->state, VTERM_ATTR_UNDERLINE, &val);
	c.attrs.underline = val.number ? 1 : 0;
	vterm_state_get_penattr(v->state, VTERM_ATTR_ITALIC, &val);
	c.attrs.italic = val.boolean ? 1 : 0;
	vterm_state_get_penattr(v->state, VTERM_ATTR_BLINK, &val);
	c.attrs.blink = val.boolean ? 1 : 0;
	vterm_state_get_penattr(v->state, VTERM_ATTR_REVERSE, &val);
	c.attrs.reverse = val.boolean ? 1 : 0;
	vterm_state_get_penattr(v->state, VTERM_ATTR_STRIKE, &val);
	c.attrs.strike = val.boolean ? 1 : 0;
	vterm_state_get_penattr(v->state, VTERM_ATTR_FONT, &val);
	c.attrs.font = (unsigned int)val.number & 0xf;
	vterm_state_get_penattr(v->state, VTERM_ATTR_FOREGROUND, &val);
	c.fg = val.color;
	vterm_state_get_penattr(v->state, VTERM_ATTR_BACKGROUND, &val);
	c.bg = val.color;
	return (vt_cell_attr(&c));
}

/*
 * Many short plain lines at the bottom (a flood of print()s): the same
 * screen as writing them one by one, without moving the whole screen up
 * once per line in libvterm (which moves every cell of it).  The lines
 * (printable ASCII, each no wider than the screen, each ending with a
 * newline) start at column 0
 * of the empty last row, on the main screen with no scroll region.  The
 * screen's rows go up by as many lines at once (delete-line at the top,
 * which hands them to the scrollback), lines that would only pass through
 * go to the scrollback straight, and the last ones are written where they
 * end up.  Returns the bytes taken, 0 when this is not such a case.
 */
static size_t
vt_fast_lines(struct vt *v, const char *p, size_t n)
{
	VTermPos	 cur;
	size_t		 i, start, nlines = 0, taken = 0, *ends, k, first;
	size_t		 ncap;
	uint32_t	*attr, pen;
	char		 seq[32];
	int		 room = v->rows - 1, up;

	if (v->alt || v->region || v->utlen > 0 || room < 1)
		return (0);
	vt_settle(v);
	vterm_state_get_cursorpos(v->state, &cur);
	if (cur.row != v->rows - 1 || cur.col != 0 ||
	    !vt_row_empty(v, cur.row))
		return (0);
	/* Whole plain lines from p: where each ends. */
	ends = NULL;
	ncap = 0;
	for (i = 0, start = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\n') {
			if (nlines == ncap) {
				ncap = ncap == 0 ? 64 : ncap * 2;
				ends = xreallocarray(ends, ncap, sizeof *ends);
			}
			ends[nlines++] = i;
			taken = i + 1;
			start = i + 1;
			continue;
		}
		if (c < 0x20 || c > 0x7e || i - start >= (size_t)v->cols)
			break;
	}
	if (nlines < 2) {
		free(ends);
		/* A line or less: room is made for it, and for the next ones,
		 * by taking half the screen up at once, its rows held (see
		 * vt_release), rather than once per line. */
		if (v->rows >= 8) {
			up = v->rows / 2;
			snprintf(seq, sizeof seq, "\033[H\033[%dM\033[%d;1H", up,
			    v->rows - up);
			v->holding = 1;		/* see vt_release */
			vterm_input_write(v->vt, seq, strlen(seq));
			v->holding = 0;
			memset(v->soft + v->rows - 1 - up, 0, (size_t)up + 1);
		}
		return (0);
	}
	/* The rows above go up (to the scrollback) by the lines, at most
	 * all of them. */
	up = nlines < (size_t)room ? (int)nlines : room;
	snprintf(seq, sizeof seq, "\033[H\033[%dM", up);
	vterm_input_write(v->vt, seq, strlen(seq));
	/* Lines that would scroll off at once: to the scrollback. */
	first = nlines > (size_t)room ? nlines - (size_t)room : 0;
	attr = xreallocarray(NULL, (size_t)v->cols + 1, sizeof *attr);
	pen = vt_pen_attr(v);
	for (i = 0; i <= (size_t)v->cols; i++)
		attr[i] = pen;
	for (k = 0, start = 0; k < first; k++) {
		v->ops->push(v->arg, p + start, attr, ends[k] - start, 0);
		start = ends[k] + 1;
	}
	free(attr);
	/* The rest, written where they end up. */
	snprintf(seq, sizeof seq, "\033[%d;1H", v->rows - (int)(nlines - first));
	vterm_input_write(v->vt, seq, strlen(seq));
	v->printed = 1;
	for (k = first; k < nlines; k++) {
		vterm_input_write(v->vt, p + start, ends[k] - start);
		vterm_input_write(v->vt, "\r\n", 2);
		start = ends[k] + 1;
	}
	/* The rows written did not wrap; those above moved up with their
	 * marks (the pushes shifted them). */
	memset(v->soft + v->rows - 1 - (nlines - first), 0, nlines - first + 1);
	free(ends);
	return (taken);
}


/* A printable run: the rows it wrapped through become soft. */
static void
vt_feed_run(struct vt *v, const char *p, size_t n)
{
	VTermPos	 pos;
	int		 r;

	vterm_state_get_cursorpos(v->state, &pos);
	v->in_run = 1;
	v->run_row = pos.row;
	v->printed = 1;
	vterm_input_write(v->vt, p, n);
	v->in_run = 0;
	vterm_state_get_cursorpos(v->state, &pos);
	for (r = v->run_row < 0 ? 0 : v->run_row; r < pos.row; r++)
		v->soft[r] = 1;
}

/*
 * Text of the screen's (its attribute word per byte) written again at
 * the cursor: SGR where the look changes, then each run of one look
 * (vt_feed_run, so the rows it wraps through are marked).  A resize and
 * the held rows written back (vt_unhold) do it.
 */
static void
vt_put_styled(struct vt *v, const char *text, const uint32_t *attr,
    size_t len)
{
	char	 sgr[96];
	size_t	 i, k;

	for (i = 0; i < len; i = k) {
		vt_attr_sgr(attr[i], 1, sgr, sizeof sgr);
		vterm_input_write(v->vt, sgr, strlen(sgr));
		for (k = i + 1; k < len && attr[k] == attr[i]; k++)
			;
		vt_feed_run(v, text + i, k - i);
	}
}

/* Every line of the screen handed to the owner (a clear, a resize). */
static void
vt_push_screen(struct vt *v, int upto)
{
	int	 r, soft;

	for (r = 0; r < upto; r++) {
		soft = vt_row_soft(v, r) && r + 1 < upto;
		v->len = 0;
		vt_row_text(v, r);
		v->ops->push(v->arg, v->line, v->attr, v->len, soft);
	}
	memset(v->soft, 0, (size_t)v->rows);
}

/*
 * The last row that holds something, or -1.  Until a sequence may have
 * moved the cursor (v->moved), nothing is below it: the search starts at
 * its row (one or two rows looked at, not the screen).
 */
static int
vt_last_row(struct vt *v)
{
	VTermPos	 cur;
	int		 r = v->rows - 1;

	if (!v->moved) {
		vterm_state_get_cursorpos(v->state, &cur);
		r = cur.row;
	}
	for (; r >= 0; r--)
		if (!vt_row_empty(v, r))
			return (r);
	return (-1);
}

/*
 * Would libvterm 0.1.4 take this sequence safely?  It keeps at most 16
 * arguments, 16 leader and 16 intermediate bytes of a sequence and
 * overruns its arrays beyond (a crash, or a screen that stops drawing):
 * such a sequence is dropped.
 */
static int
vt_seq_safe(const char *s, size_t n)
{
	size_t	 i, sep = 0, lead = 0, inter = 0;

	if (n < 2 || s[1] == ']' || s[1] == 'P' || s[1] == '_' ||
	    s[1] == '^' || s[1] == 'X')
		return (1);		/* a string: no arguments */
	for (i = 1; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ';' || c == ':')
			sep++;
		else if (c >= 0x3c && c <= 0x3f)
			lead++;
		else if (c >= 0x20 && c <= 0x2f)
			inter++;
	}
	return (sep < 15 && lead < 15 && inter < 15);
}

/* A whole escape sequence in v->pend: act on it. */
static void
vt_feed_seq(struct vt *v)
{
	const char	*s = v->pend;
	size_t		 n = v->plen;
	int		 last;

	if (!vt_seq_safe(s, n))
		return;
	if (n >= 3 && s[1] == '[' && s[n - 1] == 'b' && !v->printed)
		return;		/* REP with nothing to repeat: 0.1.4 hangs */
	/* Strings (OSC titles, DCS, APC, PM, SOS) change nothing a pane
	 * shows: swallowed, never given to libvterm 0.1.4, which knows only
	 * some of them and ends them at any ESC inside. */
	if (n >= 2 && (s[1] == ']' || s[1] == 'P' || s[1] == '_' ||
	    s[1] == '^' || s[1] == 'X'))
		return;
	/* Colours, erasing a line's end and moves within a row or up
	 * (CUU, CUF, CUB, CHA) see no difference in held rows; all else
	 * may place text by the screen's rows. */
	if (!(n >= 3 && s[1] == '[' && strchr("mKACDG", s[n - 1]) != NULL))
		vt_unhold(v);
	if (n >= 3 && s[1] == '[' && s[n - 1] == 'r')
		v->region = n > 3;	/* CSI r alone: the whole screen */
	/* Anything but colours and strings may move the cursor up. */
	if (!(n >= 3 && s[1] == '[' && s[n - 1] == 'm') && !(n >= 2 &&
	    (s[1] == ']' || s[1] == 'P' || s[1] == '_' || s[1] == '^' ||
	    s[1] == 'X')))
		v->moved = 1;
	if (n == 2 && s[1] == 'c')
		v->region = v->printed = 0;	/* a reset: as new */
	if (n >= 3 && s[1] == '[' && s[n - 1] == 'J') {
		if (n == 4 && s[2] == '3')
			return;			/* the scrollback stays */
		if (n == 4 && s[2] == '2') {
			last = vt_last_row(v);
			vt_push_screen(v, last + 1);
			if (v->ops->cleared != NULL)
				v->ops->cleared(v->arg);
		}
	} else if (n == 2 && s[1] == 'c') {
		last = vt_last_row(v);
		vt_push_screen(v, last + 1);
		if (v->ops->cleared != NULL)
			v->ops->cleared(v->arg);
	}
	vterm_input_write(v->vt, s, n);
}

static void
vt_pend_add(struct vt *v, char c)
{
	if (v->pdrop)
		return;
	if (v->plen == VT_PEND_MAX) {
		v->pdrop = 1;		/* swallowed to its end */
		return;
	}
	if (v->plen == v->pcap) {
		v->pcap = v->pcap == 0 ? 64 : v->pcap * 2;
		v->pend = xrealloc(v->pend, v->pcap);
	}
	v->pend[v->plen++] = c;
}

static void vt_pen_stream(struct vt *, enum style);

/* What a byte is, by the grammar of escape sequences (vt_scan_step). */
enum vt_step {
	VT_STEP_TEXT,		/* printable, outside a sequence */
	VT_STEP_CONTROL,	/* a control to carry out (in a sequence too) */
	VT_STEP_START,		/* ESC: a sequence starts (again) */
	VT_STEP_IN,		/* part of the sequence */
	VT_STEP_END,		/* its last byte */
	VT_STEP_ABANDON,	/* CAN or SUB: the sequence is dropped */
	VT_STEP_IGNORE		/* nothing (a control inside a string, DEL) */
};

/*
 * One byte through the grammar of escape sequences, as terminals parse
 * it (ECMA-48): ESC, intermediates and a final byte; CSI parameters and a
 * final byte; OSC, DCS, APC, PM and SOS strings up to ST or BEL.
 * Controls inside a sequence are carried out and the sequence goes on;
 * CAN and SUB abandon it; ESC starts another.
 */
static enum vt_step
vt_scan_step(enum vt_scan *scan, unsigned char c)
{
	int	 str = *scan == VT_STR || *scan == VT_STR_ESC;

	if (*scan == VT_TEXT) {
		if (c == 0x1b) {
			*scan = VT_ESC;
			return (VT_STEP_START);
		}
		return (c < 0x20 || c == 0x7f ? VT_STEP_CONTROL :
		    VT_STEP_TEXT);
	}
	if (c == 0x18 || c == 0x1a) {
		*scan = VT_TEXT;
		return (VT_STEP_ABANDON);
	}
	if (c == 0x1b && *scan != VT_STR) {
		*scan = VT_ESC;
		return (VT_STEP_START);
	}
	if (c < 0x20 && c != 0x1b) {
		if (!str)
			return (VT_STEP_CONTROL);
		if (c != 0x07)
			return (VT_STEP_IGNORE);
		*scan = VT_TEXT;
		return (VT_STEP_END);
	}
	if (c == 0x7f)
		return (VT_STEP_IGNORE);
	switch (*scan) {
	case VT_ESC:
		if (c == '[')
			*scan = VT_CSI;
		else if (c == ']' || c == 'P' || c == '_' || c == '^' ||
		    c == 'X')
			*scan = VT_STR;
		else if (c >= 0x20 && c <= 0x2f)
			*scan = VT_ESC_INTER;
		else
			break;
		return (VT_STEP_IN);
	case VT_ESC_INTER:
		if (c >= 0x20 && c <= 0x2f)
			return (VT_STEP_IN);
		break;
	case VT_CSI:
		if (c < 0x40 || c > 0x7e)
			return (VT_STEP_IN);
		break;
	case VT_STR:
		if (c == 0x1b)
			*scan = VT_STR_ESC;
		return (VT_STEP_IN);
	case VT_STR_ESC:
		if (c == '\\')
			break;
		*scan = VT_STR;
		return (VT_STEP_IN);
	case VT_TEXT:
		break;
	}
	*scan = VT_TEXT;
	return (VT_STEP_END);
}

/*
 * The plain text of a write, for the transcript: what is printed, and
 * newlines, carriage returns, tabs and backspaces; escape sequences and
 * other controls left out.  *state carries a sequence cut by the end of
 * a write into the next (0 to start).  out has room for n bytes; returns
 * how many it got.
 */
size_t
vt_strip(int *state, const char *p, size_t n, char *out)
{
	enum vt_scan	 scan = (enum vt_scan)*state;
	enum vt_step	 step;
	size_t		 i, k = 0;
	unsigned char	 c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		step = vt_scan_step(&scan, c);
		if (step == VT_STEP_TEXT || (step == VT_STEP_CONTROL &&
		    (c == '\n' || c == '\r' || c == '\t' || c == '\b')))
			out[k++] = (char)c;
	}
	*state = (int)scan;
	return (k);
}

/* One byte while in an escape sequence, the stream's pen set again after
 * it (a reset in it would take the stream away). */
static void
vt_scan_byte(struct vt *v, enum style st, unsigned char c)
{
	switch (vt_scan_step(&v->scan, c)) {
	case VT_STEP_START:
		v->plen = 0;
		v->pdrop = 0;
		vt_pend_add(v, (char)c);
		break;
	case VT_STEP_IN:
		vt_pend_add(v, (char)c);
		break;
	case VT_STEP_END:
		vt_pend_add(v, (char)c);
		if (!v->pdrop)
			vt_feed_seq(v);
		v->plen = 0;
		v->pdrop = 0;
		vt_pen_stream(v, st);
		break;
	case VT_STEP_ABANDON:
		v->plen = 0;
		v->pdrop = 0;
		break;
	case VT_STEP_CONTROL:
		vterm_input_write(v->vt, c == '\n' ? "\r\n" : (const char *)&c,
		    c == '\n' ? 2 : 1);
		break;
	case VT_STEP_TEXT:
	case VT_STEP_IGNORE:
		break;
	}
}

/* The pen's font says the stream: set it before text of another one. */
static void
vt_pen_stream(struct vt *v, enum style st)
{
	VTermValue	 val;
	char		 seq[8];

	if (vterm_state_get_penattr(v->state, VTERM_ATTR_FONT, &val) &&
	    val.number == (int)st)
		return;
	seq[0] = '\033';
	seq[1] = '[';
	seq[2] = '1';
	seq[3] = (char)('0' + st);
	seq[4] = 'm';
	vterm_input_write(v->vt, seq, 5);
}

static void vt_feed_text(struct vt *, const char *, size_t, int);

/* Text whose controls show as ^X (echoed input, notes). */
static void
vt_write_shown(struct vt *v, const char *p, size_t n)
{
	char		 caret[2];
	size_t		 i, start;
	unsigned char	 c;

	/* Runs of text between the controls; \n and \t as themselves. */
	for (i = start = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (c >= 0x20 && c != 0x7f)
			continue;
		if (i > start)
			vt_feed_text(v, p + start, i - start, 0);
		start = i + 1;
		if (c == '\n')
			vterm_input_write(v->vt, "\r\n", 2);
		else if (c == '\t')
			vterm_input_write(v->vt, "\t", 1);
		else {
			caret[0] = '^';
			caret[1] = (char)(c == 0x7f ? '?' : c + '@');
			vt_feed_run(v, caret, 2);
		}
	}
	if (n > start)
		vt_feed_text(v, p + start, n - start, 0);
}

/*
 * A run of text made valid UTF-8 before libvterm sees it: an invalid byte
 * and a C1 control (U+0080-U+009F, which libvterm would carry out) become
 * U+FFFD; a character cut by the end of the write (more: the run reaches
 * it) waits for the next write's first bytes.
 */
static void
vt_feed_text(struct vt *v, const char *p, size_t n, int more)
{
	static const char	 bad[] = "\xef\xbf\xbd";
	const char		*s = p;
	char			 joined[8];
	size_t			 len = 0, i = 0, k, m = n;
	uint32_t		 cp;
	int			 r;

	if (v->fcap < 3 * n + 8) {
		v->fcap = 3 * n + 8;
		v->fbuf = xrealloc(v->fbuf, v->fcap);
	}
	if (v->utlen > 0) {
		/* The cut character, finished by this run (or not). */
		k = v->utlen;
		memcpy(joined, v->utail, k);
		while (k < 4 && i < n && ((unsigned char)p[i] & 0xc0) == 0x80)
			joined[k++] = p[i++];
		v->utlen = 0;
		r = utf8_decode(joined, k, &cp);
		if (r == UTF8_TRUNCATED && more && i == n) {
			memcpy(v->utail, joined, k);
			v->utlen = k;
			return;
		}
		if (r > 0 && (size_t)r == k && (cp < 0x80 || cp > 0x9f)) {
			memcpy(v->fbuf, joined, k);
			len = k;
		} else {
			memcpy(v->fbuf, bad, 3);
			len = 3;
		}
	}
	while (i < m) {
		if ((unsigned char)s[i] < 0x80) {
			v->fbuf[len++] = s[i++];
			continue;
		}
		r = utf8_decode(s + i, m - i, &cp);
		if (r == UTF8_TRUNCATED && more) {
			memcpy(v->utail, s + i, m - i);
			v->utlen = m - i;
			break;
		}
		if (r <= 0 || (cp >= 0x80 && cp <= 0x9f)) {
			memcpy(v->fbuf + len, bad, 3);
			len += 3;
			i += r > 0 ? (size_t)r : 1;
			continue;
		}
		memcpy(v->fbuf + len, s + i, (size_t)r);
		len += (size_t)r;
		i += (size_t)r;
	}
	if (len > 0)
		vt_feed_run(v, v->fbuf, len);
}

/* A character cut by the last write, never finished: U+FFFD. */
static void
vt_text_cut(struct vt *v)
{
	if (v->utlen > 0) {
		v->utlen = 0;
		vt_feed_run(v, "\xef\xbf\xbd", 3);
	}
}

void
vt_write(struct vt *v, enum style st, const char *p, size_t n)
{
	size_t	 i, j;

	if (v->scan == VT_TEXT && (v->utlen == 0 || n == 0 ||
	    ((unsigned char)p[0] & 0xc0) != 0x80))
		vt_pen_stream(v, st);	/* not inside a cut character */
	if (st == STYLE_INPUT || st == STYLE_NOTE) {
		vt_text_cut(v);
		vt_write_shown(v, p, n);
		return;
	}
	for (i = 0; i < n; i = j) {
		unsigned char c = (unsigned char)p[i];
		if (v->scan != VT_TEXT) {
			vt_scan_byte(v, st, c);
			j = i + 1;
			continue;
		}
		if ((c == '\n' || (c >= 0x20 && c < 0x7f)) &&
		    (j = vt_fast_lines(v, p + i, n - i)) > 0) {
			j += i;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			vt_text_cut(v);
		if (c < 0x20 || c == 0x7f) {
			/* ESC starts a sequence; a newline is a new line, at
			 * its start. */
			vt_scan_byte(v, st, c);
			j = i + 1;
			continue;
		}
		for (j = i + 1; j < n; j++) {
			c = (unsigned char)p[j];
			if (c < 0x20 || c == 0x7f)
				break;
		}
		vt_feed_text(v, p + i, j - i, j == n);
	}
	vt_settle(v);
}

/* ---- the screen as lines ---- */

/*
 * The rows as a terminal has them: the held rows (see vt_release), then
 * the screen's, whose last nheld rows are blank; reads see these, so that
 * they need not write the held rows back.
 */
static void
vt_vrow_text(struct vt *v, int r)
{
	struct vt_held	*h;

	if ((size_t)r >= v->nheld) {
		vt_row_text(v, r - (int)v->nheld);
		return;
	}
	h = &v->held[r];
	vt_grow(v, h->len);
	if (h->len > 0) {
		memcpy(v->line + v->len, h->text, h->len);
		memcpy(v->attr + v->len, h->attr, h->len * sizeof *v->attr);
	}
	v->len += h->len;
}

static int
vt_vrow_empty(struct vt *v, int r)
{
	if ((size_t)r < v->nheld)
		return (v->held[r].len == 0);
	return (vt_row_empty(v, r - (int)v->nheld));
}

static int
vt_vrow_soft(struct vt *v, int r)
{
	if ((size_t)r < v->nheld)
		return (v->held[r].soft);
	return (vt_row_soft(v, r - (int)v->nheld));
}

/* The last row that holds something, of those (-1: none). */
static int
vt_vlast_row(struct vt *v)
{
	int	 r = vt_last_row(v);

	if (r >= 0)
		return (r + (int)v->nheld);
	for (r = (int)v->nheld - 1; r >= 0; r--)
		if (v->held[r].len > 0)
			break;
	return (r);
}

/*
 * The screen's rows as logical lines, down to the last that holds
 * something or the cursor's, when it is not at the start of an empty row.
 * out: the lines (NULL: only count them).  *open: the last line is the
 * cursor's and text may follow on it.
 */
size_t
vt_lines(struct vt *v, struct outbuf_line **out, int *open)
{
	struct outbuf_line	*lines = NULL;
	VTermPos		 cur;
	int			 last, r, start;
	size_t			 n = 0;

	vt_settle(v);
	vterm_state_get_cursorpos(v->state, &cur);
	cur.row += (int)v->nheld;	/* as a terminal has it */
	last = vt_vlast_row(v);
	*open = 0;
	/* Empty rows above the cursor are empty lines (print()). */
	if (cur.row - 1 > last)
		last = cur.row - 1;
	if (cur.row > last && cur.col > 0)
		last = cur.row;
	if (last >= 0 && cur.row <= last && (cur.col > 0 ||
	    !vt_vrow_empty(v, cur.row)))
		*open = 1;
	if (out != NULL)
		lines = xcalloc((size_t)last + 2, sizeof *lines);
	for (r = 0; r <= last; r = start) {
		start = r;
		v->len = 0;
		do {
			if (out != NULL)
				vt_vrow_text(v, start);
		} while (vt_vrow_soft(v, start++) && start <= last);
		if (*open && cur.row >= r && cur.row < start && start <= last)
			*open = 0;	/* the cursor's line is not the last */
		if (out != NULL) {
			lines[n].len = v->len;
			lines[n].text = xmalloc(v->len + 1);
			lines[n].attr = xreallocarray(NULL, v->len + 1,
			    sizeof *lines[n].attr);
			if (v->len > 0) {	/* nothing drawn yet: NULL */
				memcpy(lines[n].text, v->line, v->len);
				memcpy(lines[n].attr, v->attr, v->len *
				    sizeof *v->attr);
			}
			lines[n].text[v->len] = '\0';
		}
		n++;
	}
	if (out != NULL)
		*out = lines;
	return (n);
}

/*
 * The screen's rows as they are, each a line of its own, for a
 * full-screen program (panes whose child holds the terminal); *crow,
 * *ccol: the cursor, -1 when hidden.  Returns the rows.
 */
size_t
vt_rows(struct vt *v, struct outbuf_line **out, int *crow, int *ccol)
{
	struct outbuf_line	*lines;
	VTermPos		 cur;
	int			 r;

	vt_settle(v);
	lines = xcalloc((size_t)v->rows, sizeof *lines);
	v->keep_bg = 1;
	for (r = 0; r < v->rows; r++) {
		v->len = 0;
		vt_vrow_text(v, r);
		lines[r].len = v->len;
		lines[r].text = xmalloc(v->len + 1);
		lines[r].attr = xreallocarray(NULL, v->len + 1,
		    sizeof *lines[r].attr);
		if (v->len > 0) {
			memcpy(lines[r].text, v->line, v->len);
			memcpy(lines[r].attr, v->attr, v->len *
			    sizeof *v->attr);
		}
		lines[r].text[v->len] = '\0';
	}
	v->keep_bg = 0;
	vterm_state_get_cursorpos(v->state, &cur);
	*crow = v->hidden ? -1 : cur.row + (int)v->nheld;
	*ccol = v->hidden ? -1 : cur.col;
	*out = lines;
	return ((size_t)v->rows);
}

/* ---- keys, for the program that holds the pane's terminal ---- */

static VTermModifier
vt_mods(uint32_t key)
{
	int	 m = VTERM_MOD_NONE;

	if (key & KEYC_META)
		m |= VTERM_MOD_ALT;
	if (key & KEYC_CTRL)
		m |= VTERM_MOD_CTRL;
	if (key & KEYC_SHIFT)
		m |= VTERM_MOD_SHIFT;
	return ((VTermModifier)m);
}

/*
 * A key typed into the pane, sent as the terminal would (through the
 * reply callback): special keys as the program's modes want them (the
 * cursor keys' application mode, say), others as the bytes typed (raw:
 * the outer terminal encoded them alike), a paste between the bracketed
 * paste marks when the program asked for them.
 */
void
vt_key(struct vt *v, uint32_t key, const char *bytes, size_t len)
{
	static const VTermKey	 special[] = {
		[KEYC_UP - KEYC_BASE] = VTERM_KEY_UP,
		[KEYC_DOWN - KEYC_BASE] = VTERM_KEY_DOWN,
		[KEYC_LEFT - KEYC_BASE] = VTERM_KEY_LEFT,
		[KEYC_RIGHT - KEYC_BASE] = VTERM_KEY_RIGHT,
		[KEYC_HOME - KEYC_BASE] = VTERM_KEY_HOME,
		[KEYC_END - KEYC_BASE] = VTERM_KEY_END,
		[KEYC_PPAGE - KEYC_BASE] = VTERM_KEY_PAGEUP,
		[KEYC_NPAGE - KEYC_BASE] = VTERM_KEY_PAGEDOWN,
		[KEYC_IC - KEYC_BASE] = VTERM_KEY_INS,
		[KEYC_DC - KEYC_BASE] = VTERM_KEY_DEL,
		[KEYC_BTAB - KEYC_BASE] = VTERM_KEY_TAB,
	};
	uint32_t	 k = key & KEYC_MASK_KEY;
	VTermModifier	 mods = vt_mods(key);

	if (k >= KEYC_F1 && k <= KEYC_F12) {
		vterm_keyboard_key(v->vt, VTERM_KEY_FUNCTION(
		    (int)(k - KEYC_F1) + 1), mods);
	} else if (k >= KEYC_BASE && k - KEYC_BASE <
	    sizeof special / sizeof special[0] &&
	    special[k - KEYC_BASE] != VTERM_KEY_NONE) {
		if (k == KEYC_BTAB)
			mods = (VTermModifier)(mods | VTERM_MOD_SHIFT);
		vterm_keyboard_key(v->vt, special[k - KEYC_BASE], mods);
	} else if (k == KEYC_PASTE) {
		vterm_keyboard_start_paste(v->vt);
		vt_cb_output(bytes, len, v);
		vterm_keyboard_end_paste(v->vt);
	} else if (k < KEYC_BASE)
		vt_cb_output(bytes, len, v);
}

/* ---- life ---- */

static void
vt_setup(struct vt *v)
{
	vterm_set_utf8(v->vt, 1);
	v->screen = vterm_obtain_screen(v->vt);
	v->state = vterm_obtain_state(v->vt);
	vterm_screen_set_callbacks(v->screen, &vt_callbacks, v);
	vterm_output_set_callback(v->vt, vt_cb_output, v);
	vterm_screen_enable_altscreen(v->screen, 1);
	vterm_screen_set_damage_merge(v->screen, VTERM_DAMAGE_SCROLL);
	vterm_screen_reset(v->screen, 1);
}

struct vt *
vt_create(int rows, int cols, const struct vt_ops *ops, void *arg)
{
	struct vt	*v;

	if (rows < 1)
		rows = 1;
	if (cols < 2)
		cols = 2;
	v = xcalloc(1, sizeof *v);
	v->rows = rows;
	v->cols = cols;
	v->ops = ops;
	v->arg = arg;
	v->soft = xcalloc((size_t)rows, 1);
	if ((v->vt = vterm_new(rows, cols)) == NULL)
		fatal("vterm_new");
	vt_setup(v);
	return (v);
}

void
vt_free(struct vt *v)
{
	if (v == NULL)
		return;
	vterm_free(v->vt);
	while (v->nheld > 0) {
		v->nheld--;
		free(v->held[v->nheld].text);
		free(v->held[v->nheld].attr);
	}
	free(v->held);
	free(v->soft);
	free(v->pend);
	free(v->line);
	free(v->attr);
	free(v->fbuf);
	free(v->cells);
	free(v);
}

void
vt_size(struct vt *v, int *rows, int *cols)
{
	*rows = v->rows;
	*cols = v->cols;
}

/*
 * A new size.  Rows alone: libvterm keeps the rows by the cursor (those
 * above go to the scrollback).  Columns: libvterm 0.1.4 would cut rows
 * short, so the screen's lines go to the scrollback but the cursor's,
 * which is written again into the new screen (text and colours), so that
 * a prompt or a progress bar goes on where it was.
 */
void
vt_resize(struct vt *v, int rows, int cols)
{
	VTermPos	 cur;
	char		*keep = NULL;
	uint32_t	*kattr = NULL;
	size_t		 klen = 0;
	int		 r, start, open;

	/* rows >= 1, cols >= 2: outbuf_set_size's bounds. */
	if (rows == v->rows && cols == v->cols)
		return;
	vt_unhold(v);
	if (cols == v->cols || v->alt) {
		/* Rows alone, or the alternate screen (a full-screen program
		 * draws itself again): libvterm's own resize. */
		vterm_set_size(v->vt, rows, cols);
		v->cols = cols;
		v->soft = xrealloc(v->soft, (size_t)rows);
		if (rows > v->rows)
			memset(v->soft + v->rows, 0, (size_t)(rows - v->rows));
		v->rows = rows;
		return;
	}
	vterm_state_get_cursorpos(v->state, &cur);
	/* The cursor's logical line starts at the first row of the run of
	 * soft rows that ends on it. */
	for (start = cur.row; start > 0 && vt_row_soft(v, start - 1); start--)
		;
	open = cur.col > 0 || !vt_row_empty(v, cur.row);
	vt_push_screen(v, open ? start : (vt_last_row(v) + 1 > cur.row ?
	    vt_last_row(v) + 1 : cur.row));
	if (open) {
		v->len = 0;
		for (r = start; r <= cur.row; r++)
			vt_row_text(v, r);
		klen = v->len;
		keep = xmalloc(klen + 1);
		kattr = xreallocarray(NULL, klen + 1, sizeof *kattr);
		if (klen > 0) {
			memcpy(keep, v->line, klen);
			memcpy(kattr, v->attr, klen * sizeof *kattr);
		}
	}
	vterm_free(v->vt);
	if ((v->vt = vterm_new(rows, cols)) == NULL)
		fatal("vterm_new");
	vt_setup(v);
	free(v->soft);
	v->soft = xcalloc((size_t)rows, 1);
	v->rows = rows;
	v->cols = cols;
	v->region = v->moved = v->printed = 0;	/* a new terminal */
	vt_put_styled(v, keep, kattr, klen);
	free(keep);
	free(kattr);
}

/*
 * One colour's SGR parameter, base 30 (foreground) or 40 (background):
 * the 16 colours as 30-37 and 90-97 (40-47, 100-107), as most programs
 * write them, the others as 38;5;N (48;5;N).
 */
static size_t
vt_sgr_color(char *buf, size_t size, unsigned int c, unsigned int base)
{
	int	 n;

	if (c < 8)
		n = snprintf(buf, size, ";%u", base + c);
	else if (c < 16)
		n = snprintf(buf, size, ";%u", base + 60 + c - 8);
	else
		n = snprintf(buf, size, ";%u;5;%u", base + 8, c);
	return ((size_t)n);
}

/*
 * The SGR sequence that sets attribute word a from nothing (capture -e, a
 * line written again): reset, the stream's font if stream, colours,
 * attributes.
 */
void
vt_attr_sgr(uint32_t a, int stream, char *buf, size_t size)
{
	uint32_t	 fg = VT_ATTR_FG(a), bg = VT_ATTR_BG(a);
	size_t		 n;

	n = (size_t)snprintf(buf, size, "\033[0");
	if (stream && VT_ATTR_STYLE(a) != 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";1%u",
		    (unsigned int)VT_ATTR_STYLE(a));
	if ((a & VT_ATTR_BOLD) && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";1");
	if ((a & VT_ATTR_ITALIC) && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";3");
	if ((a & VT_ATTR_UNDERLINE) && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";4");
	if ((a & VT_ATTR_BLINK) && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";5");
	if ((a & VT_ATTR_REVERSE) && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";7");
	if ((a & VT_ATTR_STRIKE) && n < size)
		n += (size_t)snprintf(buf + n, size - n, ";9");
	if (fg != 0 && n < size)
		n += vt_sgr_color(buf + n, size - n, fg - 1, 30);
	if (bg != 0 && n < size)
		n += vt_sgr_color(buf + n, size - n, bg - 1, 40);
	if (n < size)
		snprintf(buf + n, size - n, "m");
}
