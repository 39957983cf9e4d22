/*
 * ui-draw.c: draws the screen: panes, borders, the status line, prompts.
 *
 * Everything is drawn again each frame, into a canvas per terminal (ui.win,
 * a curses pad: ui-term.c shows it), and curses sends only what changed.
 * A pane shows the tail of its lines (outbuf_copy of at most as many lines
 * as it has rows: its scrollback, then its terminal's screen, which
 * outbuf.c keeps; after a clear, only what came since), wrapped to its
 * width by display width (wcwidth: wide characters take two cells), then
 * the lines typed ahead of its running code, dimmed, then its prompt and
 * the line being edited (nothing of it while the pane's code waits in
 * getpass()), or, in copy mode, the lines ending at the line it was
 * scrolled to, with its selection, its search's matches and its cursor
 * (ui-copy.c keeps them; ui_draw_copy marks them) and the rows each line
 * took noted for the mouse; while a child process holds the pane's
 * terminal (vi, less), its screen row by row with that program's cursor.
 * The pane's terminal has carried out its escape
 * sequences already: each byte comes with an attribute word (colours,
 * bold, ...), shown with colour pairs made as needed (ui_color_pair) in the
 * colours the terminal drawn has; text is checked again here (controls as
 * ^X, invalid UTF-8 as U+FFFD), so nothing a pane prints reaches the
 * terminal as it was printed.  Colours (off with NO_COLOR) where a pane's
 * code set none: stderr red,
 * prompts magenta, captured fd output cyan, notes yellow, status line
 * green, the focused pane's border green.  UI thread only.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui-int.h"

struct ui	 ui;

enum {
	PAIR_ERR = 1, PAIR_PROMPT, PAIR_FD, PAIR_NOTE, PAIR_STATUS,
	PAIR_ACTIVE, PAIR_ERRMSG, PAIR_MARK,
	PAIR_FIRST_FREE			/* then pairs made as drawn */
};


/*
 * The bytes of one line a pane shows at most: its cells, a row more, at
 * up to 4 bytes a cell (a character's UTF-8); a longer line is copied
 * from its end only (outbuf_copy_tail), so a 1 MB line costs what the
 * screen shows.  Characters with combining marks take more bytes: a pane
 * full of them shows the end of such a line only, blank rows above it.
 */
#define UI_LINE_BYTES(r)	(((size_t)(r).w * (size_t)((r).h + 1)) * 4)

void
ui_draw_init(void)
{
	if (!ui.color)
		return;
	init_pair(PAIR_ERR, COLOR_RED, -1);
	init_pair(PAIR_PROMPT, COLOR_MAGENTA, -1);
	init_pair(PAIR_FD, COLOR_CYAN, -1);
	init_pair(PAIR_NOTE, COLOR_YELLOW, -1);
	init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_GREEN);
	init_pair(PAIR_ACTIVE, COLOR_GREEN, -1);
	init_pair(PAIR_ERRMSG, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_MARK, COLOR_BLACK, COLOR_YELLOW);
}

static void
ui_style_attr(enum style st, attr_t *attr, short *pair)
{
	*attr = A_NORMAL;
	*pair = 0;
	switch (st) {
	case STYLE_ERR:
		*pair = ui.color ? PAIR_ERR : 0;
		break;
	case STYLE_PROMPT:
		*attr = A_BOLD;
		*pair = ui.color ? PAIR_PROMPT : 0;
		break;
	case STYLE_FD:
		*pair = ui.color ? PAIR_FD : 0;
		break;
	case STYLE_NOTE:
		*attr = ui.color ? A_NORMAL : A_DIM;
		*pair = ui.color ? PAIR_NOTE : 0;
		break;
	default:
		break;
	}
}

/* One of the 256 colours as the terminal drawn can show it. */
static short
ui_color_map(unsigned int c)
{
	unsigned int	 r, g, b;

	if (COLORS >= 256 || (COLORS >= 16 && c < 16))
		return ((short)c);
	if (c < 16)
		return ((short)(c % 8));
	if (c >= 232)
		return (c < 244 ? COLOR_BLACK : COLOR_WHITE);
	c -= 16;
	r = c / 36;
	g = (c / 6) % 6;
	b = c % 6;
	return ((short)((r >= 3 ? COLOR_RED : 0) | (g >= 3 ? COLOR_GREEN : 0) |
	    (b >= 3 ? COLOR_BLUE : 0)));
}

/*
 * The colour pair for a foreground and background (-1: the default) in
 * the screen being drawn, made on first use (ui.pairs, one table per
 * terminal); when the terminal's pairs run out the table starts over.
 */
static short
ui_color_pair(short fg, short bg)
{
	struct ui_pairs	*t = ui.pairs;
	unsigned int	 key = ((unsigned int)(fg + 1) << 9) |
	    (unsigned int)(bg + 1), h, i;
	int		 max;

	if (t == NULL)
		return (0);
	max = COLOR_PAIRS - 1 < 32767 ? COLOR_PAIRS - 1 : 32767;
	h = (key * 2654435761u) % UI_PAIRS_SLOTS;
	for (i = 0; i < UI_PAIRS_SLOTS; i++, h = (h + 1) % UI_PAIRS_SLOTS) {
		if (t->slot[h].pair == 0)
			break;
		if (t->slot[h].key == key)
			return (t->slot[h].pair);
	}
	if (i == UI_PAIRS_SLOTS || t->next > max || t->next == 0) {
		memset(t, 0, sizeof *t);	/* start over */
		h = (key * 2654435761u) % UI_PAIRS_SLOTS;
	}
	if (t->next == 0)
		t->next = PAIR_FIRST_FREE;
	if (t->next > max)
		return (0);
	if (init_pair(t->next, fg, bg) == ERR)
		return (0);
	t->slot[h].key = key;
	t->slot[h].pair = t->next;
	return ((short)t->next++);
}

/* How a cell of attribute word a looks: its stream's, or its own SGR. */
static void
ui_look(uint32_t a, attr_t *attr, short *pair)
{
	unsigned int	 fg = VT_ATTR_FG(a), bg = VT_ATTR_BG(a);

	ui_style_attr(VT_ATTR_STYLE(a), attr, pair);
	if (a & VT_ATTR_BOLD)
		*attr |= A_BOLD;
	if (a & VT_ATTR_ITALIC)
		*attr |= A_ITALIC;
	if (a & VT_ATTR_UNDERLINE)
		*attr |= A_UNDERLINE;
	if (a & VT_ATTR_REVERSE)
		*attr |= A_REVERSE;
	if (a & VT_ATTR_BLINK)
		*attr |= A_BLINK;
	if (!ui.color || (fg == 0 && bg == 0))
		return;
	*pair = ui_color_pair(fg != 0 ? ui_color_map(fg - 1) : -1, bg != 0 ?
	    ui_color_map(bg - 1) : -1);
}

static void
cells_add(struct cells *cs, wchar_t wc, int width, attr_t attr, short pair)
{
	struct cell	*c;

	if (width == 0 && cs->n > 0) {
		/* A combining mark joins the character before it. */
		c = &cs->c[cs->n - 1];
		while (c->width == 0 && c > cs->c)
			c--;
		for (int i = 1; i < 4; i++) {
			if (c->wc[i] == 0) {
				c->wc[i] = wc;
				break;
			}
		}
		return;
	}
	if (width == 0)
		return;
	if (cs->n + 2 > cs->cap) {
		cs->cap = cs->cap == 0 ? 128 : cs->cap * 2;
		cs->c = xreallocarray(cs->c, cs->cap, sizeof *cs->c);
	}
	c = &cs->c[cs->n++];
	memset(c, 0, sizeof *c);
	c->wc[0] = wc;
	c->width = width;
	c->attr = attr;
	c->pair = pair;
}

/*
 * Append bytes, decoded and made harmless, to cells.  style is one style
 * for all, or attrs gives each byte's look (a pane's output).  If
 * cursor_at is within [0, n], the cell where that byte lands becomes the
 * cursor.
 */
void
cells_text(struct cells *cs, const char *text, size_t n,
    const uint32_t *attrs, enum style style, long cursor_at)
{
	enum utf8_show		 show;
	size_t			 i = 0;
	uint32_t		 cp;
	wchar_t			 wc;
	attr_t			 attr;
	short			 pair;
	int			 w;

	while (i < n) {
		if ((long)i == cursor_at)
			cs->cursor = (long)cs->n;
		if (attrs != NULL)
			ui_look(attrs[i], &attr, &pair);
		else
			ui_style_attr(style, &attr, &pair);
		i += utf8_sanitize_next(text + i, n - i, 0, &cp, &show);
		wc = (wchar_t)cp;
		if (show == UTF8_SHOW_BAD) {
			cells_add(cs, 0xfffd, 1, attr, pair);
			continue;
		}
		if (show == UTF8_SHOW_CARET) {
			cells_add(cs, '^', 1, attr, pair);
			cells_add(cs, wc, 1, attr, pair);
			continue;
		}
		if (wc == '\t') {
			do
				cells_add(cs, ' ', 1, attr, pair);
			while (cs->n % 8 != 0);
			continue;
		}
		w = wcwidth(wc);
		if (w < 0) {
			cells_add(cs, 0xfffd, 1, attr, pair);
			continue;
		}
		cells_add(cs, wc, w, attr, pair);
	}
	if ((long)n == cursor_at)
		cs->cursor = (long)cs->n;
}

/*
 * Rows a line of cells takes at width w (at least one), and the row and
 * column of its cursor cell (ui-copy.c places its cursor so).
 */
int
cells_rows(struct cells *cs, int w, long *cur_row, int *cur_col)
{
	int	 rows = 1 + (int)(cs->lead / (size_t)w);
	int	 col = (int)(cs->lead % (size_t)w);
	size_t	 i;

	for (i = 0; i < cs->n; i++) {
		if (col + cs->c[i].width > w) {
			rows++;
			col = 0;
		}
		if ((long)i == cs->cursor) {
			*cur_row = rows - 1;
			*cur_col = col;
		}
		col += cs->c[i].width;
	}
	if (cs->cursor == (long)cs->n) {
		if (col >= w) {
			rows++;
			col = 0;
		}
		*cur_row = rows - 1;
		*cur_col = col;
	}
	return (rows);
}

/* Draw rows [skip, skip+maxrows) of a line at screen row y in rect r. */
static void
cells_draw(struct cells *cs, struct rect r, int y, int skip, int maxrows)
{
	int	 row = (int)(cs->lead / (size_t)r.w);
	int	 col = (int)(cs->lead % (size_t)r.w);
	size_t	 i;
	cchar_t	 cc;

	for (i = 0; i < cs->n; i++) {
		if (col + cs->c[i].width > r.w) {
			row++;
			col = 0;
		}
		if (row >= skip + maxrows)
			break;
		if (row >= skip) {
			setcchar(&cc, cs->c[i].wc, cs->c[i].attr, cs->c[i].pair,
			    NULL);
			mvwadd_wch(ui.win, y + row - skip, r.x + col, &cc);
		}
		col += cs->c[i].width;
	}
}

/* The line being edited in a pane, and where its cursor is. */
static const char *
ui_edit_text(struct ui_pane *up, int focused, int *point)
{
	if (focused && ui.mode == UI_NORMAL)
		return (input_buffer(point));
	return (input_line_text(up->line, point));
}

/*
 * The pending input as logical lines of cells from cs[0]: the prompt and
 * the edited line; a recalled multi-line entry takes one line each, the
 * later ones after a continuation prompt.  Returns how many lines.
 */
static size_t
ui_tail_cells(struct ui_pane *up, struct pane_info *pi, int focused,
    struct cells *cs)
{
	const char	*text, *special, *s, *nl;
	int		 point;
	long		 at;
	size_t		 k = 0;

	special = focused ? input_special_prompt() : NULL;
	text = ui_edit_text(up, focused, &point);
	if (pi->secret) {	/* getpass(): nothing of it shows */
		text = "";
		point = 0;
	}
	if (!focused || ui.mode != UI_NORMAL)
		point = -1;
	if (special != NULL)
		cells_text(&cs[0], special, strlen(special), NULL,
		    STYLE_PROMPT, -1);
	else if (pi->state == PANE_IDLE && pi->prompt != NULL)
		cells_text(&cs[0], pi->prompt, strlen(pi->prompt), NULL,
		    STYLE_PROMPT, -1);
	for (s = text;; s = nl + 1, k++) {
		nl = strchr(s, '\n');
		if (k > 0) {
			cs[k].cursor = -1;
			cells_text(&cs[k], "... ", 4, NULL, STYLE_PROMPT, -1);
		}
		at = point >= 0 ? point - (long)(s - text) : -1;
		cells_text(&cs[k], s, nl != NULL ? (size_t)(nl - s) :
		    strlen(s), NULL, STYLE_INPUT, at >= 0 && (nl == NULL ||
		    at <= nl - s) ? at : -1);
		if (nl == NULL)
			return (k + 1);
	}
}

/*
 * Lines typed ahead while the pane runs code (ui.c, ui_ahead_add), not
 * taken yet: dimmed, one logical line each from cs[0], where they will
 * run, until the pane takes them and echoes them as it runs them.  The
 * screen's only: the transcript has them when the pane echoes them.
 * Returns how many lines.
 */
static size_t
ui_ahead_cells(struct ui_pane *up, struct cells *cs)
{
	const char	*s, *nl;
	size_t		 i, k = 0, j;

	for (i = 0; i < up->nahead; i++) {
		for (s = up->ahead[i].text;; s = nl + 1, k++) {
			nl = strchr(s, '\n');
			cs[k].cursor = -1;
			cells_text(&cs[k], s, nl != NULL ? (size_t)(nl - s) :
			    strlen(s), NULL, STYLE_INPUT, -1);
			for (j = 0; j < cs[k].n; j++)
				cs[k].c[j].attr |= A_DIM;
			if (nl == NULL) {
				k++;
				break;
			}
		}
	}
	return (k);
}

/* Completion matches as one line of columns. */
static void
ui_matches_cells(struct ui_pane *up, struct cells *cs)
{
	size_t	 i;

	for (i = 0; i < up->nmatches; i++) {
		cells_text(cs, up->matches[i], strlen(up->matches[i]), NULL,
		    STYLE_NOTE, -1);
		cells_text(cs, "  ", 2, NULL, STYLE_NOTE, -1);
	}
}

/* Lowercase when the search has no capital: tmux's smart case. */
static int
ui_draw_fold(const wchar_t *s)
{
	for (; *s != 0; s++)
		if (iswupper((wint_t)*s))
			return (0);
	return (1);
}

/* Does s match the cells of cs at i? */
static int
ui_draw_match_at(const struct cells *cs, size_t i, const wchar_t *s,
    int fold)
{
	size_t	 k;
	wchar_t	 a, b;

	for (k = 0; s[k] != 0; k++) {
		if (i + k >= cs->n)
			return (0);
		a = cs->c[i + k].wc[0];
		b = s[k];
		if (fold) {
			a = (wchar_t)towlower((wint_t)a);
			b = (wchar_t)towlower((wint_t)b);
		}
		if (a != b)
			return (0);
	}
	return (1);
}

/*
 * Cells of cs from i that match copy mode's search, or 0: marked when
 * drawn; ui-copy.c's search moves to them.
 */
size_t
ui_draw_match(struct ui_pane *up, const struct cells *cs, size_t i)
{
	const wchar_t	*s = up->copy.search_shown;

	if (s == NULL || *s == 0 || !ui_draw_match_at(cs, i, s,
	    ui_draw_fold(s)))
		return (0);
	return (wcslen(s));
}

/* Is (l, i) before (m, j)? */
static int
ui_draw_before(uint64_t l, size_t i, uint64_t m, size_t j)
{
	return (l < m || (l == m && i < j));
}

/*
 * Is cell i (at display column col) of line l in copy mode's selection?
 * Drawn so; ui-copy.c copies what this says, so a copy is what was shown
 * selected.
 */
int
ui_draw_selected(struct ui_pane *up, uint64_t l, size_t i, int col)
{
	struct ui_copy	*cp = &up->copy;
	uint64_t	 sl, el;
	size_t		 si, ei;
	int		 c0, c1;

	if (!up->scrolled || cp->sel == COPY_SEL_NONE)
		return (0);
	if (ui_draw_before(cp->cy, cp->cx, cp->sy, cp->sx)) {
		sl = cp->cy; si = cp->cx; el = cp->sy; ei = cp->sx;
	} else {
		sl = cp->sy; si = cp->sx; el = cp->cy; ei = cp->cx;
	}
	if (l < sl || l > el)
		return (0);
	if (cp->sel == COPY_SEL_LINE)
		return (1);
	if (cp->rect) {
		c0 = cp->scol < cp->ccol ? cp->scol : cp->ccol;
		c1 = cp->scol < cp->ccol ? cp->ccol : cp->scol;
		return (col >= c0 && col <= c1);
	}
	if (l == sl && i < si)
		return (0);
	if (l == el && i > ei)
		return (0);
	return (1);
}

/*
 * Copy mode's marks on line l of a pane: the selection in reverse video,
 * the search's matches in the mark colours, and the copy cursor (the
 * terminal's cursor, on the focused pane).  A line cut to its end for
 * drawing (lead) shows no marks: its cells do not start at its first.
 */
static void
ui_draw_copy(struct ui_pane *up, uint64_t l, struct cells *cs, int focused)
{
	size_t	 i, k, m;
	int	 col = 0;

	if (cs->lead != 0)
		return;
	for (i = 0; i < cs->n; col += cs->c[i].width, i++)
		if (ui_draw_selected(up, l, i, col))
			cs->c[i].attr ^= A_REVERSE;
	for (i = 0; i < cs->n; i++) {
		if ((m = ui_draw_match(up, cs, i)) == 0)
			continue;
		for (k = i; k < i + m && k < cs->n; k++) {
			cs->c[k].attr = ui.color ? A_NORMAL : A_REVERSE;
			cs->c[k].pair = ui.color ? PAIR_MARK : 0;
		}
		i += m - 1;
	}
	if (focused && l == up->copy.cy)
		cs->cursor = (long)(up->copy.cx < cs->n ? up->copy.cx : cs->n);
}

/*
 * A pane whose terminal a program holds (vi, less, top): its screen row
 * by row, as that program drew it, with its cursor.  Cost: the visible
 * cells.
 */
static void
ui_draw_term(struct ui_pane *up, int focused, int *cy, int *cx)
{
	struct rect		 r = up->r;
	struct outbuf_line	*rows;
	struct cells		 cs;
	size_t			 n, i;
	int			 crow, ccol;

	n = outbuf_rows(pane_outbuf(up->p), &rows, &crow, &ccol);
	for (i = 0; i < n && (int)i < r.h; i++) {
		memset(&cs, 0, sizeof cs);
		cs.cursor = -1;
		cells_text(&cs, rows[i].text, rows[i].len, rows[i].attr,
		    STYLE_OUT, -1);
		cells_draw(&cs, r, r.y + (int)i, 0, 1);	/* clipped */
		free(cs.c);
	}
	outbuf_free_lines(rows, n);
	if (focused && crow >= 0 && crow < r.h) {
		*cy = r.y + crow;
		*cx = r.x + (ccol < r.w ? ccol : r.w - 1);
	}
}

static void
ui_draw_pane(struct ui_pane *up, int focused, int *cy, int *cx)
{
	struct rect		 r = up->r;
	struct pane_info	 pi;
	struct outbuf		*ob = pane_outbuf(up->p);
	struct outbuf_line	*lines;
	struct cells		*lc;
	size_t			 count, first, n, i, nl, ncopied;
	uint64_t		 base;
	int			 rows_left, y, rows, skip, at_start, showtail;
	size_t			 extra = 0, ahead = 0;
	long			 crow = -1;
	int			 ccol = 0;

	if (!up->scrolled && pane_foreground(up->p)) {
		ui_draw_term(up, focused, cy, cx);
		return;
	}
	pane_info(up->p, &pi);
	count = outbuf_count(ob);
	base = outbuf_first(ob);
	at_start = outbuf_at_line_start(ob);
	/* Copy mode at the bottom shows the prompt and the line being
	 * edited too, so entering it moves nothing. */
	showtail = (!up->scrolled || up->bottom + 1 >= base + count) &&
	    pi.state != PANE_DEAD &&
	    pi.state != PANE_STARTING;
	if (up->scrolled) {
		uint64_t end = up->bottom + 1 > base ? up->bottom + 1 - base :
		    0;
		if (end > count)
			end = count;
		n = (size_t)end;
	} else
		n = count;
	first = n > (size_t)r.h ? n - (size_t)r.h : 0;
	if (!up->scrolled) {
		/* After a clear, the lines before it are history. */
		uint64_t mark = outbuf_clear_mark(ob);
		if (mark > base && mark - base > first)
			first = mark - base < n ? (size_t)(mark - base) : n;
	}
	ncopied = nl = outbuf_copy_tail(ob, first, n - first,
	    UI_LINE_BYTES(r), &lines);

	/* Logical lines: scrollback, then matches and the edit line(s). */
	{
		int p0;
		const char *t = pi.secret ? "" : ui_edit_text(up, focused,
		    &p0);
		for (i = 0; t[i] != '\0'; i++)
			if (t[i] == '\n')
				extra++;
	}
	if (showtail) {
		for (i = 0; i < up->nahead; i++) {
			const char *t = up->ahead[i].text;
			for (ahead++; (t = strchr(t, '\n')) != NULL; t++)
				ahead++;
		}
	}
	lc = xcalloc(nl + 3 + extra + ahead, sizeof *lc);
	for (i = 0; i < nl; i++) {
		lc[i].cursor = -1;
		lc[i].lead = lines[i].lead;
		cells_text(&lc[i], lines[i].text, lines[i].len,
		    lines[i].attr, STYLE_OUT, -1);
		if (up->scrolled)
			ui_draw_copy(up, base + first + i, &lc[i], focused);
	}
	if (showtail && up->nmatches > 0 && focused) {
		lc[nl].cursor = -1;
		ui_matches_cells(up, &lc[nl]);
		nl++;
	}
	if (ahead > 0)
		nl += ui_ahead_cells(up, &lc[nl]);
	if (showtail) {
		/* The prompt joins an unfinished last line (input()). */
		size_t k = nl, got;
		if (!at_start && nl > 0 && up->nmatches == 0 && ahead == 0)
			k = nl - 1;
		else
			lc[nl].cursor = -1;
		got = ui_tail_cells(up, &pi, focused && !up->scrolled,
		    &lc[k]);
		nl = k + got;
	}

	/* Fill bottom-up; note which line and row each screen row shows,
	 * for the mouse (ui-copy.c). */
	rows_left = r.h;
	y = r.y + r.h;
	up->rowmap = xreallocarray(up->rowmap, (size_t)r.h,
	    sizeof *up->rowmap);
	up->nrowmap = r.h;
	for (i = 0; i < (size_t)r.h; i++)
		up->rowmap[i].line = UINT64_MAX;
	for (i = nl; i > 0 && rows_left > 0; i--) {
		long row = -1;
		int col = 0;
		rows = cells_rows(&lc[i - 1], r.w, &row, &col);
		skip = rows > rows_left ? rows - rows_left : 0;
		y -= rows - skip;
		cells_draw(&lc[i - 1], r, y, skip, rows - skip);
		if (i - 1 < ncopied && lc[i - 1].lead == 0) {
			for (int k = skip; k < rows; k++) {
				up->rowmap[y - r.y + k - skip].line = base +
				    first + i - 1;
				up->rowmap[y - r.y + k - skip].row = k;
			}
		}
		if (focused && lc[i - 1].cursor >= 0 && row >= skip) {
			crow = y + row - skip;
			ccol = r.x + col;
		}
		rows_left -= rows - skip;
	}
	for (i = 0; i < nl; i++)
		free(lc[i].c);
	free(lc);
	outbuf_free_lines(lines, ncopied);

	if (up->scrolled) {
		char	 pos[64];
		int	 len;
		len = snprintf(pos, sizeof pos, "[%llu/%llu]",
		    (unsigned long long)(up->bottom + 1),
		    (unsigned long long)(base + count));
		wattrset(ui.win, ui.color ? COLOR_PAIR(PAIR_MARK) : A_REVERSE);
		mvwaddnstr(ui.win, r.y, r.x + (r.w > len ? r.w - len : 0), pos, r.w);
		wattrset(ui.win, A_NORMAL);
	}
	if (ui.mode == UI_DISPLAY_PANES) {
		char	 num[64];
		int	 len = snprintf(num, sizeof num, " %d: %s ", pi.index,
		    pi.name);
		wattrset(ui.win, ui.color ? COLOR_PAIR(focused ? PAIR_STATUS :
		    PAIR_MARK) | A_BOLD : A_REVERSE);
		mvwaddnstr(ui.win, r.y + r.h / 2, r.x + (r.w > len ? (r.w - len) / 2 :
		    0), num, r.w);
		wattrset(ui.win, A_NORMAL);
	}
	if (focused && crow >= 0) {
		*cy = (int)crow;
		*cx = ccol < r.x + r.w ? ccol : r.x + r.w - 1;
	}
	pane_info_free(&pi);
}

/* Borders: every cell of the area no pane owns. */
static void
ui_draw_borders(int *owner, int w, int h, int focus_idx)
{
	int	 x, y, l, rr, u, d, active, dx, dy;
	chtype	 ch;

	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			if (owner[y * w + x] != -1)
				continue;
			l = x > 0 && owner[y * w + x - 1] == -1;
			rr = x < w - 1 && owner[y * w + x + 1] == -1;
			u = y > 0 && owner[(y - 1) * w + x] == -1;
			d = y < h - 1 && owner[(y + 1) * w + x] == -1;
			if ((l || rr) && (u || d)) {
				if (l && rr && u && d)
					ch = ACS_PLUS;
				else if (l && rr && d)
					ch = ACS_TTEE;
				else if (l && rr && u)
					ch = ACS_BTEE;
				else if (u && d && rr)
					ch = ACS_LTEE;
				else if (u && d && l)
					ch = ACS_RTEE;
				else
					ch = u ? ACS_VLINE : ACS_HLINE;
			} else if (l || rr)
				ch = ACS_HLINE;
			else
				ch = ACS_VLINE;
			active = 0;
			for (dy = -1; dy <= 1 && !active; dy++)
				for (dx = -1; dx <= 1; dx++) {
					int nx = x + dx, ny = y + dy;
					if (nx >= 0 && nx < w && ny >= 0 &&
					    ny < h && owner[ny * w + nx] ==
					    focus_idx && focus_idx >= 0) {
						active = 1;
						break;
					}
				}
			if (active)
				wattrset(ui.win, ui.color ? COLOR_PAIR(PAIR_ACTIVE) :
				    A_BOLD);
			mvwaddch(ui.win, y, x, ch);
			wattrset(ui.win, A_NORMAL);
		}
	}
}

static const char *
ui_state_label(struct pane_info *pi, char *buf, size_t size)
{
	if (pi->secret)
		return ("+getpass");	/* what is typed is hidden */
	switch (pi->state) {
	case PANE_IDLE:
		return ("");
	case PANE_RUNNING:
		return ("+run");
	case PANE_INPUT:
		return ("+input");
	case PANE_STARTING:
		return ("+start");
	case PANE_CLOSING:
		return ("+close");
	case PANE_DEAD:
		snprintf(buf, size, "+exit %d", pi->exit_status);
		return (buf);
	}
	return ("");
}

static void
ui_draw_status(int *cy, int *cx)
{
	struct pane_info	 pi;
	char			 buf[256], st[32], right[128];
	size_t			 i;
	int			 x = 0, y = ui.sy - 1, len, rlen;

	wattrset(ui.win, ui.color ? COLOR_PAIR(PAIR_STATUS) : A_REVERSE);
	mvwhline(ui.win, y, 0, ' ', ui.sx);
	if (ui.mode == UI_PROMPT || ui.mode == UI_CONFIRM) {
		int point = 0;
		const char *text = ui.mode == UI_PROMPT ? input_buffer(&point) :
		    "";
		struct cells cs = { NULL, 0, 0, -1, 0 };
		struct rect r = { 0, y, ui.sx, 1 };
		long row = -1;
		int col = 0;
		wattrset(ui.win, A_NORMAL);
		mvwhline(ui.win, y, 0, ' ', ui.sx);
		cells_text(&cs, ui.prompt_label, strlen(ui.prompt_label),
		    NULL, STYLE_PROMPT, -1);
		if (ui.mode == UI_PROMPT) {
			cells_text(&cs, " ", 1, NULL, STYLE_OUT, -1);
			cells_text(&cs, text, strlen(text), NULL, STYLE_INPUT,
			    point);
		}
		cells_rows(&cs, 1 << 30, &row, &col);
		cells_draw(&cs, r, y, 0, 1);
		free(cs.c);
		*cy = y;
		*cx = col < ui.sx ? col : ui.sx - 1;
		return;
	}
	if (ui.message != NULL) {
		if (ui.message_error && ui.color)
			wattrset(ui.win, COLOR_PAIR(PAIR_ERRMSG));
		mvwaddnstr(ui.win, y, 0, ui.message, ui.sx);
		wattrset(ui.win, A_NORMAL);
		return;
	}
	/* [sync]: synchronize-panes is on, typing goes to every pane. */
	len = snprintf(buf, sizeof buf, "%s[subplex]%s ", ui.prefix ? "^B " :
	    "", ui.sync ? " [sync]" : "");
	mvwaddnstr(ui.win, y, 0, buf, ui.sx);
	x = len;
	rlen = snprintf(right, sizeof right, " Python %s %s GIL ",
	    interp_python_version(), interp_own_gil_default() ? "own" :
	    "shared");
	for (i = 0; i < pane_count() && x < ui.sx - rlen; i++) {
		struct ui_pane *up = ui_pane_of(pane_at(i));
		pane_info(pane_at(i), &pi);
		/* Flags as tmux's windows': * current (Z zoomed), - last,
		 * ! a bell rang in it since it was last focused. */
		len = snprintf(buf, sizeof buf, "%d:%s%s%s%s%s ", pi.index,
		    pi.name, pi.main ? "[main]" : "",
		    ui_state_label(&pi, st, sizeof st),
		    pane_handle(pane_at(i)) == ui.client.current ?
		    (ui.zoom ? "*Z" : "*") :
		    (pane_handle(pane_at(i)) == ui.client.last ?
		    "-" : ""), up != NULL && up->bell ? "!" : "");
		if (pane_handle(pane_at(i)) == ui.client.current)
			wattron(ui.win, A_BOLD);
		mvwaddnstr(ui.win, y, x, buf, ui.sx - rlen - x);
		wattroff(ui.win, A_BOLD);
		x += len;
		pane_info_free(&pi);
	}
	if (ui.sx > rlen)
		mvwaddnstr(ui.win, y, ui.sx - rlen, right, rlen);
	wattrset(ui.win, A_NORMAL);
}

static void
ui_draw_view(void)
{
	const char	*s = ui.view_text, *nl;
	int		 line = 0, y = 0;
	struct rect	 r = { 0, 0, ui.sx, 1 };

	while (s != NULL && *s != '\0' && y < ui.sy - 1) {
		nl = strchr(s, '\n');
		if (line >= ui.view_top) {
			struct cells cs = { NULL, 0, 0, -1, 0 };
			cells_text(&cs, s, nl != NULL ? (size_t)(nl - s) :
			    strlen(s), NULL, STYLE_OUT, -1);
			cells_draw(&cs, r, y, 0, 1);
			free(cs.c);
			y++;
		}
		line++;
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	wattrset(ui.win, ui.color ? COLOR_PAIR(PAIR_STATUS) : A_REVERSE);
	mvwhline(ui.win, ui.sy - 1, 0, ' ', ui.sx);
	mvwaddnstr(ui.win, ui.sy - 1, 0, "q: close, arrows/PgUp/PgDn: scroll",
	    ui.sx);
	wattrset(ui.win, A_NORMAL);
}

static void
ui_draw_too_small(void)
{
	char	 msg[128];
	int	 len;

	len = snprintf(msg, sizeof msg, "terminal too small (%dx%d) for "
	    "%zu pane%s: enlarge it, zoom (C-b z) or close panes", ui.sx,
	    ui.sy, pane_count(), pane_count() == 1 ? "" : "s");
	if (len > ui.sx)
		len = snprintf(msg, sizeof msg, "terminal too small (%dx%d)",
		    ui.sx, ui.sy);
	if (len > ui.sx)
		len = snprintf(msg, sizeof msg, "terminal too small");
	if (len > ui.sx)
		len = snprintf(msg, sizeof msg, "too small");
	mvwaddnstr(ui.win, ui.sy / 2 > 0 ? ui.sy / 2 - 1 : 0, len < ui.sx ?
	    (ui.sx - len) / 2 : 0, msg, ui.sx);
}

/*
 * The frame as arranged (ui.c's ui_arrange: where each pane goes), into
 * the canvas ui.win; *cy, *cx: where the cursor goes (*cy -1: hidden).
 * 1: the last row is the status line (ui-term.c keeps it at the bottom of
 * a terminal of another size).
 */
int
ui_draw(int *cy, int *cx)
{
	struct ui_pane	*up;
	int		*owner, focus_idx;
	int		 h = ui.status ? ui.sy - 1 : ui.sy;
	size_t		 n = pane_count(), i;

	werase(ui.win);
	*cy = -1;
	*cx = 0;
	if (ui.mode == UI_VIEW) {
		ui_draw_view();
		return (1);
	}
	focus_idx = cmd_current(&ui.client) != NULL ?
	    pane_index(cmd_current(&ui.client)) : -1;
	if (!ui.fits)
		ui_draw_too_small();
	else if (n > 0) {
		owner = xmalloc(sizeof *owner * (size_t)ui.sx * (size_t)h);
		for (i = 0; i < (size_t)ui.sx * (size_t)h; i++)
			owner[i] = ui.zoom ? (int)focus_idx : -1;
		for (i = 0; i < n; i++) {
			if ((up = ui_pane_of(pane_at(i))) == NULL ||
			    !up->visible)
				continue;
			for (int y = up->r.y; y < up->r.y + up->r.h; y++)
				for (int x = up->r.x; x < up->r.x + up->r.w;
				    x++)
					owner[y * ui.sx + x] = (int)i;
			ui_draw_pane(up, (int)i == focus_idx, cy, cx);
		}
		if (!ui.zoom)
			ui_draw_borders(owner, ui.sx, h, n > 1 ? focus_idx :
			    -1);
		free(owner);
	}
	/* Prompts and messages need the status line even when it is off. */
	if (ui.sy >= 1 && (ui.status || ui.mode == UI_PROMPT ||
	    ui.mode == UI_CONFIRM || ui.message != NULL)) {
		ui_draw_status(cy, cx);
		return (1);
	}
	return (0);
}
