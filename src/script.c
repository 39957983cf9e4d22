/*
 * script.c: the parser of subplex's command language.
 *
 * This file owns the tokenizer for every place a command is written: session
 * files (--batch FILE), -c strings, the command prompt and key bindings.  It
 * turns a buffer of bytes into a list of commands, each an argv vector with
 * the line and column of every word, or into one error with a position and a
 * cause.  script_parse_recover() is the forgiving variant for config files
 * (tmux's cfg.c reports every error): a line that does not parse becomes an
 * error entry in the list (argc 0, its position and cause) and the parser
 * goes on at the start of the next line, so the lines around it still run.  The language is tmux-like: one command per line or per unquoted
 * ';', words split on spaces and tabs, '#' comments, 'single' and "double"
 * quotes, backslash escapes and line continuations, and shell-style
 * here-documents whose body becomes one argument.
 *
 * Any thread may call it: it is pure (no I/O, no globals, no static state)
 * and only allocates through xmalloc.c (and encodes UTF-8 with utf8.c).  It
 * reads exactly buf[0..len), never relies on NUL termination and accepts
 * arbitrary bytes, so it can be fuzzed.
 *
 * It hands its result to cmd.c, whose loop runs script.cmds one by one
 * (prefixing FILE:LINE:COL to messages from the positions kept here) and
 * releases everything with script_free().
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

#define SCRIPT_MAX_CMDS		1000000
#define SCRIPT_MAX_ARGS		100000
#define SCRIPT_MAX_WORD		(16 * 1024 * 1024)

/* A growing byte buffer for the word being built. */
struct script_buf {
	char		*p;
	size_t		 len;
	size_t		 cap;
};

/* A here-document whose body is read after the end of its line. */
struct script_heredoc {
	size_t		 cmd;		/* index in cmds */
	int		 arg;		/* index in that command's argv */
	const char	*tag;		/* points into the input */
	size_t		 taglen;
	int		 strip;		/* <<-: strip leading tabs */
	int		 line;		/* position of the << */
	int		 col;
};

struct script_parser {
	const char		*buf;
	size_t			 len;
	size_t			 pos;
	int			 line;		/* line of buf[pos] */
	size_t			 linestart;	/* offset where that line starts */

	struct script_cmd	*cmds;
	size_t			 ncmds;
	size_t			 cmdcap;

	struct script_cmd	 cur;		/* the command being built, in */
	size_t			 argcap;	/* scratch arrays reused for all */
	int			 cur_heredoc;

	struct script_buf	 word;
	int			 wline;		/* start of the current word */
	int			 wcol;

	struct script_heredoc	*hd;		/* pending on this line */
	size_t			 nhd;
	size_t			 hdcap;

	int			 err_line;
	int			 err_col;
	char			*cause;

	int			 recover;	/* script_parse_recover */
	int			 fatal;		/* no line after it can be
						   told apart: stop there */
	int			 aline;		/* line aline starts at aoff */
	size_t			 aoff;		/* (where recovery looks from) */
};

/* Column of byte off, which is on the current line. */
static int
script_col(struct script_parser *p, size_t off)
{
	size_t	 col = off - p->linestart + 1;

	return (col > INT_MAX ? INT_MAX : (int)col);
}

/* Account for the newline at byte off. */
static void
script_newline(struct script_parser *p, size_t off)
{
	if (p->line < INT_MAX)
		p->line++;
	p->linestart = off + 1;
}

static int
script_error(struct script_parser *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
script_error(struct script_parser *p, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	if (p->cause == NULL) {
		p->err_line = line;
		p->err_col = col;
		va_start(ap, fmt);
		xvasprintf(&p->cause, fmt, ap);
		va_end(ap);
	}
	return (-1);
}

/*
 * A NUL byte at off, on the current line or a later one (inside quotes).
 * script_parse refuses any NUL before parsing; this is what the forgiving
 * parse meets instead.
 */
static int
script_nul(struct script_parser *p, size_t off)
{
	const char	*nl;

	nl = memchr(p->buf + p->pos, '\n', off - p->pos);
	while (nl != NULL) {
		script_newline(p, (size_t)(nl - p->buf));
		nl = memchr(nl + 1, '\n', off - (size_t)(nl + 1 - p->buf));
	}
	return (script_error(p, p->line, script_col(p, off),
	    "NUL byte in input"));
}

/*
 * Make input text printable for a message: bytes outside printable ASCII
 * become \xHH, and a long text is cut with "...".  dst needs 16 bytes or more.
 */
static const char *
script_quote(const char *s, size_t n, char *dst, size_t dstsz)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 c;
	size_t			 i, o = 0;

	for (i = 0; i < n; i++) {
		if (o + 8 >= dstsz) {
			memcpy(dst + o, "...", 4);
			return (dst);
		}
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f)
			dst[o++] = (char)c;
		else {
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		}
	}
	dst[o] = '\0';
	return (dst);
}

/* Is there a line ending (\n, or \r before \n or the end) at off? */
static int
script_eol(struct script_parser *p, size_t off)
{
	if (off >= p->len)
		return (0);
	if (p->buf[off] == '\n')
		return (1);
	return (p->buf[off] == '\r' &&
	    (off + 1 == p->len || p->buf[off + 1] == '\n'));
}

/* Bytes of a backslash-newline (or backslash-CR-LF) at off, else 0. */
static size_t
script_continuation(struct script_parser *p, size_t off)
{
	const char	*b = p->buf;

	if (off + 1 < p->len && b[off] == '\\') {
		if (b[off + 1] == '\n')
			return (2);
		if (off + 2 < p->len && b[off + 1] == '\r' && b[off + 2] == '\n')
			return (3);
	}
	return (0);
}

/* Append to a buffer; -1 if it would grow past the word limit. */
static int
script_append(struct script_buf *b, const char *s, size_t n)
{
	size_t	 cap;

	if (n > SCRIPT_MAX_WORD - b->len)
		return (-1);
	if (b->len + n + 1 > b->cap) {
		cap = b->cap != 0 ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	if (n != 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	return (0);
}

/* Append to the current word. */
static int
script_put(struct script_parser *p, const char *s, size_t n)
{
	if (script_append(&p->word, s, n) != 0) {
		return (script_error(p, p->wline, p->wcol,
		    "word too long (limit %d bytes)", SCRIPT_MAX_WORD));
	}
	return (0);
}

/* A copy of the word buffer as a NUL-terminated string. */
static char *
script_take(struct script_buf *b)
{
	char	*s;

	s = xmalloc(b->len + 1);
	if (b->len != 0)
		memcpy(s, b->p, b->len);
	s[b->len] = '\0';
	return (s);
}

static void
script_free_cmd(struct script_cmd *c)
{
	int	 i;

	if (c->argv != NULL) {
		for (i = 0; i < c->argc; i++)
			free(c->argv[i]);
	}
	free(c->argv);
	free(c->argline);
	free(c->argcol);
	free(c->error);
	memset(c, 0, sizeof *c);
}

/*
 * Add an argument to the current command, whose arrays are scratch space
 * reused for every command (s may be NULL: a here-document filled in later).
 */
static int
script_add_arg(struct script_parser *p, char *s, int line, int col)
{
	struct script_cmd	*c = &p->cur;
	size_t			 cap;

	if (c->argc >= SCRIPT_MAX_ARGS) {
		free(s);
		return (script_error(p, line, col,
		    "too many arguments in one command (limit %d)",
		    SCRIPT_MAX_ARGS));
	}
	if ((size_t)c->argc + 2 > p->argcap) {
		cap = p->argcap != 0 ? p->argcap * 2 : 8;
		c->argv = xreallocarray(c->argv, cap, sizeof *c->argv);
		c->argline = xreallocarray(c->argline, cap, sizeof *c->argline);
		c->argcol = xreallocarray(c->argcol, cap, sizeof *c->argcol);
		p->argcap = cap;
	}
	if (c->argc == 0) {
		c->line = line;
		c->col = col;
	}
	c->argv[c->argc] = s;
	c->argline[c->argc] = line;
	c->argcol[c->argc] = col;
	c->argc++;
	c->argv[c->argc] = NULL;
	return (0);
}

/* Finish the current command with exact-size copies; drop an empty one. */
static int
script_end_command(struct script_parser *p)
{
	struct script_cmd	*c;
	size_t			 cap, n;

	if (p->cur.argc == 0)
		return (0);
	if (p->ncmds >= SCRIPT_MAX_CMDS) {
		p->fatal = 1;
		return (script_error(p, p->cur.line, p->cur.col,
		    "too many commands (limit %d)", SCRIPT_MAX_CMDS));
	}
	if (p->ncmds == p->cmdcap) {
		cap = p->cmdcap != 0 ? p->cmdcap * 2 : 16;
		p->cmds = xreallocarray(p->cmds, cap, sizeof *p->cmds);
		p->cmdcap = cap;
	}
	c = &p->cmds[p->ncmds++];
	n = (size_t)p->cur.argc;
	c->argc = p->cur.argc;
	c->error = NULL;
	c->line = p->cur.line;
	c->col = p->cur.col;
	c->argv = xreallocarray(NULL, n + 1, sizeof *c->argv);
	memcpy(c->argv, p->cur.argv, (n + 1) * sizeof *c->argv);
	c->argline = xreallocarray(NULL, n, sizeof *c->argline);
	memcpy(c->argline, p->cur.argline, n * sizeof *c->argline);
	c->argcol = xreallocarray(NULL, n, sizeof *c->argcol);
	memcpy(c->argcol, p->cur.argcol, n * sizeof *c->argcol);
	p->cur.argc = 0;
	p->cur_heredoc = 0;
	return (0);
}

static int
script_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/*
 * Decode the escape at p->pos (a backslash that is not a line continuation)
 * into the current word.  Unquoted, a backslash may also escape a space or a
 * tab.  \xHH gives that byte; \uXXXX and \UXXXXXXXX give UTF-8.
 */
static int
script_escape(struct script_parser *p, int quoted)
{
	const char	*b = p->buf;
	size_t		 at = p->pos, i, n, qlen;
	unsigned char	 c;
	unsigned long	 cp = 0;
	int		 v, line = p->line, col = script_col(p, at);
	char		 ch, u[4], q[64];

	if (at + 1 >= p->len)
		return (script_error(p, line, col, "backslash at end of input"));
	c = (unsigned char)b[at + 1];
	switch (c) {
	case '\\':
	case '"':
	case '\'':
	case '$':
	case ';':
	case '#':
		ch = (char)c;
		break;
	case 'n':
		ch = '\n';
		break;
	case 't':
		ch = '\t';
		break;
	case 'r':
		ch = '\r';
		break;
	case 'e':
		ch = '\033';
		break;
	case ' ':
	case '\t':
		if (quoted)
			goto invalid;
		ch = (char)c;
		break;
	case 'x':
		n = 2;
		goto hex;
	case 'u':
		n = 4;
		goto hex;
	case 'U':
		n = 8;
		goto hex;
	default:
		goto invalid;
	}
	p->pos = at + 2;
	return (script_put(p, &ch, 1));

hex:
	for (i = 0; i < n; i++) {
		if (at + 2 + i >= p->len ||
		    (v = script_hex((unsigned char)b[at + 2 + i])) < 0) {
			qlen = i + 1;
			if (at + 2 + i < p->len && !script_eol(p, at + 2 + i))
				qlen++;
			return (script_error(p, line, col,
			    "invalid escape \\%s (\\%c needs %zu hex digits)",
			    script_quote(b + at + 1, qlen, q, sizeof q), c, n));
		}
		cp = cp * 16 + (unsigned long)v;
	}
	script_quote(b + at + 1, n + 1, q, sizeof q);
	if (cp == 0) {
		return (script_error(p, line, col,
		    "invalid escape \\%s (NUL byte)", q));
	}
	if (cp >= 0xd800 && cp <= 0xdfff && c != 'x') {
		return (script_error(p, line, col,
		    "invalid escape \\%s (surrogate)", q));
	}
	if (cp > 0x10ffff) {
		return (script_error(p, line, col,
		    "invalid escape \\%s (beyond U+10FFFF)", q));
	}
	p->pos = at + 2 + n;
	if (c == 'x') {
		ch = (char)cp;
		return (script_put(p, &ch, 1));
	}
	return (script_put(p, u, utf8_encode((uint32_t)cp, u)));

invalid:
	if (c > 0x20 && c < 0x7f) {
		return (script_error(p, line, col, "invalid escape \\%c",
		    (char)c));
	}
	return (script_error(p, line, col,
	    "invalid escape: backslash before byte 0x%02x", c));
}

/* A 'single-quoted' part: literal up to the next quote, newlines included. */
static int
script_single(struct script_parser *p)
{
	const char	*b = p->buf, *e, *nl;
	size_t		 start = p->pos + 1;

	e = memchr(b + start, '\'', p->len - start);
	nl = memchr(b + start, '\0', (e != NULL ? (size_t)(e - b) : p->len) -
	    start);
	if (nl != NULL)
		return (script_nul(p, (size_t)(nl - b)));
	if (e == NULL) {
		return (script_error(p, p->line, script_col(p, p->pos),
		    "unterminated single quote"));
	}
	nl = memchr(b + start, '\n', (size_t)(e - (b + start)));
	while (nl != NULL) {
		script_newline(p, (size_t)(nl - b));
		nl = memchr(nl + 1, '\n', (size_t)(e - (nl + 1)));
	}
	if (script_put(p, b + start, (size_t)(e - (b + start))) != 0)
		return (-1);
	p->pos = (size_t)(e - b) + 1;
	return (0);
}

/* A "double-quoted" part: escapes and continuations, newlines kept. */
static int
script_double(struct script_parser *p)
{
	const char	*b = p->buf;
	size_t		 n, start;
	int		 qline = p->line, qcol = script_col(p, p->pos);

	p->pos++;
	for (;;) {
		if (p->pos >= p->len) {
			return (script_error(p, qline, qcol,
			    "unterminated double quote"));
		}
		if (b[p->pos] == '"') {
			p->pos++;
			return (0);
		}
		if (b[p->pos] == '\\') {
			if (p->pos + 1 >= p->len) {
				return (script_error(p, qline, qcol,
				    "unterminated double quote"));
			}
			if ((n = script_continuation(p, p->pos)) != 0) {
				script_newline(p, p->pos + n - 1);
				p->pos += n;
				continue;
			}
			if (script_escape(p, 1) != 0)
				return (-1);
			continue;
		}
		start = p->pos;
		if (b[p->pos] == '\0')
			return (script_nul(p, p->pos));
		while (p->pos < p->len && b[p->pos] != '"' &&
		    b[p->pos] != '\\' && b[p->pos] != '\0') {
			if (b[p->pos] == '\n')
				script_newline(p, p->pos);
			p->pos++;
		}
		if (script_put(p, b + start, p->pos - start) != 0)
			return (-1);
	}
}

/* Can this byte continue an unquoted run of a word? */
static int
script_plain(char c)
{
	switch (c) {
	case ' ':
	case '\t':
	case '\n':
	case '\r':
	case ';':
	case '\'':
	case '"':
	case '\\':
	case '\0':
		return (0);
	}
	return (1);
}

/* One word made of unquoted, quoted and escaped parts, at p->pos. */
static int
script_word(struct script_parser *p)
{
	const char	*b = p->buf;
	size_t		 n, start;

	p->word.len = 0;
	p->wline = p->line;
	p->wcol = script_col(p, p->pos);
	while (p->pos < p->len) {
		switch (b[p->pos]) {
		case ' ':
		case '\t':
		case '\n':
		case ';':
			goto done;
		case '\r':
			if (script_eol(p, p->pos))
				goto done;
			if (script_put(p, "\r", 1) != 0)
				return (-1);
			p->pos++;
			break;
		case '\0':
			return (script_nul(p, p->pos));
		case '\'':
			if (script_single(p) != 0)
				return (-1);
			break;
		case '"':
			if (script_double(p) != 0)
				return (-1);
			break;
		case '\\':
			if ((n = script_continuation(p, p->pos)) != 0) {
				script_newline(p, p->pos + n - 1);
				p->pos += n;
			} else if (script_escape(p, 0) != 0)
				return (-1);
			break;
		default:
			start = p->pos;
			while (p->pos < p->len && script_plain(b[p->pos]))
				p->pos++;
			if (script_put(p, b + start, p->pos - start) != 0)
				return (-1);
			break;
		}
	}
done:
	return (script_add_arg(p, script_take(&p->word), p->wline, p->wcol));
}

static int
script_tagchar(unsigned char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_');
}

/*
 * A here-document word at p->pos: <<TAG, <<'TAG', <<"TAG", optionally <<-,
 * optionally with blanks before the tag.  Leaves a NULL argument that
 * script_heredoc_bodies() fills after the end of the line.
 */
static int
script_heredoc_word(struct script_parser *p)
{
	struct script_heredoc	*h;
	const char		*b = p->buf;
	size_t			 at = p->pos, i = p->pos + 2, word, tag, end;
	size_t			 cap;
	int			 line = p->line, col = script_col(p, at);
	int			 strip = 0, good;
	char			 quote = 0, q[64];

	if (i < p->len && b[i] == '-') {
		strip = 1;
		i++;
	}
	while (i < p->len && (b[i] == ' ' || b[i] == '\t'))
		i++;
	if (i >= p->len || script_eol(p, i) || b[i] == ';' || b[i] == '#') {
		return (script_error(p, line, col,
		    "here-document with no tag after \"<<%s\"",
		    strip ? "-" : ""));
	}
	word = i;
	if (b[i] == '\'' || b[i] == '"')
		quote = b[i++];
	tag = i;
	while (i < p->len && script_tagchar((unsigned char)b[i]))
		i++;
	end = i;
	good = end > tag;
	if (quote != 0) {
		if (i < p->len && b[i] == quote)
			i++;
		else
			good = 0;
	}
	if (good && i < p->len && b[i] != ' ' && b[i] != '\t' &&
	    b[i] != ';' && !script_eol(p, i))
		good = 0;
	if (!good) {
		while (i < p->len && b[i] != ' ' && b[i] != '\t' &&
		    b[i] != ';' && !script_eol(p, i))
			i++;
		return (script_error(p, line, col,
		    "invalid here-document tag \"%s\" (use letters, digits "
		    "and _)", script_quote(b + word, i - word, q, sizeof q)));
	}
	if (p->cur_heredoc) {
		return (script_error(p, line, col,
		    "more than one here-document in one command"));
	}
	if (script_add_arg(p, NULL, line, col) != 0)
		return (-1);
	p->cur_heredoc = 1;

	if (p->nhd == p->hdcap) {
		cap = p->hdcap != 0 ? p->hdcap * 2 : 4;
		p->hd = xreallocarray(p->hd, cap, sizeof *p->hd);
		p->hdcap = cap;
	}
	h = &p->hd[p->nhd++];
	h->cmd = p->ncmds;	/* the current command goes there next */
	h->arg = p->cur.argc - 1;
	h->tag = b + tag;
	h->taglen = end - tag;
	h->strip = strip;
	h->line = line;
	h->col = col;
	p->pos = i;
	return (0);
}

static int
script_heredoc_unterminated(struct script_parser *p, struct script_heredoc *h)
{
	char	 q[64];

	p->fatal = 1;	/* the rest of the input was its body */
	return (script_error(p, h->line, h->col,
	    "unterminated here-document (expected \"%s\")",
	    script_quote(h->tag, h->taglen, q, sizeof q)));
}

/*
 * Read the bodies of the here-documents started on the line just ended, in
 * order, from p->pos.  A body is literal; its lines are joined with \n and
 * the last has no newline.  CR before LF is dropped.
 */
static int
script_heredoc_bodies(struct script_parser *p)
{
	struct script_heredoc	*h;
	struct script_cmd	*c;
	const char		*b = p->buf, *nl;
	size_t			 k, s, e, l, t;
	int			 first, term;

	for (k = 0; k < p->nhd; k++) {
		h = &p->hd[k];
		p->word.len = 0;
		first = 1;
		for (;;) {
			if (p->pos >= p->len)
				return (script_heredoc_unterminated(p, h));
			s = p->pos;
			nl = memchr(b + s, '\n', p->len - s);
			e = nl != NULL ? (size_t)(nl - b) : p->len;
			l = e;
			if (l > s && b[l - 1] == '\r')
				l--;

			t = s;
			if (h->strip) {
				while (t < l && (b[t] == ' ' || b[t] == '\t'))
					t++;
			}
			term = (l - t == h->taglen &&
			    memcmp(b + t, h->tag, h->taglen) == 0);
			if (memchr(b + s, '\0', e - s) != NULL) {
				p->fatal = 1;
				return (script_nul(p, s +
				    (size_t)((const char *)memchr(b + s, '\0',
				    e - s) - (b + s))));
			}
			if (!term) {
				t = s;
				if (h->strip) {
					while (t < l && b[t] == '\t')
						t++;
				}
				if ((!first &&
				    script_append(&p->word, "\n", 1) != 0) ||
				    script_append(&p->word, b + t, l - t) != 0) {
					p->fatal = 1;
					return (script_error(p, h->line, h->col,
					    "here-document too long (limit %d "
					    "bytes)", SCRIPT_MAX_WORD));
				}
				first = 0;
			}
			if (nl != NULL) {
				script_newline(p, e);
				p->pos = e + 1;
			} else
				p->pos = p->len;
			if (term)
				break;
		}
		c = &p->cmds[h->cmd];
		c->argv[h->arg] = script_take(&p->word);
	}
	p->nhd = 0;
	return (0);
}

/* The commands from p->pos to the end; -1 at the first error. */
static int
script_run(struct script_parser *p)
{
	const char	*b = p->buf, *z, *nl;
	size_t		 n;

	while (p->pos < p->len) {
		switch (b[p->pos]) {
		case ' ':
		case '\t':
			p->pos++;
			continue;
		case '\r':
			if (script_eol(p, p->pos)) {
				p->pos++;
				continue;
			}
			break;
		case '\n':
			script_newline(p, p->pos);
			p->pos++;
			if (script_end_command(p) != 0)
				return (-1);
			if (p->nhd != 0 && script_heredoc_bodies(p) != 0)
				return (-1);
			continue;
		case ';':
			p->pos++;
			if (script_end_command(p) != 0)
				return (-1);
			continue;
		case '#':
			nl = memchr(b + p->pos, '\n', p->len - p->pos);
			n = nl != NULL ? (size_t)(nl - b) : p->len;
			if ((z = memchr(b + p->pos, '\0', n - p->pos)) != NULL)
				return (script_nul(p, (size_t)(z - b)));
			p->pos = n;
			continue;
		case '\\':
			if ((n = script_continuation(p, p->pos)) != 0) {
				script_newline(p, p->pos + n - 1);
				p->pos += n;
				continue;
			}
			break;
		case '<':
			if (p->pos + 1 < p->len && b[p->pos + 1] == '<') {
				if (script_heredoc_word(p) != 0)
					return (-1);
				continue;
			}
			break;
		}
		if (script_word(p) != 0)
			return (-1);
	}
	if (script_end_command(p) != 0)
		return (-1);
	if (p->nhd != 0)
		return (script_heredoc_unterminated(p, &p->hd[0]));
	return (0);
}

/*
 * After an error, for script_parse_recover: the error goes into the list
 * as an entry of its own (argc 0), the command being built and those
 * waiting for a here-document body on that line are dropped, and parsing
 * goes on at the start of the line after the error's.  A multi-line quote
 * broken on its first line is thus read again from its second line: the
 * cost of a rule a user can predict.  Errors only move forward, so the
 * scan for that line starts where the last recovery did: O(input) in all.
 */
static void
script_recover(struct script_parser *p)
{
	struct script_cmd	*c;
	const char		*nl;
	size_t			 cap, keep, i;

	for (i = 0; i < (size_t)p->cur.argc; i++)
		free(p->cur.argv[i]);
	p->cur.argc = 0;
	p->cur_heredoc = 0;
	if (p->nhd != 0) {
		keep = p->hd[0].cmd;
		for (i = keep; i < p->ncmds; i++)
			script_free_cmd(&p->cmds[i]);
		p->ncmds = keep;
		p->nhd = 0;
	}
	if (p->ncmds == p->cmdcap) {
		cap = p->cmdcap != 0 ? p->cmdcap * 2 : 16;
		p->cmds = xreallocarray(p->cmds, cap, sizeof *p->cmds);
		p->cmdcap = cap;
	}
	c = &p->cmds[p->ncmds++];
	memset(c, 0, sizeof *c);
	c->line = p->err_line;
	c->col = p->err_col;
	c->error = p->cause != NULL ? p->cause : xstrdup("parse error");
	p->cause = NULL;

	/* At least one line on, whatever the position said. */
	do {
		if (p->aoff >= p->len)
			break;
		nl = memchr(p->buf + p->aoff, '\n', p->len - p->aoff);
		p->aoff = nl != NULL ? (size_t)(nl - p->buf) + 1 : p->len;
		if (nl != NULL && p->aline < INT_MAX)
			p->aline++;
	} while (p->aline <= p->err_line);
	p->pos = p->aoff;
	p->line = p->aline;
	p->linestart = p->aoff;
}

static void
script_parser_free(struct script_parser *p)
{
	size_t	 i;

	for (i = 0; i < p->ncmds; i++)
		script_free_cmd(&p->cmds[i]);
	free(p->cmds);
	script_free_cmd(&p->cur);
	free(p->word.p);
	free(p->hd);
	free(p->cause);
}

/* The parse succeeded (or recovered): hand the commands to out. */
static void
script_parser_done(struct script_parser *p, struct script *out)
{
	script_free_cmd(&p->cur);	/* only the scratch arrays are left */
	free(p->word.p);
	free(p->hd);
	if (p->ncmds != 0 && p->ncmds < p->cmdcap)
		p->cmds = xreallocarray(p->cmds, p->ncmds, sizeof *p->cmds);
	out->cmds = p->cmds;
	out->ncmds = p->ncmds;
}

/*
 * Parse len bytes at buf.  On success fill out and return 0; on failure
 * return -1 with out empty, the 1-based position in *err_line and *err_col
 * and an allocated message (without a file name) in *cause.
 */
int
script_parse(const char *buf, size_t len, struct script *out, int *err_line,
    int *err_col, char **cause)
{
	struct script_parser	 p;
	const char		*z, *nl;

	memset(&p, 0, sizeof p);
	p.buf = buf;
	p.len = len;
	p.line = 1;
	out->cmds = NULL;
	out->ncmds = 0;
	if (err_line != NULL)
		*err_line = 0;
	if (err_col != NULL)
		*err_col = 0;
	if (cause != NULL)
		*cause = NULL;

	if (len != 0 && (z = memchr(buf, '\0', len)) != NULL) {
		nl = memchr(buf, '\n', (size_t)(z - buf));
		while (nl != NULL) {
			script_newline(&p, (size_t)(nl - buf));
			nl = memchr(nl + 1, '\n', (size_t)(z - (nl + 1)));
		}
		(void)script_error(&p, p.line, script_col(&p, (size_t)(z - buf)),
		    "NUL byte in input");
	} else if (script_run(&p) == 0) {
		script_parser_done(&p, out);
		return (0);
	}
	if (err_line != NULL)
		*err_line = p.err_line;
	if (err_col != NULL)
		*err_col = p.err_col;
	if (cause != NULL) {
		*cause = p.cause;
		p.cause = NULL;
	}
	script_parser_free(&p);
	return (-1);
}

/*
 * Parse len bytes at buf, going on after errors: every command that parses
 * is in out, in order with an entry for each error (argc 0, argv NULL,
 * error its cause, line and col its position).  Returns the number of
 * errors.  An error after which no line can be told apart from what came
 * before (an unterminated here-document, whose body ran to the end; a body
 * too long; too many commands) ends the parse there.
 */
size_t
script_parse_recover(const char *buf, size_t len, struct script *out)
{
	struct script_parser	 p;
	size_t			 n = 0;

	memset(&p, 0, sizeof p);
	p.buf = buf;
	p.len = len;
	p.line = p.aline = 1;
	p.recover = 1;
	while (script_run(&p) != 0) {
		script_recover(&p);
		n++;
		if (p.fatal)
			break;
	}
	script_parser_done(&p, out);
	return (n);
}

void
script_free(struct script *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncmds; i++)
		script_free_cmd(&s->cmds[i]);
	free(s->cmds);
	s->cmds = NULL;
	s->ncmds = 0;
}
