/*
 * test-script.c: unit tests for the session-script tokenizer (script.c).
 *
 * Each case parses a buffer and renders the result as one string: commands
 * joined by " | ", each argument as [text] (optionally prefixed by its
 * LINE:COL), or "E LINE:COL cause" for an error.  Then random buffers and
 * a round trip check robustness, and large inputs check the limits and that
 * parsing stays linear.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "subplex.h"
#include "tap.h"

/* A growing string for rendering. */
struct str {
	char	*p;
	size_t	 len, cap;
};

static void
str_add(struct str *s, const char *t, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->p = xrealloc(s->p, s->cap);
	}
	memcpy(s->p + s->len, t, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
str_addf(struct str *s, const char *fmt, ...)
{
	va_list	 ap;
	char	 buf[512];
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	str_add(s, buf, (size_t)n);
}

/* Escape an argument so the expected strings stay readable. */
static void
str_arg(struct str *s, const char *a)
{
	unsigned char	 c;

	for (; *a != '\0'; a++) {
		c = (unsigned char)*a;
		if (c == '\n')
			str_add(s, "\\n", 2);
		else if (c == '\t')
			str_add(s, "\\t", 2);
		else if (c == '\r')
			str_add(s, "\\r", 2);
		else if (c == '\\')
			str_add(s, "\\\\", 2);
		else if (c < 0x20 || c >= 0x7f)
			str_addf(s, "\\x%02x", c);
		else
			str_add(s, a, 1);
	}
}

/* Check what every successful parse must satisfy; 0 if fine. */
static int
check_shape(const struct script *sc)
{
	size_t	 i;
	int	 j;

	if ((sc->ncmds == 0) != (sc->cmds == NULL))
		return (-1);
	for (i = 0; i < sc->ncmds; i++) {
		const struct script_cmd *c = &sc->cmds[i];

		if (c->argc < 1 || c->argv[c->argc] != NULL)
			return (-1);
		if (c->line != c->argline[0] || c->col != c->argcol[0])
			return (-1);
		for (j = 0; j < c->argc; j++) {
			if (c->argv[j] == NULL || c->argline[j] < 1 ||
			    c->argcol[j] < 1)
				return (-1);
		}
	}
	return (0);
}

/* Parse in an exact-size copy (so ASan sees overreads) and render. */
static char *
render(const char *in, size_t len, int positions)
{
	struct script	 sc;
	struct str	 s = { NULL, 0, 0 };
	char		*copy, *cause = (char *)"junk";
	int		 el = -7, ec = -7, j;
	size_t		 i;

	copy = xmalloc(len == 0 ? 1 : len);
	memcpy(copy, in, len);
	sc.cmds = (void *)&sc;
	sc.ncmds = 99;
	str_add(&s, "", 0);
	if (script_parse(copy, len, &sc, &el, &ec, &cause) != 0) {
		str_addf(&s, "E %d:%d %s", el, ec, cause);
		if (sc.cmds != NULL || sc.ncmds != 0)
			str_add(&s, " (out not empty)", 16);
		free(cause);
	} else {
		if (cause != NULL)
			str_add(&s, "(cause set) ", 12);
		if (check_shape(&sc) != 0)
			str_add(&s, "(bad shape) ", 12);
		for (i = 0; i < sc.ncmds; i++) {
			if (i != 0)
				str_add(&s, " | ", 3);
			for (j = 0; j < sc.cmds[i].argc; j++) {
				if (j != 0)
					str_add(&s, " ", 1);
				if (positions) {
					str_addf(&s, "%d:%d",
					    sc.cmds[i].argline[j],
					    sc.cmds[i].argcol[j]);
				}
				str_add(&s, "[", 1);
				str_arg(&s, sc.cmds[i].argv[j]);
				str_add(&s, "]", 1);
			}
		}
		script_free(&sc);
		if (sc.cmds != NULL || sc.ncmds != 0)
			str_add(&s, " (not freed)", 12);
	}
	free(copy);
	return (s.p);
}

static void
check(const char *in, size_t len, int positions, const char *want)
{
	struct str	 name = { NULL, 0, 0 };
	char		*got;

	str_add(&name, "parse \"", 7);
	str_arg(&name, in);	/* stops at an embedded NUL: fine for a name */
	str_add(&name, "\"", 1);
	got = render(in, len, positions);
	is_str(got, want, name.p);
	free(got);
	free(name.p);
}

#define T(in, want)	check(in, sizeof(in) - 1, 0, want)
#define TP(in, want)	check(in, sizeof(in) - 1, 1, want)

static void
test_basic(void)
{
	T("", "");
	T("\n\n\n", "");
	T("   \t  ", "");
	T("# just a comment", "");
	T("# one\n  # two\n\t#three\n", "");
	T(";;; ; ;\n;", "");
	T("a", "[a]");
	T("a b c", "[a] [b] [c]");
	T("  a \t b\t\tc  \n", "[a] [b] [c]");
	T("a\nb c\n\nd", "[a] | [b] [c] | [d]");
	T("a; b", "[a] | [b]");
	T("a;b", "[a] | [b]");
	T("a ;b; c ;", "[a] | [b] | [c]");
	T("new-pane -n x; send -t x 'print(1)'",
	    "[new-pane] [-n] [x] | [send] [-t] [x] [print(1)]");
	T("a # comment ; b", "[a]");
	T("a #comment\nb", "[a] | [b]");
	T("a#b c#", "[a#b] [c#]");
	T("a;#c\nd", "[a] | [d]");
	T("a\r\nb\r\n", "[a] | [b]");
	T("a b\r", "[a] [b]");
	T("a\rb", "[a\\rb]");
	T("a \rb", "[a] [\\rb]");
	T("a # comment\r\nb", "[a] | [b]");
	T("x<y a<<b c>d", "[x<y] [a<<b] [c>d]");
	T("\xff\xfe \xc3\xa9", "[\\xff\\xfe] [\\xc3\\xa9]");
	T("\x01\x7f", "[\\x01\\x7f]");
	T("\f\v", "[\\x0c\\x0b]");
	T("ok\n\"a\x01\" 'b'\n", "[ok] | [a\\x01] [b]");
}

static void
test_quotes(void)
{
	T("'a b'", "[a b]");
	T("''", "[]");
	T("\"\"", "[]");
	T("a '' b \"\" c", "[a] [] [b] [] [c]");
	T("'a\\nb'", "[a\\\\nb]");
	T("'$x;#\"'", "[$x;#\"]");
	T("'multi\nline'", "[multi\\nline]");
	T("'crlf\r\nkept'", "[crlf\\r\\nkept]");
	T("\"a b\"", "[a b]");
	T("\"it's\"", "[it's]");
	T("\"a;b#c\"", "[a;b#c]");
	T("\"multi\nline\"", "[multi\\nline]");
	T("a'b'\"c\"", "[abc]");
	T("'a'b", "[ab]");
	T("x''y", "[xy]");
	T("''\"\"", "[]");
	T("pre\"mid dle\"'post '", "[premid dlepost ]");
	T("'#not a comment'", "[#not a comment]");
	T("a'#'b", "[a#b]");
	T("';'", "[;]");
	T("\";\";x", "[;] | [x]");
	T("'<<EOF'", "[<<EOF]");
	T("\"<<\" EOF", "[<<] [EOF]");
}

static void
test_escapes(void)
{
	T("\"\\\\ \\\" \\n \\t \\r \\$ \\' \\; \\#\"",
	    "[\\\\ \" \\n \\t \\r $ ' ; #]");
	T("\"\\e[1m\"", "[\\x1b[1m]");
	T("\"\\x41\\x7a\\x7A\"", "[Azz]");
	T("\"\\xff\"", "[\\xff]");
	T("\"\\u00e9\"", "[\\xc3\\xa9]");
	T("\"\\u0041\"", "[A]");
	T("\"\\u07FF\\u0800\"", "[\\xdf\\xbf\\xe0\\xa0\\x80]");
	T("\"\\u20AC\"", "[\\xe2\\x82\\xac]");
	T("\"\\uFFFF\"", "[\\xef\\xbf\\xbf]");
	T("\"\\U0001F600\"", "[\\xf0\\x9f\\x98\\x80]");
	T("\"\\U0010FFFF\"", "[\\xf4\\x8f\\xbf\\xbf]");
	T("\"\\x4142\"", "[A42]");
	T("a\\ b", "[a b]");
	T("a\\\tb", "[a\\tb]");
	T("\\;", "[;]");
	T("a\\;b", "[a;b]");
	T("\\#x", "[#x]");
	T("\\'\\\"", "['\"]");
	T("\\\\", "[\\\\]");
	T("a\\nb", "[a\\nb]");
	T("\\x41\\u00e9", "[A\\xc3\\xa9]");
	T("\\$HOME", "[$HOME]");
	T("\\e", "[\\x1b]");
}

static void
test_continuation(void)
{
	T("a \\\nb", "[a] [b]");
	T("a\\\nb", "[ab]");
	T("a \\\r\nb", "[a] [b]");
	T("a\\\r\nb c", "[ab] [c]");
	T("a \\\n\\\n  b\nc", "[a] [b] | [c]");
	T("\\\na", "[a]");
	T("\\\n# comment\nx", "[x]");
	T("a # comment \\\nb", "[a] | [b]");
	T("\"ab\\\ncd\"", "[abcd]");
	T("\"ab\\\r\ncd\"", "[abcd]");
	T("'ab\\\ncd'", "[ab\\\\\\ncd]");
	T("a\\\n", "[a]");
	TP("a \\\n  b\nc", "1:1[a] 2:3[b] | 3:1[c]");
	TP("x\\\nyz w", "1:1[xyz] 2:4[w]");
}

static void
test_positions(void)
{
	TP("a bb  ccc", "1:1[a] 1:3[bb] 1:7[ccc]");
	TP("\n  a\n\tb c", "2:3[a] | 3:2[b] 3:4[c]");
	TP("a;b ; c", "1:1[a] | 1:3[b] | 1:7[c]");
	TP("'x\ny' z", "1:1[x\\ny] 2:4[z]");
	TP("\"x\ny\" z\nw", "1:1[x\\ny] 2:4[z] | 3:1[w]");
	TP("a\r\n b", "1:1[a] | 2:2[b]");
	TP("\xc3\xa9 x", "1:1[\\xc3\\xa9] 1:4[x]");
	TP("  'q'", "1:3[q]");
}

static void
test_heredoc(void)
{
	T("send <<EOF\nline 1\nline 2\nEOF\nnext",
	    "[send] [line 1\\nline 2] | [next]");
	T("send <<EOF\nEOF\n", "[send] []");
	T("send <<EOF\n\nEOF\n", "[send] []");
	T("send <<EOF\n\n\nEOF", "[send] [\\n]");
	T("send <<EOF\nx\n\nEOF", "[send] [x\\n]");
	T("send <<EOF\nlast\nEOF", "[send] [last]");
	T("send <<'EOF'\n$x \\n 'q' \"d\"\nEOF",
	    "[send] [$x \\\\n 'q' \"d\"]");
	T("send <<\"EOF\"\n\\t\\\\\nEOF", "[send] [\\\\t\\\\\\\\]");
	T("send <<EOF\n# not a comment; not split\nEOF",
	    "[send] [# not a comment; not split]");
	T("send << EOF\nx\nEOF", "[send] [x]");
	T("send <<\tEOF\nx\nEOF", "[send] [x]");
	T("send << 'EOF'\nx\nEOF", "[send] [x]");
	T("send <<EOF -t p1\nx\nEOF", "[send] [x] [-t] [p1]");
	T("send -t p1 <<EOF 'a b' # c\nx\nEOF\ny",
	    "[send] [-t] [p1] [x] [a b] | [y]");
	T("send <<EOF\n  EOF\nEOF x\nEOF", "[send] [  EOF\\nEOF x]");
	T("send <<EOF\nEOFX\nEO\nEOF", "[send] [EOFX\\nEO]");
	T("send <<-EOF\n\t\tif x:\n\t\t\tpass\n\tEOF",
	    "[send] [if x:\\npass]");
	T("send <<-EOF\n  two spaces kept\n  EOF",
	    "[send] [  two spaces kept]");
	T("send <<- EOF\n\tx\n \t EOF\n", "[send] [x]");
	T("send <<EOF\n\tx\n\tEOF\nEOF", "[send] [\\tx\\n\\tEOF]");
	T("send <<EOF\r\na\r\nb\r\nEOF\r\nnext\r\n",
	    "[send] [a\\nb] | [next]");
	T("send <<EOF\na\r\nEOF\r", "[send] [a]");
	T("send <<EOF\na\rb\nEOF", "[send] [a\\rb]");
	T("<<EOF\nbody\nEOF", "[body]");
	T("a <<A; b <<B\n1\nA\n2\nB\nc",
	    "[a] [1] | [b] [2] | [c]");
	T("a <<A ; b\n1\nA", "[a] [1] | [b]");
	T("a <<EOF \\\n more\nbody\nEOF", "[a] [body] [more]");
	T("a <<EOF \"q\nq\"\nbody\nEOF", "[a] [body] [q\\nq]");
	T("a <<_x9\n1\n_x9", "[a] [1]");
	T("a <<EOF\n\xff\x01\nEOF", "[a] [\\xff\\x01]");
	T("a <<EOF\n'unterminated \"quotes \\\nEOF",
	    "[a] ['unterminated \"quotes \\\\]");
	T("a x<<EOF", "[a] [x<<EOF]");
	TP("x\nsend -t p <<EOF y\nbody\nEOF\nz",
	    "1:1[x] | 2:1[send] 2:6[-t] 2:9[p] 2:11[body] 2:17[y] | 5:1[z]");
	TP("a <<A; b <<B\n1\nA\n2\nB\nc",
	    "1:1[a] 1:3[1] | 1:8[b] 1:10[2] | 6:1[c]");
}

static void
test_errors(void)
{
	T("'abc", "E 1:1 unterminated single quote");
	T("x\n  a'bc\nd\n", "E 2:4 unterminated single quote");
	T("\"abc", "E 1:1 unterminated double quote");
	T("a \"b\\\"", "E 1:3 unterminated double quote");
	T("a \"b\\", "E 1:3 unterminated double quote");
	T("x\ny \"multi\nline", "E 2:3 unterminated double quote");
	T("'ok' \"ok\" 'bad", "E 1:11 unterminated single quote");
	T("\"\\q\"", "E 1:2 invalid escape \\q");
	T("a\\q", "E 1:2 invalid escape \\q");
	T("ab \"cd\\z\"", "E 1:7 invalid escape \\z");
	T("\"a\\ b\"", "E 1:3 invalid escape: backslash before byte 0x20");
	T("\"\\\x01\"", "E 1:2 invalid escape: backslash before byte 0x01");
	T("\\\xc3\xa9", "E 1:1 invalid escape: backslash before byte 0xc3");
	T("\\\r", "E 1:1 invalid escape: backslash before byte 0x0d");
	T("\\<<EOF", "E 1:1 invalid escape \\<");
	T("a\\", "E 1:2 backslash at end of input");
	T("\"\\x4g\"", "E 1:2 invalid escape \\x4g (\\x needs 2 hex digits)");
	T("\"\\x\"", "E 1:2 invalid escape \\x\" (\\x needs 2 hex digits)");
	T("\\x4", "E 1:1 invalid escape \\x4 (\\x needs 2 hex digits)");
	T("\\x4\nb", "E 1:1 invalid escape \\x4 (\\x needs 2 hex digits)");
	T("\"\\u12\"", "E 1:2 invalid escape \\u12\" (\\u needs 4 hex digits)");
	T("\"\\U0001F60\"",
	    "E 1:2 invalid escape \\U0001F60\" (\\U needs 8 hex digits)");
	T("\"\\x00\"", "E 1:2 invalid escape \\x00 (NUL byte)");
	T("\\u0000", "E 1:1 invalid escape \\u0000 (NUL byte)");
	T("\"\\uD800\"", "E 1:2 invalid escape \\uD800 (surrogate)");
	T("\"\\udfff\"", "E 1:2 invalid escape \\udfff (surrogate)");
	T("\"\\U00110000\"", "E 1:2 invalid escape \\U00110000 "
	    "(beyond U+10FFFF)");
	T("\"\\UFFFFFFFF\"", "E 1:2 invalid escape \\UFFFFFFFF "
	    "(beyond U+10FFFF)");
	T("send <<", "E 1:6 here-document with no tag after \"<<\"");
	T("send <<\nx", "E 1:6 here-document with no tag after \"<<\"");
	T("send <<- ;", "E 1:6 here-document with no tag after \"<<-\"");
	T("send << # c", "E 1:6 here-document with no tag after \"<<\"");
	T("send <<E-F\nE-F", "E 1:6 invalid here-document tag \"E-F\" "
	    "(use letters, digits and _)");
	T("send <<'EOF\nEOF", "E 1:6 invalid here-document tag \"'EOF\" "
	    "(use letters, digits and _)");
	T("send <<\"EOF'\nEOF", "E 1:6 invalid here-document tag "
	    "\"\"EOF'\" (use letters, digits and _)");
	T("send <<''\n", "E 1:6 invalid here-document tag \"''\" "
	    "(use letters, digits and _)");
	T("send <<EOF'x'\n", "E 1:6 invalid here-document tag \"EOF'x'\" "
	    "(use letters, digits and _)");
	T("send <<\xe9\n", "E 1:6 invalid here-document tag \"\\xe9\" "
	    "(use letters, digits and _)");
	T("send <<<EOF", "E 1:6 invalid here-document tag \"<EOF\" "
	    "(use letters, digits and _)");
	T("send <<EOF\nbody\n", "E 1:6 unterminated here-document "
	    "(expected \"EOF\")");
	T("send <<EOF", "E 1:6 unterminated here-document (expected \"EOF\")");
	T("x\n  send <<-END\nbody\n END x\n",
	    "E 2:8 unterminated here-document (expected \"END\")");
	T("send <<EOF\nbody\nEOF ", "E 1:6 unterminated here-document "
	    "(expected \"EOF\")");
	T("a <<A; b <<B\n1\nA\n2\n",
	    "E 1:10 unterminated here-document (expected \"B\")");
	T("a <<A <<B\n1\nA\n2\nB",
	    "E 1:7 more than one here-document in one command");
	T("a <<A\n1\nA\nok 'x", "E 4:4 unterminated single quote");
}

static void
test_nul(void)
{
	T("a\0b", "E 1:2 NUL byte in input");
	T("ab\ncd\n  \0", "E 3:3 NUL byte in input");
	T("'ab\0'", "E 1:4 NUL byte in input");
	T("send <<EOF\nx\0\nEOF", "E 2:2 NUL byte in input");
	T("\0", "E 1:1 NUL byte in input");
	T("'unterminated\nx\0", "E 2:2 NUL byte in input");
}

/* xorshift64*: deterministic across runs. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL);
}

/* Quote arguments so that parsing them gives them back. */
static void
str_quoted(struct str *s, const char *a)
{
	str_add(s, "'", 1);
	for (; *a != '\0'; a++) {
		if (*a == '\'')
			str_add(s, "'\\''", 4);
		else
			str_add(s, a, 1);
	}
	str_add(s, "'", 1);
}

static void
test_random(void)
{
	static const char	 alphabet[] = "ab '\"\\;#\n\r\t<<-EOF\\x41\\u00e9"
				    "\\n''\"\"E_";
	struct script		 sc, sc2;
	struct str		 s;
	char			*buf, *cause;
	size_t			 len, i, k;
	int			 el, ec, j, iters = 20000, bad = 0;
	int			 parsed = 0, trips = 0, tripbad = 0;
	uint64_t		 r;

	for (k = 0; k < (size_t)iters; k++) {
		r = rng();
		len = (size_t)(r % 160);
		buf = xmalloc(len == 0 ? 1 : len);
		for (i = 0; i < len; i++) {
			r = rng();
			if (k % 4 == 0)
				buf[i] = (char)(r & 0xff);
			else if (k % 4 == 1 && (r >> 8) % 7 == 0)
				buf[i] = "EOF\n"[(r >> 16) % 4];
			else
				buf[i] = alphabet[(r >> 8) %
				    (sizeof alphabet - 1)];
		}
		if (k % 4 == 1 && len > 8)
			memcpy(buf, "x <<-EOF", 8);
		cause = NULL;
		if (script_parse(buf, len, &sc, &el, &ec, &cause) != 0) {
			if (cause == NULL || el < 1 || ec < 1 ||
			    sc.cmds != NULL || sc.ncmds != 0)
				bad++;
			free(cause);
			free(buf);
			continue;
		}
		parsed++;
		if (check_shape(&sc) != 0 || cause != NULL)
			bad++;

		/* Round trip: quote every argument, parse again, compare. */
		memset(&s, 0, sizeof s);
		str_add(&s, "", 0);
		for (i = 0; i < sc.ncmds; i++) {
			for (j = 0; j < sc.cmds[i].argc; j++) {
				str_quoted(&s, sc.cmds[i].argv[j]);
				str_add(&s, " ", 1);
			}
			str_add(&s, i % 2 ? ";" : "\n", 1);
		}
		if (script_parse(s.p, s.len, &sc2, &el, &ec, &cause) != 0) {
			tripbad++;
			free(cause);
		} else {
			trips++;
			if (sc2.ncmds != sc.ncmds)
				tripbad++;
			for (i = 0; i < sc.ncmds && i < sc2.ncmds; i++) {
				if (sc.cmds[i].argc != sc2.cmds[i].argc) {
					tripbad++;
					continue;
				}
				for (j = 0; j < sc.cmds[i].argc; j++) {
					if (strcmp(sc.cmds[i].argv[j],
					    sc2.cmds[i].argv[j]) != 0)
						tripbad++;
				}
			}
			script_free(&sc2);
		}
		free(s.p);
		script_free(&sc);
		free(buf);
	}
	ok(bad == 0, "%d random buffers: no crash, sane "
	    "results (%d parsed)", iters, parsed);
	ok(parsed > iters / 20, "some random buffers parse (%d)", parsed);
	is_int(tripbad, 0, "random round trips give the same argv");
	diag("%d round trips", trips);
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
test_large(void)
{
	static const char	 chunk[] =
	    "send -t pane1 \"print(\\\"hello \\u00e9\\\")\\n\" 'lit eral' "
	    "a\\;b # comment\n"
	    "send <<-EOF\n\tfor i in range(3):\n\t\tprint(i)\n\tEOF\n"
	    "x; y \\\n  z\r\n";
	struct script		 sc;
	struct str		 s;
	char			*buf, *cause = NULL;
	size_t			 n, len, i, want;
	int			 el, ec, rc;
	double			 t;

	/* 10 MB of mixed commands. */
	n = (10 * 1024 * 1024) / (sizeof chunk - 1);
	len = n * (sizeof chunk - 1);
	buf = xmalloc(len);
	for (i = 0; i < n; i++)
		memcpy(buf + i * (sizeof chunk - 1), chunk, sizeof chunk - 1);
	t = now();
	rc = script_parse(buf, len, &sc, &el, &ec, &cause);
	t = now() - t;
	diag("10 MB mixed input parsed in %.3f s", t);
	is_int(rc, 0, "10 MB input parses");
	want = n * 4;
	if (rc == 0) {
		is_int((long long)sc.ncmds, (long long)want,
		    "10 MB input: command count");
		is_str(sc.cmds[sc.ncmds - 3].argv[1], "for i in range(3):\n"
		    "print(i)", "10 MB input: last here-document");
		is_int(sc.cmds[sc.ncmds - 1].argline[1], (long long)n * 7,
		    "10 MB input: line numbers");
		script_free(&sc);
	} else {
		diag("%d:%d %s", el, ec, cause);
		free(cause);
	}
	free(buf);

	/* One 10 MB word, and one 10 MB here-document. */
	len = 10 * 1024 * 1024;
	buf = xmalloc(len);
	memset(buf, 'w', len);
	t = now();
	rc = script_parse(buf, len, &sc, &el, &ec, &cause);
	t = now() - t;
	diag("10 MB word parsed in %.3f s", t);
	ok(rc == 0 && sc.ncmds == 1 && strlen(sc.cmds[0].argv[0]) == len,
	    "10 MB word");
	if (rc == 0)
		script_free(&sc);
	for (i = 0; i + 1 < len; i += 64)
		buf[i] = '\n';
	memcpy(buf, "s <<E\n", 6);
	memcpy(buf + len - 2, "\nE", 2);
	rc = script_parse(buf, len, &sc, &el, &ec, &cause);
	ok(rc == 0 && sc.ncmds == 1 && sc.cmds[0].argc == 2 &&
	    strlen(sc.cmds[0].argv[1]) == len - 8, "10 MB here-document");
	if (rc == 0)
		script_free(&sc);
	free(buf);

	/* The limits. */
	len = 16 * 1024 * 1024 + 1;
	buf = xmalloc(len + 4);
	memcpy(buf, "ab ", 3);
	memset(buf + 3, 'w', len);
	rc = script_parse(buf, len + 3, &sc, &el, &ec, &cause);
	ok(rc == -1 && el == 1 && ec == 4 && cause != NULL &&
	    strcmp(cause, "word too long (limit 16777216 bytes)") == 0,
	    "word over 16 MiB: %d:%d %s", el, ec, cause);
	free(cause);
	cause = NULL;
	memset(buf + 3, 'w', len - 1);
	rc = script_parse(buf, len + 2, &sc, &el, &ec, &cause);
	ok(rc == 0 && sc.ncmds == 1 && sc.cmds[0].argc == 2 &&
	    strlen(sc.cmds[0].argv[1]) == len - 1, "word of exactly 16 MiB");
	if (rc == 0)
		script_free(&sc);
	buf[len + 2] = '"';
	buf[2] = '"';
	rc = script_parse(buf, len + 3, &sc, &el, &ec, &cause);
	ok(rc == -1 && el == 1 && ec == 1 && cause != NULL &&
	    strcmp(cause, "word too long (limit 16777216 bytes)") == 0,
	    "quoted word over 16 MiB: %d:%d %s", el, ec, cause);
	free(cause);
	cause = NULL;
	free(buf);
	buf = xmalloc(len + 8);
	memcpy(buf, "s <<E\n", 6);
	memset(buf + 6, 'h', len);
	memcpy(buf + len + 6, "\nE", 2);
	rc = script_parse(buf, len + 8, &sc, &el, &ec, &cause);
	ok(rc == -1 && el == 1 && ec == 3 && cause != NULL &&
	    strcmp(cause, "here-document too long (limit 16777216 bytes)")
	    == 0, "here-document over 16 MiB: %d:%d %s", el, ec, cause);
	free(cause);
	cause = NULL;
	free(buf);

	memset(&s, 0, sizeof s);
	str_add(&s, "cmd", 3);
	for (i = 1; i < 100000; i++)
		str_add(&s, " a", 2);
	rc = script_parse(s.p, s.len, &sc, &el, &ec, &cause);
	ok(rc == 0 && sc.ncmds == 1 && sc.cmds[0].argc == 100000,
	    "100000 arguments");
	if (rc == 0)
		script_free(&sc);
	str_add(&s, " b", 2);
	rc = script_parse(s.p, s.len, &sc, &el, &ec, &cause);
	ok(rc == -1 && el == 1 && ec == 200003 && cause != NULL &&
	    strcmp(cause, "too many arguments in one command "
	    "(limit 100000)") == 0, "100001 arguments: %d:%d %s",
	    el, ec, cause);
	free(cause);
	cause = NULL;
	free(s.p);

	memset(&s, 0, sizeof s);
	str_add(&s, "", 0);
	for (i = 0; i < 1000000; i++)
		str_add(&s, "c\n", 2);
	t = now();
	rc = script_parse(s.p, s.len, &sc, &el, &ec, &cause);
	t = now() - t;
	diag("1000000 commands parsed in %.3f s", t);
	ok(rc == 0 && sc.ncmds == 1000000, "1000000 commands");
	if (rc == 0)
		script_free(&sc);
	str_add(&s, "  ;; c", 6);
	rc = script_parse(s.p, s.len, &sc, &el, &ec, &cause);
	ok(rc == -1 && el == 1000001 && ec == 6 && cause != NULL &&
	    strcmp(cause, "too many commands (limit 1000000)") == 0,
	    "1000001 commands: %d:%d %s", el, ec, cause);
	free(cause);
	free(s.p);
}

/*
 * script_parse_recover: "E LINE:COL cause" entries among the commands,
 * then " {N}" with the number of errors it returned.
 */
static char *
render_recover(const char *in, size_t len)
{
	struct script	 sc;
	struct str	 s = { NULL, 0, 0 };
	char		*copy;
	size_t		 i, n, nerr = 0;
	int		 j;

	copy = xmalloc(len == 0 ? 1 : len);
	memcpy(copy, in, len);
	str_add(&s, "", 0);
	n = script_parse_recover(copy, len, &sc);
	for (i = 0; i < sc.ncmds; i++) {
		const struct script_cmd *c = &sc.cmds[i];

		if (i != 0)
			str_add(&s, " | ", 3);
		if (c->error != NULL) {
			nerr++;
			str_addf(&s, "E %d:%d %s", c->line, c->col, c->error);
			if (c->argc != 0 || c->argv != NULL)
				str_add(&s, " (has words)", 12);
			continue;
		}
		if (c->argc < 1 || c->argv[c->argc] != NULL)
			str_add(&s, "(bad shape) ", 12);
		for (j = 0; j < c->argc; j++) {
			if (j != 0)
				str_add(&s, " ", 1);
			str_addf(&s, "%d:%d[", c->argline[j], c->argcol[j]);
			if (c->argv[j] == NULL)
				str_add(&s, "(NULL)", 6);
			else
				str_arg(&s, c->argv[j]);
			str_add(&s, "]", 1);
		}
	}
	str_addf(&s, " {%zu}", n);
	if (n != nerr)
		str_addf(&s, " (%zu entries)", nerr);
	script_free(&sc);
	free(copy);
	return (s.p);
}

static void
check_recover(const char *in, size_t len, const char *want)
{
	struct str	 name = { NULL, 0, 0 };
	char		*got;

	str_add(&name, "recover \"", 9);
	str_arg(&name, in);
	str_add(&name, "\"", 1);
	got = render_recover(in, len);
	is_str(got, want, name.p);
	free(got);
	free(name.p);
}

#define TR(in, want)	check_recover(in, sizeof(in) - 1, want)

/* The forgiving parse of config files: errors in the list, the rest kept. */
static void
test_recover(void)
{
	struct script	 a, b;
	size_t		 i;
	int		 el, ec, same;
	char		*cause;
	static const char good[] = "a 'b c'\nd \"e\\tf\"; g\n"
	    "send <<EOF\nx\nEOF\nh \\\n i\n";

	TR("", " {0}");
	TR("a b\nc", "1:1[a] 1:3[b] | 2:1[c] {0}");
	/* An unterminated quote: the next line parses again. */
	TR("a\nb \"c\nd e\n", "1:1[a] | E 2:3 unterminated double quote | "
	    "3:1[d] 3:3[e] {1}");
	TR("a\nb 'c\nd\n", "1:1[a] | E 2:3 unterminated single quote | "
	    "3:1[d] {1}");
	/* A bad escape: its line goes, from the start of its command. */
	TR("a; b \\q c\nd", "1:1[a] | E 1:6 invalid escape \\q | 2:1[d] {1}");
	TR("x \"\\u12\"\ny", "E 1:4 invalid escape \\u12\" (\\u needs 4 "
	    "hex digits) | 2:1[y] {1}");
	/* Two errors, each reported, the good lines around them kept. */
	TR("a\n'b\nc\n\\z\nd\n", "1:1[a] | E 2:1 unterminated single "
	    "quote | 3:1[c] | E 4:1 invalid escape \\z | 5:1[d] {2}");
	/* A continuation: the error's line, not the command's, is where the
	 * parse goes on. */
	TR("a \\\n\\q\nb", "E 2:1 invalid escape \\q | 3:1[b] {1}");
	/* An error on the last line, without a newline. */
	TR("a\nb '", "1:1[a] | E 2:3 unterminated single quote {1}");
	/* A command waiting for its here-document body goes with its line. */
	TR("send <<EOF \\q\nb\n", "E 1:12 invalid escape \\q | 2:1[b] {1}");
	TR("a; send <<EOF; c '\nb\n", "1:1[a] | E 1:18 unterminated single "
	    "quote | 2:1[b] {1}");
	/* An unterminated here-document: the rest was its body, the parse
	 * ends. */
	TR("a\nsend <<EOF\nprint(1)\nb\n", "1:1[a] | E 2:6 unterminated "
	    "here-document (expected \"EOF\") {1}");
	/* NUL bytes: the line that holds one (outside and in quotes, in a
	 * comment). */
	check_recover("a\nb\0c\nd", 7, "1:1[a] | E 2:2 NUL byte in input | "
	    "3:1[d] {1}");
	check_recover("'x\n\0'\ny\n# \0\nz", 13, "E 2:1 NUL byte in input "
	    "| 3:1[y] | E 4:3 NUL byte in input | 5:1[z] {2}");
	check_recover("\"\0\"\nq", 5, "E 1:2 NUL byte in input | 2:1[q] {1}");
	check_recover("send <<E\n\0\nE\nz", 14, "E 2:1 NUL byte in input {1}");
	/* Every line bad: one error each, and it ends. */
	TR("\\q\n\\q\n\\q\n", "E 1:1 invalid escape \\q | E 2:1 invalid "
	    "escape \\q | E 3:1 invalid escape \\q {3}");
	/* A quote that ends on a later line is no error. */
	TR("'\n'\n'\n", "1:1[\\n] | E 3:1 unterminated single quote {1}");
	TR("\\", "E 1:1 backslash at end of input {1}");

	/* Without errors it gives what script_parse gives. */
	same = script_parse(good, sizeof good - 1, &a, &el, &ec, &cause) == 0 &&
	    script_parse_recover(good, sizeof good - 1, &b) == 0 &&
	    a.ncmds == b.ncmds;
	for (i = 0; same && i < a.ncmds; i++) {
		same = a.cmds[i].argc == b.cmds[i].argc &&
		    a.cmds[i].line == b.cmds[i].line &&
		    a.cmds[i].col == b.cmds[i].col &&
		    b.cmds[i].error == NULL &&
		    strcmp(a.cmds[i].argv[a.cmds[i].argc - 1],
		    b.cmds[i].argv[b.cmds[i].argc - 1]) == 0;
	}
	ok(same && a.ncmds == 5, "recover: a good input parses as script_parse "
	    "does");
	script_free(&a);
	script_free(&b);
}

static void
test_api(void)
{
	struct script	 sc;
	char		*cause;
	int		 el, ec;

	ok(script_parse(NULL, 0, &sc, &el, &ec, &cause) == 0 &&
	    sc.cmds == NULL && sc.ncmds == 0 && cause == NULL,
	    "NULL buffer of length 0 is empty");
	ok(script_parse("'x", 2, &sc, NULL, NULL, NULL) == -1 &&
	    sc.cmds == NULL, "error with NULL out-parameters");
	ok(script_parse("a b\nc", 5, &sc, NULL, NULL, NULL) == 0 &&
	    sc.ncmds == 2, "success with NULL out-parameters");
	script_free(&sc);
	script_free(&sc);
	script_free(NULL);
	ok(sc.cmds == NULL && sc.ncmds == 0, "script_free twice is harmless");
	/* Parsing stops at len even without a NUL. */
	ok(script_parse("abc 'def", 4, &sc, &el, &ec, &cause) == 0 &&
	    sc.ncmds == 1 && sc.cmds[0].argc == 1 &&
	    strcmp(sc.cmds[0].argv[0], "abc") == 0, "reads only len bytes");
	script_free(&sc);
}

int
main(void)
{
	test_basic();
	test_quotes();
	test_escapes();
	test_continuation();
	test_positions();
	test_heredoc();
	test_errors();
	test_nul();
	test_api();
	test_recover();
	test_random();
	test_large();
	return (done_testing());
}
