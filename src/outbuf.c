/*
 * outbuf.c: a pane's scrollback, a bounded ring of lines with a style byte
 * per text byte.
 *
 * Writers are a pane's worker and the Python threads of its interpreter
 * (through pyio.c, holding that interpreter's GIL), the fd-capture thread
 * and the engine's own notes; readers are the UI thread and batch commands.
 * Everything goes through one mutex per buffer.  No code waits for a GIL
 * while holding it, and the only lock taken under it is the journal's
 * (below), so writers may take it with their GIL held without risking a
 * lock-order deadlock, and readers never wait for Python.  Each change bumps a generation counter and pokes
 * the notify fd.  The last line stays open until a newline arrives; after a
 * bare carriage return, text overwrites the open line from its start, one
 * character for one, as a terminal shows progress bars.  Cost: O(bytes) per write, O(lines copied)
 * per read; the ring grows on demand up to its limit.
 *
 * A buffer may also keep a journal: everything written to it, appended to
 * a file as it comes (the pane's transcript, for crash.c), through a
 * shared memory map, so a write costs a copy and no syscall, and what is
 * copied survives the process dying.  The file is mapped larger than its
 * text; its true length is kept in a table that a fatal-signal handler
 * can read (outbuf_journal_crash), and set again when the journal closes.
 * The journal has a lock of its own, which a writer takes before it lets
 * go of the buffer's (so the file keeps the order of the writes): growing
 * the file (ftruncate, mremap, a rename when it starts over) holds up the
 * pane's next writer, and a reader only while that next writer waits for
 * the journal with the buffer's lock held.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include "subplex.h"

#define OUTBUF_LINE_MAX (8u * 1024 * 1024)	/* longer lines wrap */
#define JOURNAL_STEP	(1u << 20)		/* the map grows by this */
#define JOURNAL_MAX	(64u << 20)		/* then PATH.old, a new PATH */
#define JOURNAL_SLOTS	1024

struct journal {
	char		*path;
	int		 fd;
	int		 slot;
	char		*map;
	size_t		 cap;		/* bytes mapped */
	size_t		 used;		/* bytes of text */
};

/* What outbuf_journal_crash reads: fd + 1 (0: free) and length. */
static atomic_int	 journal_fds[JOURNAL_SLOTS];
static atomic_size_t	 journal_used[JOURNAL_SLOTS];
static pthread_mutex_t	 journal_slots_lock = PTHREAD_MUTEX_INITIALIZER;

struct obline {
	char		*text;
	uint8_t		*style;
	size_t		 len;
	size_t		 cap;
};

struct outbuf {
	pthread_mutex_t	 lock;
	pthread_cond_t	 changed;	/* for outbuf_wait */
	int		 waiters;
	struct obline	*ring;
	size_t		 rcap;		/* slots allocated */
	size_t		 first;		/* slot of the oldest line */
	size_t		 count;		/* lines held */
	size_t		 limit;		/* most lines kept */
	int		 open;		/* last line has no newline yet */
	int		 cr;		/* after a bare \r: text overwrites */
	size_t		 col;		/* where, in bytes of the open line */
	uint64_t	 gen;
	uint64_t	 dropped;	/* lines dropped off the top so far */
	pthread_mutex_t	 jlock;		/* the journal's file and map */
	struct journal	*journal;	/* set under lock and jlock */
};

static void journal_append(struct journal *, const char *, size_t);
static void journal_close(struct journal *);

struct outbuf *
outbuf_create(size_t limit)
{
	struct outbuf	*ob;

	ob = xcalloc(1, sizeof *ob);
	pthread_mutex_init(&ob->lock, NULL);
	pthread_mutex_init(&ob->jlock, NULL);
	cond_init_mono(&ob->changed);
	ob->limit = limit > 0 ? limit : 1;
	return (ob);
}

void
outbuf_free(struct outbuf *ob)
{
	size_t	 i;

	if (ob == NULL)
		return;
	journal_close(ob->journal);
	for (i = 0; i < ob->rcap; i++) {
		free(ob->ring[i].text);
		free(ob->ring[i].style);
	}
	free(ob->ring);
	pthread_cond_destroy(&ob->changed);
	pthread_mutex_destroy(&ob->jlock);
	pthread_mutex_destroy(&ob->lock);
	free(ob);
}

static struct obline *
outbuf_slot(struct outbuf *ob, size_t i)
{
	return (&ob->ring[(ob->first + i) % ob->rcap]);
}

/* Lay the ring out again in a new array of n slots, oldest first. */
static void
outbuf_resize(struct outbuf *ob, size_t n)
{
	struct obline	*ring;
	size_t		 i, skip;

	ring = xcalloc(n, sizeof *ring);
	skip = ob->count > n ? ob->count - n : 0;
	for (i = 0; i < ob->count; i++) {
		struct obline *l = outbuf_slot(ob, i);
		if (i < skip) {
			free(l->text);
			free(l->style);
		} else
			ring[i - skip] = *l;
	}
	/* Slots beyond count hold spare buffers: free them. */
	for (i = ob->count; i < ob->rcap; i++) {
		struct obline *l = outbuf_slot(ob, i);
		free(l->text);
		free(l->style);
	}
	free(ob->ring);
	ob->ring = ring;
	ob->rcap = n;
	ob->first = 0;
	ob->count -= skip;
	ob->dropped += skip;
	if (ob->count == 0)
		ob->open = 0;
}

void
outbuf_set_limit(struct outbuf *ob, size_t limit)
{
	pthread_mutex_lock(&ob->lock);
	ob->limit = limit > 0 ? limit : 1;
	if (ob->rcap > ob->limit)
		outbuf_resize(ob, ob->limit);
	ob->gen++;
	pthread_mutex_unlock(&ob->lock);
}

/* Start a new, empty open line, dropping the oldest at the limit. */
static struct obline *
outbuf_new_line(struct outbuf *ob)
{
	struct obline	*l;

	if (ob->count == ob->rcap && ob->rcap < ob->limit) {
		size_t n = ob->rcap < 64 ? 64 : ob->rcap * 2;
		outbuf_resize(ob, n < ob->limit ? n : ob->limit);
	}
	if (ob->count == ob->rcap) {
		/* Full: the oldest slot becomes the newest, buffer reused. */
		ob->first = (ob->first + 1) % ob->rcap;
		ob->count--;
		ob->dropped++;
	}
	l = outbuf_slot(ob, ob->count++);
	l->len = 0;
	ob->open = 1;
	return (l);
}

static void
outbuf_append(struct obline *l, enum style st, const char *p, size_t n)
{
	if (l->len + n > l->cap) {
		size_t cap = l->cap < 64 ? 64 : l->cap;
		while (cap < l->len + n)
			cap *= 2;
		l->text = xrealloc(l->text, cap);
		l->style = xrealloc(l->style, cap);
		l->cap = cap;
	}
	memcpy(l->text + l->len, p, n);
	memset(l->style + l->len, (int)st, n);
	l->len += n;
}

/* Characters (UTF-8 lead bytes) in p[0..n). */
static size_t
outbuf_chars(const char *p, size_t n)
{
	size_t	 i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			k++;
	return (k);
}

/*
 * Write p over the line from byte *col, one character for one character.
 * Returns 1 when the write reached the end of the line (the rest was
 * appended), 0 when old text remains after it.
 */
static int
outbuf_overwrite(struct obline *l, enum style st, const char *p, size_t n,
    size_t *col)
{
	size_t	 k = outbuf_chars(p, n), end, tail, grow;

	if (*col > l->len)
		*col = l->len;
	end = *col;
	while (end < l->len && k > 0) {
		end++;
		while (end < l->len && ((unsigned char)l->text[end] & 0xc0) ==
		    0x80)
			end++;
		k--;
	}
	if (end >= l->len) {
		l->len = *col;
		outbuf_append(l, st, p, n);
		*col = l->len;
		return (1);
	}
	tail = l->len - end;
	if (n > end - *col) {
		/* More bytes than those they replace: make room first. */
		grow = n - (end - *col);
		outbuf_append(l, st, p, grow);
		l->len -= grow;
	}
	memmove(l->text + *col + n, l->text + end, tail);
	memmove(l->style + *col + n, l->style + end, tail);
	memcpy(l->text + *col, p, n);
	memset(l->style + *col, (int)st, n);
	l->len = *col + n + tail;
	*col += n;
	return (0);
}

void
outbuf_write(struct outbuf *ob, enum style st, const char *p, size_t n)
{
	struct obline	*l;
	const char	*end = p + n, *q;
	size_t		 seg;

	if (n == 0)
		return;
	pthread_mutex_lock(&ob->lock);
	while (p < end) {
		if (*p == '\n') {
			if (!ob->open)
				outbuf_new_line(ob);
			ob->open = 0;
			ob->cr = 0;
			p++;
			continue;
		}
		if (*p == '\r') {
			if (p + 1 < end && p[1] == '\n') {
				p++;
				continue;
			}
			ob->cr = 1;
			ob->col = 0;
			p++;
			continue;
		}
		for (q = p; q < end && *q != '\n' && *q != '\r'; q++)
			;
		l = ob->open ? outbuf_slot(ob, ob->count - 1) :
		    outbuf_new_line(ob);
		seg = (size_t)(q - p);
		if (ob->cr) {
			if (outbuf_overwrite(l, st, p, seg, &ob->col))
				ob->cr = 0;	/* reached the end: append */
			p = q;
			continue;
		}
		if (l->len + seg > OUTBUF_LINE_MAX) {
			seg = l->len < OUTBUF_LINE_MAX ?
			    OUTBUF_LINE_MAX - l->len : 0;
			outbuf_append(l, st, p, seg);
			ob->open = 0;	/* wrap: the rest starts a line */
			p += seg;
			continue;
		}
		outbuf_append(l, st, p, seg);
		p = q;
	}
	ob->gen++;
	if (ob->waiters > 0)
		pthread_cond_broadcast(&ob->changed);
	if (ob->journal == NULL) {
		pthread_mutex_unlock(&ob->lock);
		notify_poke();
		return;
	}
	/*
	 * The journal under its own lock, taken before the buffer's is
	 * released, so that it keeps the order of the writes: its growth
	 * (ftruncate, mremap, and rename when it starts over) happens with
	 * the buffer's lock free for the UI drawing it, unless another write
	 * to this buffer is waiting for the journal meanwhile.
	 */
	pthread_mutex_lock(&ob->jlock);
	pthread_mutex_unlock(&ob->lock);
	notify_poke();
	journal_append(ob->journal, end - n, n);
	pthread_mutex_unlock(&ob->jlock);
}

int
outbuf_at_line_start(struct outbuf *ob)
{
	int	 r;

	pthread_mutex_lock(&ob->lock);
	r = !ob->open || outbuf_slot(ob, ob->count - 1)->len == 0;
	pthread_mutex_unlock(&ob->lock);
	return (r);
}

uint64_t
outbuf_generation(struct outbuf *ob)
{
	uint64_t	 g;

	pthread_mutex_lock(&ob->lock);
	g = ob->gen;
	pthread_mutex_unlock(&ob->lock);
	return (g);
}

/* Wait until the generation differs from gen or the deadline passes. */
uint64_t
outbuf_wait(struct outbuf *ob, uint64_t gen, double deadline)
{
	struct timespec	 ts;
	double		 d;

	pthread_mutex_lock(&ob->lock);
	while (ob->gen == gen && (d = deadline - mono_now()) > 0) {
		mono_in(d, &ts);
		ob->waiters++;
		pthread_cond_timedwait(&ob->changed, &ob->lock, &ts);
		ob->waiters--;
	}
	gen = ob->gen;
	pthread_mutex_unlock(&ob->lock);
	return (gen);
}

/* The absolute number of line 0: lines dropped since the start. */
uint64_t
outbuf_first(struct outbuf *ob)
{
	uint64_t	 d;

	pthread_mutex_lock(&ob->lock);
	d = ob->dropped;
	pthread_mutex_unlock(&ob->lock);
	return (d);
}

size_t
outbuf_count(struct outbuf *ob)
{
	size_t	 n;

	pthread_mutex_lock(&ob->lock);
	n = ob->count;
	pthread_mutex_unlock(&ob->lock);
	return (n);
}

size_t
outbuf_copy(struct outbuf *ob, size_t first, size_t n,
    struct outbuf_line **out)
{
	struct outbuf_line	*lines;
	size_t			 i;

	pthread_mutex_lock(&ob->lock);
	if (first >= ob->count)
		n = 0;
	else if (n > ob->count - first)
		n = ob->count - first;
	lines = xcalloc(n ? n : 1, sizeof *lines);
	for (i = 0; i < n; i++) {
		struct obline *l = outbuf_slot(ob, first + i);
		lines[i].len = l->len;
		lines[i].text = xmalloc(l->len + 1);
		lines[i].style = xmalloc(l->len + 1);
		if (l->len > 0) {	/* an empty line may have no text yet */
			memcpy(lines[i].text, l->text, l->len);
			memcpy(lines[i].style, l->style, l->len);
		}
		lines[i].text[l->len] = '\0';
	}
	pthread_mutex_unlock(&ob->lock);
	*out = lines;
	return (n);
}

void
outbuf_free_lines(struct outbuf_line *lines, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(lines[i].text);
		free(lines[i].style);
	}
	free(lines);
}

/*
 * Length of the valid UTF-8 sequence at p (its code point in *cp), or 0
 * if it is not one: overlong forms, surrogates and values past U+10FFFF
 * are not.  Shared by everything that turns pane output into text.
 */
size_t
utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t		 len, i;
	uint32_t	 c, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return (1);
	} else if ((p[0] & 0xe0) == 0xc0) {
		len = 2; c = p[0] & 0x1f; min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		len = 3; c = p[0] & 0x0f; min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		len = 4; c = p[0] & 0x07; min = 0x10000;
	} else
		return (0);
	if (len > n)
		return (0);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (len);
}

long
utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, len;
	uint32_t		 cp;

	while (i < n) {
		if ((len = utf8_decode(p + i, n - i, &cp)) == 0)
			return ((long)i);
		i += len;
	}
	return (-1);
}

char *
outbuf_sanitize(const char *text, size_t n, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)text;
	char			*out;
	size_t			 i = 0, o = 0, len;
	uint32_t		 cp;

	out = xmalloc(n * 3 + 1);	/* worst case: byte -> U+FFFD */
	while (i < n) {
		len = utf8_decode(p + i, n - i, &cp);
		if (len == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else if (cp == '\t') {
			out[o++] = '\t';
			i++;
		} else if (cp < 0x20 || cp == 0x7f) {
			out[o++] = '^';
			out[o++] = cp == 0x7f ? '?' : (char)(cp + '@');
			i++;
		} else if (cp >= 0x80 && cp < 0xa0) {
			/* C1 controls (CSI is U+009B): never pass them on. */
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i += len;
		} else {
			memcpy(out + o, p + i, len);
			o += len;
			i += len;
		}
	}
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return (out);
}

/* ---- the journal ---- */

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

/* Trim the file to its text, unmap and close it; free the slot or not. */
static void
journal_end_file(struct journal *j, int release)
{
	if (j->fd == -1)
		return;
	if (j->map != NULL)
		munmap(j->map, j->cap);
	(void)ftruncate(j->fd, (off_t)j->used);
	/* -1: still this journal's, with no file. */
	atomic_store(&journal_fds[j->slot], release ? 0 : -1);
	close(j->fd);
	j->fd = -1;
	j->map = NULL;
	j->cap = j->used = 0;
}

static int
journal_open_file(struct journal *j)
{
	j->fd = open(j->path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (j->fd == -1)
		return (-1);
	j->used = 0;
	atomic_store(&journal_used[j->slot], 0);
	atomic_store(&journal_fds[j->slot], j->fd + 1);
	if (journal_map(j, JOURNAL_STEP) != 0) {
		journal_end_file(j, 0);
		return (-1);
	}
	return (0);
}

/* jlock held.  Room for n more bytes: grow, or start PATH over. */
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
		journal_end_file(j, 0);
		xasprintf(&old, "%s.old", j->path);
		(void)rename(j->path, old);
		free(old);
		if (journal_open_file(j) != 0)
			return (-1);
		return (n <= j->cap || journal_room(j, n) == 0 ? 0 : -1);
	}
	cap = (j->used + n + JOURNAL_STEP - 1) / JOURNAL_STEP * JOURNAL_STEP;
	if (journal_map(j, cap) != 0) {
		journal_end_file(j, 0);	/* it stops; the pane goes on */
		return (-1);
	}
	return (0);
}

/* A byte the journal writes in caret notation: a control but tab,
 * newline and carriage return, or DEL. */
static int
journal_unsafe(unsigned char c)
{
	return ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
	    c == 0x7f);
}

/* jlock held.  Append as text that is safe to cat (journal_unsafe). */
static void
journal_append(struct journal *j, const char *p, size_t n)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 i, bad = 0;
	char			*out;

	if (n > JOURNAL_MAX / 2)
		n = JOURNAL_MAX / 2;	/* keep only what fits */
	for (i = 0; i < n; i++)
		if (journal_unsafe(s[i]))
			bad++;
	if (journal_room(j, n + bad) != 0)
		return;
	out = j->map + j->used;
	if (bad == 0)
		memcpy(out, p, n);
	else {
		for (i = 0; i < n; i++) {
			if (journal_unsafe(s[i])) {
				*out++ = '^';
				*out++ = (char)(s[i] ^ 0x40);
			} else
				*out++ = (char)s[i];
		}
	}
	j->used += n + bad;
	atomic_store_explicit(&journal_used[j->slot], j->used,
	    memory_order_relaxed);
}

static void
journal_close(struct journal *j)
{
	if (j == NULL)
		return;
	journal_end_file(j, 0);
	atomic_store(&journal_fds[j->slot], 0);
	free(j->path);
	free(j);
}

/*
 * Keep what is written from now on in PATH too (0600, truncated first).
 * Returns 0, or -1 with errno set.
 */
int
outbuf_journal(struct outbuf *ob, const char *path)
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
		return (-1);
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
		return (-1);
	}
	pthread_mutex_unlock(&journal_slots_lock);
	pthread_mutex_lock(&ob->lock);
	pthread_mutex_lock(&ob->jlock);
	journal_close(ob->journal);
	ob->journal = j;
	pthread_mutex_unlock(&ob->jlock);
	pthread_mutex_unlock(&ob->lock);
	return (0);
}

/* The journal's file is now PATH (a pane was renamed). */
int
outbuf_journal_rename(struct outbuf *ob, const char *path)
{
	int	 rc = 0;

	pthread_mutex_lock(&ob->jlock);
	if (ob->journal != NULL) {
		if ((rc = rename(ob->journal->path, path)) == 0) {
			free(ob->journal->path);
			ob->journal->path = xstrdup(path);
		}
	}
	pthread_mutex_unlock(&ob->jlock);
	return (rc);
}

/*
 * In a fatal-signal handler: trim every journal file to its text (the
 * text itself is already in the files).  Only async-signal-safe calls.
 */
void
outbuf_journal_crash(void)
{
	int	 i, fd;

	for (i = 0; i < JOURNAL_SLOTS; i++) {
		if ((fd = atomic_load(&journal_fds[i])) <= 0)
			continue;
		(void)ftruncate(fd - 1, (off_t)atomic_load(&journal_used[i]));
	}
}
