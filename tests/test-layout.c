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

int
main(void)
{
	test_examples();
	test_invariants();
	test_monotonic();
	test_names();
	return (done_testing());
}
