/*
 * utf8.c: UTF-8 in one place: decoding one character, encoding one,
 * finding the first invalid byte, and sanitizing what a pane printed so
 * that a terminal shows it instead of obeying it.
 *
 * Valid means well-formed as Unicode defines it: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing past U+10FFFF, so the lead bytes
 * 0xc0, 0xc1 and 0xf5..0xff never start a character.  utf8_decode() tells
 * an invalid start from a valid one cut short by the end of the bytes: the
 * key decoder (keys.c) waits for the rest of the latter, while text (the
 * transcript, the screen, command arguments) takes both as invalid.
 *
 * Sanitizing, one character at a time (utf8_sanitize_next), shows control
 * characters in caret notation (ESC is ^[, DEL is ^?) and invalid UTF-8
 * and C1 controls (U+0080..U+009F, CSI among them) as U+FFFD.  Callers:
 * pane.c (transcripts and capture-pane, through utf8_sanitize), ui-draw.c
 * (screen cells, which expands tabs and measures widths itself) and
 * outbuf.c's journal (the UTF8_SAN_ flags below say how it differs and
 * why).  The others: keys.c (terminal input and key names), script.c (the
 * \u escapes), cmd.c (arguments that must be text).
 *
 * Everything here is pure: no state, no locks, no I/O.  Any thread may
 * call it, the pane's writers included while they hold a GIL, an outbuf's
 * lock or a journal's lock.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "subplex.h"

/*
 * Decode the character at s[0..n).  Returns its length (1-4) and sets *cp;
 * UTF8_TRUNCATED if s[0..n) is a valid start of a longer character (n == 0
 * included); UTF8_INVALID if no character starts at s[0] (a stray
 * continuation byte, an impossible lead byte, an overlong form, a
 * surrogate, a value past U+10FFFF, or a byte that cannot follow the ones
 * before it).  The second byte's range rules out the overlong forms,
 * surrogates and values past U+10FFFF before the rest arrives, so a
 * truncated result is always the start of something valid.
 */
int
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*b = (const unsigned char *)s;
	unsigned char		 c, lo = 0x80, hi = 0xbf;
	uint32_t		 v;
	int			 need, i;

	if (n == 0)
		return (UTF8_TRUNCATED);
	c = b[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* below: overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* above: surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;	/* below: overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* above: past U+10FFFF */
	} else
		return (UTF8_INVALID);
	for (i = 1; i < need; i++) {
		if ((size_t)i >= n)
			return (UTF8_TRUNCATED);
		if (b[i] < lo || b[i] > hi)
			return (UTF8_INVALID);
		lo = 0x80;
		hi = 0xbf;
		v = (v << 6) | (b[i] & 0x3f);
	}
	*cp = v;
	return (need);
}

/*
 * Encode cp into out (room for 4 bytes).  Returns the length, or 0 (and
 * writes nothing) for a surrogate or a value past U+10FFFF.
 */
size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return (0);
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	if (cp > 0x10ffff)
		return (0);
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

/* The offset of the first byte of s[0..n) that is not valid UTF-8 (a
 * character cut short at the end included), or -1 if there is none. */
long
utf8_invalid_at(const char *s, size_t n)
{
	size_t		 i = 0;
	uint32_t	 cp;
	int		 len;

	while (i < n) {
		if ((len = utf8_decode(s + i, n - i, &cp)) <= 0)
			return ((long)i);
		i += (size_t)len;
	}
	return (-1);
}

/* A byte shown in caret notation under flags (see utf8_sanitize_next). */
static inline int
utf8_caret(unsigned char c, int flags)
{
	if (c == '\t')
		return (0);
	if ((c == '\n' || c == '\r') && (flags & UTF8_SAN_LINES))
		return (0);
	return (c < 0x20 || c == 0x7f);
}

/*
 * One step of sanitizing s[0..n), n > 0: returns how many bytes it takes
 * and says in *show what they become, with *cp:
 *  UTF8_SHOW_KEEP	the bytes as they are; *cp is their character;
 *  UTF8_SHOW_CARET	'^' then *cp, for a control character (C0 but tab,
 *			and DEL: ^@..^_ and ^?), one byte;
 *  UTF8_SHOW_BAD	U+FFFD (in *cp), for one byte of invalid or
 *			truncated UTF-8, or for a whole C1 control.
 * flags change it for outbuf.c's journal, which writes the whole stream
 * of a pane, a write at a time, to a file that should be safe to cat:
 *  UTF8_SAN_LINES	newline and carriage return are kept too: the journal
 *			is the stream with its line ends (a transcript line
 *			never holds either).
 *  UTF8_SAN_BYTES	go byte by byte and change only C0 controls and DEL;
 *			*cp is the byte, and invalid UTF-8 and C1 controls
 *			are kept.  A write may end in the middle of a
 *			character that the next write completes (the
 *			fd-capture thread reads pipes in chunks): decoding
 *			each write alone would turn such a character into
 *			U+FFFDs, and the journal keeps no state between
 *			writes to join the halves.  The C0 controls are the
 *			ones that move a terminal's cursor or start escape
 *			sequences; a C1 control can only be told by
 *			decoding, so it is kept.
 */
size_t
utf8_sanitize_next(const char *s, size_t n, int flags, uint32_t *cp,
    enum utf8_show *show)
{
	unsigned char	 c = (unsigned char)s[0];
	int		 len;

	if (c < 0x80 || (flags & UTF8_SAN_BYTES)) {
		if (utf8_caret(c, flags)) {
			*show = UTF8_SHOW_CARET;
			*cp = (uint32_t)(c ^ 0x40);
		} else {
			*show = UTF8_SHOW_KEEP;
			*cp = c;
		}
		return (1);
	}
	len = utf8_decode(s, n, cp);
	if (len <= 0) {
		*show = UTF8_SHOW_BAD;
		*cp = 0xfffd;
		return (1);
	}
	if (*cp < 0xa0) {
		*show = UTF8_SHOW_BAD;
		*cp = 0xfffd;
	} else
		*show = UTF8_SHOW_KEEP;
	return ((size_t)len);
}

/*
 * Sanitize s[0..n) into out, or only measure when out is NULL; returns the
 * length of the result (at most 3 * n: U+FFFD for each byte).  No NUL is
 * added.  With UTF8_SAN_BYTES the result is n plus one byte per caret.
 */
size_t
utf8_sanitize_to(char *out, const char *s, size_t n, int flags)
{
	const unsigned char	*b = (const unsigned char *)s;
	enum utf8_show		 show;
	uint32_t		 cp;
	size_t			 i = 0, o = 0, len;

	if (flags & UTF8_SAN_BYTES) {
		/* The journal's path, on every write: a plain byte loop. */
		for (i = 0; i < n; i++) {
			if (!utf8_caret(b[i], flags)) {
				if (out != NULL)
					out[o] = (char)b[i];
				o++;
				continue;
			}
			if (out != NULL) {
				out[o] = '^';
				out[o + 1] = (char)(b[i] ^ 0x40);
			}
			o += 2;
		}
		return (o);
	}
	while (i < n) {
		len = utf8_sanitize_next(s + i, n - i, flags, &cp, &show);
		switch (show) {
		case UTF8_SHOW_KEEP:
			if (out != NULL)
				memcpy(out + o, s + i, len);
			o += len;
			break;
		case UTF8_SHOW_CARET:
			if (out != NULL) {
				out[o] = '^';
				out[o + 1] = (char)cp;
			}
			o += 2;
			break;
		case UTF8_SHOW_BAD:
			if (out != NULL)
				memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			break;
		}
		i += len;
	}
	return (o);
}

/*
 * s[0..n) sanitized for a plain-text consumer (a transcript line, a
 * capture): an allocated, NUL-terminated string, its length in *outlen
 * when outlen is not NULL.
 */
char *
utf8_sanitize(const char *s, size_t n, int flags, size_t *outlen)
{
	char	*out;
	size_t	 o;

	out = xmalloc(n * 3 + 1);	/* worst case: byte -> U+FFFD */
	o = utf8_sanitize_to(out, s, n, flags);
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return (out);
}

/*
 * The cells text takes on a terminal, by the rules ui-draw.c's cells
 * follow (utf8_sanitize_next, then wcwidth: a bad byte or an unprintable
 * character takes one, a control shown as ^X two, a combining mark
 * none).  Tabs count one: a pane's lines hold none (its terminal expanded
 * them).  Used to place the tail of a long line without drawing it all.
 */
size_t
utf8_width(const char *s, size_t n)
{
	enum utf8_show	 show;
	size_t		 i = 0, w = 0;
	uint32_t	 cp;
	int		 cw;

	while (i < n) {
		i += utf8_sanitize_next(s + i, n - i, 0, &cp, &show);
		if (show == UTF8_SHOW_BAD)
			w++;
		else if (show == UTF8_SHOW_CARET)
			w += 2;
		else if ((cw = wcwidth((wchar_t)cp)) < 0)
			w++;
		else
			w += (size_t)cw;
	}
	return (w);
}
