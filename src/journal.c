/*
 * journal.c: a pane's transcript as a file, kept while it runs so that it
 * survives the process dying (crash.c's session directory holds them).
 *
 * An outbuf (outbuf.c) that has a journal hands it every write, as it
 * comes, and the journal appends it to its file through a shared memory
 * map: a write costs a copy and no syscall, and what is copied is in the
 * file even if the process is killed.  Controls but tab, newline and
 * carriage return are written in caret notation (utf8.c's byte mode), so
 * the file is safe to cat.  The file is mapped larger than its text: it
 * grows JOURNAL_STEP at a time (ftruncate, mremap), and past JOURNAL_MAX
 * it is kept as PATH.old and PATH starts over.  Its true length is kept in
 * a table that journal_crash() reads from a fatal-signal handler to trim
 * every file to its text; journal_close() trims it too.  When the file
 * cannot grow (disk full), the journal stops and the pane goes on.
 *
 * Threads: each journal has a lock of its own, a leaf (subplex.h's lock
 * order: an outbuf's lock, then its journal's).  outbuf_write takes it
 * before letting the outbuf's lock go, so the file keeps the order of the
 * writes while the syscalls happen with the outbuf free for readers;
 * journal_append and journal_rename need it held.  journal_open and
 * journal_close are called by outbuf.c with no journal lock held (close:
 * once no other thread can reach the journal); the table of open files has
 * its own lock, taken by them alone.  journal_crash takes no lock and makes
 * only async-signal-safe calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "subplex.h"

#ifndef JOURNAL_STEP
#define JOURNAL_STEP	(1u << 20)		/* the map grows by this */
#endif
#ifndef JOURNAL_MAX
#define JOURNAL_MAX	(64u << 20)		/* then PATH.old, a new PATH */
#endif
#ifndef JOURNAL_RELEASE
#define JOURNAL_RELEASE	(1u << 20)		/* written pages let go by */
#endif
#define JOURNAL_SLOTS	1024

struct journal {
	pthread_mutex_t	 lock;
	char		*path;
	int		 fd;
	int		 slot;
	char		*map;
	size_t		 cap;		/* bytes mapped */
	size_t		 used;		/* bytes of text */
	size_t		 released;	/* [0, released): pages let go */
};

/* What journal_crash reads: fd + 1 (0: free; -1: taken, no file) and
 * length.  A slot is taken by journal_open under journal_slots_lock. */
static atomic_int	 journal_fds[JOURNAL_SLOTS];
static atomic_size_t	 journal_used[JOURNAL_SLOTS];
static pthread_mutex_t	 journal_slots_lock = PTHREAD_MUTEX_INITIALIZER;

/* Map [0, cap) of the file, growing it to cap; 0 on success. */
static int
journal_map(struct journal *j, size_t cap)
{
	char	*m;

	if (ftruncate(j->fd, (off_t)cap) != 0)
		return (-1);
	if (j->map == NULL)
		m = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_SHARED, j->fd, 0);
	else
		m = mremap(j->map, j->cap, cap, MREMAP_MAYMOVE);
	if (m == MAP_FAILED)
		return (-1);
	j->map = m;
	j->cap = cap;
	return (0);
}

/* Trim the file to its text, unmap and close it; the slot stays taken. */
static void
journal_end_file(struct journal *j)
{
	if (j->fd == -1)
		return;
	if (j->map != NULL)
		munmap(j->map, j->cap);
	(void)ftruncate(j->fd, (off_t)j->used);
	atomic_store(&journal_fds[j->slot], -1);
	close(j->fd);
	j->fd = -1;
	j->map = NULL;
	j->cap = j->used = j->released = 0;
}

static int
journal_open_file(struct journal *j)
{
	j->fd = open(j->path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (j->fd == -1)
		return (-1);
	j->used = j->released = 0;
	atomic_store(&journal_used[j->slot], 0);
	atomic_store(&journal_fds[j->slot], j->fd + 1);
	if (journal_map(j, JOURNAL_STEP) != 0) {
		journal_end_file(j);
		return (-1);
	}
	return (0);
}

/* Lock held.  Room for n more bytes: grow, or start PATH over. */
static int
journal_room(struct journal *j, size_t n)
{
	char	*old;
	size_t	 cap;

	if (j->fd == -1)
		return (-1);
	if (j->used + n <= j->cap)
		return (0);
	if (j->used + n > JOURNAL_MAX) {
		/* Rare: keep the previous file as PATH.old, start over. */
		journal_end_file(j);
		xasprintf(&old, "%s.old", j->path);
		(void)rename(j->path, old);
		free(old);
		if (journal_open_file(j) != 0)
			return (-1);
		return (n <= j->cap || journal_room(j, n) == 0 ? 0 : -1);
	}
	cap = (j->used + n + JOURNAL_STEP - 1) / JOURNAL_STEP * JOURNAL_STEP;
	if (journal_map(j, cap) != 0) {
		journal_end_file(j);	/* it stops; the pane goes on */
		return (-1);
	}
	return (0);
}

/*
 * A journal writing to PATH (0600, truncated first), or NULL with errno
 * set (EMFILE when JOURNAL_SLOTS journals are open).
 */
struct journal *
journal_open(const char *path)
{
	struct journal	*j;
	int		 slot, saved;

	pthread_mutex_lock(&journal_slots_lock);
	for (slot = 0; slot < JOURNAL_SLOTS; slot++)
		if (atomic_load(&journal_fds[slot]) == 0)
			break;
	if (slot == JOURNAL_SLOTS) {
		pthread_mutex_unlock(&journal_slots_lock);
		errno = EMFILE;
		return (NULL);
	}
	j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	j->slot = slot;
	if (journal_open_file(j) != 0) {
		saved = errno;
		atomic_store(&journal_fds[slot], 0);
		pthread_mutex_unlock(&journal_slots_lock);
		free(j->path);
		free(j);
		errno = saved;
		return (NULL);
	}
	pthread_mutex_unlock(&journal_slots_lock);
	pthread_mutex_init(&j->lock, NULL);
	return (j);
}

/* Trim the file to its text and close it, free j and its slot.  No other
 * thread may reach j any more (nor hold its lock); NULL is ignored. */
void
journal_close(struct journal *j)
{
	if (j == NULL)
		return;
	journal_end_file(j);
	atomic_store(&journal_fds[j->slot], 0);
	pthread_mutex_destroy(&j->lock);
	free(j->path);
	free(j);
}

void
journal_lock(struct journal *j)
{
	pthread_mutex_lock(&j->lock);
}

void
journal_unlock(struct journal *j)
{
	pthread_mutex_unlock(&j->lock);
}

/*
 * Lock held.  The pages written are never read here again: let them go
 * from this process (a shared file mapping keeps their text in the file
 * and the page cache), so that a pane that printed 60 MB does not keep
 * 60 MB resident.  Measured before: 30 MB printed in a pane left 37 MB of
 * file pages in the process's RSS.  Every JOURNAL_RELEASE bytes; the
 * page being written stays.
 */
static void
journal_release(struct journal *j)
{
	size_t	 page = (size_t)sysconf(_SC_PAGESIZE), upto;

	if (j->used - j->released < JOURNAL_RELEASE)
		return;
	upto = j->used / page * page;
	if (upto > j->released &&
	    madvise(j->map + j->released, upto - j->released,
	    MADV_DONTNEED) == 0)
		j->released = upto;
}

/*
 * Lock held.  Append p[0..n), controls in caret notation (utf8.c's
 * UTF8_SAN_LINES | UTF8_SAN_BYTES).  A write longer than JOURNAL_MAX / 2
 * keeps only its start; when the file cannot grow, nothing more is kept.
 */
void
journal_append(struct journal *j, const char *p, size_t n)
{
	const int	 flags = UTF8_SAN_LINES | UTF8_SAN_BYTES;
	size_t		 len;

	if (n > JOURNAL_MAX / 2)
		n = JOURNAL_MAX / 2;	/* keep only what fits */
	len = utf8_sanitize_to(NULL, p, n, flags);
	if (journal_room(j, len) != 0)
		return;
	if (len == n)
		memcpy(j->map + j->used, p, n);
	else
		(void)utf8_sanitize_to(j->map + j->used, p, n, flags);
	j->used += len;
	atomic_store_explicit(&journal_used[j->slot], j->used,
	    memory_order_relaxed);
	journal_release(j);
}

/* Lock held.  Rename the file to PATH (a pane was renamed): 0, or -1
 * with errno set and the old name kept. */
int
journal_rename(struct journal *j, const char *path)
{
	if (rename(j->path, path) != 0)
		return (-1);
	free(j->path);
	j->path = xstrdup(path);
	return (0);
}

/*
 * In a fatal-signal handler: trim every journal file to its text (the
 * text itself is already in the files).  Only async-signal-safe calls.
 */
void
journal_crash(void)
{
	int	 i, fd;

	for (i = 0; i < JOURNAL_SLOTS; i++) {
		if ((fd = atomic_load(&journal_fds[i])) <= 0)
			continue;
		(void)ftruncate(fd - 1, (off_t)atomic_load(&journal_used[i]));
	}
}
