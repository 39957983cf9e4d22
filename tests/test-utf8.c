/*
 * test-utf8.c: unit tests for utf8.c (TAP): decoding from a table of
 * byte sequences (ASCII, 2, 3 and 4 bytes, overlong forms, surrogates,
 * values past U+10FFFF, truncated and broken sequences), encoding and
 * decoding every code point back, utf8_invalid_at, and sanitizing with and
 * without the journal's flags (caret notation, DEL, C1 controls, U+FFFD).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"
#include "tap.h"

#define T UTF8_TRUNCATED
#define I UTF8_INVALID

static void
test_decode(void)
{
	static const struct {
		const char	*in;
		size_t		 n;
		int		 want;		/* length or T or I */
		uint32_t	 cp;
		const char	*name;
	} cases[] = {
		{ "A", 1, 1, 'A', "ASCII" },
		{ "\0", 1, 1, 0, "NUL is a character" },
		{ "\x7f", 1, 1, 0x7f, "DEL" },
		{ "", 0, T, 0, "nothing yet" },
		{ "\xc2\x80", 2, 2, 0x80, "2 bytes: U+0080, the first" },
		{ "\xc3\xa9", 2, 2, 0xe9, "2 bytes: e acute" },
		{ "\xdf\xbf", 2, 2, 0x7ff, "2 bytes: U+07FF, the last" },
		{ "\xe0\xa0\x80", 3, 3, 0x800, "3 bytes: U+0800, the first" },
		{ "\xe2\x82\xac", 3, 3, 0x20ac, "3 bytes: euro sign" },
		{ "\xed\x9f\xbf", 3, 3, 0xd7ff, "3 bytes: U+D7FF, before surrogates" },
		{ "\xee\x80\x80", 3, 3, 0xe000, "3 bytes: U+E000, after surrogates" },
		{ "\xef\xbf\xbd", 3, 3, 0xfffd, "3 bytes: U+FFFD" },
		{ "\xef\xbf\xbf", 3, 3, 0xffff, "3 bytes: U+FFFF, the last" },
		{ "\xf0\x90\x80\x80", 4, 4, 0x10000, "4 bytes: U+10000, the first" },
		{ "\xf0\x9f\x98\x80", 4, 4, 0x1f600, "4 bytes: emoji" },
		{ "\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff, "4 bytes: U+10FFFF, the last" },
		{ "\xc3\xa9xyz", 5, 2, 0xe9, "only the first character" },
		{ "\xc0\x80", 2, I, 0, "overlong NUL (C0 80)" },
		{ "\xc0\xaf", 2, I, 0, "overlong '/' (C0 AF)" },
		{ "\xc1\xbf", 2, I, 0, "overlong (C1 BF)" },
		{ "\xe0\x80\xaf", 3, I, 0, "overlong 3 bytes" },
		{ "\xe0\x9f\xbf", 3, I, 0, "overlong 3 bytes, the largest" },
		{ "\xf0\x80\x80\xaf", 4, I, 0, "overlong 4 bytes" },
		{ "\xf0\x8f\xbf\xbf", 4, I, 0, "overlong 4 bytes, the largest" },
		{ "\xed\xa0\x80", 3, I, 0, "surrogate U+D800" },
		{ "\xed\xbf\xbf", 3, I, 0, "surrogate U+DFFF" },
		{ "\xf4\x90\x80\x80", 4, I, 0, "U+110000" },
		{ "\xf5\x80\x80\x80", 4, I, 0, "lead F5" },
		{ "\xf7\xbf\xbf\xbf", 4, I, 0, "lead F7 (U+1FFFFF)" },
		{ "\xf8\x88\x80\x80\x80", 5, I, 0, "5-byte form" },
		{ "\xfe", 1, I, 0, "FE" },
		{ "\xff", 1, I, 0, "FF" },
		{ "\x80", 1, I, 0, "lone continuation byte" },
		{ "\xbf\x80", 2, I, 0, "continuation bytes only" },
		{ "\xc3", 1, T, 0, "truncated 2 bytes" },
		{ "\xe2\x82", 2, T, 0, "truncated 3 bytes" },
		{ "\xe2", 1, T, 0, "truncated 3 bytes, lead only" },
		{ "\xf0\x9f\x98", 3, T, 0, "truncated 4 bytes" },
		{ "\xe0\x80", 2, I, 0, "truncated, but already overlong" },
		{ "\xed\xa0", 2, I, 0, "truncated, but already a surrogate" },
		{ "\xf4\x90", 2, I, 0, "truncated, but already past U+10FFFF" },
		{ "\xc3(", 2, I, 0, "broken 2 bytes" },
		{ "\xe2\x82(", 3, I, 0, "broken 3 bytes" },
		{ "\xf0\x9f\x98(", 4, I, 0, "broken 4 bytes" },
		{ "\xe2\xc3\xa9", 3, I, 0, "a lead byte where a continuation goes" },
	};
	size_t		 i;
	uint32_t	 cp;
	int		 r;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cp = 0xdeadbeef;
		r = utf8_decode(cases[i].in, cases[i].n, &cp);
		if (cases[i].want > 0) {
			ok(r == cases[i].want && cp == cases[i].cp,
			    "decode %s", cases[i].name);
			if (r != cases[i].want || cp != cases[i].cp)
				diag("got %d U+%04X", r, (unsigned)cp);
		} else
			is_int(r, cases[i].want, cases[i].name);
	}
}

/* Every scalar value encodes to what decodes back to it, at the length
 * its range gives; surrogates and values past U+10FFFF encode to nothing. */
static void
test_encode(void)
{
	char		 buf[8];
	uint32_t	 c, back;
	size_t		 n, want;
	int		 bad = 0;

	for (c = 0; c <= 0x10ffff; c++) {
		memset(buf, 0x55, sizeof buf);
		n = utf8_encode(c, buf);
		if (c >= 0xd800 && c <= 0xdfff) {
			if (n != 0 || buf[0] != 0x55)
				bad++;
			continue;
		}
		want = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (n != want || utf8_decode(buf, n, &back) != (int)n ||
		    back != c || utf8_decode(buf, n - 1, &back) != T ||
		    utf8_invalid_at(buf, n) != -1) {
			if (bad++ < 5)
				diag("U+%04X: %zu bytes", (unsigned)c, n);
		}
	}
	is_int(bad, 0, "every code point encodes and decodes back");
	is_int((int)utf8_encode(0x110000, buf), 0, "U+110000 has no encoding");
	is_int((int)utf8_encode(0xffffffff, buf), 0, "0xFFFFFFFF has none");
	n = utf8_encode(0x20ac, buf);
	ok(n == 3 && memcmp(buf, "\xe2\x82\xac", 3) == 0, "euro sign bytes");
}

static void
test_invalid_at(void)
{
	is_int((int)utf8_invalid_at("", 0), -1, "empty is valid");
	is_int((int)utf8_invalid_at("ok \xc3\xa9", 5), -1, "valid UTF-8");
	is_int((int)utf8_invalid_at("ab\xff", 3), 2, "invalid byte offset");
	is_int((int)utf8_invalid_at("ab\xe4\xb8", 4), 2, "truncated sequence");
	is_int((int)utf8_invalid_at("\xc3\xa9\xed\xa0\x80", 5), 2,
	    "surrogate after a valid character");
	is_int((int)utf8_invalid_at("a\0b", 3), -1, "NUL is valid UTF-8");
}

/* Sanitize in[0..n) with flags; compare with want and with the measure. */
static void
san(const char *in, size_t n, int flags, const char *want, const char *name)
{
	char	*s;
	size_t	 len;

	s = utf8_sanitize(in, n, flags, &len);
	is_str(s, want, name);
	ok(len == strlen(want) && len == utf8_sanitize_to(NULL, in, n, flags),
	    "%s: length", name);
	free(s);
}

static void
test_sanitize(void)
{
	char		 in[0xa0 * 2], want[0xa0 * 4], *o;
	enum utf8_show	 show;
	uint32_t	 cp;
	size_t		 i, n;

	/* The cases outbuf_sanitize was tested with, unchanged. */
	san("\x1b[31mred\x07", 9, 0, "^[[31mred^G", "C0 controls in caret notation");
	san("a\tb\x7f", 4, 0, "a\tb^?", "tab kept, DEL shown");
	san("caf\xc3\xa9 \xe4\xb8\xad", 9, 0, "caf\xc3\xa9 \xe4\xb8\xad",
	    "valid UTF-8 kept");
	san("x\xff\xc3(", 4, 0, "x\xef\xbf\xbd\xef\xbf\xbd(",
	    "invalid bytes become U+FFFD");
	san("\xc2\x9b" "1m", 4, 0, "\xef\xbf\xbd" "1m",
	    "C1 control (CSI) neutralised");
	san("\xed\xa0\x80", 3, 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "encoded surrogate: U+FFFD per byte");
	san("\xc0\xaf", 2, 0, "\xef\xbf\xbd\xef\xbf\xbd",
	    "overlong form: U+FFFD per byte");
	san("\xf4\x90\x80\x80", 4, 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "past U+10FFFF: U+FFFD per byte");
	san("ab\xe2\x82", 4, 0, "ab\xef\xbf\xbd\xef\xbf\xbd",
	    "truncated at the end: U+FFFD per byte");
	san("\0", 1, 0, "^@", "NUL is ^@");
	san("\r\n", 2, 0, "^M^J", "CR and LF in caret notation");
	san("", 0, 0, "", "empty");
	san("\xc2\xa0\xf0\x9f\x98\x80", 6, 0, "\xc2\xa0\xf0\x9f\x98\x80",
	    "U+00A0, the first after C1, and 4 bytes kept");

	/* Every C0 control and DEL, then every C1 control. */
	for (i = 0, o = want; i < 0x20; i++) {
		in[i] = (char)i;
		*o++ = i == '\t' ? '\t' : '^';
		if (i != '\t')
			*o++ = (char)(i + '@');
	}
	in[i++] = 0x7f;
	*o++ = '^';
	*o++ = '?';
	*o = '\0';
	san(in, i, 0, want, "C0 controls and DEL");
	for (i = 0, n = 0, o = want; i < 0x20; i++) {
		n += utf8_encode(0x80 + (uint32_t)i, in + n);
		memcpy(o, "\xef\xbf\xbd", 3);
		o += 3;
	}
	*o = '\0';
	in[n] = '\0';
	san(in, n, 0, want, "C1 controls U+0080..U+009F: one U+FFFD each");
	san(in, n, UTF8_SAN_BYTES, in, "C1 controls kept in byte mode");

	/* The journal's variant. */
	san("a\r\nb\tc\x1b[m\x7f\x01", 11, UTF8_SAN_LINES | UTF8_SAN_BYTES,
	    "a\r\nb\tc^[[m^?^A", "journal: line ends kept, controls caret");
	san("\xff\xc3", 2, UTF8_SAN_LINES | UTF8_SAN_BYTES, "\xff\xc3",
	    "journal: invalid and split UTF-8 kept as bytes");
	san("\r\n\x1b", 3, UTF8_SAN_LINES, "\r\n^[",
	    "lines without bytes: only the line ends differ");
	san("\r\xff", 2, UTF8_SAN_BYTES, "^M\xff",
	    "bytes without lines: CR in caret notation");

	/* One step at a time, as ui-draw.c uses it. */
	n = utf8_sanitize_next("\xe2\x82\xac!", 4, 0, &cp, &show);
	ok(n == 3 && cp == 0x20ac && show == UTF8_SHOW_KEEP, "next: a character");
	n = utf8_sanitize_next("\x1b[", 2, 0, &cp, &show);
	ok(n == 1 && cp == '[' && show == UTF8_SHOW_CARET, "next: ESC is ^[");
	n = utf8_sanitize_next("\xc2\x85", 2, 0, &cp, &show);
	ok(n == 2 && cp == 0xfffd && show == UTF8_SHOW_BAD, "next: NEL is bad");
	n = utf8_sanitize_next("\xe2\x82", 2, 0, &cp, &show);
	ok(n == 1 && cp == 0xfffd && show == UTF8_SHOW_BAD,
	    "next: truncated takes one byte");
	n = utf8_sanitize_next("\xe2\x82", 2, UTF8_SAN_BYTES, &cp, &show);
	ok(n == 1 && cp == 0xe2 && show == UTF8_SHOW_KEEP,
	    "next: byte mode keeps the byte");
}

int
main(void)
{
	test_decode();
	test_encode();
	test_invalid_at();
	test_sanitize();
	return (done_testing());
}
