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
	ok(n == 1 && l[0].style[0] == STYLE_PROMPT &&
	    l[0].style[4] == STYLE_INPUT, "style byte per text byte");
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

static void
test_limit(void)
{
	struct outbuf	*ob = outbuf_create(5);
	char		 buf[32];
	int		 i, n;

	for (i = 0; i < 1000; i++) {
		n = snprintf(buf, sizeof buf, "line %d\n", i);
		outbuf_write(ob, STYLE_OUT, buf, (size_t)n);
	}
	is_int((int)outbuf_count(ob), 5, "ring keeps the limit");
	is_str(line_at(ob, 0), "line 995", "oldest kept line");
	is_str(line_at(ob, 4), "line 999", "newest line");
	outbuf_set_limit(ob, 2);
	is_int((int)outbuf_count(ob), 2, "lowering the limit drops lines");
	is_str(line_at(ob, 0), "line 998", "lowering keeps the newest");
	outbuf_set_limit(ob, 50);
	for (i = 0; i < 100; i++)
		outbuf_write(ob, STYLE_OUT, "z\n", 2);
	is_int((int)outbuf_count(ob), 50, "raising the limit grows the ring");
	ok(outbuf_generation(ob) > 0, "generation moves");
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
	outbuf_write(ob, STYLE_OUT, "one\x1b\n", 5);
	is_int(outbuf_journal_rename(ob, b), 0, "rename the journal");
	outbuf_write(ob, STYLE_ERR, "two\n", 4);
	is_int(outbuf_journal(ob, c), 0, "a new journal replaces it");
	outbuf_write(ob, STYLE_OUT, "three", 5);
	is_str(line_at(ob, 1), "one\x1b", "the buffer keeps raw bytes");
	outbuf_free(ob);
	ok(access(a, F_OK) != 0, "the first name is gone");
	f = fopen(b, "rb");
	n = f != NULL ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f != NULL)
		fclose(f);
	is_str(buf, "one^[\ntwo\n", "the renamed file, closed when replaced");
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
	test_long_line();
	test_journal();
	test_threads();
	return (done_testing());
}
