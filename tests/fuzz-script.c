/*
 * fuzz-script.c: libFuzzer target for the session-script parser (script.c).
 *
 * Every input is handed to script_parse() as is (any bytes, no NUL
 * termination relied on) and the result is checked against the contract of
 * subplex.h, not merely survived:
 *   on success	ncmds > 0 implies cmds != NULL; every command has argc >= 1,
 *		argv[0..argc) non-NULL and argv[argc] == NULL; line/col of the
 *		command are >= 1, equal to those of argv[0], and strictly
 *		increase (line, then column) from command to command; every
 *		argline/argcol is >= 1, argline <= 1 + newlines in the input,
 *		and positions do not go backwards within a command; an input
 *		holding a NUL byte never succeeds;
 *   on error	cause != NULL, out.ncmds == 0 and out.cmds == NULL,
 *		err_line/err_col >= 1 and err_line <= 1 + newlines in the input;
 *   recover	script_parse_recover() on the same input: each entry is a
 *		command (argc >= 1, argv[argc] == NULL, no error) or an error
 *		(argc 0, argv NULL, a cause, line/col >= 1 and line <= 1 +
 *		newlines), the count returned is the number of error entries,
 *		lines do not go backwards, and with no error it has as many
 *		commands as script_parse() gave;
 *   always	a second parse gives the same result (same commands, words
 *		and positions, or the same error position and text), and
 *		script_free() is called (leaks are caught by LeakSanitizer).
 * A violation calls __builtin_trap().
 *
 * Two builds of this one file:
 *   fuzzer	clang -fsanitize=fuzzer,address,undefined (tests/fuzz/run.sh,
 *		"make fuzz" under --enable-fuzzing); libFuzzer provides main().
 *   replay	any C11 compiler with -DFUZZ_MAIN_REPLAY: a main() that feeds
 *		each FILE argument (a directory: each regular file in it,
 *		sorted) to LLVMFuzzerTestOneInput() and prints one TAP line per
 *		file, so "make check" replays the committed corpus
 *		(tests/fuzz/replay.test) without the fuzzer.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(e) do { if (!(e)) __builtin_trap(); } while (0)

/* Validate one parse result against the contract of script_parse(). */
static void
check_result(int rc, const struct script *s, int el, int ec, const char *cause,
    size_t nlines, int has_nul)
{
	const struct script_cmd	*c;
	size_t			 i;
	int			 j, pl = 0, pc = 0;

	if (rc != 0) {
		CHECK(rc == -1);
		CHECK(cause != NULL);
		CHECK(s->ncmds == 0 && s->cmds == NULL);
		CHECK(el >= 1 && ec >= 1);
		CHECK((size_t)el <= nlines);
		return;
	}
	CHECK(cause == NULL);
	CHECK(!has_nul);
	CHECK(s->ncmds == 0 || s->cmds != NULL);
	if (s->ncmds == 0)
		CHECK(s->cmds == NULL);
	for (i = 0; i < s->ncmds; i++) {
		c = &s->cmds[i];
		CHECK(c->argc >= 1);
		CHECK(c->argv != NULL && c->argline != NULL &&
		    c->argcol != NULL);
		CHECK(c->argv[c->argc] == NULL);
		CHECK(c->line >= 1 && c->col >= 1);
		CHECK((size_t)c->line <= nlines);
		/* Commands in input order: (line, col) strictly increases. */
		CHECK(c->line > pl || (c->line == pl && c->col > pc));
		pl = c->line;
		pc = c->col;
		CHECK(c->argline[0] == c->line && c->argcol[0] == c->col);
		for (j = 0; j < c->argc; j++) {
			CHECK(c->argv[j] != NULL);
			CHECK(c->argline[j] >= 1 && c->argcol[j] >= 1);
			CHECK((size_t)c->argline[j] <= nlines);
			if (j > 0) {
				CHECK(c->argline[j] > c->argline[j - 1] ||
				    (c->argline[j] == c->argline[j - 1] &&
				    c->argcol[j] > c->argcol[j - 1]));
			}
		}
	}
}

/* Are two parse results the same? */
static int
same_result(int rc1, const struct script *a, int el1, int ec1,
    const char *c1, int rc2, const struct script *b, int el2, int ec2,
    const char *c2)
{
	const struct script_cmd	*x, *y;
	size_t			 i;
	int			 j;

	if (rc1 != rc2)
		return (0);
	if (rc1 != 0)
		return (el1 == el2 && ec1 == ec2 && strcmp(c1, c2) == 0);
	if (a->ncmds != b->ncmds)
		return (0);
	for (i = 0; i < a->ncmds; i++) {
		x = &a->cmds[i];
		y = &b->cmds[i];
		if (x->argc != y->argc || x->line != y->line ||
		    x->col != y->col)
			return (0);
		for (j = 0; j < x->argc; j++) {
			if (strcmp(x->argv[j], y->argv[j]) != 0 ||
			    x->argline[j] != y->argline[j] ||
			    x->argcol[j] != y->argcol[j])
				return (0);
		}
	}
	return (1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*buf = (const char *)data;
	struct script	 s1, s2;
	char		*c1, *c2;
	int		 rc1, rc2, el1, ec1, el2, ec2, has_nul;
	size_t		 i, nlines = 1;

	has_nul = 0;
	for (i = 0; i < size; i++) {
		if (data[i] == '\n')
			nlines++;
		else if (data[i] == '\0')
			has_nul = 1;
	}

	/* Poison the outputs so "out empty on error" is really checked. */
	memset(&s1, 0xa5, sizeof s1);
	memset(&s2, 0x5a, sizeof s2);
	el1 = ec1 = el2 = ec2 = -7;
	c1 = c2 = (char *)&s1;

	rc1 = script_parse(buf, size, &s1, &el1, &ec1, &c1);
	check_result(rc1, &s1, el1, ec1, c1, nlines, has_nul);

	rc2 = script_parse(buf, size, &s2, &el2, &ec2, &c2);
	check_result(rc2, &s2, el2, ec2, c2, nlines, has_nul);
	CHECK(same_result(rc1, &s1, el1, ec1, c1, rc2, &s2, el2, ec2, c2));

	/* The NULL-pointer variant of the error outputs must be accepted. */
	{
		struct script	 s3;

		memset(&s3, 0x33, sizeof s3);
		if (script_parse(buf, size, &s3, NULL, NULL, NULL) != 0)
			CHECK(rc1 != 0 && s3.ncmds == 0 && s3.cmds == NULL);
		else
			CHECK(rc1 == 0 && s3.ncmds == s1.ncmds);
		script_free(&s3);
	}

	/* The forgiving parse of config files. */
	{
		struct script	 r;
		size_t		 nerr, k, seen = 0;
		int		 last = 0;

		nerr = script_parse_recover(buf, size, &r);
		CHECK(r.ncmds == 0 || r.cmds != NULL);
		for (k = 0; k < r.ncmds; k++) {
			const struct script_cmd *c = &r.cmds[k];

			CHECK(c->line >= 1 && c->col >= 1 &&
			    (size_t)c->line <= nlines && c->line >= last);
			last = c->line;
			if (c->error != NULL) {
				CHECK(c->argc == 0 && c->argv == NULL);
				seen++;
			} else
				CHECK(c->argc >= 1 && c->argv[c->argc] == NULL);
		}
		CHECK(seen == nerr);
		if (rc1 == 0)
			CHECK(nerr == 0 && r.ncmds == s1.ncmds);
		else
			CHECK(nerr >= 1);
		script_free(&r);
	}

	script_free(&s1);
	CHECK(s1.ncmds == 0 && s1.cmds == NULL);
	script_free(&s2);
	script_free(&s2);	/* idempotent after the first call */
	if (rc1 != 0)
		free(c1);
	if (rc2 != 0)
		free(c2);
	return (0);
}

#ifdef FUZZ_MAIN_REPLAY
#include "fuzz-replay.h"
#endif
