/*
 * fuzz-vterm.c: libFuzzer target for a pane's terminal: random bytes
 * written to an outbuf (outbuf.c), which feeds them to its emulator
 * (vterm.c, libvterm), as a pane's program would write them.
 *
 * The first 8 bytes of the input choose how, the rest are written:
 *   [0]	rows, 1-40		[1]	columns, 2-120
 *   [2]	scrollback limit, 1-200 lines (outbuf_create)
 *   [3]	how the bytes are cut into writes: bits 0-5 a step of 1-64
 *		bytes, times 64 with bit 6; with bit 7 each write is instead
 *		1 byte to 2 steps long, drawn at random.
 *		After 511 writes the rest goes in one (a bound on the checks).
 *   [4]	the stream (enum style) of the writes: bits 0-2 (mod 6); with
 *		bit 7 each write's is drawn at random instead
 *   [5]	how often, out of 256, a write is followed by a resize to a
 *		random size (rows 0-40, columns 0-120: 0 and 1 are clamped)
 *   [6]	how often, out of 256, by outbuf_set_limit(0-199)
 *   [7]	the seed of the random draws (xorshift, so a file replays
 *		the same)
 * After the buffer is made and after each write, resize and new limit,
 * checked (nothing in a line is something a terminal would obey):
 *   lines	outbuf_copy of all lines gives outbuf_count's n, again and
 *		again; copying from n gives none; copying the last line alone
 *		gives the same line; a buffer not at a line start has a line;
 *   text	each line is valid UTF-8 (utf8_invalid_at), without C0
 *		controls (< 0x20, so no ESC), DEL or C1 (U+0080-U+009F);
 *   attr	present for each byte, the same for each byte of a character,
 *		and well formed (a stream of enum style, colours 0-256, no
 *		bit above VT_ATTR_BLINK);
 *   SGR	outbuf_line_sgr's line holds no ESC but its own SGR sequences
 *		(ESC [ digits and ';' m), and without them is the line's text;
 *   marks	outbuf_clear_mark <= outbuf_first + outbuf_count; the first
 *		line's number never goes down; each write bumps the
 *		generation;
 *   at the end	the terminal still works: CAN (abandon a sequence), ESC c
 *		(reset) and "X" leave the one line "X" after the clear mark.
 * Not checked: that what should show does (text after a string that
 * was not ended, or ended wrongly, is lost unseen here).
 * Everything is freed (leaks are caught by LeakSanitizer).  A violation
 * calls __builtin_trap().  Built as tests/fuzz-proto.c is: with libFuzzer
 * ("make fuzz-vterm" under --enable-fuzzing), or with -DFUZZ_MAIN_REPLAY
 * for make check's replay of tests/fuzz/vterm-corpus.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(e) do { if (!(e)) __builtin_trap(); } while (0)

#define FV_HEADER	8
#define FV_MAX_WRITES	512
#define FV_ROWS		40
#define FV_COLS		120
#define FV_LIMIT	200

struct fv {
	struct outbuf	*ob;
	uint32_t	 rnd;
	uint64_t	 first;		/* outbuf_first, last seen */
};

static uint32_t
fv_rand(struct fv *f)
{
	uint32_t	 x = f->rnd;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return (f->rnd = x);
}

/* outbuf_line_sgr's line without its SGR sequences equals the text. */
static void
check_sgr(const struct outbuf_line *l)
{
	char	*s;
	size_t	 i, j = 0;

	s = outbuf_line_sgr(l);
	CHECK(s != NULL);
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\033') {
			CHECK(s[i + 1] == '[');
			for (i += 2; (s[i] >= '0' && s[i] <= '9') ||
			    s[i] == ';'; i++)
				;
			CHECK(s[i] == 'm');
			continue;
		}
		CHECK(j < l->len && s[i] == l->text[j]);
		j++;
	}
	CHECK(j == l->len);
	free(s);
}

static void
check_line(const struct outbuf_line *l)
{
	uint32_t	 cp, a;
	size_t		 i, k;
	int		 r;

	if (l->len == 0)
		return;
	CHECK(l->text != NULL && l->attr != NULL);
	CHECK(utf8_invalid_at(l->text, l->len) == -1);
	for (i = 0; i < l->len; i += (size_t)r) {
		r = utf8_decode(l->text + i, l->len - i, &cp);
		CHECK(r > 0);
		CHECK(cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f));
		a = l->attr[i];
		CHECK(VT_ATTR_STYLE(a) <= STYLE_NOTE);
		CHECK(VT_ATTR_FG(a) <= 256 && VT_ATTR_BG(a) <= 256);
		CHECK((a & ~((VT_ATTR_BLINK << 1) - 1)) == 0);
		for (k = 1; k < (size_t)r; k++)
			CHECK(l->attr[i + k] == a);
	}
	check_sgr(l);
}

static int
line_eq(const struct outbuf_line *a, const struct outbuf_line *b)
{
	if (a->len != b->len)
		return (0);
	if (a->len == 0)
		return (1);
	return (memcmp(a->text, b->text, a->len) == 0 &&
	    memcmp(a->attr, b->attr, a->len * sizeof *a->attr) == 0);
}

static void
check(struct fv *f)
{
	struct outbuf_line	*lines, *one;
	size_t			 n, m, i;
	uint64_t		 first, mark;

	n = outbuf_count(f->ob);
	m = outbuf_copy(f->ob, 0, SIZE_MAX, &lines);
	CHECK(m == n);
	CHECK(lines != NULL);
	CHECK(outbuf_count(f->ob) == n);
	for (i = 0; i < n; i++)
		check_line(&lines[i]);
	if (n > 0) {
		CHECK(outbuf_copy(f->ob, n - 1, 1, &one) == 1);
		CHECK(line_eq(&one[0], &lines[n - 1]));
		outbuf_free_lines(one, 1);
	}
	CHECK(outbuf_copy(f->ob, n, 1, &one) == 0);
	outbuf_free_lines(one, 0);
	outbuf_free_lines(lines, n);
	if (!outbuf_at_line_start(f->ob))
		CHECK(n > 0);
	first = outbuf_first(f->ob);
	mark = outbuf_clear_mark(f->ob);
	CHECK(first >= f->first);
	CHECK(mark <= first + n);
	f->first = first;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fv		 f;
	struct outbuf_line	*last;
	size_t			 step, off, n, writes = 0;
	uint64_t		 gen;
	uint8_t			 cut, style, resize, limit;
	enum style		 st;

	if (size < FV_HEADER)
		return (0);
	memset(&f, 0, sizeof f);
	f.ob = outbuf_create((size_t)data[2] % FV_LIMIT + 1);
	outbuf_set_size(f.ob, data[0] % FV_ROWS + 1,
	    data[1] % (FV_COLS - 1) + 2);
	cut = data[3];
	step = ((size_t)(cut & 0x3f) + 1) * (cut & 0x40 ? 64 : 1);
	style = data[4];
	resize = data[5];
	limit = data[6];
	f.rnd = 0x9e3779b9u ^ ((uint32_t)data[7] * 0x01000193u);
	check(&f);

	for (off = FV_HEADER; off < size; off += n) {
		n = step;
		if (cut & 0x80)
			n = fv_rand(&f) % (2 * step) + 1;
		if (++writes >= FV_MAX_WRITES || n > size - off)
			n = size - off;
		if (style & 0x80)
			st = (enum style)(fv_rand(&f) % 6);
		else
			st = (enum style)((style & 0x7) % 6);
		gen = outbuf_generation(f.ob);
		outbuf_write(f.ob, st, (const char *)data + off, n);
		CHECK(outbuf_generation(f.ob) > gen);
		check(&f);
		if ((fv_rand(&f) & 0xff) < resize) {
			outbuf_set_size(f.ob, (int)(fv_rand(&f) %
			    (FV_ROWS + 1)), (int)(fv_rand(&f) % (FV_COLS + 1)));
			check(&f);
		}
		if ((fv_rand(&f) & 0xff) < limit) {
			outbuf_set_limit(f.ob, fv_rand(&f) % FV_LIMIT);
			check(&f);
		}
	}
	/* Whatever came before, a reset and a letter show the letter. */
	outbuf_write(f.ob, STYLE_OUT, "\030\033cX", 4);
	check(&f);
	n = outbuf_count(f.ob);
	CHECK(n > 0 && outbuf_clear_mark(f.ob) == outbuf_first(f.ob) + n - 1);
	CHECK(outbuf_copy(f.ob, n - 1, 1, &last) == 1);
	CHECK(last[0].len == 1 && last[0].text[0] == 'X');
	outbuf_free_lines(last, 1);
	outbuf_free(f.ob);
	return (0);
}

#ifdef FUZZ_MAIN_REPLAY
#include "fuzz-replay.h"
#endif
