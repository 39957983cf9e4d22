/*
 * engine.h: what the engine files share with each other.
 *
 * interp.c owns interpreters and thread states; repl.c and pyio.c run
 * Python code in a pane's interpreter; pane.c drives them from its worker
 * and interrupter threads.  Calls go downward only: pane -> repl/pyio ->
 * interp; pyio.c reaches its pane through struct pyio_host, and the keeper
 * gets pyio_register through struct engine_config.  Nothing here includes
 * Python.h: Python handles are opaque structs, so pane.c and the tests
 * stay free of the C API.  Every
 * function marked "attached" must be called by a thread attached to the
 * interpreter in question (it holds that interpreter's GIL).
 */
#ifndef SUBPLEX_ENGINE_H
#define SUBPLEX_ENGINE_H

#include "subplex.h"

struct interp;			/* one sub-interpreter, interp.c */
struct tstate;			/* one thread's state in one interpreter */
struct repl;			/* a pane's console, repl.c */
struct pyio_host;		/* a pane's callbacks for its streams */

/* interp.c: creation and ending happen on the keeper thread. */
struct interp *interp_create(enum gil_mode, int *, char **);
int interp_end(struct interp *, char **);
int interp_is_shared(struct interp *);
int interp_is_main(struct interp *);
unsigned long interp_id(struct interp *);
struct tstate *interp_thread_new(struct interp *);	/* this thread's */
void interp_thread_delete(struct tstate *);		/* detached -> gone */
void interp_attach(struct tstate *);
void interp_detach(struct tstate *);
void *interp_release(void);				/* attached */
void interp_reacquire(void *);
int interp_thread_count(struct interp *);		/* attached */
/* Others that want the shared GIL, for a busy shared-GIL pane's yield. */
enum interp_gil_demand {
	INTERP_GIL_ALONE,	/* no other shared-GIL interpreter is live */
	INTERP_GIL_OTHERS,	/* others are live; none waits or works now */
	INTERP_GIL_WANTED	/* a thread waits for it, or others work now */
};
enum interp_gil_demand interp_gil_demand(void);
void interp_running(struct interp *, int);

/* repl.c: all attached, on the pane's worker unless said otherwise. */
enum repl_result { REPL_DONE, REPL_MORE, REPL_EXIT };
struct repl *repl_new(const struct pyio_host *, void *, int, int, char **);
void repl_finish(struct repl *);
void repl_setenv(struct repl *, char *const *, size_t);
void repl_free(struct repl *);
void repl_retire(struct repl *);
char *repl_prompt(struct repl *, int);
enum repl_result repl_push(struct repl *, const char *, size_t, int *);
int repl_outcome(struct repl *, char **, char **);	/* attached */
enum repl_result repl_push_block(struct repl *, const char *, size_t, int *);
enum repl_result repl_run_file(struct repl *, const char *, int *);
void repl_reset(struct repl *);
void repl_show_interrupt(struct repl *);
int repl_join_threads(struct repl *, double, char **);
void repl_interrupt(unsigned long);			/* any pane thread */
unsigned long repl_thread_ident(void);
int repl_exec(const char *, char **);			/* any thread */
size_t repl_complete(struct repl *, const char *, char ***);

/* pyio.c: the _subplex module; registered before Py_Initialize. */
enum pyio_read { PYIO_READ_LINE, PYIO_READ_EOF, PYIO_READ_INTR };
/*
 * What the streams of one interpreter call, with the host's per-pane
 * pointer (pane.c fills it): from any thread attached to the pane's
 * interpreter; readline and sleep with the GIL released.  getpass calls
 * secret(ctx, 1), shows its prompt, readline(ctx, 1, ...) for a line
 * never echoed, shows its newline, secret(ctx, 0) (-1 when it gives up
 * before reading).  sleep returns -1 when the caller is not the pane's
 * worker, 1 when cut short; exit returns 1 when the caller is the worker,
 * with *ident the worker's thread ident while it runs code, else 0.
 * tty, tty_name, spawned, exec_helper and sync_tty are for the pane's
 * child processes (see repl.c, the children's code, and subplex-exec.c):
 * sync_tty hands on what they wrote to the terminal so far; wrote(fd)
 * says the pane's code wrote to fd itself (os.write), which, when it is
 * the terminal's, comes before what its streams write next.
 */
struct pyio_host {
	char		*(*name)(void *);		/* allocated */
	void		 (*write)(void *, enum style, const char *, size_t);
	void		 (*secret)(void *, int);
	enum pyio_read	 (*readline)(void *, int, char **, size_t *);
	int		 (*sleep)(void *, double);
	void		 (*intr_landed)(void *);	/* GIL held */
	int		 (*exit)(void *, int, unsigned long *);
	int		 (*exiting)(void *, int *);
	int		 (*tty)(void *);		/* its terminal's fd */
	char		*(*tty_name)(void *);		/* allocated, or NULL */
	void		 (*spawned)(void *, long);	/* a child's pid */
	const char	*(*exec_helper)(void *);	/* subplex-exec; NULL */
	void		 (*sync_tty)(void *);		/* GIL released */
	void		 (*wrote)(void *, int);		/* os.write's fd */
};
int pyio_install(const struct pyio_host *, void *);	/* attached */

#endif
