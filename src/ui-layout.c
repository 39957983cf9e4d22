/*
 * ui-layout.c: where panes go on the screen.
 *
 * layout_compute() places n panes, in pane order, in a w x h cell area (the
 * screen without its status line) the way tmux's preset layouts do, with one
 * cell of border between neighbouring panes; border cells belong to no pane
 * and ui-draw.c draws them.  Sizes are as equal as possible and the extra
 * cells go to the first panes (or rows, or columns).  If any pane would be
 * smaller than LAYOUT_MIN_W x LAYOUT_MIN_H it fails, and the caller shows a
 * message (or zooms) instead.
 *
 * Panes laid out freely live in a tree of cells, as tmux's layout cells: a
 * cell is a row of cells side by side (left-right), a column of cells
 * one above the other (top-bottom), or a pane, known by its handle, never
 * by a pointer, so a pane freed meanwhile leaves nothing dangling.  Every
 * cell has its size and place; neighbours are one border cell apart.
 * split-window splits a pane's cell, resize-pane and a dragged border move
 * a border (taking from the cells beyond it, never below the minimum,
 * as tmux's layout_resize_pane), a pane that goes leaves its space to its
 * neighbour, swap-pane trades two panes' cells, a new screen size scales
 * every cell in proportion, and layout_preset() builds the tree of a
 * preset, cell for cell what layout_compute() places, so the presets look
 * as they always did.  The UI (ui.c) keeps one tree and says which
 * (a preset, rebuilt as panes come and go, or custom).
 *
 * It is pure arithmetic and trees, no I/O: any thread may call it, though
 * in practice only the UI thread does.  The names and the cycling order
 * serve select-layout and next-layout in cmd.c.  Cost: O(n) per preset;
 * the tree's operations are O(n) in its cells, O(n^2) for a resize that
 * takes from many, fine for the panes a screen can show.
 */
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

static const char *layout_names[LAYOUT_COUNT] = {
	"even-horizontal",
	"even-vertical",
	"main-vertical",
	"tiled"
};

/* Can total cells hold k slices of at least min cells, k - 1 borders apart? */
static int
layout_fits(int total, int k, int min)
{
	if (k < 1 || total < 0 || k - 1 > total)
		return (0);
	return ((total - (k - 1)) / k >= min);
}

/* Offset and size of slice i of k in total cells; the first get the extra. */
static void
layout_slice(int total, int k, int i, int *pos, int *size)
{
	int	 avail = total - (k - 1), base = avail / k, extra = avail % k;

	*size = base + (i < extra ? 1 : 0);
	*pos = i * (base + 1) + (i < extra ? i : extra);
}

/* Columns of the tiled grid: the smallest c with c * c >= n. */
static int
layout_tiled_columns(int n)
{
	long long	 c = 1;

	while (c * c < n)
		c++;
	return ((int)c);
}

/*
 * Place n panes of layout l in a w x h area into out[0..n).  Returns 0, or -1
 * if a pane would be smaller than the minimum (or n < 1, or l is unknown);
 * out is then unspecified.
 *
 * even-horizontal: side by side, full height.  even-vertical: stacked, full
 * width.  main-vertical: pane 0 on the left with half the width (the larger
 * half), the others stacked on the right; one pane takes the whole area.
 * tiled: ceil(sqrt(n)) columns and as many rows as needed, filled in reading
 * order; a last row with fewer panes shares its width among them.
 */
int
layout_compute(enum layout l, int n, int w, int h, struct rect *out)
{
	int	 i, cols, rows, last, r, c, k, mw, rw;

	if (n < 1 || w < 1 || h < 1)
		return (-1);
	switch (l) {
	case LAYOUT_EVEN_HORIZONTAL:
		if (!layout_fits(w, n, LAYOUT_MIN_W) || h < LAYOUT_MIN_H)
			return (-1);
		for (i = 0; i < n; i++) {
			layout_slice(w, n, i, &out[i].x, &out[i].w);
			out[i].y = 0;
			out[i].h = h;
		}
		return (0);
	case LAYOUT_EVEN_VERTICAL:
		if (!layout_fits(h, n, LAYOUT_MIN_H) || w < LAYOUT_MIN_W)
			return (-1);
		for (i = 0; i < n; i++) {
			layout_slice(h, n, i, &out[i].y, &out[i].h);
			out[i].x = 0;
			out[i].w = w;
		}
		return (0);
	case LAYOUT_MAIN_VERTICAL:
		if (n == 1) {
			if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H)
				return (-1);
			out[0].x = out[0].y = 0;
			out[0].w = w;
			out[0].h = h;
			return (0);
		}
		rw = (w - 1) / 2;
		mw = w - 1 - rw;
		if (rw < LAYOUT_MIN_W || h < LAYOUT_MIN_H ||
		    !layout_fits(h, n - 1, LAYOUT_MIN_H))
			return (-1);
		out[0].x = out[0].y = 0;
		out[0].w = mw;
		out[0].h = h;
		for (i = 1; i < n; i++) {
			layout_slice(h, n - 1, i - 1, &out[i].y, &out[i].h);
			out[i].x = mw + 1;
			out[i].w = rw;
		}
		return (0);
	case LAYOUT_TILED:
		cols = layout_tiled_columns(n);
		rows = (n + cols - 1) / cols;
		if (!layout_fits(w, cols, LAYOUT_MIN_W) ||
		    !layout_fits(h, rows, LAYOUT_MIN_H))
			return (-1);
		last = n - (rows - 1) * cols;	/* panes in the last row */
		for (i = 0; i < n; i++) {
			r = i / cols;
			c = i % cols;
			k = r == rows - 1 ? last : cols;
			layout_slice(w, k, c, &out[i].x, &out[i].w);
			layout_slice(h, rows, r, &out[i].y, &out[i].h);
		}
		return (0);
	case LAYOUT_COUNT:
		break;
	}
	return (-1);
}

/* The name of layout l ("even-horizontal"...), or "unknown". */
const char *
layout_name(enum layout l)
{
	if ((unsigned)l >= LAYOUT_COUNT)
		return ("unknown");
	return (layout_names[l]);
}

/*
 * The layout called name, or whose name name uniquely starts ("even-h",
 * "main", "t"), into *l: 0, or -1 if none or more than one matches.
 */
int
layout_from_name(const char *name, enum layout *l)
{
	size_t	 len = strlen(name);
	int	 i, found = -1;

	if (len == 0)
		return (-1);
	for (i = 0; i < LAYOUT_COUNT; i++) {
		if (strcmp(layout_names[i], name) == 0) {
			*l = (enum layout)i;
			return (0);
		}
		if (strncmp(layout_names[i], name, len) == 0) {
			if (found != -1)
				return (-1);
			found = i;
		}
	}
	if (found == -1)
		return (-1);
	*l = (enum layout)found;
	return (0);
}

/* The layout after l for next-layout, cycling in the order of the enum. */
enum layout
layout_next(enum layout l)
{
	if ((unsigned)l >= LAYOUT_COUNT - 1)
		return (LAYOUT_EVEN_HORIZONTAL);
	return ((enum layout)(l + 1));
}

/* ---- the tree of cells ---- */

static struct layout_cell *
layout_cell_make(enum layout_type type, int x, int y, int w, int h)
{
	struct layout_cell	*lc = xcalloc(1, sizeof *lc);

	lc->type = type;
	lc->x = x;
	lc->y = y;
	lc->w = w;
	lc->h = h;
	return (lc);
}

/* A tree of one pane, of w x h cells at 0,0. */
struct layout_cell *
layout_new(unsigned int pane, int w, int h)
{
	struct layout_cell	*lc = layout_cell_make(LAYOUT_PANE, 0, 0, w, h);

	lc->pane = pane;
	return (lc);
}

void
layout_free(struct layout_cell *lc)
{
	size_t	 i;

	if (lc == NULL)
		return;
	for (i = 0; i < lc->ncells; i++)
		layout_free(lc->cells[i]);
	free(lc->cells);
	free(lc);
}

/* A copy of the tree (for trying an operation without changing it). */
struct layout_cell *
layout_copy(const struct layout_cell *lc)
{
	struct layout_cell	*c;
	size_t			 i;

	c = layout_cell_make(lc->type, lc->x, lc->y, lc->w, lc->h);
	c->pane = lc->pane;
	if (lc->ncells > 0) {
		c->cells = xcalloc(lc->ncells, sizeof *c->cells);
		c->ncells = lc->ncells;
		for (i = 0; i < lc->ncells; i++) {
			c->cells[i] = layout_copy(lc->cells[i]);
			c->cells[i]->parent = c;
		}
	}
	return (c);
}

static void
layout_append(struct layout_cell *parent, struct layout_cell *lc)
{
	parent->cells = xreallocarray(parent->cells, parent->ncells + 1,
	    sizeof *parent->cells);
	parent->cells[parent->ncells++] = lc;
	lc->parent = parent;
}

/* Where lc is among its parent's cells. */
static size_t
layout_place(const struct layout_cell *lc)
{
	size_t	 i;

	for (i = 0; i < lc->parent->ncells; i++)
		if (lc->parent->cells[i] == lc)
			break;
	return (i);
}

static struct layout_cell *
layout_sibling(struct layout_cell *lc, int step)
{
	size_t	 i;

	if (lc->parent == NULL)
		return (NULL);
	i = layout_place(lc);
	if (step < 0)
		return (i > 0 ? lc->parent->cells[i - 1] : NULL);
	return (i + 1 < lc->parent->ncells ? lc->parent->cells[i + 1] : NULL);
}

/* The cell of pane, or NULL. */
struct layout_cell *
layout_find(struct layout_cell *lc, unsigned int pane)
{
	struct layout_cell	*found;
	size_t			 i;

	if (lc == NULL)
		return (NULL);
	if (lc->type == LAYOUT_PANE)
		return (lc->pane == pane ? lc : NULL);
	for (i = 0; i < lc->ncells; i++)
		if ((found = layout_find(lc->cells[i], pane)) != NULL)
			return (found);
	return (NULL);
}

/* The panes, in tree order, into out[0..max); returns how many there are. */
size_t
layout_panes(const struct layout_cell *lc, unsigned int *out, size_t max)
{
	size_t	 i, n = 0;

	if (lc == NULL)
		return (0);
	if (lc->type == LAYOUT_PANE) {
		if (max > 0)
			out[0] = lc->pane;
		return (1);
	}
	for (i = 0; i < lc->ncells; i++)
		n += layout_panes(lc->cells[i], out + (n < max ? n : max),
		    n < max ? max - n : 0);
	return (n);
}

/* The first pane of a cell (its top left one). */
unsigned int
layout_first_pane(const struct layout_cell *lc)
{
	while (lc->type != LAYOUT_PANE)
		lc = lc->cells[0];
	return (lc->pane);
}

/* The size of a cell along type: its width for left-right. */
static int
layout_size(const struct layout_cell *lc, enum layout_type type)
{
	return (type == LAYOUT_LEFTRIGHT ? lc->w : lc->h);
}

static void
layout_size_set(struct layout_cell *lc, enum layout_type type, int size)
{
	if (type == LAYOUT_LEFTRIGHT)
		lc->w = size;
	else
		lc->h = size;
}

/* The smallest a cell can be along type, borders included. */
int
layout_min(const struct layout_cell *lc, enum layout_type type)
{
	size_t	 i;
	int	 n = 0, m;

	if (lc->type == LAYOUT_PANE)
		return (type == LAYOUT_LEFTRIGHT ? LAYOUT_MIN_W : LAYOUT_MIN_H);
	for (i = 0; i < lc->ncells; i++) {
		m = layout_min(lc->cells[i], type);
		if (lc->type == type)
			n += m + (i > 0 ? 1 : 0);
		else if (m > n)
			n = m;
	}
	return (n);
}

/* Each cell's place from its parent's and its elder siblings' sizes. */
static void
layout_fix_offsets(struct layout_cell *lc)
{
	struct layout_cell	*c;
	size_t			 i;
	int			 pos;

	pos = lc->type == LAYOUT_LEFTRIGHT ? lc->x : lc->y;
	for (i = 0; i < lc->ncells; i++) {
		c = lc->cells[i];
		if (lc->type == LAYOUT_LEFTRIGHT) {
			c->x = pos;
			c->y = lc->y;
			pos += c->w + 1;
		} else {
			c->x = lc->x;
			c->y = pos;
			pos += c->h + 1;
		}
		layout_fix_offsets(c);
	}
}

static struct layout_cell *
layout_root(struct layout_cell *lc)
{
	while (lc->parent != NULL)
		lc = lc->parent;
	return (lc);
}

/* How many cells lc can give up along type, keeping every minimum. */
static int
layout_spare(const struct layout_cell *lc, enum layout_type type)
{
	size_t	 i;
	int	 n, m;

	if (lc->type == LAYOUT_PANE || lc->type != type) {
		n = layout_size(lc, type) - layout_min(lc, type);
		return (n > 0 ? n : 0);
	}
	for (n = 0, i = 0; i < lc->ncells; i++) {
		m = layout_spare(lc->cells[i], type);
		n += m;
	}
	return (n);
}

/*
 * Grow (change > 0) or shrink a cell along type, and its cells with it:
 * across, all of them; along, one cell at a time in turn, as tmux's
 * layout_resize_adjust.  A shrink must be within layout_spare().
 */
static void
layout_adjust(struct layout_cell *lc, enum layout_type type, int change)
{
	size_t	 i;

	layout_size_set(lc, type, layout_size(lc, type) + change);
	if (lc->type == LAYOUT_PANE)
		return;
	if (lc->type != type) {
		for (i = 0; i < lc->ncells; i++)
			layout_adjust(lc->cells[i], type, change);
		return;
	}
	while (change != 0) {
		for (i = 0; i < lc->ncells && change != 0; i++) {
			if (change > 0) {
				layout_adjust(lc->cells[i], type, 1);
				change--;
			} else if (layout_spare(lc->cells[i], type) > 0) {
				layout_adjust(lc->cells[i], type, -1);
				change++;
			}
		}
	}
}

/*
 * Move the border after lc (along its parent, of type) by change cells:
 * right or down when positive.  Growing takes from the cells after it,
 * the nearest first (and, with opposite, from those before it after
 * that); shrinking gives to the cell after it, from lc and then the cells
 * before it.  Returns how far the border moved (0 if none can give).
 */
static int
layout_move(struct layout_cell *lc, enum layout_type type, int change,
    int opposite)
{
	struct layout_cell	*add, *remove;
	int			 needed = change, size;

	while (needed != 0) {
		size = 0;
		if (needed > 0) {
			add = lc;
			for (remove = layout_sibling(lc, 1); remove != NULL;
			    remove = layout_sibling(remove, 1))
				if ((size = layout_spare(remove, type)) > 0)
					break;
			if (remove == NULL && opposite) {
				for (remove = layout_sibling(lc, -1);
				    remove != NULL;
				    remove = layout_sibling(remove, -1))
					if ((size = layout_spare(remove,
					    type)) > 0)
						break;
			}
			if (remove == NULL)
				break;
			if (size > needed)
				size = needed;
			needed -= size;
		} else {
			for (remove = lc; remove != NULL;
			    remove = layout_sibling(remove, -1))
				if ((size = layout_spare(remove, type)) > 0)
					break;
			if (remove == NULL ||
			    (add = layout_sibling(lc, 1)) == NULL)
				break;
			if (size > -needed)
				size = -needed;
			needed += size;
		}
		layout_adjust(add, type, size);
		layout_adjust(remove, type, -size);
	}
	layout_fix_offsets(layout_root(lc));
	return (change - needed);
}

/*
 * The cell whose border along type a resize of pane moves, as tmux's
 * layout_resize_pane: the pane or its nearest ancestor in a cell of that
 * type; its right (or bottom) border, or its left (top) one when it is
 * the last, so the cell before it is returned.  *last says which.  NULL:
 * no border that way (the pane spans the whole screen that way).
 */
static struct layout_cell *
layout_border_of(struct layout_cell *root, unsigned int pane,
    enum layout_type type, int *last, struct layout_cell **own)
{
	struct layout_cell	*lc = layout_find(root, pane);

	if (lc == NULL)
		return (NULL);
	while (lc->parent != NULL && lc->parent->type != type)
		lc = lc->parent;
	if (lc->parent == NULL)
		return (NULL);
	*own = lc;
	*last = layout_sibling(lc, 1) == NULL;
	return (*last ? layout_sibling(lc, -1) : lc);
}

/*
 * resize-pane -L/-R/-U/-D: move the border of pane that way by n cells
 * (dir 'L', 'R', 'U' or 'D'): its right or bottom border, or its left or
 * top one if it has none.  Returns how many cells it moved, or -1 (and
 * *cause) if the pane has no border that way.
 */
int
layout_resize_pane(struct layout_cell *root, unsigned int pane, char dir,
    int n, char **cause)
{
	enum layout_type	 type;
	struct layout_cell	*lc, *own;
	int			 last, moved;

	type = dir == 'L' || dir == 'R' ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM;
	if ((lc = layout_border_of(root, pane, type, &last, &own)) == NULL) {
		xasprintf(cause, "no border to move %s",
		    type == LAYOUT_LEFTRIGHT ? "left or right (nothing beside "
		    "it)" : "up or down (nothing above or below it)");
		return (-1);
	}
	moved = layout_move(lc, type, dir == 'L' || dir == 'U' ? -n : n, 1);
	return (moved < 0 ? -moved : moved);
}

/*
 * resize-pane -x/-y: make the cell of pane (or the ancestor beside
 * another) size cells wide (type left-right) or high, as near as the
 * minimums allow.  0, or -1 and *cause if nothing is beside it that way.
 */
int
layout_resize_pane_to(struct layout_cell *root, unsigned int pane,
    enum layout_type type, int size, char **cause)
{
	struct layout_cell	*lc, *own;
	int			 last, change;

	if ((lc = layout_border_of(root, pane, type, &last, &own)) == NULL) {
		xasprintf(cause, "no border to move: it takes the whole %s",
		    type == LAYOUT_LEFTRIGHT ? "width" : "height");
		return (-1);
	}
	change = size - layout_size(own, type);
	(void)layout_move(lc, type, last ? -change : change, 1);
	return (0);
}

/*
 * Split the cell of pane target in two along type (left-right: side by
 * side), the new pane (handle pane) after it, or before it if before.
 * size is the new pane's, in cells, or a percentage of the target's if
 * percent, or -1 for half (the old pane keeps the larger half); it is
 * kept between the minimums.  As tmux, a cell in a parent of that type
 * gets a new sibling, any other cell becomes a parent of two.  0, or -1
 * and *cause (the tree unchanged) if the target is too small to split.
 */
int
layout_split(struct layout_cell **root, unsigned int target,
    enum layout_type type, int size, int percent, int before,
    unsigned int pane, char **cause)
{
	struct layout_cell	*lc, *parent, *lcnew;
	int			 total, min, newsize, oldsize;
	size_t			 i, at;

	if ((lc = layout_find(*root, target)) == NULL) {
		xasprintf(cause, "not in the layout");
		return (-1);
	}
	total = layout_size(lc, type);
	min = type == LAYOUT_LEFTRIGHT ? LAYOUT_MIN_W : LAYOUT_MIN_H;
	if (total < 2 * min + 1) {
		xasprintf(cause, "too small to split %s (%d %s, %d needed)",
		    type == LAYOUT_LEFTRIGHT ? "left-right" : "top-bottom",
		    total, type == LAYOUT_LEFTRIGHT ? "columns" : "rows",
		    2 * min + 1);
		return (-1);
	}
	if (size < 0)
		newsize = (total + 1) / 2 - 1;
	else if (percent)
		newsize = (int)((long long)total * size / 100);
	else
		newsize = size;
	if (newsize < min)
		newsize = min;
	if (newsize > total - 1 - min)
		newsize = total - 1 - min;
	oldsize = total - 1 - newsize;

	lcnew = layout_cell_make(LAYOUT_PANE, 0, 0, lc->w, lc->h);
	lcnew->pane = pane;
	layout_size_set(lcnew, type, newsize);
	parent = lc->parent;
	if (parent == NULL || parent->type != type) {
		/* The cell becomes a parent of type, in its place. */
		struct layout_cell *node = layout_cell_make(type, lc->x, lc->y,
		    lc->w, lc->h);
		node->parent = parent;
		if (parent != NULL)
			parent->cells[layout_place(lc)] = node;
		else
			*root = node;
		layout_append(node, lc);
		parent = node;
	}
	layout_size_set(lc, type, oldsize);
	at = layout_place(lc) + (before ? 0 : 1);
	parent->cells = xreallocarray(parent->cells, parent->ncells + 1,
	    sizeof *parent->cells);
	for (i = parent->ncells; i > at; i--)
		parent->cells[i] = parent->cells[i - 1];
	parent->cells[at] = lcnew;
	parent->ncells++;
	lcnew->parent = parent;
	layout_fix_offsets(*root);
	return (0);
}

/*
 * Take pane out of the tree: its space goes to the cell before it, or
 * after it when it is the first, as tmux's; a parent left with one cell
 * gives way to it (and a cell of its parent's type gives its cells to
 * that parent).  *root becomes NULL with the last pane.  0, or -1 if the
 * pane is not in the tree.
 */
int
layout_remove(struct layout_cell **root, unsigned int pane)
{
	struct layout_cell	*lc, *parent, *other, *only, *gp;
	size_t			 i, at;

	if ((lc = layout_find(*root, pane)) == NULL)
		return (-1);
	if ((parent = lc->parent) == NULL) {
		layout_free(lc);
		*root = NULL;
		return (0);
	}
	at = layout_place(lc);
	other = at == 0 ? parent->cells[1] : parent->cells[at - 1];
	layout_adjust(other, parent->type, layout_size(lc, parent->type) + 1);
	for (i = at; i + 1 < parent->ncells; i++)
		parent->cells[i] = parent->cells[i + 1];
	parent->ncells--;
	layout_free(lc);
	if (parent->ncells == 1) {
		only = parent->cells[0];
		only->x = parent->x;
		only->y = parent->y;
		gp = parent->parent;
		if (gp == NULL) {
			only->parent = NULL;
			*root = only;
		} else if (only->type == gp->type) {
			/* Its cells join the grandparent's in its place. */
			at = layout_place(parent);
			gp->cells = xreallocarray(gp->cells, gp->ncells +
			    only->ncells - 1, sizeof *gp->cells);
			memmove(gp->cells + at + only->ncells, gp->cells + at +
			    1, (gp->ncells - at - 1) * sizeof *gp->cells);
			for (i = 0; i < only->ncells; i++) {
				gp->cells[at + i] = only->cells[i];
				only->cells[i]->parent = gp;
			}
			gp->ncells += only->ncells - 1;
			only->ncells = 0;
			layout_free(only);
		} else {
			gp->cells[layout_place(parent)] = only;
			only->parent = gp;
		}
		parent->ncells = 0;
		layout_free(parent);
	}
	layout_fix_offsets(*root);
	return (0);
}

/* Two panes trade places (their cells' handles).  0, or -1 if not both in. */
int
layout_swap(struct layout_cell *root, unsigned int a, unsigned int b)
{
	struct layout_cell	*la = layout_find(root, a);
	struct layout_cell	*lb = layout_find(root, b);

	if (la == NULL || lb == NULL)
		return (-1);
	la->pane = b;
	lb->pane = a;
	return (0);
}

/*
 * Scale a cell to w x h, its cells in proportion to their sizes along
 * its type (largest remainders first), then raised to their minimums at
 * the expense of the cells with the most to spare.  The caller checked
 * that the minimums fit.
 */
static void
layout_scale(struct layout_cell *lc, int w, int h)
{
	enum layout_type	 type = lc->type;
	size_t			 n = lc->ncells, i, best;
	int			*size, *min, *rem, avail, old = 0, got = 0;
	int			 spare, most;
	long long		 v;

	lc->w = w;
	lc->h = h;
	if (type == LAYOUT_PANE)
		return;
	size = xcalloc(n, sizeof *size);
	min = xcalloc(n, sizeof *min);
	rem = xcalloc(n, sizeof *rem);
	avail = (type == LAYOUT_LEFTRIGHT ? w : h) - (int)(n - 1);
	for (i = 0; i < n; i++)
		old += layout_size(lc->cells[i], type);
	for (i = 0; i < n; i++) {
		v = (long long)layout_size(lc->cells[i], type) * avail;
		size[i] = (int)(v / (old > 0 ? old : 1));
		rem[i] = (int)(v % (old > 0 ? old : 1));
		min[i] = layout_min(lc->cells[i], type);
		got += size[i];
	}
	for (; got < avail; got++) {	/* the remainder, largest first */
		best = 0;
		for (i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		size[best]++;
		rem[best] = -1;
	}
	for (i = 0; i < n; i++) {
		while (size[i] < min[i]) {
			most = 0;
			best = i;
			for (size_t j = 0; j < n; j++) {
				spare = size[j] - min[j];
				if (spare > most) {
					most = spare;
					best = j;
				}
			}
			if (best == i)
				break;		/* cannot happen: checked */
			size[best]--;
			size[i]++;
		}
	}
	for (i = 0; i < n; i++) {
		if (type == LAYOUT_LEFTRIGHT)
			layout_scale(lc->cells[i], size[i], h);
		else
			layout_scale(lc->cells[i], w, size[i]);
	}
	free(size);
	free(min);
	free(rem);
}

/*
 * The screen is now w x h: every cell in proportion to what it was.  0,
 * or -1 (the tree unchanged) if the minimums do not fit.  Rounding makes
 * a few cells' difference after many resizes.
 */
int
layout_resize(struct layout_cell *root, int w, int h)
{
	if (w < layout_min(root, LAYOUT_LEFTRIGHT) ||
	    h < layout_min(root, LAYOUT_TOPBOTTOM))
		return (-1);
	if (root->w == w && root->h == h)
		return (0);
	root->x = root->y = 0;
	layout_scale(root, w, h);
	layout_fix_offsets(root);
	return (0);
}

/*
 * The cell whose right (type left-right) or bottom border is at x,y, as
 * tmux's layout_search_by_border; NULL if no border is there.
 */
struct layout_cell *
layout_border_at(struct layout_cell *lc, int x, int y,
    enum layout_type *type)
{
	struct layout_cell	*c;
	size_t			 i;

	for (i = 0; i < lc->ncells; i++) {
		c = lc->cells[i];
		if (lc->type == LAYOUT_LEFTRIGHT) {
			if (i + 1 < lc->ncells && x == c->x + c->w &&
			    y >= c->y && y < c->y + c->h) {
				*type = LAYOUT_LEFTRIGHT;
				return (c);
			}
			if (x >= c->x && x < c->x + c->w)
				return (layout_border_at(c, x, y, type));
		} else {
			if (i + 1 < lc->ncells && y == c->y + c->h &&
			    x >= c->x && x < c->x + c->w) {
				*type = LAYOUT_TOPBOTTOM;
				return (c);
			}
			if (y >= c->y && y < c->y + c->h)
				return (layout_border_at(c, x, y, type));
		}
	}
	return (NULL);
}

/* A border dragged: move the one after lc (along type) by change cells. */
int
layout_move_border(struct layout_cell *lc, enum layout_type type,
    int change)
{
	return (layout_move(lc, type, change, 0));
}

/* Enclose cells[0..n) of type in one cell of that type. */
static struct layout_cell *
layout_group(enum layout_type type, struct layout_cell **cells, int n)
{
	struct layout_cell	*lc, *last;
	int			 i;

	if (n == 1)
		return (cells[0]);
	last = cells[n - 1];
	lc = layout_cell_make(type, cells[0]->x, cells[0]->y,
	    last->x + last->w - cells[0]->x, last->y + last->h - cells[0]->y);
	for (i = 0; i < n; i++)
		layout_append(lc, cells[i]);
	return (lc);
}

/*
 * The tree of preset l for panes[0..n) in w x h: cell for cell what
 * layout_compute() places (tiled: a column of rows, each a row of
 * panes).  NULL if a pane would be too small.
 */
struct layout_cell *
layout_preset(enum layout l, const unsigned int *panes, int n, int w, int h)
{
	struct rect		*r;
	struct layout_cell	**pc, **rows, *root = NULL;
	int			 i, cols, nrows, k;

	if (n < 1)
		return (NULL);
	r = xcalloc((size_t)n, sizeof *r);
	if (layout_compute(l, n, w, h, r) != 0) {
		free(r);
		return (NULL);
	}
	pc = xcalloc((size_t)n, sizeof *pc);
	for (i = 0; i < n; i++) {
		pc[i] = layout_cell_make(LAYOUT_PANE, r[i].x, r[i].y, r[i].w,
		    r[i].h);
		pc[i]->pane = panes[i];
	}
	switch (l) {
	case LAYOUT_EVEN_HORIZONTAL:
		root = layout_group(LAYOUT_LEFTRIGHT, pc, n);
		break;
	case LAYOUT_EVEN_VERTICAL:
		root = layout_group(LAYOUT_TOPBOTTOM, pc, n);
		break;
	case LAYOUT_MAIN_VERTICAL:
		if (n == 1) {
			root = pc[0];
			break;
		}
		pc[1] = layout_group(LAYOUT_TOPBOTTOM, pc + 1, n - 1);
		root = layout_group(LAYOUT_LEFTRIGHT, pc, 2);
		break;
	case LAYOUT_TILED:
	case LAYOUT_COUNT:
		cols = layout_tiled_columns(n);
		nrows = (n + cols - 1) / cols;
		rows = xcalloc((size_t)nrows, sizeof *rows);
		for (i = 0; i < nrows; i++) {
			k = i == nrows - 1 ? n - i * cols : cols;
			rows[i] = layout_group(LAYOUT_LEFTRIGHT, pc + i * cols,
			    k);
		}
		root = layout_group(LAYOUT_TOPBOTTOM, rows, nrows);
		free(rows);
		break;
	}
	root->w = w;
	root->h = h;
	free(pc);
	free(r);
	return (root);
}
