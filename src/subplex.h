/*
 * subplex.h: shared types and prototypes, one section per .c file.
 *
 * THREADING CONTRACT (read this before touching any file):
 *  - Only the UI thread touches ncurses and readline.  In batch mode the main
 *    thread plays the UI thread's part: it parses the script and runs commands.
 *  - Only a pane's own threads attach to that pane's interpreter: its worker
 *    and its nudger (interrupts, fairness).  The keeper thread owns the main
 *    interpreter and creates and ends every sub-interpreter.  The UI thread
 *    attaches to none and never waits for any GIL.
 *  - The pane's output buffer (struct outbuf) and its input queue are the only
 *    objects shared between the UI thread and a worker.  They are locked with
 *    leaf mutexes (nothing waits for a GIL or another lock while holding one),
 *    and the notify fd tells the UI loop that something changed.  No Python
 *    object crosses threads.
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
void block_signals(void);	/* engine threads: no async signals */

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
struct outbuf_line {
	char		*text;	/* raw bytes, not NUL-terminated */
	size_t		 len;
	uint8_t		*style;	/* one style byte per text byte */
};
struct outbuf *outbuf_create(size_t limit);
void outbuf_free(struct outbuf *);
void outbuf_set_limit(struct outbuf *, size_t);
void outbuf_write(struct outbuf *, enum style, const char *, size_t);
int outbuf_at_line_start(struct outbuf *);
uint64_t outbuf_generation(struct outbuf *);
uint64_t outbuf_wait(struct outbuf *, uint64_t, double);
size_t outbuf_count(struct outbuf *);	/* lines, with a partial last one */
/* Copy lines [first, first+n) out under the lock; caller frees with below. */
size_t outbuf_copy(struct outbuf *, size_t, size_t, struct outbuf_line **);
void outbuf_free_lines(struct outbuf_line *, size_t);
/* Render one line for a plain-text consumer: controls in caret notation,
 * invalid UTF-8 as U+FFFD.  Returns an allocated NUL-terminated string. */
char *outbuf_sanitize(const char *, size_t, size_t *);
long utf8_invalid_at(const char *, size_t);	/* -1 when valid */

struct pane;

/* fdcap.c: fds 1 and 2 go to pipes; what arrives is shown, never raw. */
extern int tty_in_fd, tty_out_fd;	/* the real stdin and stdout */
void fdcap_start(void);
void fdcap_drain(struct pane *);		/* worker: before it goes idle */
void fdcap_stop(void);
struct outbuf *fdcap_process_log(void);	/* output no pane could own */
extern int fdcap_passthrough;		/* batch: process log to stderr */

/* pane.c: pane = interpreter + worker thread + queue + buffer. */
enum pane_state {
	PANE_STARTING,		/* interpreter being created */
	PANE_IDLE,		/* at the REPL prompt, queue empty */
	PANE_RUNNING,		/* running code (or has input queued) */
	PANE_INPUT,		/* in input(), waiting for a line */
	PANE_CLOSING,		/* ending its interpreter */
	PANE_DEAD		/* ended; transcript kept, can respawn */
};
enum gil_mode { GIL_DEFAULT, GIL_OWN, GIL_SHARED };
struct pane;
struct pane_opts {
	const char	*name;
	enum gil_mode	 gil;
};
struct pane_info {
	int		 index;
	char		*name;
	enum pane_state	 state;
	int		 exit_status;	/* when dead */
	int		 own_gil;
	unsigned long	 interp_id;
	char		*prompt;	/* pending REPL prompt, or NULL */
};
extern size_t pane_scrollback;
void pane_init(void);
void pane_shutdown(double);
struct pane *pane_new(const struct pane_opts *, char **);
size_t pane_count(void);
struct pane *pane_at(size_t);
struct pane *pane_find(const char *, char **);
int pane_index(struct pane *);
void pane_info(struct pane *, struct pane_info *);
void pane_info_free(struct pane_info *);
struct outbuf *pane_outbuf(struct pane *);
const char *pane_name(struct pane *);
int pane_rename(struct pane *, const char *, char **);
void pane_send(struct pane *, const char *);
void pane_send_eof(struct pane *);
void pane_interrupt(struct pane *);
int pane_wait_idle(struct pane *, double, char **);
int pane_kill(struct pane *, double, char **);
int pane_respawn(struct pane *, double, char **);
int pane_busy(struct pane *);
const char *pane_state_name(enum pane_state);
char *pane_transcript(struct pane *, size_t *);
int pane_fd_write(struct pane *, const char *, size_t);

/* interp.c: the keeper thread; the only interpreter/thread-state calls. */
struct engine_config {
	enum gil_mode	 gil;		/* default for new panes */
};
int interp_start(const struct engine_config *, char **);
void interp_stop(int);			/* 1: all panes ended, finalize */
const char *interp_python_version(void);
int interp_own_gil_default(void);
int interp_own_gil_supported(void);

/* script.c: session-script tokenizer; pure, no I/O. */
struct script_cmd {
	int		 argc;
	char		**argv;
	int		 line;		/* 1-based line of the command name */
	int		 col;		/* 1-based column of the command name */
	int		*argline;	/* line and column of each argument */
	int		*argcol;
};
struct script {
	struct script_cmd *cmds;
	size_t		 ncmds;
};
int script_parse(const char *, size_t, struct script *, int *, int *,
    char **);
void script_free(struct script *);

/* cmd.c: commands, one table entry each. */
struct cmd_ctx {
	const char	*file;		/* for messages */
	int		 line;
	struct pane	*current;	/* the current target */
	int		 out_fd;	/* where capture writes */
};
int cmd_exec(struct cmd_ctx *, int, char **, char **);
void cmd_list(int);

/* batch.c: --batch FILE. */
int batch_load(const char *, struct script *, const char **);
int batch_run(const char *, struct script *);

#endif
