/*
 * test-journal.c: unit tests for journal.c (TAP), built with a 4 KiB step
 * and a 64 KiB limit (Makefile.am) so that growing the file and starting
 * it over are cheap: what a journal writes, the file's length while it is
 * open and after journal_crash() and journal_close(), renaming, PATH.old,
 * a write too long to keep whole, and a file that cannot be opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "subplex.h"
#include "tap.h"

static char	 dir[256];

static char *
path_of(const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", dir, name);
	return (p);
}

/* The file's length, or -1 if there is none. */
static long
file_size(const char *path)
{
	struct stat	 st;

	if (stat(path, &st) != 0)
		return (-1);
	return ((long)st.st_size);
}

/* The whole file as an allocated string (NULL if it cannot be read). */
static char *
file_text(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n = file_size(path);

	if (n < 0 || (f = fopen(path, "rb")) == NULL)
		return (NULL);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return (buf);
}

static void
test_append(void)
{
	struct journal	*j;
	char		*p = path_of("a.log"), *text;
	size_t		 len = 0;

	j = journal_open(p);
	ok(j != NULL, "open");
	is_int((int)file_size(p), 4096, "the file is mapped a step long");
	journal_lock(j);
	journal_append(j, "hello\r\n", 7);
	journal_append(j, "\x1b[1mbold\x07\t\x7f\xc3", 12);
	journal_append(j, "\xa9\n", 2);
	journal_unlock(j);
	journal_crash();
	is_int((int)file_size(p), 24, "journal_crash trims the file to its text");
	journal_close(j);
	text = file_text(p, &len);
	is_str(text, "hello\r\n^[[1mbold^G\t^?\xc3\xa9\n",
	    "controls in caret notation, line ends and split UTF-8 kept");
	is_int((int)len, 24, "closed: the file is its text");
	free(text);
	free(p);
}

static void
test_grow_and_rename(void)
{
	struct journal	*j;
	char		*p = path_of("b.log"), *q = path_of("c.log"), *text;
	char		 chunk[1000];
	size_t		 len = 0, i;
	int		 bad = 0;

	memset(chunk, 'x', sizeof chunk);
	chunk[sizeof chunk - 1] = '\n';
	j = journal_open(p);
	journal_lock(j);
	for (i = 0; i < 10; i++)
		journal_append(j, chunk, sizeof chunk);
	ok(file_size(p) == 12288, "grown by steps to hold 10000 bytes");
	is_int(journal_rename(j, q), 0, "rename");
	ok(file_size(p) == -1 && file_size(q) == 12288, "the file moved");
	journal_append(j, "end\n", 4);
	journal_unlock(j);
	journal_close(j);
	text = file_text(q, &len);
	is_int((int)len, 10004, "every byte kept, under the new name");
	for (i = 0; text != NULL && i < 10000; i++)
		if (text[i] != (i % 1000 == 999 ? '\n' : 'x'))
			bad++;
	ok(text != NULL && bad == 0 && strcmp(text + 10000, "end\n") == 0,
	    "in order, the pages let go after 8 KiB included");
	free(text);
	errno = 0;
	j = journal_open(p);
	journal_lock(j);
	ok(journal_rename(j, "/nonexistent-dir/x.log") == -1 &&
	    errno == ENOENT, "a failed rename says why");
	journal_unlock(j);
	journal_close(j);
	ok(file_size(p) == 0, "and keeps the old name");
	free(p);
	free(q);
}

static void
test_start_over(void)
{
	struct journal	*j;
	char		*p = path_of("d.log"), *old = path_of("d.log.old");
	char		*big, *text;
	size_t		 len = 0;

	big = xmalloc(100000);
	memset(big, 'y', 100000);
	j = journal_open(p);
	journal_lock(j);
	journal_append(j, big, 30000);
	journal_append(j, big, 30000);
	is_int((int)file_size(old), -1, "60000 bytes: no PATH.old yet");
	journal_append(j, "z", 1);
	journal_append(j, big, 30000);
	is_int((int)file_size(old), 60001, "past the limit: PATH.old");
	journal_append(j, big, 100000);
	journal_unlock(j);
	journal_close(j);
	is_int((int)file_size(p), 30000 + 32768,
	    "a write past half the limit keeps its start");
	text = file_text(old, &len);
	ok(text != NULL && text[60000] == 'z', "PATH.old ends as it was");
	free(text);
	free(big);
	free(p);
	free(old);
}

static void
test_open_fails(void)
{
	struct journal	*j;

	errno = 0;
	j = journal_open("/nonexistent-dir/e.log");
	ok(j == NULL && errno == ENOENT, "no directory: NULL and ENOENT");
	journal_close(NULL);
	ok(1, "journal_close(NULL) does nothing");
}

int
main(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		 cmd[300];

	snprintf(dir, sizeof dir, "%s/test-journal.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return (1);
	}
	test_append();
	test_grow_and_rename();
	test_start_over();
	test_open_fails();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return (done_testing());
}
