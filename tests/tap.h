/*
 * tap.h: a tiny Test Anything Protocol helper for subplex's C unit tests.
 *
 * Include it from the one .c file of a test program.  Optionally call
 * plan(n) first; then ok(cond, fmt, ...), is_int(got, want, name) and
 * is_str(got, want, name) print "ok N - name" or "not ok N - name" (with
 * "# got:"/"# want:" lines on failure); diag() prints a "# " comment.  End
 * main() with "return done_testing();": it prints the plan if none was given
 * and returns non-zero if a test failed or the count does not match the plan.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	tap_run, tap_failed, tap_planned = -1;

static inline void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

/* Print s for a TAP line: '#' escaped, controls as \n, \t or \xHH. */
static inline void
tap_print(const char *s, int escape_hash)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '#' && escape_hash)
			fputs("\\#", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

static inline void
diag(const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[4096];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fputs("# ", stdout);
	tap_print(buf, 0);
	putchar('\n');
	fflush(stdout);
}

static inline int
ok(int cond, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[4096];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	tap_print(buf, 1);
	putchar('\n');
	fflush(stdout);
	return (cond);
}

static inline void
tap_show(const char *label, const char *s)
{
	printf("#   %5s: ", label);
	if (s == NULL)
		fputs("(null)", stdout);
	else {
		putchar('"');
		tap_print(s, 0);
		putchar('"');
	}
	putchar('\n');
}

static inline int
is_str(const char *got, const char *want, const char *name)
{
	int	 same;

	if (got == NULL || want == NULL)
		same = (got == want);
	else
		same = (strcmp(got, want) == 0);
	if (!ok(same, "%s", name)) {
		tap_show("got", got);
		tap_show("want", want);
		fflush(stdout);
	}
	return (same);
}

static inline int
is_int(long long got, long long want, const char *name)
{
	if (!ok(got == want, "%s", name)) {
		printf("#    got: %lld\n#   want: %lld\n", got, want);
		fflush(stdout);
	}
	return (got == want);
}

static inline int
done_testing(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_run != tap_planned) {
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
		return (1);
	}
	if (tap_failed != 0)
		printf("# failed %d of %d tests\n", tap_failed, tap_run);
	fflush(stdout);
	return (tap_failed != 0 ? 1 : 0);
}

#endif
