/*
 * notify.c: one coalescing wakeup fd that tells the UI loop "look again".
 *
 * Workers, the fd-capture thread and the keeper call notify_poke after they
 * change a pane's buffer or state.  The eventfd is written only when the
 * flag was clear, so a pane printing a million lines costs one write(2) per
 * UI wakeup rather than one per line.  The UI thread polls notify_fd(),
 * then calls notify_clear() before it reads the panes, so a change made
 * while it reads pokes again and is never missed (see notify_clear).
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "subplex.h"

static int		notify_efd = -1;
static atomic_int	notify_flag;

void
notify_init(void)
{
	if ((notify_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1)
		fatal("eventfd");
}

int
notify_fd(void)
{
	return (notify_efd);
}

void
notify_poke(void)
{
	uint64_t	 one = 1;

	/* A plain load first: when already poked, no locked instruction. */
	if (notify_efd == -1 || atomic_load_explicit(&notify_flag,
	    memory_order_relaxed) != 0 || atomic_exchange(&notify_flag, 1) != 0)
		return;
	while (write(notify_efd, &one, sizeof one) == -1 && errno == EINTR)
		;
}

/*
 * Drain the eventfd first, then clear the flag: cleared first, a poke
 * between the two would write the eventfd, be drained here, and leave the
 * flag set with nothing to wake the loop again (a lost wakeup: a closed
 * pane was never reaped).  In this order a poke that finds the flag still
 * set made its change before the caller looks at the panes.
 */
void
notify_clear(void)
{
	uint64_t	 v;

	while (read(notify_efd, &v, sizeof v) == -1 && errno == EINTR)
		;
	atomic_store(&notify_flag, 0);
}
