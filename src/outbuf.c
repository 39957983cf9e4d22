/*
 * outbuf.c: a pane's scrollback, a bounded ring of lines with a style byte
 * per text byte.
 *
 * Writers are a pane's worker and the Python threads of its interpreter
 * (through pyio.c, holding that interpreter's GIL), the fd-capture thread
 * and the engine's own notes; readers are the UI thread and batch commands.
 * Everything goes through one mutex per buffer.  No code waits for a GIL
 * while holding it, and the only lock taken under it is its journal's, so
 * writers may take it with their GIL held without risking a lock-order
 * deadlock, and readers never wait for Python.  Each change bumps a
 * generation counter and pokes the notify fd.  The last line stays open
 * until a newline arrives; after a bare carriage return, text overwrites
 * the open line from its start, one character for one, as a terminal shows
 * progress bars.  Cost: O(bytes) per write, O(lines copied) per read; the
 * ring grows on demand up to its limit.  Lines are handed out raw (bytes
 * and styles, outbuf_copy); making them text is utf8.c's sanitizing.
 *
 * A buffer may also keep a journal (journal.c): everything written to it,
 * appended to a file as it comes.  A writer takes the journal's lock before
 * it lets go of the buffer's (so the file keeps the order of the writes)
 * and appends with only the journal's held: growing the file holds up the
 * pane's next writer, and a reader only while that next writer waits for
 * the journal with the buffer's lock held.  outbuf_journal() and
 * outbuf_journal_rename() start a journal and rename its file.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "subplex.h"

#define OUTBUF_LINE_MAX (8u * 1024 * 1024)	/* longer lines wrap */

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
	struct journal	*journal;	/* set under lock and its own lock */
};

struct outbuf *
outbuf_create(size_t limit)
{
	struct outbuf	*ob;

	ob = xcalloc(1, sizeof *ob);
	pthread_mutex_init(&ob->lock, NULL);
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
	struct journal	*j;
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
	j = ob->journal;
	journal_lock(j);
	pthread_mutex_unlock(&ob->lock);
	notify_poke();
	journal_append(j, end - n, n);
	journal_unlock(j);
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
 * Keep what is written from now on in PATH too (0600, truncated first),
 * instead of in the journal kept so far, if any.  Returns 0, or -1 with
 * errno set.
 */
int
outbuf_journal(struct outbuf *ob, const char *path)
{
	struct journal	*j, *old;

	if ((j = journal_open(path)) == NULL)
		return (-1);
	/* A writer in the old journal holds its lock: wait for it. */
	pthread_mutex_lock(&ob->lock);
	if ((old = ob->journal) != NULL)
		journal_lock(old);
	ob->journal = j;
	if (old != NULL)
		journal_unlock(old);
	pthread_mutex_unlock(&ob->lock);
	journal_close(old);	/* no thread can reach it now */
	return (0);
}

/* The journal's file is now PATH (a pane was renamed): 0, or -1 with
 * errno set.  0 when there is no journal. */
int
outbuf_journal_rename(struct outbuf *ob, const char *path)
{
	struct journal	*j;
	int		 rc;

	pthread_mutex_lock(&ob->lock);
	if ((j = ob->journal) == NULL) {
		pthread_mutex_unlock(&ob->lock);
		return (0);
	}
	journal_lock(j);
	pthread_mutex_unlock(&ob->lock);
	rc = journal_rename(j, path);
	journal_unlock(j);
	return (rc);
}
