/*
 * test-layout.c: unit tests for ui-layout.c (TAP).
 *
 * A few layouts are checked cell for cell; then every layout for 1 to 40
 * panes on many screen sizes, tiny ones included, is checked against the
 * invariants: rects inside the area and at least the minimum size, no two
 * overlapping, every other cell a border cell next to some pane, panes in
 * reading order, sizes as equal as possible with the extra cells first, and
 * failure exactly when the arithmetic says a pane would be too small.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"
#include "tap.h"

#define MAXN 40

/* The rects as "x,y wxh" joined by spaces, in static storage. */
static const char *
show(const struct rect *r, int n)
{
	static char	 buf[4096];
	size_t		 o = 0;
	int		 i;

	buf[0] = '\0';
	for (i = 0; i < n && o < sizeof buf - 64; i++) {
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%d,%d %dx%d",
		    i == 0 ? "" : " ", r[i].x, r[i].y, r[i].w, r[i].h);
	}
	return (buf);
}

static void
layout_is(enum layout l, int n, int w, int h, const char *want)
{
	struct rect	 r[MAXN];
	char		 name[128];

	snprintf(name, sizeof name, "%s n=%d %dx%d", layout_name(l), n, w, h);
	if (layout_compute(l, n, w, h, r) != 0) {
		is_str("-1", want, name);
		return;
	}
	is_str(show(r, n), want, name);
}

static void
test_examples(void)
{
	layout_is(LAYOUT_EVEN_HORIZONTAL, 1, 80, 24, "0,0 80x24");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 3, 80, 24,
	    "0,0 26x24 27,0 26x24 54,0 26x24");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 3, 81, 24,
	    "0,0 27x24 28,0 26x24 55,0 26x24");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 3, 82, 24,
	    "0,0 27x24 28,0 27x24 56,0 26x24");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 2, 21, 3, "0,0 10x3 11,0 10x3");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 2, 20, 3, "-1");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 2, 21, 2, "-1");
	layout_is(LAYOUT_EVEN_VERTICAL, 2, 80, 24, "0,0 80x12 0,13 80x11");
	layout_is(LAYOUT_EVEN_VERTICAL, 6, 10, 23,
	    "0,0 10x3 0,4 10x3 0,8 10x3 0,12 10x3 0,16 10x3 0,20 10x3");
	layout_is(LAYOUT_EVEN_VERTICAL, 6, 10, 22, "-1");
	layout_is(LAYOUT_EVEN_VERTICAL, 1, 9, 24, "-1");
	layout_is(LAYOUT_MAIN_VERTICAL, 1, 80, 24, "0,0 80x24");
	layout_is(LAYOUT_MAIN_VERTICAL, 2, 80, 24, "0,0 40x24 41,0 39x24");
	layout_is(LAYOUT_MAIN_VERTICAL, 3, 80, 24,
	    "0,0 40x24 41,0 39x12 41,13 39x11");
	layout_is(LAYOUT_MAIN_VERTICAL, 3, 81, 24,
	    "0,0 40x24 41,0 40x12 41,13 40x11");
	layout_is(LAYOUT_MAIN_VERTICAL, 2, 21, 3, "0,0 10x3 11,0 10x3");
	layout_is(LAYOUT_MAIN_VERTICAL, 2, 20, 3, "-1");
	layout_is(LAYOUT_MAIN_VERTICAL, 3, 80, 6, "-1");
	layout_is(LAYOUT_MAIN_VERTICAL, 3, 80, 7,
	    "0,0 40x7 41,0 39x3 41,4 39x3");
	layout_is(LAYOUT_TILED, 1, 80, 24, "0,0 80x24");
	layout_is(LAYOUT_TILED, 2, 80, 24, "0,0 40x24 41,0 39x24");
	layout_is(LAYOUT_TILED, 3, 80, 24, "0,0 40x12 41,0 39x12 0,13 80x11");
	layout_is(LAYOUT_TILED, 4, 80, 24,
	    "0,0 40x12 41,0 39x12 0,13 40x11 41,13 39x11");
	layout_is(LAYOUT_TILED, 5, 80, 24,
	    "0,0 26x12 27,0 26x12 54,0 26x12 0,13 40x11 41,13 39x11");
	layout_is(LAYOUT_TILED, 9, 32, 11, "0,0 10x3 11,0 10x3 22,0 10x3 "
	    "0,4 10x3 11,4 10x3 22,4 10x3 0,8 10x3 11,8 10x3 22,8 10x3");
	layout_is(LAYOUT_TILED, 9, 31, 11, "-1");
	layout_is(LAYOUT_TILED, 9, 32, 10, "-1");
	layout_is(LAYOUT_TILED, 10, 43, 10, "-1");
	layout_is(LAYOUT_TILED, 10, 42, 11, "-1");
	layout_is(LAYOUT_TILED, 10, 43, 11, "0,0 10x3 11,0 10x3 22,0 10x3 "
	    "33,0 10x3 0,4 10x3 11,4 10x3 22,4 10x3 33,4 10x3 0,8 21x3 "
	    "22,8 21x3");
	layout_is(LAYOUT_TILED, 10, 44, 12, "0,0 11x4 12,0 10x4 23,0 10x4 "
	    "34,0 10x4 0,5 11x3 12,5 10x3 23,5 10x3 34,5 10x3 0,9 22x3 "
	    "23,9 21x3");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 0, 80, 24, "-1");
	layout_is(LAYOUT_EVEN_HORIZONTAL, 1, 0, 0, "-1");
	layout_is(LAYOUT_COUNT, 1, 80, 24, "-1");
}

/*
 * Should layout l fit n panes in w x h?  Written from the rules, not from
 * the code: the smallest pane of k slices of t cells is (t - (k-1)) / k.
 */
static int
smallest(int t, int k)
{
	return (t - (k - 1) < 0 ? -1 : (t - (k - 1)) / k);
}

static int
expect_fit(enum layout l, int n, int w, int h)
{
	int	 cols, rows;

	switch (l) {
	case LAYOUT_EVEN_HORIZONTAL:
		return (smallest(w, n) >= LAYOUT_MIN_W && h >= LAYOUT_MIN_H);
	case LAYOUT_EVEN_VERTICAL:
		return (smallest(h, n) >= LAYOUT_MIN_H && w >= LAYOUT_MIN_W);
	case LAYOUT_MAIN_VERTICAL:
		if (n == 1)
			return (w >= LAYOUT_MIN_W && h >= LAYOUT_MIN_H);
		return (smallest(w, 2) >= LAYOUT_MIN_W &&
		    smallest(h, n - 1) >= LAYOUT_MIN_H);
	case LAYOUT_TILED:
		for (cols = 1; cols * cols < n; cols++)
			/* nothing */;
		rows = (n + cols - 1) / cols;
		return (smallest(w, cols) >= LAYOUT_MIN_W &&
		    smallest(h, rows) >= LAYOUT_MIN_H);
	default:
		return (0);
	}
}

/*
 * Check the invariants of one successful layout; returns NULL or what is
 * wrong.  grid is w*h ints of scratch.
 */
static const char *
check(enum layout l, int n, int w, int h, const struct rect *r, int *grid)
{
	int	 i, j, x, y, dx, dy, nx, ny, near, rows, cols, inrow;
	int	 minw, maxw, minh, maxh;

	for (i = 0; i < w * h; i++)
		grid[i] = -1;
	for (i = 0; i < n; i++) {
		if (r[i].w < LAYOUT_MIN_W || r[i].h < LAYOUT_MIN_H)
			return ("a pane under the minimum");
		if (r[i].x < 0 || r[i].y < 0 || r[i].x + r[i].w > w ||
		    r[i].y + r[i].h > h)
			return ("a pane outside the area");
		for (y = r[i].y; y < r[i].y + r[i].h; y++) {
			for (x = r[i].x; x < r[i].x + r[i].w; x++) {
				if (grid[y * w + x] != -1)
					return ("two panes overlap");
				grid[y * w + x] = i;
			}
		}
		if (i > 0 && (r[i].y < r[i - 1].y ||
		    (r[i].y == r[i - 1].y && r[i].x <= r[i - 1].x)))
			return ("panes not in reading order");
	}
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			if (grid[y * w + x] != -1)
				continue;
			near = 0;
			for (dy = -1; dy <= 1 && !near; dy++) {
				for (dx = -1; dx <= 1 && !near; dx++) {
					nx = x + dx;
					ny = y + dy;
					if (nx >= 0 && ny >= 0 && nx < w &&
					    ny < h && grid[ny * w + nx] != -1)
						near = 1;
				}
			}
			if (!near)
				return ("a border cell next to no pane");
			/* One cell of border: a pane on both sides. */
			if (!((x > 0 && x < w - 1 && grid[y * w + x - 1] !=
			    -1 && grid[y * w + x + 1] != -1) ||
			    (y > 0 && y < h - 1 && grid[(y - 1) * w + x] != -1 &&
			    grid[(y + 1) * w + x] != -1)) &&
			    !(x > 0 && x < w - 1 && y > 0 && y < h - 1))
				return ("a border cell on the edge");
		}
	}

	/* As equal as possible, the extra cells first. */
	switch (l) {
	case LAYOUT_EVEN_HORIZONTAL:
	case LAYOUT_EVEN_VERTICAL:
		for (i = 1; i < n; i++) {
			if (l == LAYOUT_EVEN_HORIZONTAL ? (r[i].w > r[i - 1].w ||
			    r[0].w - r[i].w > 1 || r[i].h != h) :
			    (r[i].h > r[i - 1].h || r[0].h - r[i].h > 1 ||
			    r[i].w != w))
				return ("uneven sizes");
		}
		break;
	case LAYOUT_MAIN_VERTICAL:
		if (r[0].h != h || (n > 1 && (r[0].w < r[1].w ||
		    r[0].w - r[1].w > 1)))
			return ("main pane not half the width");
		for (i = 2; i < n; i++) {
			if (r[i].h > r[i - 1].h || r[1].h - r[i].h > 1 ||
			    r[i].w != r[1].w || r[i].x != r[1].x)
				return ("uneven stack");
		}
		break;
	case LAYOUT_TILED:
		for (cols = 1; cols * cols < n; cols++)
			/* nothing */;
		rows = (n + cols - 1) / cols;
		minw = minh = w + h;
		maxw = maxh = 0;
		for (i = 0, j = 0; i < n; i = j) {
			for (j = i; j < n && r[j].y == r[i].y; j++)
				/* nothing */;
			inrow = j - i;
			if (j < n && inrow != cols)
				return ("a short row before the last");
			if (j == n && inrow != n - (rows - 1) * cols)
				return ("wrong panes in the last row");
			for (x = i; x < j; x++) {
				if (r[x].h != r[i].h || (x > i &&
				    (r[x].w > r[x - 1].w ||
				    r[i].w - r[x].w > 1)))
					return ("uneven row");
				if (j < n || inrow == cols) {
					if (r[x].w < minw)
						minw = r[x].w;
					if (r[x].w > maxw)
						maxw = r[x].w;
				}
			}
			if (r[i].h < minh)
				minh = r[i].h;
			if (r[i].h > maxh)
				maxh = r[i].h;
			if (i > 0 && r[i].h > r[i - 1].h)
				return ("taller row below");
		}
		if (maxh - minh > 1 || maxw - minw > 1)
			return ("uneven grid");
		break;
	default:
		break;
	}
	return (NULL);
}

static void
test_invariants(void)
{
	static const int	 ws[] = {
		0, 1, 2, 5, 9, 10, 11, 12, 19, 20, 21, 22, 23, 30, 31, 32, 33,
		41, 42, 43, 44, 53, 54, 55, 65, 79, 80, 81, 99, 100, 120, 159,
		160, 161, 200, 250, 319
	};
	static const int	 hs[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 19, 23,
		24, 25, 31, 39, 40, 47, 50, 60, 79, 80, 100, 119, 130
	};
	struct rect		 r[MAXN];
	int			*grid;
	const char		*why;
	long			 calls = 0, fits = 0, bad = 0, wrongfit = 0;
	size_t			 a, b;
	int			 l, n, w, h, got, want;

	grid = xmalloc(sizeof *grid * 319 * 130);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		for (n = 1; n <= MAXN; n++) {
			for (a = 0; a < sizeof ws / sizeof ws[0]; a++) {
				for (b = 0; b < sizeof hs / sizeof hs[0]; b++) {
					w = ws[a];
					h = hs[b];
					calls++;
					got = layout_compute((enum layout)l, n,
					    w, h, r) == 0;
					want = expect_fit((enum layout)l, n, w,
					    h);
					if (got != want) {
						if (wrongfit++ < 5)
							diag("%s n=%d %dx%d: "
							    "got %d want %d",
							    layout_name(l), n,
							    w, h, got, want);
						continue;
					}
					if (!got)
						continue;
					fits++;
					why = check((enum layout)l, n, w, h, r,
					    grid);
					if (why != NULL && bad++ < 5)
						diag("%s n=%d %dx%d: %s: %s",
						    layout_name(l), n, w, h,
						    why, show(r, n));
				}
			}
		}
	}
	free(grid);
	diag("%ld layouts computed, %ld fitted", calls, fits);
	is_int(wrongfit, 0, "fails exactly when a pane would be too small");
	is_int(bad, 0, "every layout keeps the invariants");
	ok(fits > calls / 10, "most sizes fit (%ld of %ld)", fits, calls);
}

/* Growing the area never makes a fitting layout fail. */
static void
test_monotonic(void)
{
	struct rect	 r[MAXN];
	int		 l, n, w, h, bad = 0;

	for (l = 0; l < LAYOUT_COUNT; l++) {
		for (n = 1; n <= 12; n++) {
			for (w = 0; w < 70; w++) {
				for (h = 0; h < 30; h++) {
					if (layout_compute(l, n, w, h, r) != 0)
						continue;
					if (layout_compute(l, n, w + 1, h,
					    r) != 0 || layout_compute(l, n, w,
					    h + 1, r) != 0)
						bad++;
				}
			}
		}
	}
	is_int(bad, 0, "a larger area still fits");
}

static void
test_names(void)
{
	enum layout	 l;
	int		 i;

	is_str(layout_name(LAYOUT_EVEN_HORIZONTAL), "even-horizontal",
	    "name even-horizontal");
	is_str(layout_name(LAYOUT_EVEN_VERTICAL), "even-vertical",
	    "name even-vertical");
	is_str(layout_name(LAYOUT_MAIN_VERTICAL), "main-vertical",
	    "name main-vertical");
	is_str(layout_name(LAYOUT_TILED), "tiled", "name tiled");
	is_str(layout_name(LAYOUT_COUNT), "unknown", "name of no layout");

	for (i = 0; i < LAYOUT_COUNT; i++) {
		l = LAYOUT_COUNT;
		ok(layout_from_name(layout_name(i), &l) == 0 && (int)l == i,
		    "from_name %s", layout_name(i));
	}
	ok(layout_from_name("even-h", &l) == 0 &&
	    l == LAYOUT_EVEN_HORIZONTAL, "from_name even-h");
	ok(layout_from_name("even-v", &l) == 0 && l == LAYOUT_EVEN_VERTICAL,
	    "from_name even-v");
	ok(layout_from_name("main", &l) == 0 && l == LAYOUT_MAIN_VERTICAL,
	    "from_name main");
	ok(layout_from_name("t", &l) == 0 && l == LAYOUT_TILED,
	    "from_name t");
	l = LAYOUT_TILED;
	ok(layout_from_name("even", &l) == -1 && l == LAYOUT_TILED,
	    "from_name even is ambiguous");
	ok(layout_from_name("", &l) == -1, "from_name of nothing");
	ok(layout_from_name("e", &l) == -1, "from_name e is ambiguous");
	ok(layout_from_name("tiledx", &l) == -1, "from_name tiledx");
	ok(layout_from_name("Tiled", &l) == -1, "from_name is case-sensitive");
	ok(layout_from_name("main-horizontal", &l) == -1,
	    "from_name main-horizontal");

	ok(layout_next(LAYOUT_EVEN_HORIZONTAL) == LAYOUT_EVEN_VERTICAL &&
	    layout_next(LAYOUT_EVEN_VERTICAL) == LAYOUT_MAIN_VERTICAL &&
	    layout_next(LAYOUT_MAIN_VERTICAL) == LAYOUT_TILED &&
	    layout_next(LAYOUT_TILED) == LAYOUT_EVEN_HORIZONTAL,
	    "layout_next cycles");
	ok(layout_next(LAYOUT_COUNT) == LAYOUT_EVEN_HORIZONTAL,
	    "layout_next of no layout is the first");
}

/* ---- the tree ---- */

/*
 * Is the tree well made?  Each container's cells fill it exactly, one
 * border apart, and span it across; parents point back; no container
 * holds one of its own type or fewer than two cells; every pane is at
 * least the minimum.  Returns a description of the first fault, or NULL.
 */
static const char *
tree_fault(const struct layout_cell *lc, const struct layout_cell *parent)
{
	static char		 why[256];
	const struct layout_cell *c;
	const char		*f;
	size_t			 i;
	int			 pos;

	if (lc->parent != parent)
		return ("a parent pointer is wrong");
	if (lc->type == LAYOUT_PANE) {
		if (lc->w < LAYOUT_MIN_W || lc->h < LAYOUT_MIN_H) {
			snprintf(why, sizeof why, "pane %u is %dx%d", lc->pane,
			    lc->w, lc->h);
			return (why);
		}
		return (NULL);
	}
	if (lc->ncells < 2)
		return ("a container with fewer than two cells");
	pos = lc->type == LAYOUT_LEFTRIGHT ? lc->x : lc->y;
	for (i = 0; i < lc->ncells; i++) {
		c = lc->cells[i];
		if (c->type == lc->type)
			return ("a container in one of its own type");
		if (lc->type == LAYOUT_LEFTRIGHT ? (c->x != pos ||
		    c->y != lc->y || c->h != lc->h) : (c->y != pos ||
		    c->x != lc->x || c->w != lc->w)) {
			snprintf(why, sizeof why, "cell %zu of %d,%d %dx%d is "
			    "at %d,%d %dx%d", i, lc->x, lc->y, lc->w, lc->h,
			    c->x, c->y, c->w, c->h);
			return (why);
		}
		pos += (lc->type == LAYOUT_LEFTRIGHT ? c->w : c->h) + 1;
		if ((f = tree_fault(c, lc)) != NULL)
			return (f);
	}
	if (pos - 1 != (lc->type == LAYOUT_LEFTRIGHT ? lc->x + lc->w :
	    lc->y + lc->h))
		return ("the cells do not fill their container");
	return (NULL);
}

/* The panes as "h:x,y wxh" by handle 1, 2, ... (missing ones left out). */
static const char *
tree_show(struct layout_cell *root)
{
	static char		 buf[4096];
	struct layout_cell	*lc;
	size_t			 o = 0;
	unsigned int		 h;

	buf[0] = '\0';
	for (h = 1; h < 100; h++) {
		if ((lc = layout_find(root, h)) == NULL)
			continue;
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%u:%d,%d "
		    "%dx%d", o == 0 ? "" : " ", h, lc->x, lc->y, lc->w, lc->h);
	}
	return (buf);
}

static void
tree_is(struct layout_cell *root, const char *want, const char *name)
{
	const char	*f = root != NULL ? tree_fault(root, NULL) : NULL;

	if (f != NULL) {
		ok(0, "%s: %s", name, f);
		return;
	}
	is_str(tree_show(root), want, name);
}

static void
test_presets(void)
{
	static const int	 sizes[][2] = { { 80, 24 }, { 81, 23 },
	    { 200, 60 }, { 21, 3 }, { 20, 7 }, { 47, 11 }, { 133, 41 },
	    { 10, 3 }, { 300, 100 } };
	struct layout_cell	*root;
	struct rect		 r[MAXN];
	unsigned int		 panes[MAXN], got[MAXN];
	size_t			 s;
	int			 l, n, i, fails = 0, want;
	const char		*f;

	for (i = 0; i < MAXN; i++)
		panes[i] = (unsigned int)(i + 1);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		for (n = 1; n <= MAXN; n++) {
			for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
				int w = sizes[s][0], h = sizes[s][1];
				want = layout_compute((enum layout)l, n, w, h,
				    r);
				root = layout_preset((enum layout)l, panes, n,
				    w, h);
				if ((root == NULL) != (want != 0)) {
					if (fails++ < 5)
						diag("%s n=%d %dx%d: preset %s",
						    layout_name(l), n, w, h,
						    root == NULL ? "failed" :
						    "did not fail");
					layout_free(root);
					continue;
				}
				if (root == NULL)
					continue;
				if ((f = tree_fault(root, NULL)) != NULL ||
				    root->w != w || root->h != h ||
				    layout_panes(root, got, MAXN) !=
				    (size_t)n) {
					if (fails++ < 5)
						diag("%s n=%d %dx%d: %s",
						    layout_name(l), n, w, h,
						    f != NULL ? f : "size");
					layout_free(root);
					continue;
				}
				for (i = 0; i < n; i++) {
					struct layout_cell *lc =
					    layout_find(root, panes[i]);
					if (got[i] != panes[i] || lc->x !=
					    r[i].x || lc->y != r[i].y ||
					    lc->w != r[i].w || lc->h !=
					    r[i].h) {
						if (fails++ < 5)
							diag("%s n=%d %dx%d: "
							    "pane %d",
							    layout_name(l), n,
							    w, h, i);
						break;
					}
				}
				layout_free(root);
			}
		}
	}
	ok(fails == 0, "every preset's tree places each pane as "
	    "layout_compute, in pane order");
	root = layout_preset(LAYOUT_TILED, panes, 5, 80, 24);
	ok(root->type == LAYOUT_TOPBOTTOM && root->ncells == 2 &&
	    root->cells[0]->type == LAYOUT_LEFTRIGHT &&
	    root->cells[0]->ncells == 3 && root->cells[1]->ncells == 2,
	    "tiled 5: a column of two rows, of 3 and 2 panes");
	layout_free(root);
	root = layout_preset(LAYOUT_MAIN_VERTICAL, panes, 2, 80, 24);
	ok(root->type == LAYOUT_LEFTRIGHT && root->ncells == 2 &&
	    root->cells[1]->type == LAYOUT_PANE,
	    "main-vertical 2: two panes side by side");
	layout_free(root);
}

static void
test_split(void)
{
	struct layout_cell	*root = layout_new(1, 80, 24), *before;
	char			*cause = NULL;

	ok(layout_split(&root, 1, LAYOUT_LEFTRIGHT, -1, 0, 0, 2, &cause) == 0,
	    "split -h");
	tree_is(root, "1:0,0 40x24 2:41,0 39x24", "-h halves: the old pane "
	    "keeps the larger half, the new one is right");
	ok(layout_split(&root, 2, LAYOUT_TOPBOTTOM, -1, 0, 0, 3, &cause) == 0,
	    "split -v");
	tree_is(root, "1:0,0 40x24 2:41,0 39x12 3:41,13 39x11",
	    "-v: the new pane below");
	ok(layout_split(&root, 1, LAYOUT_LEFTRIGHT, -1, 0, 0, 4, &cause) == 0,
	    "split -h again");
	tree_is(root, "1:0,0 20x24 2:41,0 39x12 3:41,13 39x11 4:21,0 19x24",
	    "-h in a left-right cell: a new sibling after it");
	ok(root->type == LAYOUT_LEFTRIGHT && root->ncells == 3,
	    "the root has three cells");
	layout_free(root);

	root = layout_new(1, 80, 24);
	layout_split(&root, 1, LAYOUT_LEFTRIGHT, 30, 0, 0, 2, &cause);
	tree_is(root, "1:0,0 49x24 2:50,0 30x24", "-l 30: the new pane 30 "
	    "wide");
	layout_split(&root, 1, LAYOUT_TOPBOTTOM, 25, 1, 1, 3, &cause);
	tree_is(root, "1:0,7 49x17 2:50,0 30x24 3:0,0 49x6",
	    "-b -l 25%: the new pane above, a quarter of the height");
	layout_split(&root, 2, LAYOUT_LEFTRIGHT, 1000, 0, 0, 4, &cause);
	tree_is(root, "1:0,7 49x17 2:50,0 10x24 3:0,0 49x6 4:61,0 19x24",
	    "-l larger than the pane: the old one keeps its minimum");
	layout_split(&root, 4, LAYOUT_TOPBOTTOM, 1, 0, 0, 5, &cause);
	tree_is(root, "1:0,7 49x17 2:50,0 10x24 3:0,0 49x6 4:61,0 19x20 "
	    "5:61,21 19x3", "-l 1: the new one gets its minimum");

	before = layout_copy(root);
	ok(layout_split(&root, 2, LAYOUT_LEFTRIGHT, -1, 0, 0, 6, &cause) == -1,
	    "a pane 10 wide cannot split left and right");
	is_str(cause, "too small to split left-right (10 columns, 21 needed)",
	    "and the message says why");
	free(cause);
	cause = NULL;
	is_str(tree_show(root), tree_show(before), "the tree is unchanged");
	ok(layout_split(&root, 3, LAYOUT_TOPBOTTOM, -1, 0, 0, 6, &cause) == -1,
	    "a pane 6 high cannot split top and bottom");
	free(cause);
	cause = NULL;
	ok(layout_split(&root, 9, LAYOUT_TOPBOTTOM, -1, 0, 0, 6, &cause) == -1,
	    "no pane 9");
	free(cause);
	layout_free(before);
	layout_free(root);
}

static void
test_remove(void)
{
	struct layout_cell	*root = layout_new(1, 80, 24);
	char			*cause = NULL;

	layout_split(&root, 1, LAYOUT_LEFTRIGHT, -1, 0, 0, 2, &cause);
	layout_split(&root, 2, LAYOUT_LEFTRIGHT, -1, 0, 0, 3, &cause);
	layout_split(&root, 3, LAYOUT_TOPBOTTOM, -1, 0, 0, 4, &cause);
	tree_is(root, "1:0,0 40x24 2:41,0 19x24 3:61,0 19x12 4:61,13 19x11",
	    "four panes");
	ok(layout_remove(&root, 2) == 0, "remove the middle one");
	tree_is(root, "1:0,0 60x24 3:61,0 19x12 4:61,13 19x11",
	    "its space goes to the pane before it");
	ok(layout_remove(&root, 3) == 0, "remove the first of a column");
	tree_is(root, "1:0,0 60x24 4:61,0 19x24", "its space goes to the one "
	    "after it, and the column gives way to it");
	ok(root->type == LAYOUT_LEFTRIGHT && root->ncells == 2 &&
	    root->cells[1]->type == LAYOUT_PANE, "no column of one is left");
	ok(layout_remove(&root, 3) == -1, "a pane not there");
	layout_remove(&root, 1);
	tree_is(root, "4:0,0 80x24", "the last one takes the screen");
	ok(root->parent == NULL && root->type == LAYOUT_PANE, "as the root");
	layout_remove(&root, 4);
	ok(root == NULL, "no panes, no tree");

	/* A row in a column in a row: its cells join the outer row. */
	root = layout_new(1, 80, 24);
	layout_split(&root, 1, LAYOUT_LEFTRIGHT, -1, 0, 0, 2, &cause);
	layout_split(&root, 2, LAYOUT_TOPBOTTOM, -1, 0, 0, 3, &cause);
	layout_split(&root, 2, LAYOUT_LEFTRIGHT, -1, 0, 0, 4, &cause);
	layout_remove(&root, 3);
	tree_is(root, "1:0,0 40x24 2:41,0 19x24 4:61,0 19x24",
	    "a row left alone in a row joins it");
	ok(root->ncells == 3, "three cells in the root");
	layout_free(root);
}

static void
test_resize(void)
{
	struct layout_cell	*root = layout_new(1, 80, 24);
	char			*cause = NULL;

	layout_split(&root, 1, LAYOUT_LEFTRIGHT, -1, 0, 0, 2, &cause);
	layout_split(&root, 2, LAYOUT_TOPBOTTOM, -1, 0, 0, 3, &cause);
	ok(layout_resize_pane(root, 1, 'L', 5, &cause) == 5, "-L 5 on the "
	    "left pane");
	tree_is(root, "1:0,0 35x24 2:36,0 44x12 3:36,13 44x11",
	    "moves its right border left by 5");
	ok(layout_resize_pane(root, 2, 'L', 5, &cause) == 5, "-L 5 on a pane "
	    "on the right");
	tree_is(root, "1:0,0 30x24 2:31,0 49x12 3:31,13 49x11",
	    "moves its left border (it has no right one)");
	ok(layout_resize_pane(root, 3, 'R', 3, &cause) == 3, "-R 3");
	tree_is(root, "1:0,0 33x24 2:34,0 46x12 3:34,13 46x11", "and back");
	ok(layout_resize_pane(root, 2, 'D', 2, &cause) == 2, "-D 2");
	tree_is(root, "1:0,0 33x24 2:34,0 46x14 3:34,15 46x9",
	    "the border under it goes down");
	ok(layout_resize_pane(root, 2, 'D', 100, &cause) == 6,
	    "-D 100 stops at the minimum");
	tree_is(root, "1:0,0 33x24 2:34,0 46x20 3:34,21 46x3",
	    "the pane below keeps 3 rows");
	ok(layout_resize_pane(root, 1, 'L', 100, &cause) == 23,
	    "-L 100 stops at the minimum");
	tree_is(root, "1:0,0 10x24 2:11,0 69x20 3:11,21 69x3",
	    "the left pane keeps 10 columns");
	ok(layout_resize_pane(root, 1, 'L', 1, &cause) == 0,
	    "nothing moves past the minimum");
	ok(layout_resize_pane(root, 1, 'U', 1, &cause) == -1,
	    "-U on a pane as high as the screen");
	is_str(cause, "no border to move up or down (nothing "
	    "above or below it)", "says why");
	free(cause);
	cause = NULL;

	ok(layout_resize_pane_to(root, 1, LAYOUT_LEFTRIGHT, 40, &cause) == 0,
	    "-x 40");
	tree_is(root, "1:0,0 40x24 2:41,0 39x20 3:41,21 39x3", "40 wide");
	ok(layout_resize_pane_to(root, 3, LAYOUT_TOPBOTTOM, 10, &cause) == 0,
	    "-y 10 on the last pane of a column");
	tree_is(root, "1:0,0 40x24 2:41,0 39x13 3:41,14 39x10", "10 high");
	ok(layout_resize_pane_to(root, 2, LAYOUT_LEFTRIGHT, 5, &cause) == 0,
	    "-x 5 on the right");
	tree_is(root, "1:0,0 69x24 2:70,0 10x13 3:70,14 10x10",
	    "stops at the minimum");
	ok(layout_resize_pane_to(root, 1, LAYOUT_TOPBOTTOM, 5, &cause) == -1,
	    "-y on a pane as high as the screen");
	free(cause);
	layout_free(root);

	/* Shrinking takes from the pane, then those before it. */
	root = layout_new(1, 90, 24);
	layout_split(&root, 1, LAYOUT_LEFTRIGHT, 40, 0, 0, 2, &cause);
	layout_split(&root, 2, LAYOUT_LEFTRIGHT, 20, 0, 0, 3, &cause);
	layout_resize_pane(root, 2, 'L', 30, &cause);
	tree_is(root, "1:0,0 28x24 2:29,0 10x24 3:40,0 50x24",
	    "-L 30 on a middle pane: 9 from it (down to its minimum), 21 from "
	    "the one before, all to the one after");
	ok(layout_resize_pane(root, 1, 'R', 15, &cause) == 15, "-R 15 on the "
	    "first");
	tree_is(root, "1:0,0 43x24 2:44,0 10x24 3:55,0 35x24",
	    "takes from the nearest pane after it with room");
	layout_free(root);
}

static void
test_swap_and_scale(void)
{
	struct layout_cell	*root = layout_new(1, 80, 24), *lc;
	enum layout_type	 type;
	char			*cause = NULL;

	layout_split(&root, 1, LAYOUT_LEFTRIGHT, -1, 0, 0, 2, &cause);
	layout_split(&root, 2, LAYOUT_TOPBOTTOM, -1, 0, 0, 3, &cause);
	ok(layout_swap(root, 1, 3) == 0, "swap 1 and 3");
	tree_is(root, "1:41,13 39x11 2:41,0 39x12 3:0,0 40x24",
	    "they trade places");
	ok(layout_swap(root, 1, 7) == -1, "no pane 7");
	layout_swap(root, 1, 3);

	ok(layout_resize(root, 160, 48) == 0, "twice the size");
	tree_is(root, "1:0,0 81x48 2:82,0 78x25 3:82,26 78x22",
	    "in proportion");
	ok(layout_resize(root, 80, 24) == 0, "and back");
	tree_is(root, "1:0,0 40x24 2:41,0 39x12 3:41,13 39x11",
	    "as it was");
	layout_resize_pane(root, 1, 'L', 20, &cause);
	layout_resize(root, 100, 30);
	tree_is(root, "1:0,0 25x30 2:26,0 74x15 3:26,16 74x14",
	    "a quarter stays about a quarter");
	ok(layout_resize(root, 20, 30) == -1, "too narrow for two panes side "
	    "by side");
	tree_is(root, "1:0,0 25x30 2:26,0 74x15 3:26,16 74x14",
	    "is refused, the tree unchanged");
	ok(layout_resize(root, 21, 7) == 0, "the smallest that fits");
	tree_is(root, "1:0,0 10x7 2:11,0 10x3 3:11,4 10x3", "every pane at "
	    "its minimum");
	layout_resize(root, 80, 24);

	lc = layout_border_at(root, 40, 5, &type);
	ok(lc != NULL && type == LAYOUT_LEFTRIGHT && lc->pane == 1,
	    "the border right of pane 1");
	ok(layout_border_at(root, 50, 5, &type) == NULL, "no border in a "
	    "pane");
	lc = layout_border_at(root, 50, root->cells[1]->cells[0]->h, &type);
	ok(lc != NULL && type == LAYOUT_TOPBOTTOM && lc->pane == 2,
	    "the border under pane 2");
	lc = layout_border_at(root, 40, 5, &type);
	ok(layout_move_border(lc, type, -7) == -7, "drag it 7 left");
	tree_is(root, "1:0,0 33x24 2:34,0 46x12 3:34,13 46x11",
	    "the panes either side follow");
	layout_free(root);
}

/* Random operations keep the tree well made. */
static void
test_random(void)
{
	struct layout_cell	*root = NULL;
	unsigned int		 next = 1, panes[64];
	char			*cause;
	const char		*f = NULL;
	size_t			 n;
	int			 i, op, fails = 0;

	srand(7);
	for (i = 0; i < 20000 && fails == 0; i++) {
		if (root == NULL)
			root = layout_new(next++, 20 + rand() % 200,
			    5 + rand() % 60);
		n = layout_panes(root, panes, 64);
		op = rand() % 6;
		cause = NULL;
		if (op == 0 && n < 60)
			(void)layout_split(&root, panes[rand() % n],
			    rand() % 2 ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM,
			    rand() % 3 == 0 ? -1 : rand() % 80, rand() % 2,
			    rand() % 2, next++, &cause);
		else if (op == 1)
			(void)layout_remove(&root, panes[rand() % n]);
		else if (op == 2)
			(void)layout_resize_pane(root, panes[rand() % n],
			    "LRUD"[rand() % 4], rand() % 30, &cause);
		else if (op == 3)
			(void)layout_resize(root, 10 + rand() % 250,
			    3 + rand() % 80);
		else if (op == 4)
			(void)layout_resize_pane_to(root, panes[rand() % n],
			    rand() % 2 ? LAYOUT_LEFTRIGHT : LAYOUT_TOPBOTTOM,
			    rand() % 100, &cause);
		else
			(void)layout_swap(root, panes[rand() % n],
			    panes[rand() % n]);
		free(cause);
		if (root != NULL && (f = tree_fault(root, NULL)) != NULL) {
			diag("step %d (op %d): %s", i, op, f);
			fails++;
		}
	}
	layout_free(root);
	ok(fails == 0, "20000 random splits, removals, resizes and swaps "
	    "keep the tree well made");
}

int
main(void)
{
	test_examples();
	test_invariants();
	test_monotonic();
	test_names();
	test_presets();
	test_split();
	test_remove();
	test_resize();
	test_swap_and_scale();
	test_random();
	return (done_testing());
}
