/*
 * subplex.h: shared types and prototypes, one section per .c file.
 *
 * THREADING CONTRACT (read this before touching any file):
 *  - Only the UI thread touches ncurses and readline.  In batch mode the main
 *    thread plays the UI thread's part: it parses the script and runs commands.
 *  - Commands run on the thread of their client's loop (cmd.c) and never
 *    block it: one that must wait returns CMD_WAIT and that loop resumes
 *    it when the notify fd fires or its deadline passes.  Higher layers
 *    hold panes by handle (pane_get), not by pointer, across such waits.
 *  - Only a pane's own threads attach to that pane's interpreter: its worker
 *    (which runs its inputs and, idle at the prompt, its completions) and
 *    its interrupter (interrupts, fairness; it never runs user code, so an
 *    interrupt never waits for any).  The keeper thread owns the main
 *    interpreter and creates and ends every sub-interpreter.  The UI thread
 *    attaches to none and never waits for any GIL.
 *  - The pane's output buffer (struct outbuf) and its input queue are the only
 *    objects shared between the UI thread and a worker.  They are locked with
 *    mutexes under which nothing waits for a GIL (they nest only as the next
 *    point says), and the notify fd tells the UI loop that something
 *    changed.  No Python object crosses threads.
 *  - Locks nest only in this order, outermost first: fdcap_lock (fdcap.c),
 *    panes_lock (the pane list), a pane's lock, fdcap_owners_lock (the
 *    owners of captured output), an outbuf's lock, its journal's lock
 *    (journal.c; a leaf: the file's syscalls happen under it, not under
 *    the outbuf's).  No lock is held while waiting for a GIL.
 *  - extmod.c's lock guards the registry of extension modules; it is taken
 *    with no GIL held when it may wait, and messages that name panes are
 *    made after it is released (the namer takes the pane list's locks).
 *  - interp.c is the only file with interpreter and thread-state lifecycle
 *    calls.  Python.h is included only by the engine files (interp.c, pyio.c,
 *    repl.c) through engine.h; this header never exposes PyObject.
 */
#ifndef SUBPLEX_H
#define SUBPLEX_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SUBPLEX_DEFAULT_SCROLLBACK 10000

#ifndef __GNUC__
#define __attribute__(x)
#endif

/* xmalloc.c: allocation that never fails (it exits), messages, fd helpers. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
int xasprintf(char **, const char *, ...)
    __attribute__((format(printf, 2, 3)));
int xvasprintf(char **, const char *, va_list);
extern const char *log_progname;
extern int log_fd;		/* where messages go: the real stderr */
void log_msg(const char *, ...) __attribute__((format(printf, 1, 2)));
void fatalx(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void fatal(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));
int write_all(int, const void *, size_t);
double mono_now(void);		/* CLOCK_MONOTONIC seconds */
struct timespec;
void mono_in(double, struct timespec *);
void cond_init_mono(pthread_cond_t *);
void block_signals(void);	/* engine threads: no async signals */

/* crash.c: the state directory, session transcripts, fatal signals. */
struct termios;
char *state_subdir(const char *);
const char *crash_session_start(void);		/* UI thread, at start */
const char *crash_session_dir(void);
void crash_note(void);
void crash_where(void);
int crash_terminal(int, const struct termios *, const char *, size_t);
void crash_terminal_done(int);
void crash_install(void);
void *crash_thread_init(void);			/* every engine thread */
void crash_thread_done(void *);

/* notify.c: one coalescing wakeup fd for the UI loop. */
void notify_init(void);
int notify_fd(void);
void notify_poke(void);		/* any thread; cheap when already poked */
void notify_clear(void);	/* UI thread, after waking */

/* outbuf.c: bounded, locked scrollback of styled lines. */
enum style {
	STYLE_OUT,		/* sys.stdout */
	STYLE_ERR,		/* sys.stderr */
	STYLE_PROMPT,		/* sys.ps1 / sys.ps2 */
	STYLE_INPUT,		/* echoed input */
	STYLE_FD,		/* captured from fds 1 and 2 */
	STYLE_NOTE		/* subplex's own notes in the transcript */
};
struct outbuf;
/*
 * A cell's look, one word per text byte (outbuf_line.attr): the stream
 * that wrote it (enum style), the 256-colour foreground and background
 * (0: the default, else 1 + the index) and SGR attributes.
 */
#define VT_ATTR_STYLE(a)	((enum style)((a) & 0x7))
#define VT_ATTR_FG_SHIFT	3
#define VT_ATTR_BG_SHIFT	12
#define VT_ATTR_FG(a)		(((a) >> VT_ATTR_FG_SHIFT) & 0x1ff)
#define VT_ATTR_BG(a)		(((a) >> VT_ATTR_BG_SHIFT) & 0x1ff)
#define VT_ATTR_BOLD		(1u << 21)
#define VT_ATTR_ITALIC		(1u << 22)
#define VT_ATTR_UNDERLINE	(1u << 23)
#define VT_ATTR_REVERSE		(1u << 24)
#define VT_ATTR_STRIKE		(1u << 25)
#define VT_ATTR_BLINK		(1u << 26)
struct outbuf_line {
	char		*text;	/* UTF-8 as shown, not NUL-terminated */
	size_t		 len;
	uint32_t	*attr;	/* one attribute word per text byte */
	size_t		 lead;	/* outbuf_copy_tail: cells cut off before */
};
struct outbuf *outbuf_create(size_t limit);
void outbuf_free(struct outbuf *);
void outbuf_set_limit(struct outbuf *, size_t);
int outbuf_journal(struct outbuf *, const char *);
int outbuf_journal_rename(struct outbuf *, const char *);
void outbuf_write(struct outbuf *, enum style, const char *, size_t);
int outbuf_at_line_start(struct outbuf *);
uint64_t outbuf_generation(struct outbuf *);
uint64_t outbuf_wait(struct outbuf *, uint64_t, double);
size_t outbuf_count(struct outbuf *);	/* lines, with a partial last one */
uint64_t outbuf_first(struct outbuf *);
/* Copy lines [first, first+n) out under the lock; caller frees with below. */
size_t outbuf_copy(struct outbuf *, size_t, size_t, struct outbuf_line **);
size_t outbuf_copy_tail(struct outbuf *, size_t, size_t, size_t,
    struct outbuf_line **);
void outbuf_free_lines(struct outbuf_line *, size_t);
int outbuf_set_size(struct outbuf *, int, int);
#define OUTBUF_ROWS	24		/* a terminal's size until told */
#define OUTBUF_COLS	80
uint64_t outbuf_clear_mark(struct outbuf *);
char *outbuf_line_sgr(const struct outbuf_line *);
void outbuf_clear_history(struct outbuf *);
void outbuf_set_reply(struct outbuf *, void (*)(void *, const char *,
    size_t), void *);
void outbuf_key(struct outbuf *, uint32_t, const char *, size_t);
size_t outbuf_rows(struct outbuf *, struct outbuf_line **, int *, int *);
uint64_t outbuf_bells(struct outbuf *, int);

/* vterm.c: a pane's terminal (libvterm), under its outbuf's lock. */
struct vt;
struct vt_ops {
	/* A line that scrolled off the top (soft: it goes on in the next). */
	void	(*push)(void *, const char *, const uint32_t *, size_t, int);
	void	(*cleared)(void *);	/* the screen was cleared */
	/* Bytes the terminal sends to its program (answers, keys). */
	void	(*reply)(void *, const char *, size_t);
	void	(*bell)(void *);	/* BEL (\a) was carried out */
};
struct vt *vt_create(int, int, const struct vt_ops *, void *);
void vt_free(struct vt *);
void vt_write(struct vt *, enum style, const char *, size_t);
size_t vt_strip(int *, const char *, size_t, char *);
size_t vt_lines(struct vt *, struct outbuf_line **, int *);
size_t vt_rows(struct vt *, struct outbuf_line **, int *, int *);
void vt_key(struct vt *, uint32_t, const char *, size_t);	/* key_code */
void vt_size(struct vt *, int *, int *);
void vt_resize(struct vt *, int, int);
void vt_attr_sgr(uint32_t, int, char *, size_t);

/* journal.c: an outbuf's transcript file, kept through a shared map. */
struct journal;
struct journal *journal_open(const char *);	/* NULL, errno */
void journal_close(struct journal *);
void journal_lock(struct journal *);		/* under the outbuf's lock */
void journal_unlock(struct journal *);
void journal_append(struct journal *, const char *, size_t);	/* locked */
int journal_rename(struct journal *, const char *);		/* locked */
void journal_crash(void);			/* async-signal-safe */

/* utf8.c: decode, encode, check and sanitize UTF-8; pure, any thread. */
#define UTF8_INVALID	(-1)	/* utf8_decode: no character starts here */
#define UTF8_TRUNCATED	(-2)	/* a valid start, cut short by the end */
int utf8_decode(const char *, size_t, uint32_t *);
size_t utf8_encode(uint32_t, char *);	/* 0: surrogate, > U+10FFFF */
long utf8_invalid_at(const char *, size_t);	/* -1 when valid */
/* Sanitizing: controls in caret notation (tab kept), invalid UTF-8 and C1
 * controls as U+FFFD.  The flags are the journal's variant (utf8.c). */
#define UTF8_SAN_LINES	0x1	/* newline and carriage return kept */
#define UTF8_SAN_BYTES	0x2	/* byte by byte: only C0 and DEL change */
enum utf8_show {
	UTF8_SHOW_KEEP,		/* the bytes as they are */
	UTF8_SHOW_CARET,	/* '^' then the character given */
	UTF8_SHOW_BAD		/* U+FFFD */
};
size_t utf8_sanitize_next(const char *, size_t, int, uint32_t *,
    enum utf8_show *);
size_t utf8_sanitize_to(char *, const char *, size_t, int);
char *utf8_sanitize(const char *, size_t, int, size_t *);
size_t utf8_width(const char *, size_t);

struct pane;

/* extmod.c: extension modules by file, and who may load them. */
enum extmod_kind {
	EXTMOD_UNKNOWN,		/* not loaded yet, or its load failed */
	EXTMOD_MULTI,		/* multi-phase initialisation */
	EXTMOD_SINGLE,		/* single-phase: one interpreter only */
	EXTMOD_TRIED		/* 3.12 refused it after its init ran */
};
typedef char *extmod_namer_cb(unsigned long);	/* interp id -> pane */
void extmod_set_namer(extmod_namer_cb *);
int extmod_begin(const char *, const char *, unsigned long, const char *,
    char **);
void extmod_end(const char *, const char *, unsigned long,
    enum extmod_kind, unsigned long);
char *extmod_explain(const char *, const char *, unsigned long);
void extmod_interp_ended(unsigned long);
void extmod_free_all(void);

/* fdcap.c: fds 1 and 2 go to pipes; what arrives is shown, never raw. */
extern int tty_in_fd, tty_out_fd;	/* the real stdin and stdout */
void fdcap_start(void);
void fdcap_claim(struct outbuf *);	/* its code runs: owns output */
void fdcap_release(struct outbuf *);
size_t fdcap_owner_count(void);
void fdcap_drain(struct outbuf *);	/* worker: before it goes idle */
void fdcap_stop(void);
struct outbuf *fdcap_process_log(void);	/* output no pane could own */
extern int fdcap_passthrough;		/* batch: process log to stderr */

/* pane.c: pane = interpreter + worker and interrupter threads + queue +
 * buffer. */
enum pane_state {
	PANE_STARTING,		/* interpreter being created */
	PANE_IDLE,		/* at the REPL prompt, queue empty */
	PANE_RUNNING,		/* running code (or has input queued) */
	PANE_INPUT,		/* in input(), waiting for a line */
	PANE_CLOSING,		/* ending its interpreter */
	PANE_DEAD		/* ended; transcript kept, can respawn */
};
enum gil_mode { GIL_DEFAULT, GIL_OWN, GIL_SHARED, GIL_MAIN };
struct pane;
struct pane_opts {
	const char	*name;
	enum gil_mode	 gil;
	const char	*startup;	/* a Python file run at start */
	const char	*cwd;		/* its working directory, or NULL */
	char *const	*env;		/* NAME=VALUE for its os.environ */
	size_t		 nenv;
};
/* How an input ended (control mode's run-finished). */
enum pane_run_status { RUN_NONE, RUN_OK, RUN_EXCEPTION, RUN_EXIT };
struct pane_run {
	uint64_t	 input;		/* its number (pane_info's sent) */
	enum pane_run_status status;
	char		*exc_type;	/* RUN_EXCEPTION */
	char		*exc_msg;
	int		 exit_status;	/* RUN_EXIT */
	double		 seconds;
};
struct pane_info {
	int		 index;
	unsigned int	 handle;	/* pane_handle */
	char		*name;
	enum pane_state	 state;
	int		 exit_status;	/* when dead */
	int		 own_gil;
	int		 main;		/* runs in the main interpreter */
	unsigned int	 respawns;	/* respawns done so far */
	unsigned long	 interp_id;
	char		*prompt;	/* pending REPL prompt, or NULL */
	int		 more;		/* the prompt is sys.ps2 */
	int		 secret;	/* getpass() waits: hide the line */
	uint64_t	 sent;		/* inputs sent so far */
	struct pane_run	 run;		/* the last input run to its end */
	uint64_t	 input_waits;	/* times input() has waited */
};
extern size_t pane_scrollback;
void pane_shutdown(double);
struct pane *pane_new(const struct pane_opts *, char **);
size_t pane_count(void);
unsigned int pane_handle(struct pane *);	/* stable, never reused */
struct pane *pane_get(unsigned int);	/* NULL once killed or reaped */
struct pane *pane_at(size_t);
struct pane *pane_find(const char *, char **);
struct pane *pane_main(void);
int pane_index(struct pane *);
void pane_swap(struct pane *, struct pane *);	/* their places (indexes) */
void pane_info(struct pane *, struct pane_info *);
void pane_info_free(struct pane_info *);
struct outbuf *pane_outbuf(struct pane *);
void pane_set_size(struct pane *, int, int);
int pane_foreground(struct pane *);
void pane_key(struct pane *, uint32_t, const char *, size_t);
void pane_type(struct pane *, const char *, size_t);
void pane_clear_screen(struct pane *);
void pane_clear_history(struct pane *);
int pane_tty_interrupts(struct pane *, int);
void pane_interrupt_tty(struct pane *, int);

/* panetty.c: a pane's pseudo-terminal (pane.c's; panetty_slave: any). */
struct panetty;
struct panetty *panetty_open(struct outbuf *, int, int, char **);
void panetty_close(struct panetty *);
void panetty_sync(struct panetty *);
void panetty_use(struct panetty *);
char *panetty_child_ended(struct panetty *, size_t *);
void panetty_written(struct panetty *);
int panetty_take_written(struct panetty *);
int panetty_slave(struct panetty *);
void panetty_resize(struct panetty *, int, int);
void panetty_spawned(struct panetty *, long);
int panetty_foreground(struct panetty *);
int panetty_interrupts(struct panetty *, int);
void panetty_write(struct panetty *, const char *, size_t);
char *panetty_name(struct panetty *);
const char *panetty_helper(void);
const char *pane_name(struct pane *);
int pane_rename(struct pane *, const char *, char **);
void pane_send(struct pane *, const char *);
void pane_send_eof(struct pane *);
void pane_send_block(struct pane *, const char *);
void pane_interrupt(struct pane *);
int pane_wait_idle(struct pane *, double, char **);
int pane_kill(struct pane *, double, char **);
int pane_respawn(struct pane *, double, char **);
int pane_busy(struct pane *);
const char *pane_state_name(enum pane_state);
uint64_t pane_mark(struct pane *);
size_t pane_lines(struct pane *, uint64_t, struct outbuf_line **, char **);
int pane_last_input(struct pane *, uint64_t *);
void pane_close_request(struct pane *, int);
int pane_close_cancel(struct pane *);
int pane_reap(struct pane *, char **);
int pane_taken_secret(struct pane *, uint64_t);
/* Run by the idle worker; a busy pane answers with nothing at once. */
void pane_complete_request(struct pane *, const char *, unsigned int);
unsigned int pane_complete_result(struct pane *, char ***, size_t *);
void *pane_ui(struct pane *);
void pane_set_ui(struct pane *, void *);

/* transcript.c: a pane's transcript as plain text (capture, expect). */
char *pane_transcript(struct pane *, size_t *);
char *pane_transcript_from(struct pane *, uint64_t, size_t *);
char *pane_transcript_sgr(struct pane *, size_t *);
char *pane_recent(struct pane *, size_t *);	/* NULL: not echoed yet */

/* pyio.c: the _subplex module (the pane's streams), built into Python. */
void pyio_register(void);	/* the keeper's modules hook, below */

/* interp.c: the keeper thread; the only interpreter/thread-state calls. */
typedef void interp_modules_cb(void);
struct engine_config {
	enum gil_mode	 gil;		/* default for new panes */
	/* Registers built-in modules (PyImport_AppendInittab) on the keeper
	 * before Py_Initialize: pyio_register, which panes need. */
	interp_modules_cb *modules;
};
int interp_start(const struct engine_config *, char **);
void interp_stop(int);			/* 1: all panes ended, finalize */
const char *interp_python_version(void);
const char *interp_start_note(void);
size_t interp_kept_memory(void);
extern size_t own_gil_memory;		/* MB, set-option own-gil-memory */
int interp_own_gil_default(void);
int interp_own_gil_supported(void);

/* engine-start.c: starts and stops the engine (main.c only). */
int engine_start(const struct engine_config *, int, char **);
void engine_stop(double);

/* script.c: session-script tokenizer; pure, no I/O. */
struct script_cmd {
	int		 argc;
	char		**argv;
	int		 line;		/* 1-based line of the command name */
	int		 col;		/* 1-based column of the command name */
	int		*argline;	/* line and column of each argument */
	int		*argcol;
	char		*error;		/* script_parse_recover: a line that
					   did not parse (argc 0), why */
};
struct script {
	struct script_cmd *cmds;
	size_t		 ncmds;
};
int script_parse(const char *, size_t, struct script *, int *, int *,
    char **);
size_t script_parse_recover(const char *, size_t, struct script *);
void script_free(struct script *);

/* keys.c: terminal input bytes -> key events; key names. */
typedef uint32_t key_code;
#define KEYC_NONE	0u
#define KEYC_META	0x01000000u	/* M- */
#define KEYC_CTRL	0x02000000u	/* C- on special keys (C-Up) */
#define KEYC_SHIFT	0x04000000u	/* S- on special keys */
#define KEYC_MASK_MOD	0x07000000u
#define KEYC_MASK_KEY	0x00ffffffu
#define KEYC_BASE	0x00110000u	/* special keys, above Unicode */
enum {
	KEYC_UP = KEYC_BASE, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT,
	KEYC_HOME, KEYC_END, KEYC_PPAGE, KEYC_NPAGE, KEYC_IC, KEYC_DC,
	KEYC_BTAB,
	KEYC_F1, KEYC_F2, KEYC_F3, KEYC_F4, KEYC_F5, KEYC_F6,
	KEYC_F7, KEYC_F8, KEYC_F9, KEYC_F10, KEYC_F11, KEYC_F12,
	KEYC_PASTE,		/* a bracketed paste; text in the event */
	KEYC_MOUSE,		/* a mouse event; details in the event */
	KEYC_FOCUS_IN, KEYC_FOCUS_OUT,
	KEYC_UNKNOWN		/* an escape sequence we do not know */
};
enum key_mouse_kind {
	MOUSE_PRESS, MOUSE_RELEASE, MOUSE_DRAG, MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN
};
struct key_event {
	key_code	 key;		/* code point (C-a is 0x01) or KEYC_ */
	char		 bytes[64];	/* the raw bytes, for readline */
	size_t		 len;
	enum key_mouse_kind mouse;	/* KEYC_MOUSE only */
	int		 button;	/* 0 left, 1 middle, 2 right */
	int		 x, y;		/* 0-based cell */
	char		*paste;		/* KEYC_PASTE only: caller frees */
	size_t		 pastelen;
};
size_t keys_decode(const char *, size_t, int, struct key_event *);
const char *keyc_name(key_code, char *, size_t);	/* curses has key_name */
key_code keyc_from_name(const char *);	/* KEYC_NONE if unknown */
size_t keyc_bytes(key_code, char *, size_t);	/* as a terminal sends it */

/* keys-table.c: key binding tables (UI thread only). */
struct key_table;
struct key_table *key_table_get(const char *, int);	/* "root", "prefix" */
void key_bind(struct key_table *, key_code, const char *);
int key_unbind(struct key_table *, key_code);
int key_set_repeat(struct key_table *, key_code, int);
int key_repeats(struct key_table *, key_code);
const char *key_lookup(struct key_table *, key_code);
void key_bind_defaults(void);
char *key_list(const char *);	/* "bind-key -T TABLE KEY COMMAND\n"... */

/* options.c: set-option's options, one table; owners read or watch. */
typedef int options_cb(const char *, long, void *, char **);
int options_set(const char *, const char *, char **);	/* NULL: toggle */
int options_unset(const char *, char **);
int options_exists(const char *);
int options_tmux_only(const char *);
size_t options_names(const char **, size_t);
char *options_list(void);
char *options_show(const char *, int, char **);
long options_get(const char *);
void options_watch(const char *, options_cb *, void *);

/* paste.c: the session's paste buffers (the clients' loop thread). */
struct paste_buffer {
	char			*name;
	char			*data;
	size_t			 len;
	time_t			 created;
	int			 automatic;	/* bufferN: dropped at the limit */
	struct paste_buffer	*next;		/* older */
};
struct paste_buffer *paste_get(const char *);
struct paste_buffer *paste_walk(struct paste_buffer *);
void paste_delete(struct paste_buffer *);
struct paste_buffer *paste_add(const char *, char *, size_t, size_t);
void paste_free_all(void);

/* ui-layout.c: where panes go. */
enum layout {
	LAYOUT_EVEN_HORIZONTAL,	/* side by side */
	LAYOUT_EVEN_VERTICAL,	/* one above the other */
	LAYOUT_MAIN_VERTICAL,	/* a big pane left, the others stacked */
	LAYOUT_TILED,
	LAYOUT_COUNT
};
struct rect {
	int		 x, y, w, h;
};
#define LAYOUT_MIN_W 10		/* smallest pane, in cells */
#define LAYOUT_MIN_H 3
int layout_compute(enum layout, int, int, int, struct rect *);
const char *layout_name(enum layout);
int layout_from_name(const char *, enum layout *);
enum layout layout_next(enum layout);
/* The tree of cells panes are laid out in (tmux's layout cells). */
enum layout_type {
	LAYOUT_LEFTRIGHT,	/* cells side by side */
	LAYOUT_TOPBOTTOM,	/* cells one above the other */
	LAYOUT_PANE		/* a pane */
};
struct layout_cell {
	enum layout_type	 type;
	struct layout_cell	*parent;
	struct layout_cell	**cells;	/* a container's, in order */
	size_t			 ncells;
	int			 x, y, w, h;	/* borders between cells */
	unsigned int		 pane;		/* LAYOUT_PANE: its handle */
};
struct layout_cell *layout_new(unsigned int, int, int);
void layout_free(struct layout_cell *);
struct layout_cell *layout_copy(const struct layout_cell *);
struct layout_cell *layout_find(struct layout_cell *, unsigned int);
size_t layout_panes(const struct layout_cell *, unsigned int *, size_t);
unsigned int layout_first_pane(const struct layout_cell *);
int layout_min(const struct layout_cell *, enum layout_type);
struct layout_cell *layout_preset(enum layout, const unsigned int *, int,
    int, int);
int layout_split(struct layout_cell **, unsigned int, enum layout_type, int,
    int, int, unsigned int, char **);
int layout_remove(struct layout_cell **, unsigned int);
int layout_resize_pane(struct layout_cell *, unsigned int, char, int,
    char **);
int layout_resize_pane_to(struct layout_cell *, unsigned int,
    enum layout_type, int, char **);
int layout_swap(struct layout_cell *, unsigned int, unsigned int);
int layout_resize(struct layout_cell *, int, int);
struct layout_cell *layout_border_at(struct layout_cell *, int, int,
    enum layout_type *);
int layout_move_border(struct layout_cell *, enum layout_type, int);

/* input.c: GNU readline in callback mode (UI thread only). */
struct input_line;
typedef void input_accept_cb(char *, void *);
typedef void input_complete_cb(const char *, int, int, void *);
typedef void input_redraw_cb(void *);
extern size_t input_history_size;
void input_init(input_accept_cb *, input_complete_cb *, input_redraw_cb *,
    void *);
void input_shutdown(void);
char *input_history_path(const char *);
struct input_line *input_line_new(const char *);
void input_line_free(struct input_line *);
void input_line_save(struct input_line *);
void input_line_words(struct input_line *);
void input_line_secret(struct input_line *, int);
void input_line_rename(struct input_line *, const char *);
void input_activate(struct input_line *);
struct input_line *input_active(void);
void input_feed(const char *, size_t);
const char *input_buffer(int *);
const char *input_line_text(struct input_line *, int *);
const char *input_special_prompt(void);
void input_set_text(const char *);
void input_add_history(struct input_line *, const char *);
int input_complete_apply(const char *, int, int, char **, size_t);

/*
 * cmd.c, cmd-*.c: the commands, one table entry each, and the one loop
 * that runs them.  Whoever runs commands is a client: the terminal UI,
 * batch mode, later a server's clients.  A command reaches its client
 * only through the client's ops; the client owns the focus (current and
 * last pane).  Ops a client cannot do are NULL; a command that needs an
 * interactive client says so in its entry and is refused, once, by cmd.c.
 */
enum cmd_retval { CMD_ERROR = -1, CMD_NORMAL = 0, CMD_WAIT = 1 };
enum cmd_pane_event {
	CMD_PANE_ADDED,		/* new-pane made it */
	CMD_PANE_RENAMED,
	CMD_PANE_CLOSING,	/* kill-pane asked; the pane is still there */
	CMD_PANE_CLOSED,	/* gone: its handle finds nothing now */
	CMD_PANE_RESPAWNING,
	CMD_PANE_RESPAWNED,
	CMD_PANE_KEPT		/* a close or respawn failed */
};
struct cmd_client;
struct cmdq;
/* What split-window, resize-pane and swap-pane ask of a client's layout. */
enum cmd_layout_op {
	CMD_LAYOUT_SPLIT,	/* dir 'h' (left-right) or 'v' */
	CMD_LAYOUT_RESIZE,	/* dir 'L', 'R', 'U' or 'D' by size */
	CMD_LAYOUT_RESIZE_TO,	/* dir 'x' (width) or 'y' to size */
	CMD_LAYOUT_SWAP		/* pane and other trade places */
};
struct cmd_layout {
	enum cmd_layout_op	 op;
	unsigned int		 pane;		/* the target's handle */
	unsigned int		 other;		/* split: the new pane, 0 to
						   ask if it would fit */
	char			 dir;
	int			 size;		/* -1: none given */
	int			 percent;	/* size is a percentage */
	int			 before;	/* split -b: new pane first */
};
struct cmd_client_ops {
	/* Every client. */
	int	(*print)(struct cmd_client *, char *, size_t, char **);
	void	(*error)(struct cmd_client *, const char *);
	void	(*focused)(struct cmd_client *);	/* current changed */
	void	(*pane_event)(struct cmd_client *, unsigned int,
		    enum cmd_pane_event);	/* a pane handle */
	/* A run told more than one error (each through error): the first
	 * and how many more, when it ends (may be NULL). */
	void	(*errors)(struct cmd_client *, const char *, unsigned int);
	/* Interactive clients (NULL otherwise). */
	void	(*message)(struct cmd_client *, const char *);
	int	(*select_direction)(struct cmd_client *, char);
	void	(*set_layout)(struct cmd_client *, int, enum layout);
	void	(*toggle_zoom)(struct cmd_client *);
	int	(*layout)(struct cmd_client *, const struct cmd_layout *,
		    char **);
	void	(*display_panes)(struct cmd_client *);
	void	(*suspend)(struct cmd_client *);
	void	(*detach)(struct cmd_client *);
	void	(*copy_mode)(struct cmd_client *, struct pane *, int);
	void	(*command_prompt)(struct cmd_client *, const char *,
		    const char *, const char *);
	void	(*confirm)(struct cmd_client *, const char *, const char *);
	void	(*send_prefix)(struct cmd_client *);
	void	(*quit)(struct cmd_client *, int);
	void	(*paste)(struct cmd_client *, struct pane *, const char *,
		    size_t);	/* as the terminal pastes */
	/* send-keys: keys typed at a pane (a handle), or at every live
	 * pane (synchronize-panes); NULL: the command's own, batch way. */
	int	(*send_keys)(struct cmd_client *, unsigned int, int,
		    struct key_event *, size_t, char **);
	/* send-keys -X NAME [ARG]: copy mode's command in a pane. */
	int	(*copy_command)(struct cmd_client *, struct pane *,
		    const char *, const char *, char **);
};
#define CMD_COPY_PAGE_UP	0x1	/* copy-mode -u */
#define CMD_COPY_QUIT		0x2	/* copy-mode -q */
struct cmd_client {
	const struct cmd_client_ops *ops;
	int		 interactive;	/* has the interactive ops */
	const char	*where;		/* "with --batch": for messages */
	unsigned int	 current;	/* the focus, a pane handle (0: none) */
	unsigned int	 last;		/* the pane focused before */
	int		 quit;		/* quit was run (no quit op) */
	int		 failed;	/* a script of its stopped on an error */
	struct cmdq	*queue;		/* scripts under way (cmd.c) */
};
/* How a run takes a failing command (cmd.c). */
enum cmd_run_mode {
	CMD_RUN_SCRIPT,		/* a session script (--batch, -c, -f): the
				   first error stops it, and in the files it
				   sources */
	CMD_RUN_TYPED,		/* the prompt, a key, a command from a shell:
				   the first error stops the line; a file it
				   sources is a config */
	CMD_RUN_CONFIG		/* a config file: each error told, the next
				   command runs */
};
enum cmd_retval cmd_run(struct cmd_client *, const char *, struct script *);
enum cmd_retval cmd_run_as(struct cmd_client *, const char *, struct script *,
    enum cmd_run_mode);
enum cmd_retval cmd_run_file(struct cmd_client *, const char *);
enum cmd_retval cmd_run_config(struct cmd_client *, const char *);
int cmd_continue(struct cmd_client *);
double cmd_deadline(struct cmd_client *);
void cmd_cancel(struct cmd_client *);
void cmd_focus(struct cmd_client *, struct pane *);
struct pane *cmd_current(struct cmd_client *);
struct pane *cmd_last(struct cmd_client *);
void cmd_pane_gone(struct cmd_client *, int);
int cmd_load(const char *, struct script *, const char **, char **);
int cmd_load_config(const char *, struct script *, const char **, char **);
void cmd_log(const char *);
char *cmd_log_text(void);
int cmd_parse(const char *, const char *, size_t, struct script *, char **);
int cmd_check(const struct script *, char **);
size_t cmd_complete(const char *, char ***);
char *cmd_quote(int, char **);

/* proto.c: server <-> client messages; where the socket lives. */
#define PROTO_VERSION	1
#define PROTO_MAX	(64u * 1024 * 1024)	/* payload bytes */
#define PROTO_MAX_WORDS	4096
enum proto_type {
	PROTO_HELLO = 1,	/* client: its protocol version, as text */
	PROTO_COMMAND,		/* client: a command's words, NUL-ended */
	PROTO_INFO,		/* client asks; server: "PANES PID ATTACHED" */
	PROTO_CONTROL,		/* client: control mode from now on */
	PROTO_LINE,		/* client, in control mode: a command line */
	PROTO_ATTACH,		/* client: TERM; its tty's fds ride along */
	PROTO_RESIZE,		/* client: its terminal changed size */
	PROTO_SIGNAL,		/* client: a signal it got, as a number */
	PROTO_STDOUT = 16,	/* server: output */
	PROTO_STDERR,		/* server: a message (one line) */
	PROTO_EXIT,		/* server: the exit status, as text */
	PROTO_EVENT,		/* server: control mode's JSON lines */
	PROTO_DETACHED,		/* server: the screen let go; why */
	PROTO_SUSPEND		/* server: the screen is put away: stop */
};
struct proto_msg {
	enum proto_type	 type;
	const char	*data;		/* into the buffer decoded */
	size_t		 len;
};
struct proto_buf {
	char		*data;
	size_t		 len, cap;
};
void proto_put(struct proto_buf *, enum proto_type, const void *, size_t);
void proto_append(struct proto_buf *, const void *, size_t);
void proto_consume(struct proto_buf *, size_t);
int proto_number(const struct proto_msg *, long *);
void proto_buf_free(struct proto_buf *);
int proto_get(const char *, size_t, struct proto_msg *, size_t *, char **);
char *proto_pack_argv(int, char **, size_t *);
int proto_argv(const char *, size_t, int *, char ***, char **);
void proto_free_argv(int, char **);
char *proto_socket_path(const char *, const char *, int, char **);

/* server.c: the socket other programs reach a session by. */
struct pollfd;
struct server_hooks {
	/* A client's terminal (its id, fds, TERM) to draw on too. */
	int		(*attach)(unsigned int, int, int, const char *, char **);
	void		(*detach)(unsigned int);	/* that client went */
	void		(*resize)(unsigned int);
	void		(*signal)(unsigned int, int);
	unsigned int	(*focus)(void);		/* pane handle, 0: none */
	void		(*focus_set)(unsigned int);	/* select-pane */
	void		(*set_layout)(int, enum layout);
	void		(*toggle_zoom)(void);
	int		(*layout)(const struct cmd_layout *, char **);
	void		(*pane_event)(unsigned int, enum cmd_pane_event);
	void		(*quit)(void);		/* kill-server */
	void		(*log)(const char *);	/* a client dropped, say */
	int		(*send_keys)(unsigned int, int, struct key_event *,
			    size_t, char **);	/* as cmd_client_ops' */
	int		(*copy_command)(unsigned int, const char *,
			    const char *, char **);
};
int server_start(const char *, const struct server_hooks *, char **);
unsigned int server_adopt(int, const struct server_hooks *);
void server_tell(unsigned int, enum proto_type, const char *);
void server_stop(void);
int server_pollfds(struct pollfd *, int);
void server_dispatch(struct pollfd *, int);
void server_continue(void);
double server_deadline(void);
const char *server_path(void);

/* control.c: control mode's JSON events (the server's thread). */
struct control;
struct control *control_new(void);
void control_free(struct control *);
char *control_hello(struct control *);
char *control_poll(struct control *);
char *control_reply(struct control *, unsigned long, const char *, size_t,
    const char *);

/* client.c: subplex COMMAND, run by a session's server. */
int client_command(const char *, int, char **);
int client_list(const char *, const char *);
int client_control(const char *);
int client_attach(const char *, int, pid_t, const char *);
int client_attach_to(const char *, const char *);
int client_live(const char *);

/* batch.c: --batch FILE and -c: a client with no terminal. */
int batch_main(const char *, struct script *, const char *,
    struct script *);

/* record.c: --record, what the user drives as a replayable session. */
int record_open(const char *, char **);
void record_close(void);
void record_send(const char *, const char *, int);
void record_secret(const char *);
void record_command(int, char **);
char *record_layout_line(int, char **, const char *);
void record_line(const char *);
void record_layout(int, char **, const char *);
void record_new_pane(const char *, int);
void record_interrupt(const char *);

/* ui.c: the terminal UI, an interactive client (UI thread only). */
struct ui_opts {
	int		 npanes;	/* -n, or -1 */
	const char	*file;		/* -f: a session file to run */
	const char	*config;	/* the config file, or NULL */
	const char	*record;	/* --record: write the session here */
	int		 no_main;	/* --no-main: no main pane at start */
	char		*socket;	/* the server's socket path */
	char		*socket_error;	/* why there is none */
	int		 client_fd;	/* the terminal's client (socketpair) */
};
int ui_main(const struct ui_opts *, int *);

#endif
