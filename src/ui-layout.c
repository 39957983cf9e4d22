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
 * It is pure arithmetic with no state and no I/O: any thread may call it,
 * though in practice only the UI thread does.  The names and the cycling
 * order serve select-layout and next-layout in cmd.c.  Cost: O(n) per call.
 */
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
