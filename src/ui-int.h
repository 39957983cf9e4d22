/*
 * ui-int.h: what the UI files (ui.c, ui-term.c, ui-draw.c) share.  UI
 * thread only.
 * curses is included here and in those files only.
 */
#ifndef SUBPLEX_UI_INT_H
#define SUBPLEX_UI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>

#include "subplex.h"

/* A line typed ahead of the pane's code (ui.c, ui_ahead_add). */
struct ui_ahead {
	char			*text;
	uint64_t		 seq;		/* its input number */
	int			 block;		/* one history entry */
};

/* Copy mode's state of a pane (ui-copy.c; ui-draw.c draws it). */
enum { COPY_SEL_NONE, COPY_SEL_CHAR, COPY_SEL_LINE };
struct ui_copy {
	uint64_t		 cy;		/* the cursor: a line */
	size_t			 cx;		/* and a cell of it */
	int			 want;		/* column up/down keep, or -1 */
	int			 sel;		/* COPY_SEL_ */
	int			 rect;		/* a rectangle */
	uint64_t		 sy;		/* where the selection began */
	size_t			 sx;
	int			 scol, ccol;	/* their display columns */
	wchar_t			*search_shown;	/* the last search */
	int			 back;		/* it went up */
	int			 mouse;		/* a wheel or a drag began it */
};

/* What the UI keeps per pane (pane_ui()). */
struct ui_pane {
	struct pane		*p;		/* valid while the pane lives */
	unsigned int		 handle;	/* its handle, after too */
	int			 index;		/* its place when arranged */
	struct input_line	*line;		/* its readline state */
	int			 scrolled;	/* in copy mode */
	uint64_t		 bottom;	/* absolute line at the bottom */
	struct ui_copy		 copy;
	int			 press_x, press_y;	/* a mouse press */
	struct {
		uint64_t	 line;		/* UINT64_MAX: none */
		int		 row;		/* of that line's rows */
	}			*rowmap;	/* what each row drew */
	int			 nrowmap;
	int			 dragging;
	struct rect		 r;		/* where it was drawn */
	int			 visible;
	char			*block;		/* lines typed for one input */
	struct ui_ahead		*ahead;		/* typed ahead, not taken yet */
	size_t			 nahead;
	char			**matches;	/* completions on show */
	size_t			 nmatches;
	unsigned int		 complete_id;	/* the completion asked */
	char			*complete_line;
	int			 complete_point;
	int			 complete_start;
	int			 closing;	/* kill-pane asked, not done */
	uint64_t		 bells;		/* its BELs seen (outbuf_bells) */
	int			 bell;		/* one rang unfocused: '!' */
	enum pane_state		 seen_state;
};

/* Colour pairs made in one terminal's screen (ui-draw.c). */
#define UI_PAIRS_SLOTS	1024
struct ui_pairs {
	struct {
		unsigned int	 key;	/* foreground and background */
		short		 pair;	/* 0: a free slot */
	} slot[UI_PAIRS_SLOTS];
	int			 next;	/* the next pair to make */
};

#define UI_TERMS	16	/* terminals attached at most */

/* A terminal attached: a screen of the session (ui-term.c). */
struct ui_term {
	unsigned int		 id;		/* its client (server.c) */
	int			 in, out;	/* its fds, owned */
	SCREEN			*screen;
	FILE			*fin, *fout;
	char			*term;		/* its TERM */
	WINDOW			*canvas;	/* the session's size */
	struct ui_pairs		 pairs;
	int			 sx, sy;	/* its own size */
	int			 color;
	int			 suspended;	/* its client stopped */
	int			 crash_slot;
	double			 active;	/* last typed or attached */
	char			*ibuf;		/* bytes read, not keys yet */
	size_t			 ilen, icap;
	size_t			 paste_scan;	/* where a paste's end may be */
	int			 stalled;	/* the rest needs more bytes */
	double			 read_at;	/* when bytes last came */
	int			 gone;		/* closed, not freed yet */
	struct ui_term		*next_gone;
};

enum ui_mode {
	UI_NORMAL,
	UI_PROMPT,		/* the status line reads a line */
	UI_CONFIRM,		/* y/n on the status line */
	UI_DISPLAY_PANES,	/* numbers shown; a digit selects */
	UI_VIEW			/* a full-screen text (list-keys) */
};

struct ui {
	struct cmd_client	 client;	/* owns the focus */
	struct ui_pane		**panes;	/* every pane's UI side */
	size_t			 npanes;
	int			 sx, sy;
	enum layout		 layout;	/* the preset, if not custom */
	struct layout_cell	*tree;		/* where panes go (ui.c) */
	int			 custom;	/* split or resized by hand */
	int			 drag;		/* a border held by the mouse:
						   1, 2 once it moved */
	int			 drag_x, drag_y;	/* where it is now */
	int			 zoom;
	int			 prefix;	/* prefix key pressed */
	enum ui_mode		 mode;
	char			*prompt_label;
	char			*prompt_template;
	struct input_line	*prompt_line;
	char			*confirm_cmd;
	char			*message;
	double			 message_until;
	int			 message_error;
	char			*view_text;
	int			 view_top;
	int			 dirty;
	int			 fits;		/* the panes fit (ui_arrange) */
	struct ui_term		**terms;	/* attached */
	size_t			 nterms;
	struct ui_term		*latest;	/* gives the session's size */
	struct ui_term		*keys_from;	/* whose key is handled */
	WINDOW			*win;		/* the canvas being drawn */
	struct ui_pairs		*pairs;		/* its colour pairs */
	int			 color;		/* of the terminal drawn */
	int			 mouse;
	int			 status;	/* the status line is shown */
	int			 escape_time;	/* ms: a lone ESC, or a sequence? */
	int			 sync;		/* synchronize-panes */
	int			 quit;
	double			 display_until;
	int			 display_num;	/* digits typed so far, or -1 */
	unsigned int		 drag_pane;	/* a mouse press's pane */
	double			 repeat_until;	/* a -r key may come again */
};

extern struct ui ui;		/* defined in ui-draw.c, which draws it */

/* A line as drawn: cells (ui-draw.c). */
struct cell {
	wchar_t		 wc[4];		/* a character and combining marks */
	int		 width;		/* 1 or 2; 0 for the second half */
	attr_t		 attr;
	short		 pair;
};
struct cells {
	struct cell	*c;
	size_t		 n, cap;
	long		 cursor;	/* cell of the cursor, or -1 */
	size_t		 lead;		/* cells of the line not here (cut) */
};
void cells_text(struct cells *, const char *, size_t, const uint32_t *,
    enum style, long);
int cells_rows(struct cells *, int, long *, int *);
size_t ui_draw_match(struct ui_pane *, const struct cells *, size_t);
int ui_draw_selected(struct ui_pane *, uint64_t, size_t, int);

/* ui-copy.c */
void ui_copy_enter(struct ui_pane *, int);
void ui_copy_leave(struct ui_pane *);
int ui_copy_command(struct ui_pane *, const char *, const char *, char **);
int ui_copy_vi(void);
const char *ui_copy_name(size_t);
int ui_copy_search(struct ui_pane *, const char *, int, char **);
void ui_copy_scroll(struct ui_pane *, long);
void ui_copy_mouse(struct ui_pane *, struct key_event *);

static inline struct ui_pane *
ui_pane_of(struct pane *p)
{
	return (p != NULL ? pane_ui(p) : NULL);
}

int ui_draw(int *, int *);
void ui_draw_init(void);

struct ui_term *ui_term_open(unsigned int, int, int, const char *, char **);
void ui_term_close(struct ui_term *, const char *, int);
void ui_term_reap(void);
struct ui_term *ui_term_find(unsigned int);
void ui_term_activate(struct ui_term *);
void ui_term_resize(struct ui_term *);
void ui_term_suspend(struct ui_term *);
void ui_term_resume(struct ui_term *);
void ui_term_mouse(int);
void ui_term_beep(void);
int ui_term_read(struct ui_term *);
void ui_term_draw(void);
void ui_term_clipboard(const char *, size_t);

#endif
