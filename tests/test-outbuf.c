/*
 * test-outbuf.c: unit tests for outbuf.c, the bounded scrollback, and the
 * journal it hands its writes to (TAP; the plain-text rendering of lines is
 * utf8.c's, tested in test-utf8.c).  Single-threaded except the last test,
 * which writes from four threads and checks that no line is torn or lost.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subplex.h"
#include "tap.h"

/* Line i of the buffer as a NUL-terminated string (static storage). */
static const char *
line_at(struct outbuf *ob, size_t i)
{
	static char		 buf[256];
	struct outbuf_line	*l;
	size_t			 n;

	n = outbuf_copy(ob, i, 1, &l);
	if (n == 0) {
		outbuf_free_lines(l, n);
		return ("<none>");
	}
	snprintf(buf, sizeof buf, "%.*s", (int)l[0].len, l[0].text);
	outbuf_free_lines(l, n);
	return (buf);
}

static void
test_lines(void)
{
	struct outbuf	*ob = outbuf_create(100);

	ok(outbuf_count(ob) == 0, "empty buffer has no lines");
	ok(outbuf_at_line_start(ob), "empty buffer is at a line start");
	outbuf_write(ob, STYLE_OUT, "hello", 5);
	is_int((int)outbuf_count(ob), 1, "partial line counts");
	ok(!outbuf_at_line_start(ob), "partial line is not a line start");
	outbuf_write(ob, STYLE_OUT, " world\nsecond\n\nfourth", 21);
	is_int((int)outbuf_count(ob), 4, "lines split at newlines");
	is_str(line_at(ob, 0), "hello world", "writes join an open line");
	is_str(line_at(ob, 1), "second", "second line");
	is_str(line_at(ob, 2), "", "empty line kept");
	is_str(line_at(ob, 3), "fourth", "open last line");
	outbuf_write(ob, STYLE_OUT, "\n", 1);
	ok(outbuf_at_line_start(ob), "newline closes the line");
	is_int((int)outbuf_count(ob), 4, "closing adds no line");
	outbuf_free(ob);
}

static void
test_styles_and_cr(void)
{
	struct outbuf		*ob = outbuf_create(100);
	struct outbuf_line	*l;
	size_t			 n;

	outbuf_write(ob, STYLE_PROMPT, ">>> ", 4);
	outbuf_write(ob, STYLE_INPUT, "x\n", 2);
	n = outbuf_copy(ob, 0, 1, &l);
	ok(n == 1 && VT_ATTR_STYLE(l[0].attr[0]) == STYLE_PROMPT &&
	    VT_ATTR_STYLE(l[0].attr[4]) == STYLE_INPUT,
	    "the stream of each text byte");
	outbuf_free_lines(l, n);

	outbuf_write(ob, STYLE_OUT, "10%\r50%\r100%\n", 13);
	is_str(line_at(ob, 1), "100%", "bare CR: next text overwrites");
	outbuf_write(ob, STYLE_OUT, "abc\rX\n", 6);
	is_str(line_at(ob, 2), "Xbc", "overwrite keeps the rest, as a terminal");
	outbuf_write(ob, STYLE_OUT, "caf\xc3\xa9!\r\xc3\xa9t\n", 11);
	is_str(line_at(ob, 3), "\xc3\xa9tf\xc3\xa9!", "overwrite counts characters");
	outbuf_write(ob, STYLE_OUT, "ab\r", 3);
	outbuf_write(ob, STYLE_OUT, "wxyz\n", 5);
	is_str(line_at(ob, 4), "wxyz", "overwrite past the end appends");
	outbuf_write(ob, STYLE_OUT, "a\r\nb\r\n", 6);
	is_str(line_at(ob, 5), "a", "CRLF is a newline");
	is_str(line_at(ob, 6), "b", "CRLF twice");
	outbuf_free(ob);
}

/* The limit is the scrollback's (lines that scrolled off the terminal);
 * the screen's lines come after it: a 3-row terminal shows two and the
 * cursor's empty row. */
static void
test_limit(void)
{
	struct outbuf	*ob = outbuf_create(5);
	char		 buf[32];
	int		 i, n;

	outbuf_set_size(ob, 3, 80);
	for (i = 0; i < 1000; i++) {
		n = snprintf(buf, sizeof buf, "line %d\n", i);
		outbuf_write(ob, STYLE_OUT, buf, (size_t)n);
	}
	is_int((int)outbuf_count(ob), 5 + 2, "ring keeps the limit");
	is_str(line_at(ob, 0), "line 993", "oldest kept line");
	is_str(line_at(ob, 6), "line 999", "newest line");
	outbuf_set_limit(ob, 2);
	is_int((int)outbuf_count(ob), 2 + 2, "lowering the limit drops lines");
	is_str(line_at(ob, 0), "line 996", "lowering keeps the newest");
	outbuf_set_limit(ob, 50);
	for (i = 0; i < 100; i++)
		outbuf_write(ob, STYLE_OUT, "z\n", 2);
	is_int((int)outbuf_count(ob), 50 + 2, "raising the limit grows the ring");
	ok(outbuf_generation(ob) > 0, "generation moves");
	outbuf_free(ob);
}

/* The pane's terminal: lines that wrap and scroll off, resizing, a
 * clear, attributes. */
static void
test_terminal(void)
{
	struct outbuf		*ob = outbuf_create(100);
	struct outbuf_line	*l;
	char			*sgr;
	size_t			 n;

	outbuf_set_size(ob, 3, 10);
	/* REP (repeat the last character) with none yet: libvterm 0.1.4
	 * would loop for ever; dropped. */
	outbuf_write(ob, STYLE_OUT, "\033[b", 3);
	is_int((int)outbuf_count(ob), 0, "REP before any character: nothing");
	outbuf_write(ob, STYLE_OUT, "abcdefghijklmno\n", 16);
	outbuf_write(ob, STYLE_OUT, "ABCDEFGHIJKLMNO\n", 16);
	outbuf_write(ob, STYLE_OUT, "out\n", 4);
	is_int((int)outbuf_count(ob), 3, "wrapped lines stay whole");
	is_str(line_at(ob, 0), "abcdefghijklmno",
	    "a line wrapped across the scrollback's edge is one line");
	is_str(line_at(ob, 1), "ABCDEFGHIJKLMNO", "the next one too");
	is_str(line_at(ob, 2), "out", "and what came after");
	outbuf_write(ob, STYLE_OUT, "half", 4);
	outbuf_set_size(ob, 4, 6);
	outbuf_write(ob, STYLE_OUT, "-way\n", 5);
	is_str(line_at(ob, 3), "half-way",
	    "narrower: the cursor's line goes on where it was");
	is_str(line_at(ob, 0), "abcdefghijklmno", "older lines kept whole");
	outbuf_set_size(ob, 4, 40);
	is_str(line_at(ob, 3), "half-way", "wider: the same lines");
	outbuf_write(ob, STYLE_OUT, "gone\x1b[2J\x1b[Hnew\n", 15);
	is_int((int)(outbuf_clear_mark(ob) - outbuf_first(ob)), 5,
	    "a clear: the screen goes to the scrollback, the mark after it");
	is_str(line_at(ob, 4), "gone", "what was on the screen is kept");
	is_str(line_at(ob, 5), "new", "the screen starts again");
	outbuf_write(ob, STYLE_OUT, "\x1b[1;31mred\x1b[0m \x1b[38;5;208mo\x1b[m\n",
	    31);
	n = outbuf_copy(ob, 6, 1, &l);
	ok(n == 1 && (l[0].attr[0] & VT_ATTR_BOLD) &&
	    VT_ATTR_FG(l[0].attr[0]) == 1 + 1 && VT_ATTR_FG(l[0].attr[3]) == 0 &&
	    VT_ATTR_FG(l[0].attr[4]) == 1 + 208, "colours and bold per byte");
	sgr = n == 1 ? outbuf_line_sgr(&l[0]) : NULL;
	is_str(sgr != NULL ? sgr : "", "\033[0;1;31mred\033[0m \033[0;38;5;208mo"
	    "\033[0m", "the line back with SGR sequences (capture -e)");
	free(sgr);
	outbuf_free_lines(l, n);
	{
		/* libvterm 0.1.4 overruns its arrays past 16 arguments. */
		char seq[256];
		int k = snprintf(seq, sizeof seq, "\033[");
		for (int m = 0; m < 40; m++)
			k += snprintf(seq + k, sizeof seq - (size_t)k, "1;");
		k += snprintf(seq + k, sizeof seq - (size_t)k, "31mafter\n");
		outbuf_write(ob, STYLE_OUT, seq, (size_t)k);
		is_str(line_at(ob, 7), "after",
		    "a sequence of 41 arguments is dropped, the text shows");
	}
	outbuf_write(ob, STYLE_OUT, "caf\xc3", 4);
	outbuf_write(ob, STYLE_OUT, "\xa9 \x9b \xff\n", 6);
	is_str(line_at(ob, 8), "caf\xc3\xa9 \xef\xbf\xbd \xef\xbf\xbd",
	    "a character cut by a write; C1 and invalid bytes as U+FFFD");
	outbuf_free(ob);
}

/* Many lines in one write (the terminal's fast path for a flood) give
 * what the same bytes written one at a time give. */
static void
test_fast_lines(void)
{
	struct outbuf		*a = outbuf_create(50), *b = outbuf_create(50);
	struct outbuf_line	*la, *lb;
	char			 text[4096];
	size_t			 len = 0, na, nb, i;
	int			 k, same;

	outbuf_set_size(a, 5, 12);
	outbuf_set_size(b, 5, 12);
	for (k = 0; k < 120; k++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s%d\n",
		    k % 7 == 0 ? "a-line-that-wraps-" : k % 11 == 0 ? "" : "n",
		    k);
	/* A wrapped line first, so that marks must move with the rows. */
	outbuf_write(a, STYLE_OUT, "wrapped across rows!\n", 21);
	outbuf_write(b, STYLE_OUT, "wrapped across rows!\n", 21);
	outbuf_write(a, STYLE_ERR, text, len);
	for (i = 0; i < len; i++)
		outbuf_write(b, STYLE_ERR, text + i, 1);
	na = outbuf_copy(a, 0, outbuf_count(a), &la);
	nb = outbuf_copy(b, 0, outbuf_count(b), &lb);
	same = na == nb;
	for (i = 0; same && i < na; i++)
		same = la[i].len == lb[i].len && memcmp(la[i].text, lb[i].text,
		    la[i].len) == 0 && memcmp(la[i].attr, lb[i].attr,
		    la[i].len * sizeof *la[i].attr) == 0;
	ok(same, "a flood in one write: the lines of one byte at a time");
	/* 50 of the scrollback, then the screen: four rows, two of them one
	 * wrapped line. */
	is_int((int)na, 50 + 3, "the scrollback's limit, then the screen");
	ok(outbuf_at_line_start(a) && outbuf_at_line_start(b),
	    "both at a line start");
	outbuf_free_lines(la, na);
	outbuf_free_lines(lb, nb);
	outbuf_free(a);
	outbuf_free(b);
}

/*
 * Lines that come one at a time make room for the next ones early (rows
 * held, vterm.c); a sequence that places text by rows must still find
 * them where a terminal has them: after 30 lines on 24 rows, row 5 holds
 * line 11.
 */
static void
test_held_rows(void)
{
	struct outbuf		*ob = outbuf_create(100);
	struct outbuf_line	*l;
	char			 line[32];
	size_t			 n, i, found = 0;
	int			 k, len;

	for (k = 0; k < 30; k++) {
		len = snprintf(line, sizeof line, "line %d\n", k);
		outbuf_write(ob, STYLE_OUT, line, (size_t)len);
		(void)outbuf_count(ob);		/* fed alone */
	}
	outbuf_write(ob, STYLE_OUT, "\0337\033[5;10HXX\0338", 12);
	n = outbuf_copy(ob, 0, outbuf_count(ob), &l);
	for (i = 0; i < n; i++)
		if (l[i].len > 0 && memmem(l[i].text, l[i].len, "XX", 2))
			found = i + 1;
	ok(n == 30 && found > 0 && l[found - 1].len == 11 &&
	    memcmp(l[found - 1].text, "line 11  XX", 11) == 0,
	    "lines one at a time, then CUP 5;10: on line 11, as a terminal");
	outbuf_free_lines(l, n);
	outbuf_free(ob);
}

/*
 * A wide character that does not fit in a row's last cell goes on to the
 * next row, leaving that cell empty: the line is still one (the soak
 * found it split, '日本語 日本 and 語 ', at 13 columns).
 */
static void
test_wide_wrap(void)
{
	static const char	 text[] = "'\xe6\x97\xa5\xe6\x9c\xac"
	    "\xe8\xaa\x9e \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e '";
	struct outbuf		*ob = outbuf_create(10);
	struct outbuf_line	*l;
	size_t			 n;
	int			 k;

	outbuf_set_size(ob, 5, 13);
	for (k = 0; k < 8; k++) {	/* some scroll off */
		outbuf_write(ob, STYLE_OUT, text, sizeof text - 1);
		outbuf_write(ob, STYLE_OUT, "\n", 1);
	}
	n = outbuf_copy(ob, 0, outbuf_count(ob), &l);
	ok(n == 8 && l[0].len == sizeof text - 1 && l[7].len ==
	    sizeof text - 1 && memcmp(l[3].text, text, sizeof text - 1) == 0,
	    "a wide character wrapped for want of a cell: one line, in the "
	    "scrollback and on the screen (%zu lines)", n);
	outbuf_free_lines(l, n);
	outbuf_free(ob);
}

static void
test_long_line(void)
{
	struct outbuf		*ob = outbuf_create(10);
	struct outbuf_line	*l;
	char			*big;
	size_t			 n, len = 1024 * 1024;

	big = xmalloc(len);
	memset(big, 'y', len);
	outbuf_write(ob, STYLE_OUT, big, len);
	outbuf_write(ob, STYLE_OUT, "\n", 1);
	n = outbuf_copy(ob, 0, 1, &l);
	ok(n == 1 && l[0].len == len, "a 1 MB line is kept whole");
	outbuf_free_lines(l, n);
	free(big);
	outbuf_free(ob);

	/* What the UI draws of it: the end only, placed by the cells left
	 * out (2-byte characters, one cell each). */
	ob = outbuf_create(10);
	big = xmalloc(len + 1);
	for (n = 0; n + 2 <= len; n += 2)
		memcpy(big + n, "\xc3\xa9", 2);
	big[len - 2] = 'Z';		/* 524287 characters and a Z */
	outbuf_write(ob, STYLE_OUT, big, len - 1);
	outbuf_write(ob, STYLE_OUT, "\n", 1);
	for (int k = 0; k < 2; k++) {	/* the second from the cache */
		n = outbuf_copy_tail(ob, 0, 1, 1001, &l);
		ok(n == 1 && l[0].len <= 1001 && l[0].len >= 999 &&
		    (l[0].text[0] & 0xc0) != 0x80 &&
		    l[0].text[l[0].len - 1] == 'Z' &&
		    l[0].lead + utf8_width(l[0].text, l[0].len) ==
		    len / 2,
		    "a 1 MB line's tail: at most 1001 bytes, from a character, "
		    "with the cells before it (%zu)", l[0].lead);
		outbuf_free_lines(l, n);
	}
	free(big);
	outbuf_free(ob);
}

struct writer_arg {
	struct outbuf	*ob;
	int		 id;
};

static void *
writer(void *arg)
{
	struct writer_arg	*wa = arg;
	char			 buf[64];
	int			 i, n;

	for (i = 0; i < 2000; i++) {
		n = snprintf(buf, sizeof buf, "w%d-%d\n", wa->id, i);
		outbuf_write(wa->ob, STYLE_OUT, buf, (size_t)n);
	}
	return (NULL);
}

static void
test_threads(void)
{
	struct outbuf		*ob = outbuf_create(100000);
	struct writer_arg	 wa[4];
	pthread_t		 t[4];
	struct outbuf_line	*l;
	size_t			 n, i;
	int			 k, bad = 0;

	for (k = 0; k < 4; k++) {
		wa[k].ob = ob;
		wa[k].id = k;
		pthread_create(&t[k], NULL, writer, &wa[k]);
	}
	for (k = 0; k < 4; k++)
		pthread_join(t[k], NULL);
	n = outbuf_copy(ob, 0, outbuf_count(ob), &l);
	is_int((int)n, 8000, "no line lost across four writers");
	for (i = 0; i < n; i++) {
		int w, j, used = 0;
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%.*s", (int)l[i].len, l[i].text);
		if (sscanf(tmp, "w%d-%d%n", &w, &j, &used) != 2 ||
		    (size_t)used != l[i].len)
			bad++;
	}
	is_int(bad, 0, "no line torn");
	outbuf_free_lines(l, n);
	outbuf_free(ob);
}

/* A journal gets every write as it comes, through renames and a new
 * journal; the buffer itself is unchanged by it. */
static void
test_journal(void)
{
	struct outbuf	*ob = outbuf_create(10);
	const char	*tmp = getenv("TMPDIR");
	char		 dir[256], a[300], b[300], c[300], buf[64];
	FILE		*f;
	size_t		 n;

	snprintf(dir, sizeof dir, "%s/test-outbuf.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(a, sizeof a, "%s/a.log", dir);
	snprintf(b, sizeof b, "%s/b.log", dir);
	snprintf(c, sizeof c, "%s/c.log", dir);
	is_int(outbuf_journal_rename(ob, b), 0, "rename without a journal");
	outbuf_write(ob, STYLE_OUT, "before\n", 7);
	is_int(outbuf_journal(ob, a), 0, "journal");
	outbuf_write(ob, STYLE_OUT, "one\x1b[31m\n", 9);
	is_int(outbuf_journal_rename(ob, b), 0, "rename the journal");
	outbuf_write(ob, STYLE_ERR, "two\n", 4);
	is_int(outbuf_journal(ob, c), 0, "a new journal replaces it");
	outbuf_write(ob, STYLE_OUT, "three", 5);
	is_str(line_at(ob, 1), "one", "escape sequences are interpreted");
	outbuf_free(ob);
	ok(access(a, F_OK) != 0, "the first name is gone");
	f = fopen(b, "rb");
	n = f != NULL ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f != NULL)
		fclose(f);
	is_str(buf, "one\ntwo\n", "the renamed file (plain text), closed when replaced");
	f = fopen(c, "rb");
	n = f != NULL ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f != NULL)
		fclose(f);
	is_str(buf, "three", "the new file, trimmed when the buffer is freed");
	unlink(b);
	unlink(c);
	rmdir(dir);
}

int
main(void)
{
	test_lines();
	test_styles_and_cr();
	test_limit();
	test_terminal();
	test_fast_lines();
	test_held_rows();
	test_wide_wrap();
	test_long_line();
	test_journal();
	test_threads();
	return (done_testing());
}
