/*
 * ui-copy.c: copy mode, as tmux's: a cursor that moves over a pane's
 * lines (its scrollback and its screen), searches, selects and copies.
 *
 * A position is a line's absolute number (outbuf_first counts them) and a
 * cell of that line as drawn (cells_text, ui-draw.c: a character with its
 * marks; a tab is the spaces it shows as), so up and down move by the rows
 * a line wraps to at the pane's width, and what is copied is what is
 * shown.  Its commands have tmux's names (copy_names: cursor-up,
 * begin-selection, copy-selection-and-cancel ...) and run as send-keys -X
 * NAME; the keys are key tables (keys-table.c: copy-mode-vi and
 * copy-mode, chosen by mode-keys, by default vi when $VISUAL or $EDITOR
 * names vi, as tmux decides) that ui.c looks a key up in; a key bound in
 * neither does nothing, so nothing typed reaches the line hidden under the
 * view.  A copy becomes the newest paste buffer (paste.c) and goes to the
 * outer terminals' clipboard with OSC 52 (ui_term_clipboard) when
 * set-clipboard is on.
 *
 * The state is in struct ui_pane (ui-int.h): ui-draw.c reads it to draw
 * the view, the cursor, the selection and the matches, and says which
 * cells are selected or match (ui_draw_selected, ui_draw_match), so a
 * copy and a search here take what is shown; ui.c hands the commands
 * (ui_copy_command) and mouse events here.  UI thread only.
 * Cost: a move reads the lines it crosses (outbuf_copy, one at a time); a
 * search reads every line once at most.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui-int.h"

enum copy_cmd {
	CC_NONE, CC_LEFT, CC_RIGHT, CC_UP, CC_DOWN, CC_BOL, CC_EOL,
	CC_INDENT, CC_WORD, CC_WORD_BACK, CC_WORD_END, CC_SPACE,
	CC_SPACE_BACK, CC_SPACE_END, CC_TOP_LINE, CC_MIDDLE_LINE,
	CC_BOTTOM_LINE, CC_HISTORY_TOP, CC_HISTORY_BOTTOM, CC_HALF_UP,
	CC_HALF_DOWN, CC_PAGE_UP, CC_PAGE_DOWN, CC_SCROLL_UP, CC_SCROLL_DOWN,
	CC_SEARCH_DOWN, CC_SEARCH_UP, CC_SEARCH_AGAIN, CC_SEARCH_REVERSE,
	CC_BEGIN_SELECTION, CC_SELECT_LINE, CC_RECTANGLE, CC_CLEAR_SELECTION,
	CC_OTHER_END, CC_COPY, CC_COPY_STAY, CC_COPY_EOL, CC_CANCEL
};

/* tmux's names for copy mode's commands (send-keys -X NAME). */
static const struct {
	const char	*name;
	enum copy_cmd	 cmd;
} copy_names[] = {
	{ "cursor-left", CC_LEFT }, { "cursor-right", CC_RIGHT },
	{ "cursor-up", CC_UP }, { "cursor-down", CC_DOWN },
	{ "start-of-line", CC_BOL }, { "end-of-line", CC_EOL },
	{ "back-to-indentation", CC_INDENT }, { "next-word", CC_WORD },
	{ "previous-word", CC_WORD_BACK }, { "next-word-end", CC_WORD_END },
	{ "next-space", CC_SPACE }, { "previous-space", CC_SPACE_BACK },
	{ "next-space-end", CC_SPACE_END }, { "top-line", CC_TOP_LINE },
	{ "middle-line", CC_MIDDLE_LINE }, { "bottom-line", CC_BOTTOM_LINE },
	{ "history-top", CC_HISTORY_TOP },
	{ "history-bottom", CC_HISTORY_BOTTOM },
	{ "halfpage-up", CC_HALF_UP }, { "halfpage-down", CC_HALF_DOWN },
	{ "page-up", CC_PAGE_UP }, { "page-down", CC_PAGE_DOWN },
	{ "scroll-up", CC_SCROLL_UP }, { "scroll-down", CC_SCROLL_DOWN },
	{ "search-forward", CC_SEARCH_DOWN },
	{ "search-backward", CC_SEARCH_UP },
	{ "search-again", CC_SEARCH_AGAIN },
	{ "search-reverse", CC_SEARCH_REVERSE },
	{ "begin-selection", CC_BEGIN_SELECTION },
	{ "select-line", CC_SELECT_LINE },
	{ "rectangle-toggle", CC_RECTANGLE },
	{ "clear-selection", CC_CLEAR_SELECTION },
	{ "other-end", CC_OTHER_END },
	{ "copy-selection-and-cancel", CC_COPY },
	{ "copy-selection", CC_COPY_STAY },
	{ "copy-end-of-line", CC_COPY_EOL },
	{ "cancel", CC_CANCEL },
};

/* The names, for send-keys -X's completion and messages. */
const char *
ui_copy_name(size_t i)
{
	return (i < sizeof copy_names / sizeof copy_names[0] ?
	    copy_names[i].name : NULL);
}

/* vi keys or emacs keys: the option, else tmux's guess from the editor. */
int
ui_copy_vi(void)
{
	const char	*e, *base;

	switch (options_get("mode-keys")) {
	case 1:
		return (0);
	case 2:
		return (1);
	}
	if ((e = getenv("VISUAL")) == NULL || *e == '\0')
		e = getenv("EDITOR");
	if (e == NULL)
		return (0);
	base = strrchr(e, '/') != NULL ? strrchr(e, '/') + 1 : e;
	return (strstr(base, "vi") != NULL);
}

/* ---- lines and positions ---- */

/* The lines there are: [first, end). */
static void
ui_copy_range(struct ui_pane *up, uint64_t *first, uint64_t *end)
{
	struct outbuf	*ob = pane_outbuf(up->p);

	*first = outbuf_first(ob);
	*end = *first + outbuf_count(ob);
}

/* Line l as cells in cs (empty if it is gone); free cs->c after. */
static void
ui_copy_line(struct ui_pane *up, uint64_t l, struct cells *cs)
{
	struct outbuf		*ob = pane_outbuf(up->p);
	struct outbuf_line	*lines;
	uint64_t		 first = outbuf_first(ob);
	size_t			 n;

	memset(cs, 0, sizeof *cs);
	cs->cursor = -1;
	if (l < first)
		return;
	n = outbuf_copy(ob, (size_t)(l - first), 1, &lines);
	if (n > 0)
		cells_text(cs, lines[0].text, lines[0].len, lines[0].attr,
		    STYLE_OUT, -1);
	outbuf_free_lines(lines, n);
}

/*
 * Row and column of cell i of cs at width w (i may be cs->n): where the
 * draw puts it (cells_rows, ui-draw.c, wraps as it draws).
 */
static void
ui_copy_where(struct cells *cs, int w, size_t i, int *row, int *col)
{
	long	 r = 0, was = cs->cursor;

	*col = 0;
	cs->cursor = (long)i;
	(void)cells_rows(cs, w, &r, col);
	cs->cursor = was;
	*row = (int)r;
}

/* Rows cs takes at width w. */
static int
ui_copy_rows(struct cells *cs, int w)
{
	long	 r = 0, was = cs->cursor;
	int	 c = 0, rows;

	cs->cursor = -1;
	rows = cells_rows(cs, w, &r, &c);
	cs->cursor = was;
	return (rows);
}

/* The cell of row row nearest column col (the last at or before it). */
static size_t
ui_copy_at(struct cells *cs, int w, int row, int col)
{
	size_t	 k, best = SIZE_MAX, first = SIZE_MAX;
	int	 r = 0, c = 0;

	for (k = 0; k < cs->n; k++) {
		if (c + cs->c[k].width > w) {
			r++;
			c = 0;
		}
		if (r == row) {
			if (first == SIZE_MAX)
				first = k;
			if (c <= col)
				best = k;
		} else if (r > row)
			break;
		c += cs->c[k].width;
	}
	if (best != SIZE_MAX)
		return (best);
	if (first != SIZE_MAX)
		return (first);
	return (cs->n > 0 ? cs->n - 1 : 0);
}

static int
ui_copy_width(struct ui_pane *up)
{
	return (up->r.w > 0 ? up->r.w : 80);
}

/*
 * Rows the view has for lines: the pane's, but for the prompt and the
 * line being edited that the last frame drew under the last line.
 */
static int
ui_copy_height(struct ui_pane *up)
{
	int	 h = up->r.h > 0 ? up->r.h : 24, k;

	if (up->nrowmap == h) {
		for (k = h; k > 1 && up->rowmap[k - 1].line == UINT64_MAX;)
			k--;
		if (k > 1 && up->rowmap[k - 1].line != UINT64_MAX)
			h = k;
	}
	return (h);
}

/* Keep the cursor within its line's cells. */
static void
ui_copy_clamp(struct ui_pane *up)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	uint64_t	 first, end;

	ui_copy_range(up, &first, &end);
	if (end == first)
		end = first + 1;
	if (cp->cy < first)
		cp->cy = first;
	if (cp->cy >= end)
		cp->cy = end - 1;
	ui_copy_line(up, cp->cy, &cs);
	if (cp->cx >= cs.n)
		cp->cx = cs.n > 0 ? cs.n - 1 : 0;
	free(cs.c);
	if (cp->sel != COPY_SEL_NONE && cp->sy < first) {
		cp->sy = first;		/* its start went off the scrollback */
		cp->sx = 0;
	}
}

/*
 * Keep the cursor on the view: the view ends at line up->bottom (its last
 * row at the pane's last row); move it the least that shows the cursor.
 */
static void
ui_copy_show(struct ui_pane *up)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	int		 w = ui_copy_width(up), h = ui_copy_height(up);
	int		 row, col, below;
	uint64_t	 l, end, first;

	ui_copy_range(up, &first, &end);
	if (cp->cy > up->bottom) {
		up->bottom = cp->cy;
		return;
	}
	/* Rows from the cursor's row down to the view's last row. */
	ui_copy_line(up, cp->cy, &cs);
	ui_copy_where(&cs, w, cp->cx, &row, &col);
	below = ui_copy_rows(&cs, w) - row;
	free(cs.c);
	for (l = cp->cy + 1; l <= up->bottom && below <= h; l++) {
		ui_copy_line(up, l, &cs);
		below += ui_copy_rows(&cs, w);
		free(cs.c);
	}
	if (below <= h)
		return;
	/* The cursor is above the view: its row becomes the top one. */
	ui_copy_line(up, cp->cy, &cs);
	below = ui_copy_rows(&cs, w) - row;
	free(cs.c);
	for (l = cp->cy; l + 1 < end; l++) {
		ui_copy_line(up, l + 1, &cs);
		below += ui_copy_rows(&cs, w);
		free(cs.c);
		if (below > h)
			break;
	}
	up->bottom = l;
}

/* The line at the view's top and the number of rows the view shows. */
static uint64_t
ui_copy_top(struct ui_pane *up)
{
	struct cells	 cs;
	int		 w = ui_copy_width(up), left = ui_copy_height(up);
	uint64_t	 l, first, end;

	ui_copy_range(up, &first, &end);
	for (l = up->bottom;; l--) {
		ui_copy_line(up, l, &cs);
		left -= ui_copy_rows(&cs, w);
		free(cs.c);
		if (left <= 0 || l == first)
			return (l);
	}
}

/* Enter copy mode (the cursor on the last line) if not in it. */
void
ui_copy_enter(struct ui_pane *up, int mouse)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	uint64_t	 first, end;

	if (up->scrolled)
		return;
	ui_copy_range(up, &first, &end);
	cp->sel = COPY_SEL_NONE;	/* the last search stays, as tmux's */
	cp->rect = 0;
	up->scrolled = 1;
	up->bottom = end > first ? end - 1 : first;
	cp->cy = up->bottom;
	ui_copy_line(up, cp->cy, &cs);
	cp->cx = cs.n > 0 ? cs.n - 1 : 0;
	free(cs.c);
	cp->want = -1;
	cp->mouse = mouse;
	ui.dirty = 1;
}

void
ui_copy_leave(struct ui_pane *up)
{
	up->scrolled = 0;
	up->copy.sel = COPY_SEL_NONE;
	up->dragging = 0;
	ui.dirty = 1;
}

/* ---- moves ---- */

static void
ui_copy_vertical(struct ui_pane *up, long n)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	int		 w = ui_copy_width(up), row, col, rows;
	uint64_t	 first, end;

	ui_copy_range(up, &first, &end);
	ui_copy_line(up, cp->cy, &cs);
	ui_copy_where(&cs, w, cp->cx, &row, &col);
	if (cp->want < 0)
		cp->want = col;
	rows = ui_copy_rows(&cs, w);
	for (; n < 0; n++) {
		if (row > 0) {
			row--;
			continue;
		}
		if (cp->cy <= first)
			break;
		cp->cy--;
		free(cs.c);
		ui_copy_line(up, cp->cy, &cs);
		row = (rows = ui_copy_rows(&cs, w)) - 1;
	}
	for (; n > 0; n--) {
		if (row + 1 < rows) {
			row++;
			continue;
		}
		if (cp->cy + 1 >= end)
			break;
		cp->cy++;
		free(cs.c);
		ui_copy_line(up, cp->cy, &cs);
		rows = ui_copy_rows(&cs, w);
		row = 0;
	}
	cp->cx = ui_copy_at(&cs, w, row, cp->want);
	free(cs.c);
}

/* A character's class for word moves: 0 space, 1 word, 2 punctuation. */
static int
ui_copy_class(const struct cells *cs, size_t i, int bigword)
{
	wchar_t	 wc;

	if (i >= cs->n)
		return (0);
	wc = cs->c[i].wc[0];
	if (wc == ' ' || wc == 0 || iswspace((wint_t)wc))
		return (0);
	if (bigword || wc == '_' || iswalnum((wint_t)wc) || wc > 0x7f)
		return (1);
	return (2);
}

/*
 * Walk one character forward (dir 1) or back (-1), across line ends (a
 * line end counts as a space).  0 at the end of the lines.
 */
static int
ui_copy_step(struct ui_pane *up, struct cells *cs, int dir)
{
	struct ui_copy	*cp = &up->copy;
	uint64_t	 first, end;

	ui_copy_range(up, &first, &end);
	if (dir > 0) {
		if (cp->cx + 1 < cs->n) {
			cp->cx++;
			return (1);
		}
		if (cp->cy + 1 >= end)
			return (0);
		cp->cy++;
		cp->cx = 0;
	} else {
		if (cp->cx > 0) {
			cp->cx--;
			return (1);
		}
		if (cp->cy <= first)
			return (0);
		cp->cy--;
	}
	free(cs->c);
	ui_copy_line(up, cp->cy, cs);
	if (dir < 0)
		cp->cx = cs->n > 0 ? cs->n - 1 : 0;
	return (2);		/* a new line: a space between */
}

/* w / W: the start of the next word. */
static void
ui_copy_word(struct ui_pane *up, int big)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	int		 cls, st;

	ui_copy_line(up, cp->cy, &cs);
	cls = ui_copy_class(&cs, cp->cx, big);
	for (;;) {
		if ((st = ui_copy_step(up, &cs, 1)) == 0)
			break;
		if (st == 2)
			cls = 0;
		if (cs.n == 0)
			break;		/* an empty line is a word */
		if (ui_copy_class(&cs, cp->cx, big) != 0 &&
		    ui_copy_class(&cs, cp->cx, big) != cls)
			break;
		cls = ui_copy_class(&cs, cp->cx, big) == 0 ? 0 : cls;
	}
	free(cs.c);
}

/* e / E / M-f: the end of this or the next word. */
static void
ui_copy_word_end(struct ui_pane *up, int big)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	int		 cls;

	ui_copy_line(up, cp->cy, &cs);
	do {
		if (ui_copy_step(up, &cs, 1) == 0)
			break;
	} while (ui_copy_class(&cs, cp->cx, big) == 0);
	cls = ui_copy_class(&cs, cp->cx, big);
	while (cls != 0 && cp->cx + 1 < cs.n &&
	    ui_copy_class(&cs, cp->cx + 1, big) == cls)
		cp->cx++;
	free(cs.c);
}

/* b / B / M-b: the start of this or the previous word. */
static void
ui_copy_word_back(struct ui_pane *up, int big)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	int		 cls;

	ui_copy_line(up, cp->cy, &cs);
	do {
		if (ui_copy_step(up, &cs, -1) == 0)
			break;
	} while (ui_copy_class(&cs, cp->cx, big) == 0 && cs.n > 0);
	cls = ui_copy_class(&cs, cp->cx, big);
	while (cls != 0 && cp->cx > 0 &&
	    ui_copy_class(&cs, cp->cx - 1, big) == cls)
		cp->cx--;
	free(cs.c);
}

/* ---- search ---- */

/*
 * Move to the next match of the search, forward or back from the cursor,
 * round the end (tmux's wrap-search).  0 when there is none.
 */
static int
ui_copy_find(struct ui_pane *up, int back)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	const wchar_t	*s = cp->search_shown;
	uint64_t	 first, end, l, count, k;
	size_t		 i;

	if (s == NULL || *s == 0)
		return (0);
	ui_copy_range(up, &first, &end);
	if ((count = end - first) == 0)
		return (0);
	for (k = 0; k <= count; k++) {
		if (back)
			l = first + (cp->cy - first + count - k) % count;
		else
			l = first + (cp->cy - first + k) % count;
		ui_copy_line(up, l, &cs);
		for (i = 0; i < cs.n; i++) {
			size_t j = back ? cs.n - 1 - i : i;
			if (k == 0 && (back ? j >= cp->cx : j <= cp->cx))
				continue;
			if (k == count && (back ? j < cp->cx :
			    j > cp->cx))
				continue;
			if (ui_draw_match(up, &cs, j) != 0) {
				cp->cy = l;
				cp->cx = j;
				free(cs.c);
				return (1);
			}
		}
		free(cs.c);
	}
	return (0);
}

/* The answer to the search prompt: search for text (empty: the last). */
int
ui_copy_search(struct ui_pane *up, const char *text, int back, char **cause)
{
	struct ui_copy	*cp = &up->copy;
	size_t		 n;

	if (!up->scrolled)
		return (0);
	if (text != NULL && *text != '\0') {
		n = mbstowcs(NULL, text, 0);
		if (n == (size_t)-1) {
			xasprintf(cause, "search: invalid text");
			return (-1);
		}
		free(cp->search_shown);
		cp->search_shown = xcalloc(n + 1, sizeof (wchar_t));
		mbstowcs(cp->search_shown, text, n + 1);
	}
	if (cp->search_shown == NULL) {
		xasprintf(cause, "no previous search");
		return (-1);
	}
	cp->back = back;
	cp->want = -1;
	if (!ui_copy_find(up, back)) {
		xasprintf(cause, "search: '%ls' not found", cp->search_shown);
		return (-1);
	}
	ui_copy_show(up);
	ui.dirty = 1;
	return (0);
}

/* ---- selection and copying ---- */

/* The display column of cell i within its line (not wrapped). */
static int
ui_copy_column(const struct cells *cs, size_t i)
{
	size_t	 k;
	int	 col = 0;

	for (k = 0; k < i && k < cs->n; k++)
		col += cs->c[k].width;
	return (col);
}

static void
ui_copy_columns(struct ui_pane *up)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;

	ui_copy_line(up, cp->cy, &cs);
	cp->ccol = ui_copy_column(&cs, cp->cx);
	free(cs.c);
	ui_copy_line(up, cp->sy, &cs);
	cp->scol = ui_copy_column(&cs, cp->sx);
	free(cs.c);
}

/* Append a cell's character(s) as UTF-8. */
static void
ui_copy_put(char **buf, size_t *len, size_t *cap, const struct cell *c)
{
	char		 mb[MB_LEN_MAX];
	mbstate_t	 st;
	size_t		 n;
	int		 k;

	for (k = 0; k < 4 && c->wc[k] != 0; k++) {
		memset(&st, 0, sizeof st);
		if ((n = wcrtomb(mb, c->wc[k], &st)) == (size_t)-1)
			continue;
		if (*len + n + 2 > *cap)
			*buf = xrealloc(*buf, (*cap = (*len + n + 2) * 2));
		memcpy(*buf + *len, mb, n);
		*len += n;
	}
}

/* The selected text, lines joined with newlines; NULL if none. */
static char *
ui_copy_text(struct ui_pane *up, size_t *lenp)
{
	struct ui_copy	*cp = &up->copy;
	struct cells	 cs;
	uint64_t	 l, sl, el;
	size_t		 i, len = 0, cap = 0, linestart;
	char		*buf = NULL;
	int		 col;

	if (cp->sel == COPY_SEL_NONE)
		return (NULL);
	sl = cp->sy < cp->cy ? cp->sy : cp->cy;
	el = cp->sy < cp->cy ? cp->cy : cp->sy;
	for (l = sl; l <= el; l++) {
		ui_copy_line(up, l, &cs);
		linestart = len;
		for (i = 0, col = 0; i < cs.n; col += cs.c[i].width, i++)
			if (ui_draw_selected(up, l, i, col))
				ui_copy_put(&buf, &len, &cap, &cs.c[i]);
		free(cs.c);
		if (cp->rect || cp->sel == COPY_SEL_LINE)
			/* Trailing blanks of a line are not text. */
			while (len > linestart && buf[len - 1] == ' ')
				len--;
		if (l != el) {
			if (len + 2 > cap)
				buf = xrealloc(buf, (cap = (len + 2) * 2));
			buf[len++] = '\n';
		}
	}
	if (buf == NULL)
		buf = xstrdup("");
	buf[len] = '\0';
	*lenp = len;
	return (buf);
}

/* Copy the selection to a new buffer and the clipboard; leave if asked. */
static void
ui_copy_selection(struct ui_pane *up, int leave)
{
	char	*text;
	size_t	 len;

	if ((text = ui_copy_text(up, &len)) == NULL)
		return;
	if (len > 0 && options_get("set-clipboard"))
		ui_term_clipboard(text, len);
	if (len > 0)
		paste_add(NULL, text, len,
		    (size_t)options_get("buffer-limit"));
	else
		free(text);
	if (leave)
		ui_copy_leave(up);
	else
		up->copy.sel = COPY_SEL_NONE;
}

static void
ui_copy_begin(struct ui_pane *up, int kind)
{
	struct ui_copy	*cp = &up->copy;

	cp->sel = kind;
	cp->sy = cp->cy;
	cp->sx = cp->cx;
	ui_copy_columns(up);
}

/* ---- keys and the mouse ---- */

static void ui_copy_move_view(struct ui_pane *, long);

/*
 * Half or whole pages (rows, negative: up): the view moves by the lines
 * that make at least that many rows, the cursor with it, as tmux's
 * page-up keeps the cursor's place on the screen.
 */
static void
ui_copy_page(struct ui_pane *up, long rows)
{
	struct cells	 cs;
	uint64_t	 first, end, l;
	long		 lines = 0, got = 0, want = rows < 0 ? -rows : rows;
	int		 w = ui_copy_width(up);

	ui_copy_range(up, &first, &end);
	for (l = up->bottom; got < want; lines++) {
		if (rows < 0 ? l <= first : l + 1 >= end)
			break;
		l = rows < 0 ? l - 1 : l + 1;
		ui_copy_line(up, rows < 0 ? l + 1 : l, &cs);
		got += ui_copy_rows(&cs, w);
		free(cs.c);
	}
	if (lines == 0)		/* the view is at an end: the cursor goes */
		ui_copy_vertical(up, rows);
	else
		ui_copy_move_view(up, rows < 0 ? -lines : lines);
}

/* Move the view by n lines (negative: up), the cursor with it. */
static void
ui_copy_move_view(struct ui_pane *up, long n)
{
	struct ui_copy	*cp = &up->copy;
	uint64_t	 first, end;

	ui_copy_range(up, &first, &end);
	if (n < 0) {
		uint64_t k = (uint64_t)-n;
		up->bottom = up->bottom > first + k ? up->bottom - k : first;
		cp->cy = cp->cy > first + k ? cp->cy - k : first;
	} else {
		up->bottom += (uint64_t)n;
		cp->cy += (uint64_t)n;
	}
	if (up->bottom + 1 > end)
		up->bottom = end > first ? end - 1 : first;
	ui_copy_clamp(up);
}

/*
 * The wheel, C-y, C-e: the view by n lines (negative: up), the cursor
 * with it.  Copy mode a wheel began ends when it is back at the bottom.
 */
void
ui_copy_scroll(struct ui_pane *up, long n)
{
	struct ui_copy	*cp = &up->copy;
	uint64_t	 first, end;

	ui_copy_range(up, &first, &end);
	if (!up->scrolled) {
		if (n >= 0)
			return;
		ui_copy_enter(up, 1);
	}
	ui_copy_move_view(up, n);
	if (up->bottom + 1 >= end && cp->mouse && cp->sel == COPY_SEL_NONE)
		ui_copy_leave(up);	/* a wheel brought it back: follow */
	ui.dirty = 1;
}

/*
 * send-keys -X NAME [ARG]: one of copy mode's commands in pane up, which
 * is in copy mode (ui.c checks).  -1 and why when it cannot be done.
 */
int
ui_copy_command(struct ui_pane *up, const char *name, const char *arg,
    char **cause)
{
	struct ui_copy	*cp = &up->copy;
	enum copy_cmd	 cmd = CC_NONE;
	int		 h = ui_copy_height(up), keep_want = 0;
	uint64_t	 first, end, top;
	size_t		 i;

	for (i = 0; i < sizeof copy_names / sizeof copy_names[0]; i++)
		if (strcmp(copy_names[i].name, name) == 0)
			cmd = copy_names[i].cmd;
	if (cmd == CC_NONE) {
		xasprintf(cause, "unknown copy-mode command '%s'", name);
		return (-1);
	}
	if ((arg != NULL) != (cmd == CC_SEARCH_DOWN || cmd == CC_SEARCH_UP)) {
		xasprintf(cause, arg != NULL ? "%s takes no argument" :
		    "%s needs the text to search for", name);
		return (-1);
	}
	ui_copy_range(up, &first, &end);
	ui.dirty = 1;
	switch (cmd) {
	case CC_NONE:
		return (0);
	case CC_LEFT:
		if (cp->cx > 0)
			cp->cx--;
		break;
	case CC_RIGHT:
		cp->cx++;
		break;
	case CC_UP:
		ui_copy_vertical(up, -1);
		keep_want = 1;
		break;
	case CC_DOWN:
		ui_copy_vertical(up, 1);
		keep_want = 1;
		break;
	case CC_BOL:
		cp->cx = 0;
		break;
	case CC_EOL:
		cp->cx = SIZE_MAX;
		break;
	case CC_INDENT: {
		struct cells cs;
		ui_copy_line(up, cp->cy, &cs);
		for (cp->cx = 0; cp->cx < cs.n &&
		    ui_copy_class(&cs, cp->cx, 0) == 0; cp->cx++)
			;
		free(cs.c);
		break;
	}
	case CC_WORD:
	case CC_SPACE:
		ui_copy_word(up, cmd == CC_SPACE);
		break;
	case CC_WORD_END:
	case CC_SPACE_END:
		ui_copy_word_end(up, cmd == CC_SPACE_END);
		break;
	case CC_WORD_BACK:
	case CC_SPACE_BACK:
		ui_copy_word_back(up, cmd == CC_SPACE_BACK);
		break;
	case CC_TOP_LINE:
	case CC_MIDDLE_LINE:
	case CC_BOTTOM_LINE:
		top = ui_copy_top(up);
		if (cmd == CC_TOP_LINE)
			cp->cy = top;
		else if (cmd == CC_BOTTOM_LINE)
			cp->cy = up->bottom;
		else
			cp->cy = top + (up->bottom - top) / 2;
		cp->cx = 0;
		break;
	case CC_HISTORY_TOP:
		cp->cy = first;
		cp->cx = 0;
		break;
	case CC_HISTORY_BOTTOM:
		cp->cy = end > first ? end - 1 : first;
		cp->cx = SIZE_MAX;
		up->bottom = cp->cy;
		break;
	case CC_HALF_UP:
	case CC_HALF_DOWN:
	case CC_PAGE_UP:
	case CC_PAGE_DOWN: {
		long rows = cmd == CC_HALF_UP || cmd == CC_HALF_DOWN ?
		    h / 2 : (h > 2 ? h - 1 : 1);
		if (rows < 1)
			rows = 1;
		ui_copy_page(up, cmd == CC_HALF_UP || cmd == CC_PAGE_UP ?
		    -rows : rows);
		keep_want = 1;
		break;
	}
	case CC_SCROLL_UP:
		ui_copy_scroll(up, -1);
		return (0);
	case CC_SCROLL_DOWN:
		ui_copy_scroll(up, 1);
		return (0);
	case CC_SEARCH_DOWN:
	case CC_SEARCH_UP:
		return (ui_copy_search(up, arg, cmd == CC_SEARCH_UP, cause));
	case CC_SEARCH_AGAIN:
	case CC_SEARCH_REVERSE: {
		int back = cp->back;
		if (ui_copy_search(up, NULL, cmd == CC_SEARCH_AGAIN ? back :
		    !back, cause) != 0) {
			cp->back = back;
			return (-1);
		}
		cp->back = back;	/* N keeps the direction typed */
		return (0);
	}
	case CC_BEGIN_SELECTION:
		ui_copy_begin(up, COPY_SEL_CHAR);
		cp->rect = 0;
		break;
	case CC_SELECT_LINE:
		ui_copy_begin(up, COPY_SEL_LINE);
		cp->rect = 0;
		break;
	case CC_RECTANGLE:
		if (cp->sel == COPY_SEL_NONE)
			ui_copy_begin(up, COPY_SEL_CHAR);
		else if (cp->sel == COPY_SEL_LINE)
			cp->sel = COPY_SEL_CHAR;
		cp->rect = !cp->rect;
		break;
	case CC_CLEAR_SELECTION:
		cp->sel = COPY_SEL_NONE;
		cp->rect = 0;
		break;
	case CC_OTHER_END:
		if (cp->sel != COPY_SEL_NONE) {
			uint64_t y = cp->sy;
			size_t x = cp->sx;
			cp->sy = cp->cy;
			cp->sx = cp->cx;
			cp->cy = y;
			cp->cx = x;
		}
		break;
	case CC_COPY_EOL:
		ui_copy_begin(up, COPY_SEL_CHAR);
		cp->rect = 0;
		cp->cx = SIZE_MAX;
		ui_copy_clamp(up);
		ui_copy_selection(up, 1);
		return (0);
	case CC_COPY:
	case CC_COPY_STAY:
		if (cp->sel != COPY_SEL_NONE)
			ui_copy_selection(up, cmd == CC_COPY);
		return (0);
	case CC_CANCEL:
		ui_copy_leave(up);
		return (0);
	}
	if (!keep_want)
		cp->want = -1;
	ui_copy_clamp(up);
	ui_copy_show(up);
	if (cp->sel != COPY_SEL_NONE)
		ui_copy_columns(up);
	return (0);
}

/*
 * The line and cell drawn at (x, y) of the pane, as the last frame drew
 * it (ui-draw.c notes each row's line).  0 if the place shows no line.
 */
static int
ui_copy_point(struct ui_pane *up, int x, int y, uint64_t *l, size_t *i)
{
	struct cells	 cs;

	y -= up->r.y;
	if (y < 0 || y >= up->nrowmap || up->rowmap[y].line == UINT64_MAX)
		return (0);
	*l = up->rowmap[y].line;
	ui_copy_line(up, *l, &cs);
	*i = ui_copy_at(&cs, ui_copy_width(up), up->rowmap[y].row,
	    x - up->r.x);
	free(cs.c);
	return (1);
}

/*
 * The mouse on a pane: a press marks where a drag may start, a drag
 * selects from there (entering copy mode), its release copies and leaves,
 * as tmux with mouse on.
 */
void
ui_copy_mouse(struct ui_pane *up, struct key_event *ev)
{
	struct ui_copy	*cp = &up->copy;
	uint64_t	 l;
	size_t		 i;

	switch (ev->mouse) {
	case MOUSE_PRESS:
		up->press_x = ev->x;
		up->press_y = ev->y;
		up->dragging = 0;
		if (up->scrolled && cp->sel != COPY_SEL_NONE) {
			cp->sel = COPY_SEL_NONE;	/* a click clears */
			ui.dirty = 1;
		}
		break;
	case MOUSE_DRAG:
		if (!up->dragging) {
			ui_copy_enter(up, 1);
			if (!ui_copy_point(up, up->press_x, up->press_y,
			    &cp->cy, &cp->cx))
				break;
			ui_copy_begin(up, COPY_SEL_CHAR);
			cp->rect = 0;
			up->dragging = 1;
		}
		if (ui_copy_point(up, ev->x, ev->y, &l, &i)) {
			cp->cy = l;
			cp->cx = i;
			ui_copy_columns(up);
		}
		ui.dirty = 1;
		break;
	case MOUSE_RELEASE:
		if (up->dragging) {
			up->dragging = 0;
			ui_copy_selection(up, 1);
		}
		break;
	default:
		break;
	}
}
