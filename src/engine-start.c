/*
 * engine-start.c: the one place that starts and stops the engine, in order.
 *
 * Start: the notify fd the client loops wait on, fds 1 and 2 captured
 * (fdcap.c), then the keeper thread and with it Python (interp.c); the
 * options that engine files own are wired to them here, so that options.c
 * and the engine know nothing of each other.  Stop: every pane closed
 * within a timeout (code running is interrupted), then the capture.
 * Called by main.c only, on the main thread.  (engine.h is another
 * thing: the header the Python-side files share.)
 */
#include <stdlib.h>

#include "subplex.h"

static int
engine_opt_scrollback(const char *name, long v, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	pane_scrollback = (size_t)v;	/* for new panes */
	return (0);
}

static int
engine_opt_own_gil_memory(const char *name, long v, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	(void)cause;
	own_gil_memory = (size_t)v;
	return (0);
}

static int
engine_opt_gil(const char *name, long v, void *arg, char **cause)
{
	(void)name;
	(void)arg;
	if (v == 1 && !interp_own_gil_supported()) {
		xasprintf(cause, "an own GIL needs CPython 3.12 or later "
		    "(this is %s)", interp_python_version());
		return (-1);
	}
	return (0);
}

/* passthrough: output no pane owns goes to standard error (batch). */
int
engine_start(const struct engine_config *cfg, int passthrough, char **cause)
{
	options_watch("history-limit", engine_opt_scrollback, NULL);
	options_watch("own-gil-memory", engine_opt_own_gil_memory, NULL);
	options_watch("gil", engine_opt_gil, NULL);
	notify_init();
	fdcap_passthrough = passthrough;
	fdcap_start();
	if (interp_start(cfg, cause) != 0) {
		fdcap_stop();
		return (-1);
	}
	return (0);
}

void
engine_stop(double timeout)
{
	pane_shutdown(timeout);
	fdcap_stop();
}
