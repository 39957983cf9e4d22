/*
 * ui-int.h: what the UI files (ui.c, ui-draw.c) share.  UI thread only.
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

/* What the UI keeps per pane (pane_ui()). */
struct ui_pane {
	struct pane		*p;		/* valid while the pane lives */
	unsigned int		 handle;	/* its handle, after too */
	int			 index;		/* its place when arranged */
	struct input_line	*line;		/* its readline state */
	int			 scrolled;	/* in scroll (copy) mode */
	uint64_t		 bottom;	/* absolute line at the bottom */
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
	enum pane_state		 seen_state;
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
	enum layout		 layout;
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
	int			 attached;	/* a terminal is the screen */
	int			 suspended;	/* its client stopped (C-b C-z) */
	int			 color;
	int			 mouse;
	int			 status;	/* the status line is shown */
	int			 quit;
	double			 display_until;
};

extern struct ui ui;		/* defined in ui-draw.c, which draws it */

static inline struct ui_pane *
ui_pane_of(struct pane *p)
{
	return (p != NULL ? pane_ui(p) : NULL);
}

void ui_draw(void);
void ui_draw_init(void);

#endif
