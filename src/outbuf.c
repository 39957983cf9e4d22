/*
 * outbuf.c: a pane's output: its terminal's screen (vterm.c) and the
 * scrollback of lines that scrolled off it, a bounded ring of lines with
 * an attribute word per text byte.
 *
 * Writers are a pane's worker and the Python threads of its interpreter
 * (through pyio.c, holding that interpreter's GIL), the fd-capture thread
 * and the engine's own notes; readers are the UI thread and batch commands.
 * Everything goes through one mutex per buffer.  No code waits for a GIL
 * while holding it, and the only lock taken under it is its journal's, so
 * writers may take it with their GIL held without risking a lock-order
 * deadlock, and readers never wait for Python.  Each change bumps a
 * generation counter and pokes the notify fd.  What is written goes to the
 * terminal, which interprets it (colours, carriage returns, cursor
 * movement, clearing); rows that scroll off its top come back through a
 * callback and join the ring, a row that wrapped going on in the same
 * line.  Readers see one list of lines: the ring's, then the screen's
 * (made again from the terminal when something changed since), so a
 * progress bar redrawn in place is one line.  Cost: the terminal's parsing
 * per byte, O(lines copied) per read.  Lines are handed out as text and
 * attributes (outbuf_copy); outbuf_line_sgr gives one back with SGR
 * sequences (capture -e).  BELs the terminal carries out are counted
 * (outbuf_bells): the UI compares the count when the notify fd wakes it,
 * so nothing here calls up.
 *
 * A buffer may also keep a journal (journal.c): what is written to it, as
 * plain text (vt_strip: no escape sequences), appended to a file as it
 * comes.  A writer takes the journal's lock before it lets go of the
 * buffer's (so the file keeps the order of the writes) and appends with
 * only the journal's held: growing the file holds up the pane's next
 * writer, and a reader only while that next writer waits for the journal
 * with the buffer's lock held.  outbuf_journal() and
 * outbuf_journal_rename() start a journal and rename its file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "subplex.h"

#define OUTBUF_LINE_MAX (8u * 1024 * 1024)	/* longer lines wrap */
#define OUTBUF_PEND	(64u * 1024)	/* fed to the terminal at most */

struct obline {
	char		*text;
	uint32_t	*attr;
	size_t		 len;
	size_t		 cap;
	size_t		 wpos, wsum;	/* cells of text[0, wpos): a cache */
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
	int		 join;		/* the last line goes on (wrapped) */
	uint64_t	 gen;
	uint64_t	 dropped;	/* lines dropped off the top so far */
	uint64_t	 clear_mark;	/* where the screen began when cleared */
	struct vt	*vt;
	int		 strip;		/* vt_strip's state, for the journal */
	char		*pendbuf;	/* written, not fed to vt yet */
	size_t		 pendlen, pendbufcap;
	struct {
		enum style	 st;
		size_t		 off;
	}		*pend;		/* where each stream's bytes start */
	size_t		 npend, pendcap;
	size_t		 nscr;		/* the screen's lines, as of cnt_gen */
	int		 scr_open;
	int		 cnt_valid;
	uint64_t	 cnt_gen;
	struct outbuf_line *scr;	/* their text, as of scr_gen */
	size_t		 nscrtext;
	int		 scr_valid;
	uint64_t	 scr_gen;
	struct journal	*journal;	/* set under lock and its own lock */
	void		(*reply)(void *, const char *, size_t);
	void		*reply_arg;	/* the owner's: where answers go */
	uint64_t	 bells;		/* BELs carried out so far */
};

static void outbuf_push(void *, const char *, const uint32_t *, size_t,
    int);
static void outbuf_cleared(void *);
static void outbuf_reply(void *, const char *, size_t);
static void outbuf_bell(void *);
static void outbuf_flush(struct outbuf *);

static const struct vt_ops outbuf_vt_ops = {
	.push = outbuf_push,
	.cleared = outbuf_cleared,
	.reply = outbuf_reply,
	.bell = outbuf_bell
};

struct outbuf *
outbuf_create(size_t limit)
{
	struct outbuf	*ob;

	ob = xcalloc(1, sizeof *ob);
	pthread_mutex_init(&ob->lock, NULL);
	cond_init_mono(&ob->changed);
	ob->limit = limit > 0 ? limit : 1;
	ob->vt = vt_create(OUTBUF_ROWS, OUTBUF_COLS, &outbuf_vt_ops, ob);
	return (ob);
}

static void
outbuf_screen_forget(struct outbuf *ob)
{
	if (ob->scr_valid)
		outbuf_free_lines(ob->scr, ob->nscrtext);
	ob->scr = NULL;
	ob->nscrtext = 0;
	ob->scr_valid = 0;
}

void
outbuf_free(struct outbuf *ob)
{
	size_t	 i;

	if (ob == NULL)
		return;
	pthread_mutex_lock(&ob->lock);
	outbuf_flush(ob);
	pthread_mutex_unlock(&ob->lock);
	journal_close(ob->journal);
	for (i = 0; i < ob->rcap; i++) {
		free(ob->ring[i].text);
		free(ob->ring[i].attr);
	}
	free(ob->ring);
	outbuf_screen_forget(ob);
	vt_free(ob->vt);
	free(ob->pendbuf);
	free(ob->pend);
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
			free(l->attr);
		} else
			ring[i - skip] = *l;
	}
	/* Slots beyond count hold spare buffers: free them. */
	for (i = ob->count; i < ob->rcap; i++) {
		struct obline *l = outbuf_slot(ob, i);
		free(l->text);
		free(l->attr);
	}
	free(ob->ring);
	ob->ring = ring;
	ob->rcap = n;
	ob->first = 0;
	ob->count -= skip;
	ob->dropped += skip;
	if (ob->count == 0)
		ob->join = 0;
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

/* Start a new, empty line, dropping the oldest at the limit. */
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
		if (ob->clear_mark < ob->dropped)
			ob->clear_mark = ob->dropped;
	}
	l = outbuf_slot(ob, ob->count++);
	l->len = 0;
	l->wpos = l->wsum = 0;
	return (l);
}

static void
outbuf_append(struct obline *l, const char *p, const uint32_t *attr,
    size_t n)
{
	if (l->len + n > l->cap) {
		size_t cap = l->cap < 64 ? 64 : l->cap;
		while (cap < l->len + n)
			cap *= 2;
		l->text = xrealloc(l->text, cap);
		l->attr = xreallocarray(l->attr, cap, sizeof *l->attr);
		l->cap = cap;
	}
	if (n == 0)
		return;		/* an empty line may have no text yet */
	memcpy(l->text + l->len, p, n);
	memcpy(l->attr + l->len, attr, n * sizeof *attr);
	l->len += n;
}

/* The terminal's callback: a row scrolled off its top (lock held). */
static void
outbuf_push(void *arg, const char *text, const uint32_t *attr, size_t len,
    int soft)
{
	struct outbuf	*ob = arg;
	struct obline	*l;

	if (ob->join && ob->count > 0 && outbuf_slot(ob, ob->count -
	    1)->len + len <= OUTBUF_LINE_MAX)
		l = outbuf_slot(ob, ob->count - 1);
	else
		l = outbuf_new_line(ob);
	outbuf_append(l, text, attr, len);
	ob->join = soft;
}

/* The terminal's callback: BEL (lock held).  Counted only: the UI reads
 * the count (outbuf_bells) when the notify fd wakes it, so nothing here
 * calls up. */
static void
outbuf_bell(void *arg)
{
	struct outbuf	*ob = arg;

	ob->bells++;
}

/*
 * BELs the pane's terminal has carried out so far (any thread); with
 * flush, after it has taken what waits for it.  That parse is what a draw
 * does: the UI asks with flush only for a pane it does not draw, once a
 * frame; a flush at every wake-up fed a flood to the terminal in small
 * pieces on the UI thread, under the lock its writer waits for.
 */
uint64_t
outbuf_bells(struct outbuf *ob, int flush)
{
	uint64_t	 n;

	pthread_mutex_lock(&ob->lock);
	if (flush)
		outbuf_flush(ob);
	n = ob->bells;
	pthread_mutex_unlock(&ob->lock);
	return (n);
}

/* The terminal's callback: its screen was cleared, the lines before are
 * history (the UI starts the pane's view after them). */
static void
outbuf_cleared(void *arg)
{
	struct outbuf	*ob = arg;

	ob->join = 0;
	ob->clear_mark = ob->dropped + ob->count;
}

/* What was written and not yet given to the terminal, given now (lock
 * held). */
static void
outbuf_flush(struct outbuf *ob)
{
	size_t	 i, end;

	for (i = 0; i < ob->npend; i++) {
		end = i + 1 < ob->npend ? ob->pend[i + 1].off : ob->pendlen;
		vt_write(ob->vt, ob->pend[i].st, ob->pendbuf + ob->pend[i].off,
		    end - ob->pend[i].off);
	}
	ob->npend = 0;
	ob->pendlen = 0;
}

/*
 * A write is kept as it comes and given to the terminal in one piece with
 * the writes after it, when something reads the buffer or OUTBUF_PEND
 * bytes wait: a flood of print()s reaches libvterm as many lines at once,
 * which it then takes without moving its screen up once per line
 * (vterm.c's fast path).  The journal has each write at once, as plain
 * text (vt_strip), so a crash loses none of it.
 */
void
outbuf_write(struct outbuf *ob, enum style st, const char *p, size_t n)
{
	struct journal	*j;
	char		*plain = NULL, small[1024];
	size_t		 plen = 0;

	if (n == 0)
		return;
	pthread_mutex_lock(&ob->lock);
	if (ob->npend == 0 || ob->pend[ob->npend - 1].st != st) {
		if (ob->npend == ob->pendcap) {
			ob->pendcap = ob->pendcap == 0 ? 8 : ob->pendcap * 2;
			ob->pend = xreallocarray(ob->pend, ob->pendcap,
			    sizeof *ob->pend);
		}
		ob->pend[ob->npend].st = st;
		ob->pend[ob->npend++].off = ob->pendlen;
	}
	if (ob->pendlen + n > ob->pendbufcap) {
		while (ob->pendbufcap < ob->pendlen + n)
			ob->pendbufcap = ob->pendbufcap == 0 ? 4096 :
			    ob->pendbufcap * 2;
		ob->pendbuf = xrealloc(ob->pendbuf, ob->pendbufcap);
	}
	memcpy(ob->pendbuf + ob->pendlen, p, n);
	ob->pendlen += n;
	/* What the pane's pty brings (a child's output, already in reads of
	 * up to 16 KiB) goes in at once: a query in it (CSI c, CSI 6 n) is
	 * answered while its program waits. */
	if (ob->pendlen >= OUTBUF_PEND || (st == STYLE_FD &&
	    ob->reply != NULL))
		outbuf_flush(ob);
	ob->gen++;
	if (ob->waiters > 0)
		pthread_cond_broadcast(&ob->changed);
	if (ob->journal != NULL) {
		plain = n <= sizeof small ? small : xmalloc(n);
		plen = vt_strip(&ob->strip, p, n, plain);
	}
	if (plen == 0) {
		pthread_mutex_unlock(&ob->lock);
		notify_poke();
		if (plain != small)
			free(plain);
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
	journal_append(j, plain, plen);
	journal_unlock(j);
	if (plain != small)
		free(plain);
}

/* How many lines the screen has, counted again if anything changed
 * (lock held). */
static void
outbuf_screen(struct outbuf *ob)
{
	outbuf_flush(ob);
	if (ob->cnt_valid && ob->cnt_gen == ob->gen)
		return;
	ob->nscr = vt_lines(ob->vt, NULL, &ob->scr_open);
	ob->cnt_valid = 1;
	ob->cnt_gen = ob->gen;
}

/* The screen's lines as text, made again if anything changed (lock held,
 * after outbuf_screen). */
static void
outbuf_screen_text(struct outbuf *ob)
{
	int	 open;

	if (ob->scr_valid && ob->scr_gen == ob->gen)
		return;
	outbuf_screen_forget(ob);
	ob->nscrtext = vt_lines(ob->vt, &ob->scr, &open);
	ob->scr_valid = 1;
	ob->scr_gen = ob->gen;
}

/* Does the ring's last line go on in the screen's first? */
static int
outbuf_joined(struct outbuf *ob)
{
	return (ob->join && ob->count > 0 && ob->nscr > 0);
}

static size_t
outbuf_total(struct outbuf *ob)
{
	outbuf_screen(ob);
	return (ob->count + ob->nscr - (outbuf_joined(ob) ? 1 : 0));
}

int
outbuf_at_line_start(struct outbuf *ob)
{
	int	 r;

	pthread_mutex_lock(&ob->lock);
	outbuf_screen(ob);
	r = !ob->scr_open;
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
	outbuf_flush(ob);
	d = ob->dropped;
	pthread_mutex_unlock(&ob->lock);
	return (d);
}

/* The absolute number of the first line after the last clear. */
uint64_t
outbuf_clear_mark(struct outbuf *ob)
{
	uint64_t	 m;

	pthread_mutex_lock(&ob->lock);
	outbuf_flush(ob);
	m = ob->clear_mark;
	pthread_mutex_unlock(&ob->lock);
	return (m);
}

size_t
outbuf_count(struct outbuf *ob)
{
	size_t	 n;

	pthread_mutex_lock(&ob->lock);
	n = outbuf_total(ob);
	pthread_mutex_unlock(&ob->lock);
	return (n);
}

static void
outbuf_line_put(struct outbuf_line *d, const char *text,
    const uint32_t *attr, size_t len, const char *text2,
    const uint32_t *attr2, size_t len2)
{
	d->len = len + len2;
	d->text = xmalloc(d->len + 1);
	d->attr = xreallocarray(NULL, d->len + 1, sizeof *d->attr);
	if (len > 0) {		/* an empty line may have no text yet */
		memcpy(d->text, text, len);
		memcpy(d->attr, attr, len * sizeof *attr);
	}
	if (len2 > 0) {
		memcpy(d->text + len, text2, len2);
		memcpy(d->attr + len, attr2, len2 * sizeof *attr2);
	}
	d->text[d->len] = '\0';
}

/*
 * Line d gets the end of text+text2 (a ring line and, joined to it, the
 * screen's first): at most max bytes, from a character's start, and in
 * d->lead the cells of what is left out, counted once per line (l's
 * cache: a ring line only grows), so that drawing a 1 MB line costs what
 * its visible part does.  Lock held.
 */
static void
outbuf_line_tail(struct outbuf_line *d, struct obline *l, const char *text,
    const uint32_t *attr, size_t len, const char *text2,
    const uint32_t *attr2, size_t len2, size_t max)
{
	size_t	 cut, total = len + len2;

	if (total <= max) {
		outbuf_line_put(d, text, attr, len, text2, attr2, len2);
		return;
	}
	cut = total - max;
	while (cut < total && ((unsigned char)(cut < len ? text[cut] :
	    text2[cut - len]) & 0xc0) == 0x80)
		cut++;			/* a character's start */
	if (l != NULL) {
		size_t upto = cut < len ? cut : len;
		if (l->wpos > upto)
			l->wpos = l->wsum = 0;
		l->wsum += utf8_width(text + l->wpos, upto - l->wpos);
		l->wpos = upto;
		d->lead = l->wsum;
	} else
		d->lead = utf8_width(text, cut < len ? cut : len);
	if (cut < len)
		outbuf_line_put(d, text + cut, attr + cut, len - cut, text2,
		    attr2, len2);
	else {
		d->lead += utf8_width(text2, cut - len);
		outbuf_line_put(d, text2 + (cut - len), attr2 + (cut - len),
		    total - cut, NULL, NULL, 0);
	}
}

size_t
outbuf_copy(struct outbuf *ob, size_t first, size_t n,
    struct outbuf_line **out)
{
	return (outbuf_copy_tail(ob, first, n, SIZE_MAX, out));
}

/*
 * Lines first to first+n (at most) of the list, each cut to its last max
 * bytes (outbuf_line_tail; SIZE_MAX: whole), for a reader to free with
 * outbuf_free_lines.
 */
size_t
outbuf_copy_tail(struct outbuf *ob, size_t first, size_t n, size_t max,
    struct outbuf_line **out)
{
	struct outbuf_line	*lines;
	size_t			 i, total, idx, ring;
	int			 joined;

	pthread_mutex_lock(&ob->lock);
	total = outbuf_total(ob);
	joined = outbuf_joined(ob);
	ring = joined ? ob->count - 1 : ob->count;
	if (first >= total)
		n = 0;
	else if (n > total - first)
		n = total - first;
	lines = xcalloc(n ? n : 1, sizeof *lines);
	if (n > 0 && first + n > ring)
		outbuf_screen_text(ob);	/* the screen's lines are wanted */
	for (i = 0; i < n; i++) {
		idx = first + i;
		if (idx < ring) {
			struct obline *l = outbuf_slot(ob, idx);
			outbuf_line_tail(&lines[i], l, l->text, l->attr,
			    l->len, NULL, NULL, 0, max);
		} else if (joined && idx == ring) {
			struct obline *l = outbuf_slot(ob, idx);
			outbuf_line_tail(&lines[i], l, l->text, l->attr,
			    l->len, ob->scr[0].text, ob->scr[0].attr,
			    ob->scr[0].len, max);
		} else {
			/* After a joined line, the screen's first is in it. */
			struct outbuf_line *s = &ob->scr[idx - ring];
			outbuf_line_tail(&lines[i], NULL, s->text, s->attr,
			    s->len, NULL, NULL, 0, max);
		}
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
		free(lines[i].attr);
	}
	free(lines);
}

/*
 * clear-history: the lines that scrolled off go, as if dropped off the
 * top (readers' absolute line numbers stay); the screen's stay.
 */
void
outbuf_clear_history(struct outbuf *ob)
{
	pthread_mutex_lock(&ob->lock);
	outbuf_flush(ob);
	if (ob->count > 0) {
		ob->first = (ob->first + ob->count) % ob->rcap;
		ob->dropped += ob->count;
		ob->count = 0;
		ob->join = 0;
		if (ob->clear_mark < ob->dropped)
			ob->clear_mark = ob->dropped;
		ob->cnt_valid = 0;
		ob->gen++;
		if (ob->waiters > 0)
			pthread_cond_broadcast(&ob->changed);
	}
	pthread_mutex_unlock(&ob->lock);
	notify_poke();
}

/* The terminal's size: the pane's, as it is drawn.  0: it was already. */
int
outbuf_set_size(struct outbuf *ob, int rows, int cols)
{
	int	 r, c;

	if (rows < 1)			/* the least a terminal is */
		rows = 1;
	if (cols < 2)
		cols = 2;
	pthread_mutex_lock(&ob->lock);
	vt_size(ob->vt, &r, &c);
	if (r == rows && c == cols) {
		pthread_mutex_unlock(&ob->lock);
		return (0);
	}
	outbuf_flush(ob);		/* written at the old size */
	vt_resize(ob->vt, rows, cols);
	ob->gen++;
	pthread_mutex_unlock(&ob->lock);
	notify_poke();
	return (1);
}

/*
 * Where the terminal's answers to queries and the keys given to
 * outbuf_key go (pane.c: to the programs on the pane's pty), called under
 * the buffer's lock, so fn must not take it or wait.  Set before the
 * buffer is shared.
 */
void
outbuf_set_reply(struct outbuf *ob, void (*fn)(void *, const char *, size_t),
    void *arg)
{
	ob->reply = fn;
	ob->reply_arg = arg;
}

static void
outbuf_reply(void *arg, const char *s, size_t n)
{
	struct outbuf	*ob = arg;

	if (ob->reply != NULL)
		ob->reply(ob->reply_arg, s, n);
}

/* A key for the terminal's program, encoded as its modes ask (vt_key). */
void
outbuf_key(struct outbuf *ob, uint32_t key, const char *bytes, size_t len)
{
	pthread_mutex_lock(&ob->lock);
	outbuf_flush(ob);		/* the modes written so far */
	vt_key(ob->vt, key, bytes, len);
	pthread_mutex_unlock(&ob->lock);
}

/*
 * The screen as its rows, for a full-screen program (vt_rows): lines to
 * free with outbuf_free_lines, the cursor (-1: hidden).
 */
size_t
outbuf_rows(struct outbuf *ob, struct outbuf_line **lines, int *crow,
    int *ccol)
{
	size_t	 n;

	pthread_mutex_lock(&ob->lock);
	outbuf_flush(ob);
	n = vt_rows(ob->vt, lines, crow, ccol);
	pthread_mutex_unlock(&ob->lock);
	return (n);
}

/*
 * A line as text with SGR sequences where its look changes (capture -e),
 * NUL-terminated, ending with a reset when it changed anything.
 */
char *
outbuf_line_sgr(const struct outbuf_line *l)
{
	char		*out, *text, sgr[96];
	size_t		 len = 0, cap = l->len + 16, i, k, m, tl;
	uint32_t	 prev = 0, a;
	const uint32_t	 look = ~(uint32_t)0x7;	/* not the stream */

	out = xmalloc(cap);
	for (i = 0; i < l->len; i = k) {
		a = l->attr[i] & look;
		for (k = i + 1; k < l->len && (l->attr[k] & look) == a; k++)
			;
		sgr[0] = '\0';
		if (a != prev)
			vt_attr_sgr(a, 0, sgr, sizeof sgr);
		m = strlen(sgr);
		text = utf8_sanitize(l->text + i, k - i, 0, &tl);
		while (len + m + tl + 8 > cap)
			cap *= 2;
		out = xrealloc(out, cap);
		memcpy(out + len, sgr, m);
		len += m;
		memcpy(out + len, text, tl);
		len += tl;
		free(text);
		prev = a;
	}
	if (prev != 0) {
		memcpy(out + len, "\033[0m", 4);
		len += 4;
	}
	out[len] = '\0';
	return (out);
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
	outbuf_flush(ob);		/* what came before goes to the old */
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
