/*
 * test-keys.c: unit tests for keys.c (TAP): decoding terminal input into key
 * events, key names both ways, and the binding tables.
 *
 * Decoding cases are rows of a table (bytes, final flag, expected length and
 * the expected key written as its name), so a failure reads like "\e[1;5A
 * gave M-Up, want C-Up".  Then mouse and paste events, a fuzz run over
 * random buffers biased towards escape sequences, a name round trip over
 * every key the names cover, and the default bindings, whose key_list()
 * output must read back through script_parse().
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"
#include "tap.h"

#define PASTE_MAX (64u * 1024 * 1024)

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL);
}

/* A key's name, in static storage (two slots, for one message). */
static const char *
kn(key_code k)
{
	static char	 buf[2][64];
	static int	 slot;

	slot = !slot;
	return (keyc_name(k, buf[slot], sizeof buf[slot]));
}

/* Printable form of a byte string, for test names. */
static const char *
vis(const char *s, size_t len)
{
	static char	 buf[256];
	size_t		 i, o = 0;
	unsigned char	 c;

	for (i = 0; i < len && o + 5 < sizeof buf; i++) {
		c = (unsigned char)s[i];
		if (c == 0x1b)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "\\e");
		else if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
			    "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return (buf);
}

/* ---- decoding ---- */

struct decode_case {
	const char	*in;
	size_t		 len;		/* 0: strlen(in) */
	int		 final;
	size_t		 used;		/* expected return */
	const char	*key;		/* expected key name (NULL: none) */
};

static const struct decode_case decode_cases[] = {
	/* Plain characters and control characters. */
	{ "a", 0, 0, 1, "a" },
	{ "ab", 0, 0, 1, "a" },
	{ "A", 0, 0, 1, "A" },
	{ " ", 0, 0, 1, "Space" },
	{ "~", 0, 0, 1, "~" },
	{ "\x01", 0, 0, 1, "C-a" },
	{ "\x02", 0, 0, 1, "C-b" },
	{ "\x1a", 0, 0, 1, "C-z" },
	{ "\r", 0, 0, 1, "Enter" },
	{ "\n", 0, 0, 1, "C-j" },
	{ "\t", 0, 0, 1, "Tab" },
	{ "\x7f", 0, 0, 1, "BSpace" },
	{ "\x08", 0, 0, 1, "C-h" },
	{ "", 1, 0, 1, "C-Space" },
	{ "\x1c", 0, 0, 1, "C-\\" },
	{ "\x1d", 0, 0, 1, "C-]" },
	{ "\x1e", 0, 0, 1, "C-^" },
	{ "\x1f", 0, 0, 1, "C-_" },

	/* UTF-8. */
	{ "\xc3\xa9", 0, 0, 2, "\xc3\xa9" },
	{ "\xe2\x82\xac", 0, 0, 3, "\xe2\x82\xac" },
	{ "\xf0\x9f\x98\x80x", 0, 0, 4, "\xf0\x9f\x98\x80" },
	{ "\xf4\x8f\xbf\xbf", 0, 0, 4, "\xf4\x8f\xbf\xbf" },
	{ "\xe2\x82", 0, 0, 0, NULL },
	{ "\xe2\x82", 0, 1, 1, "Unknown" },
	{ "\xf0\x9f\x98", 0, 0, 0, NULL },
	{ "\xff", 0, 0, 1, "Unknown" },
	{ "\x80", 0, 0, 1, "Unknown" },
	{ "\xc0\xaf", 0, 0, 1, "Unknown" },		/* overlong */
	{ "\xe0\x80", 0, 0, 1, "Unknown" },		/* overlong */
	{ "\xed\xa0\x80", 0, 0, 1, "Unknown" },		/* surrogate */
	{ "\xf4\x90\x80\x80", 0, 0, 1, "Unknown" },	/* > U+10FFFF */
	{ "\xe2\x28\xa1", 0, 0, 1, "Unknown" },
	{ "\xc3(", 0, 0, 1, "Unknown" },

	/* ESC alone and as meta. */
	{ "\x1b", 0, 0, 0, NULL },
	{ "\x1b", 0, 1, 1, "Escape" },
	{ "\x1b" "1", 0, 0, 2, "M-1" },
	{ "\x1bx", 0, 0, 2, "M-x" },
	{ "\x1bxy", 0, 0, 2, "M-x" },
	{ "\x1b\x01", 0, 0, 2, "C-M-a" },
	{ "\x1b\x7f", 0, 0, 2, "M-BSpace" },
	{ "\x1b\r", 0, 0, 2, "M-Enter" },
	{ "\x1b\t", 0, 0, 2, "M-Tab" },
	{ "\x1b ", 0, 0, 2, "M-Space" },
	{ "\x1b", 2, 0, 2, "C-M-Space" },
	{ "\x1b\xc3\xa9", 0, 0, 3, "M-\xc3\xa9" },
	{ "\x1b\xc3", 0, 0, 0, NULL },
	{ "\x1b\xc3", 0, 1, 1, "Escape" },
	{ "\x1b\xff", 0, 0, 1, "Escape" },
	{ "\x1b\x1b", 0, 0, 0, NULL },
	{ "\x1b\x1b", 0, 1, 2, "M-Escape" },
	{ "\x1b\x1bx", 0, 0, 2, "M-Escape" },

	/* CSI and SS3 keys. */
	{ "\x1b[A", 0, 0, 3, "Up" },
	{ "\x1b[B", 0, 0, 3, "Down" },
	{ "\x1b[C", 0, 0, 3, "Right" },
	{ "\x1b[D", 0, 0, 3, "Left" },
	{ "\x1b[H", 0, 0, 3, "Home" },
	{ "\x1b[F", 0, 0, 3, "End" },
	{ "\x1b[Axyz", 0, 0, 3, "Up" },
	{ "\x1bOA", 0, 0, 3, "Up" },
	{ "\x1bOB", 0, 0, 3, "Down" },
	{ "\x1bOC", 0, 0, 3, "Right" },
	{ "\x1bOD", 0, 0, 3, "Left" },
	{ "\x1bOH", 0, 0, 3, "Home" },
	{ "\x1bOF", 0, 0, 3, "End" },
	{ "\x1bOP", 0, 0, 3, "F1" },
	{ "\x1bOQ", 0, 0, 3, "F2" },
	{ "\x1bOR", 0, 0, 3, "F3" },
	{ "\x1bOS", 0, 0, 3, "F4" },
	{ "\x1b[1;3A", 0, 0, 6, "M-Up" },
	{ "\x1b[1;5A", 0, 0, 6, "C-Up" },
	{ "\x1b[1;2A", 0, 0, 6, "S-Up" },
	{ "\x1b[1;6A", 0, 0, 6, "C-S-Up" },
	{ "\x1b[1;7A", 0, 0, 6, "C-M-Up" },
	{ "\x1b[1;8A", 0, 0, 6, "C-M-S-Up" },
	{ "\x1b[1;4D", 0, 0, 6, "M-S-Left" },
	{ "\x1b[1;9C", 0, 0, 6, "M-Right" },		/* meta bit */
	{ "\x1b[1;5H", 0, 0, 6, "C-Home" },
	{ "\x1b[1;3F", 0, 0, 6, "M-End" },
	{ "\x1b[1~", 0, 0, 4, "Home" },
	{ "\x1b[7~", 0, 0, 4, "Home" },
	{ "\x1b[4~", 0, 0, 4, "End" },
	{ "\x1b[8~", 0, 0, 4, "End" },
	{ "\x1b[2~", 0, 0, 4, "IC" },
	{ "\x1b[3~", 0, 0, 4, "DC" },
	{ "\x1b[5~", 0, 0, 4, "PPage" },
	{ "\x1b[6~", 0, 0, 4, "NPage" },
	{ "\x1b[3;5~", 0, 0, 6, "C-DC" },
	{ "\x1b[5;3~", 0, 0, 6, "M-PPage" },
	{ "\x1b[6;2~", 0, 0, 6, "S-NPage" },
	{ "\x1b[11~", 0, 0, 5, "F1" },
	{ "\x1b[12~", 0, 0, 5, "F2" },
	{ "\x1b[13~", 0, 0, 5, "F3" },
	{ "\x1b[14~", 0, 0, 5, "F4" },
	{ "\x1b[15~", 0, 0, 5, "F5" },
	{ "\x1b[17~", 0, 0, 5, "F6" },
	{ "\x1b[18~", 0, 0, 5, "F7" },
	{ "\x1b[19~", 0, 0, 5, "F8" },
	{ "\x1b[20~", 0, 0, 5, "F9" },
	{ "\x1b[21~", 0, 0, 5, "F10" },
	{ "\x1b[23~", 0, 0, 5, "F11" },
	{ "\x1b[24~", 0, 0, 5, "F12" },
	{ "\x1b[15;2~", 0, 0, 7, "S-F5" },
	{ "\x1b[24;5~", 0, 0, 7, "C-F12" },
	{ "\x1b[1;2P", 0, 0, 6, "S-F1" },
	{ "\x1b[1;5S", 0, 0, 6, "C-F4" },
	{ "\x1bO5A", 0, 0, 4, "C-Up" },			/* old xterm */
	{ "\x1bO1;3P", 0, 0, 6, "M-F1" },
	{ "\x1b[[A", 0, 0, 4, "F1" },			/* Linux console */
	{ "\x1b[[E", 0, 0, 4, "F5" },
	{ "\x1b[Z", 0, 0, 3, "BTab" },
	{ "\x1b[1;3Z", 0, 0, 6, "M-BTab" },
	{ "\x1b[a", 0, 0, 3, "S-Up" },			/* rxvt */
	{ "\x1b[d", 0, 0, 3, "S-Left" },
	{ "\x1bOa", 0, 0, 3, "C-Up" },
	{ "\x1bOc", 0, 0, 3, "C-Right" },
	{ "\x1b[2^", 0, 0, 4, "C-IC" },
	{ "\x1b[3$", 0, 0, 4, "S-DC" },
	{ "\x1b[5@", 0, 0, 4, "C-S-PPage" },
	{ "\x1bOM", 0, 0, 3, "Enter" },			/* keypad */
	{ "\x1bOp", 0, 0, 3, "0" },
	{ "\x1bOy", 0, 0, 3, "9" },
	{ "\x1bOj", 0, 0, 3, "*" },
	{ "\x1bOX", 0, 0, 3, "=" },
	{ "\x1b[27;5;97~", 0, 0, 10, "C-a" },		/* modifyOtherKeys */
	{ "\x1b[27;3;97~", 0, 0, 10, "M-a" },
	{ "\x1b[27;7;98~", 0, 0, 10, "C-M-b" },
	{ "\x1b[27;2;9~", 0, 0, 9, "BTab" },
	{ "\x1b[27;5;49~", 0, 0, 10, "Unknown" },
	{ "\x1b[97;5u", 0, 0, 7, "C-a" },		/* CSI u */
	{ "\x1b[32;5u", 0, 0, 7, "C-Space" },
	{ "\x1b[0u", 0, 0, 4, "Unknown" },

	/* M- on sequences. */
	{ "\x1b\x1b[A", 0, 0, 4, "M-Up" },
	{ "\x1b\x1bOP", 0, 0, 4, "M-F1" },
	{ "\x1b\x1b[1;5A", 0, 0, 7, "C-M-Up" },
	{ "\x1b\x1b[1;3A", 0, 0, 1, "Escape" },
	{ "\x1b\x1b[99x", 0, 0, 1, "Escape" },
	{ "\x1b\x1b[", 0, 0, 0, NULL },
	{ "\x1b\x1b[", 0, 1, 1, "Escape" },

	/* Focus. */
	{ "\x1b[I", 0, 0, 3, "FocusIn" },
	{ "\x1b[O", 0, 0, 3, "FocusOut" },

	/* Unknown complete sequences are consumed whole. */
	{ "\x1b[99x", 0, 0, 5, "Unknown" },
	{ "\x1b[99~", 0, 0, 5, "Unknown" },
	{ "\x1b[16~", 0, 0, 5, "Unknown" },
	{ "\x1b[?1;2c", 0, 0, 7, "Unknown" },
	{ "\x1b[>0;95;0c", 0, 0, 10, "Unknown" },
	{ "\x1b[1 q", 0, 0, 5, "Unknown" },
	{ "\x1b[1:2A", 0, 0, 6, "Unknown" },
	{ "\x1b[1;2;3;4;5;6;7;8;9A", 0, 0, 20, "Unknown" },
	{ "\x1b[201~", 0, 0, 6, "Unknown" },
	{ "\x1bOz", 0, 0, 3, "Unknown" },
	{ "\x1b[I1", 0, 0, 3, "FocusIn" },
	{ "\x1b[2I", 0, 0, 4, "Unknown" },

	/* Incomplete: wait, or at the timeout M-[ / M-O and the rest. */
	{ "\x1b[", 0, 0, 0, NULL },
	{ "\x1b[", 0, 1, 2, "M-[" },
	{ "\x1b[1;5", 0, 0, 0, NULL },
	{ "\x1b[1;5", 0, 1, 2, "M-[" },
	{ "\x1b[[", 0, 0, 0, NULL },
	{ "\x1b[[", 0, 1, 2, "M-[" },
	{ "\x1bO", 0, 0, 0, NULL },
	{ "\x1bO", 0, 1, 2, "M-O" },
	{ "\x1bO5", 0, 1, 2, "M-O" },
	{ "\x1b[<0;1", 0, 0, 0, NULL },
	{ "\x1b[<0;1", 0, 1, 2, "M-[" },
	{ "\x1b[M", 0, 0, 0, NULL },
	{ "\x1b[M !", 0, 0, 0, NULL },
	{ "\x1b[M !", 0, 1, 2, "M-[" },
	{ "\x1b[200~", 0, 0, 0, NULL },
	{ "\x1b[20", 0, 1, 2, "M-[" },

	/* Broken: a byte that cannot be in the sequence. */
	{ "\x1b[\x01", 0, 0, 2, "M-[" },
	{ "\x1b[1\x1b[A", 0, 0, 2, "M-[" },
	{ "\x1b[[x", 0, 0, 2, "M-[" },
	{ "\x1bO\r", 0, 0, 2, "M-O" },
	{ "\x1b[\xc3\xa9", 0, 0, 2, "M-[" },
};

static void
test_decode_table(void)
{
	const struct decode_case	*c;
	struct key_event		 ev;
	size_t				 i, len, n;
	char				 name[256];
	int				 good;

	for (i = 0; i < sizeof decode_cases / sizeof decode_cases[0]; i++) {
		c = &decode_cases[i];
		len = c->len != 0 ? c->len : strlen(c->in);
		n = keys_decode(c->in, len, c->final, &ev);
		good = (n == c->used);
		if (c->key == NULL)
			good = good && ev.key == KEYC_NONE;
		else
			good = good && strcmp(kn(ev.key), c->key) == 0;
		good = good && ev.len == (n < 64 ? n : 64) &&
		    memcmp(ev.bytes, c->in, ev.len) == 0 && ev.paste == NULL;
		snprintf(name, sizeof name, "decode %s%s -> %zu %s",
		    vis(c->in, len), c->final ? " (final)" : "", c->used,
		    c->key != NULL ? c->key : "(wait)");
		if (!ok(good, "%s", name))
			diag("got %zu %s, len %zu", n, kn(ev.key), ev.len);
	}
}

/* A long CSI is not waited for forever. */
static void
test_decode_long(void)
{
	struct key_event	 ev;
	char			 buf[300];
	size_t			 n;

	buf[0] = '\033';
	buf[1] = '[';
	memset(buf + 2, '1', sizeof buf - 2);
	n = keys_decode(buf, sizeof buf, 0, &ev);
	ok(n == 2 && ev.key == (KEYC_META | '['),
	    "a CSI with 298 parameter bytes is M-[ at once");
	n = keys_decode(buf, 100, 0, &ev);
	is_int((long long)n, 0, "with 98 parameter bytes it waits");
}

/* ---- mouse ---- */

static int
mouse_is(const char *in, size_t len, size_t used, enum key_mouse_kind kind,
    int button, int x, int y)
{
	struct key_event	 ev;
	size_t			 n;
	int			 good;

	n = keys_decode(in, len, 0, &ev);
	good = n == used && ev.key == KEYC_MOUSE && ev.mouse == kind &&
	    ev.button == button && ev.x == x && ev.y == y;
	if (!ok(good, "mouse %s", vis(in, len))) {
		diag("got %zu %s kind %d button %d at %d,%d", n, kn(ev.key),
		    (int)ev.mouse, ev.button, ev.x, ev.y);
	}
	return (good);
}

static void
test_mouse(void)
{
	struct key_event	 ev;
	char			 x10[6] = { '\033', '[', 'M', 0, 0, 0 };
	size_t			 n;
	const char		*bad[] = {
		"\x1b[<35;3;4M",	/* motion, no button */
		"\x1b[<66;3;4M",	/* horizontal wheel */
		"\x1b[<128;3;4M",	/* button 8 */
		"\x1b[<0;0;5M",		/* column 0 */
		"\x1b[<0;5;0M",
		"\x1b[<0;10M",		/* two parameters */
		"\x1b[<0;10;5;1M",
		"\x1b[<;10;5M",
		"\x1b[<64;10;5m",	/* wheel release */
		"\x1b[<0;99999999;5M",
		"\x1b[<0;10;5x",
	};
	size_t			 i;

	mouse_is("\x1b[<0;10;5M", 10, 10, MOUSE_PRESS, 0, 9, 4);
	mouse_is("\x1b[<0;10;5m", 10, 10, MOUSE_RELEASE, 0, 9, 4);
	mouse_is("\x1b[<1;1;1M", 9, 9, MOUSE_PRESS, 1, 0, 0);
	mouse_is("\x1b[<2;300;100Mabc", 16, 13, MOUSE_PRESS, 2, 299, 99);
	mouse_is("\x1b[<32;3;4M", 10, 10, MOUSE_DRAG, 0, 2, 3);
	mouse_is("\x1b[<34;3;4M", 10, 10, MOUSE_DRAG, 2, 2, 3);
	mouse_is("\x1b[<64;3;4M", 10, 10, MOUSE_WHEEL_UP, 0, 2, 3);
	mouse_is("\x1b[<65;3;4M", 10, 10, MOUSE_WHEEL_DOWN, 0, 2, 3);
	mouse_is("\x1b[<4;10;5M", 10, 10, MOUSE_PRESS, 0, 9, 4);	/* S- */
	mouse_is("\x1b[<16;10;5M", 11, 11, MOUSE_PRESS, 0, 9, 4);	/* C- */
	mouse_is("\x1b[<18;1;2m", 10, 10, MOUSE_RELEASE, 2, 0, 1);

	x10[3] = 32 + 0;
	x10[4] = 33 + 9;
	x10[5] = 33 + 4;
	mouse_is(x10, 6, 6, MOUSE_PRESS, 0, 9, 4);
	x10[3] = 32 + 2;
	mouse_is(x10, 6, 6, MOUSE_PRESS, 2, 9, 4);
	x10[3] = 32 + 3;
	mouse_is(x10, 6, 6, MOUSE_RELEASE, 0, 9, 4);
	x10[3] = 32 + 32 + 1;
	mouse_is(x10, 6, 6, MOUSE_DRAG, 1, 9, 4);
	x10[3] = 32 + 64;
	mouse_is(x10, 6, 6, MOUSE_WHEEL_UP, 0, 9, 4);
	x10[3] = 32 + 65;
	x10[4] = (char)255;
	x10[5] = (char)255;
	mouse_is(x10, 6, 6, MOUSE_WHEEL_DOWN, 0, 222, 222);
	x10[3] = 32;
	x10[4] = 0;				/* out of range */
	n = keys_decode(x10, 6, 0, &ev);
	ok(n == 6 && ev.key == KEYC_UNKNOWN, "X10 mouse off the grid is "
	    "Unknown");
	x10[3] = 32 + 3 + 32;
	x10[4] = 40;
	n = keys_decode(x10, 6, 0, &ev);
	ok(n == 6 && ev.key == KEYC_UNKNOWN, "X10 motion without a button "
	    "is Unknown");

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		n = keys_decode(bad[i], strlen(bad[i]), 0, &ev);
		ok(n == strlen(bad[i]) && ev.key == KEYC_UNKNOWN,
		    "%s is one Unknown", vis(bad[i], strlen(bad[i])));
	}
	n = keys_decode("\x1b\x1b[<0;1;1M", 12, 0, &ev);
	ok(n == 1 && ev.key == 0x1b, "ESC before a mouse event is Escape");
}

/* ---- paste ---- */

static void
test_paste(void)
{
	struct key_event	 ev;
	char			*big, in[2000];
	size_t			 n, i, len;
	int			 good;

	n = keys_decode("\x1b[200~hello\x1b[201~x", 18, 0, &ev);
	ok(n == 17 && ev.key == KEYC_PASTE && ev.pastelen == 5 &&
	    ev.paste != NULL && strcmp(ev.paste, "hello") == 0,
	    "a paste is one KEYC_PASTE with its text");
	ok(ev.len == 17 && memcmp(ev.bytes, "\x1b[200~hello\x1b[201~", 17)
	    == 0, "a short paste's bytes are all its bytes");
	free(ev.paste);

	n = keys_decode("\x1b[200~\x1b[201~", 12, 1, &ev);
	ok(n == 12 && ev.key == KEYC_PASTE && ev.pastelen == 0 &&
	    ev.paste != NULL && ev.paste[0] == '\0', "an empty paste");
	free(ev.paste);

	n = keys_decode("\x1b[200~a\x1b[201b\x00\n\x1b[201~", 21, 0, &ev);
	ok(n == 21 && ev.key == KEYC_PASTE && ev.pastelen == 9 &&
	    memcmp(ev.paste, "a\x1b[201b\x00\n", 9) == 0 &&
	    ev.paste[9] == '\0', "a paste keeps ESC, NUL and newlines");
	free(ev.paste);

	n = keys_decode("\x1b[200~abc\x1b[20", 14, 0, &ev);
	ok(n == 0 && ev.key == KEYC_NONE && ev.paste == NULL,
	    "an unfinished paste waits");
	n = keys_decode("\x1b[200~abc\x1b[20", 14, 1, &ev);
	ok(n == 0 && ev.paste == NULL,
	    "an unfinished paste waits even after the escape timeout");
	n = keys_decode("\x1b[200~", 6, 1, &ev);
	ok(n == 0, "a paste start alone waits");

	memcpy(in, "\x1b[200~", 6);
	for (i = 0; i < 1000; i++)
		in[6 + i] = (char)('a' + i % 26);
	memcpy(in + 1006, "\x1b[201~", 6);
	n = keys_decode(in, 1012, 0, &ev);
	ok(n == 1012 && ev.pastelen == 1000 && ev.len == 64 &&
	    memcmp(ev.bytes, in, 64) == 0 && memcmp(ev.paste, in + 6, 1000)
	    == 0, "a long paste: all text, the first 64 bytes in bytes");
	free(ev.paste);

	n = keys_decode("\x1b\x1b[200~x\x1b[201~", 14, 0, &ev);
	ok(n == 1 && ev.key == 0x1b && ev.paste == NULL,
	    "ESC before a paste is Escape, then the paste");

	/* The cap: 64 MiB without an end marker is delivered. */
	len = 6 + PASTE_MAX;
	big = xmalloc(len + 6);
	memcpy(big, "\x1b[200~", 6);
	memset(big + 6, 'p', PASTE_MAX);
	n = keys_decode(big, len - 1, 1, &ev);
	is_int((long long)n, 0, "a paste one byte short of 64 MiB waits");
	n = keys_decode(big, len, 1, &ev);
	good = n == len && ev.key == KEYC_PASTE && ev.pastelen == PASTE_MAX &&
	    ev.paste[0] == 'p' && ev.paste[PASTE_MAX - 1] == 'p' &&
	    ev.paste[PASTE_MAX] == '\0';
	ok(good, "64 MiB of paste without an end is delivered as is");
	free(ev.paste);
	memcpy(big + len, "\x1b[201~", 6);
	n = keys_decode(big, len + 6, 0, &ev);
	ok(n == len + 6 && ev.pastelen == PASTE_MAX,
	    "a 64 MiB paste with its end marker is delivered whole");
	free(ev.paste);
	free(big);
}

/* ---- fuzz ---- */

/* Does p start a bracketed paste (ESC [ digits ~, the digits 200)? */
static int
paste_start(const char *p, size_t len)
{
	size_t	 i;
	long	 v = 0;

	if (len < 3 || p[0] != '\033' || p[1] != '[')
		return (0);
	for (i = 2; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
		if (v < 100000)
			v = v * 10 + (p[i] - '0');
	}
	return (i < len && p[i] == '~' && v == 200);
}

static void
test_fuzz(void)
{
	static const char	*frags[] = {
		"\033", "\033[", "\033O", "[", "O", ";", "<", "M", "m", "~",
		"1", "2", "5", "200~", "201~", "\033[200~", "\033[201~",
		"\033[<", "\033[M", "A", "Z", "u", "27;5;", "\xc3", "\xa9",
		"\xe2\x82", "\xf0", "\x80", "\xff", "x", "\0", "^", "$", "@",
		"\033[[", "?", " ", ":"
	};
	struct key_event	 ev, ev2;
	char			 buf[96];
	size_t			 len, pos, n, n2, k, f;
	uint64_t		 r;
	long			 iters = 100000, calls = 0, bad_zero = 0;
	long			 bad_len = 0, bad_bytes = 0, bad_final = 0;
	long			 bad_prefix = 0, bad_trip = 0, pastes = 0;
	int			 it, mode;

	for (it = 0; it < iters; it++) {
		r = rng();
		mode = (int)(r % 3);
		len = (size_t)((r >> 8) % sizeof buf);
		for (pos = 0; pos < len; ) {
			r = rng();
			if (mode == 0)
				buf[pos++] = (char)(r & 0xff);
			else {
				f = (size_t)((r >> 8) %
				    (sizeof frags / sizeof frags[0]));
				k = frags[f][0] == '\0' ? 1 : strlen(frags[f]);
				if (mode == 2 && (r & 1))
					k = 1, buf[pos] = (char)(r >> 20);
				else {
					if (k > len - pos)
						k = len - pos;
					memcpy(buf + pos, frags[f], k);
				}
				pos += k;
			}
		}

		for (pos = 0; pos < len; pos += n) {
			calls++;
			n = keys_decode(buf + pos, len - pos, 1, &ev);
			if (n == 0) {
				if (!paste_start(buf + pos, len - pos))
					bad_zero++;
				break;
			}
			if (n > len - pos)
				bad_len++;
			if (ev.len != (n < 64 ? n : 64) ||
			    memcmp(ev.bytes, buf + pos, ev.len) != 0)
				bad_bytes++;
			if (ev.key == KEYC_PASTE)
				pastes++;
			if (ev.key != KEYC_UNKNOWN &&
			    keyc_from_name(kn(ev.key)) != ev.key) {
				if (bad_trip++ < 5)
					diag("no round trip: %#x %s",
					    (unsigned)ev.key, kn(ev.key));
			}

			/* Without final: the same answer, or wait. */
			n2 = keys_decode(buf + pos, len - pos, 0, &ev2);
			if (n2 != 0 && (n2 != n || ev2.key != ev.key))
				bad_final++;
			free(ev2.paste);

			/* A prefix waits or gives the same answer. */
			k = (size_t)(rng() % (len - pos)) + 1;
			n2 = keys_decode(buf + pos, k, 0, &ev2);
			if (n2 != 0 && (n2 != n || ev2.key != ev.key))
				bad_prefix++;
			free(ev2.paste);
			free(ev.paste);
		}
	}
	diag("fuzz: %ld buffers, %ld calls, %ld pastes", iters, calls,
	    pastes);
	is_int(bad_zero, 0, "fuzz: every final call consumes (but pastes)");
	is_int(bad_len, 0, "fuzz: never consumes past len");
	is_int(bad_bytes, 0, "fuzz: bytes are the consumed bytes");
	is_int(bad_final, 0, "fuzz: final changes only waiting answers");
	is_int(bad_prefix, 0, "fuzz: more bytes never change an answer");
	is_int(bad_trip, 0, "fuzz: every decoded key's name reads back");
}

/* ---- names ---- */

static void
test_names(void)
{
	static const struct {
		key_code	 key;
		const char	*name;
	} names[] = {
		{ 0x02, "C-b" },
		{ KEYC_META | '1', "M-1" },
		{ KEYC_META | KEYC_UP, "M-Up" },
		{ KEYC_CTRL | KEYC_UP, "C-Up" },
		{ KEYC_SHIFT | KEYC_UP, "S-Up" },
		{ KEYC_CTRL | KEYC_META | KEYC_SHIFT | KEYC_LEFT, "C-M-S-Left" },
		{ KEYC_UP, "Up" },
		{ KEYC_DOWN, "Down" },
		{ KEYC_LEFT, "Left" },
		{ KEYC_RIGHT, "Right" },
		{ KEYC_HOME, "Home" },
		{ KEYC_END, "End" },
		{ KEYC_PPAGE, "PPage" },
		{ KEYC_NPAGE, "NPage" },
		{ KEYC_IC, "IC" },
		{ KEYC_DC, "DC" },
		{ KEYC_BTAB, "BTab" },
		{ KEYC_F1, "F1" },
		{ KEYC_F10, "F10" },
		{ KEYC_F12, "F12" },
		{ ' ', "Space" },
		{ '\r', "Enter" },
		{ '\t', "Tab" },
		{ 0x7f, "BSpace" },
		{ 0x1b, "Escape" },
		{ KEYC_CTRL | ' ', "C-Space" },
		{ 'a', "a" },
		{ 'Z', "Z" },
		{ '-', "-" },
		{ '^', "^" },
		{ 0xe9, "\xc3\xa9" },
		{ 0x1f600, "\xf0\x9f\x98\x80" },
		{ 0x01, "C-a" },
		{ 0x1a, "C-z" },
		{ 0x1c, "C-\\" },
		{ 0x1d, "C-]" },
		{ 0x1e, "C-^" },
		{ 0x1f, "C-_" },
		{ KEYC_META | 'a', "M-a" },
		{ KEYC_META | 0x02, "C-M-b" },
		{ KEYC_META | '-', "M--" },
		{ KEYC_META | KEYC_CTRL | ' ', "C-M-Space" },
		{ KEYC_META | 0x1b, "M-Escape" },
		{ KEYC_MOUSE, "Mouse" },
		{ KEYC_PASTE, "Paste" },
		{ KEYC_FOCUS_IN, "FocusIn" },
		{ KEYC_UNKNOWN, "Unknown" },
		{ KEYC_NONE, "None" },
		{ 0xd800, "Invalid" },
	};
	char	 small[4];
	size_t	 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		is_str(kn(names[i].key), names[i].name, names[i].name);
	}
	is_str(keyc_name(KEYC_META | KEYC_PPAGE, small, sizeof small), "M-P",
	    "keyc_name truncates to the buffer");
}

static void
test_from_name(void)
{
	static const struct {
		const char	*name;
		key_code	 key;
	} names[] = {
		{ "C-b", 0x02 },
		{ "C-B", 0x02 },
		{ "c-b", 0x02 },
		{ "^b", 0x02 },
		{ "^B", 0x02 },
		{ "M-1", KEYC_META | '1' },
		{ "m-1", KEYC_META | '1' },
		{ "C-M-x", KEYC_META | 0x18 },
		{ "M-C-x", KEYC_META | 0x18 },
		{ "M-^x", KEYC_META | 0x18 },
		{ "PageUp", KEYC_PPAGE },
		{ "PgUp", KEYC_PPAGE },
		{ "PPage", KEYC_PPAGE },
		{ "ppage", KEYC_PPAGE },
		{ "PageDown", KEYC_NPAGE },
		{ "PgDn", KEYC_NPAGE },
		{ "NPage", KEYC_NPAGE },
		{ "Insert", KEYC_IC },
		{ "Delete", KEYC_DC },
		{ "Space", ' ' },
		{ "space", ' ' },
		{ "Enter", '\r' },
		{ "ENTER", '\r' },
		{ "Tab", '\t' },
		{ "S-Tab", KEYC_BTAB },
		{ "Escape", 0x1b },
		{ "C-[", 0x1b },
		{ "BSpace", 0x7f },
		{ "C-?", 0x7f },
		{ "^?", 0x7f },
		{ "F1", KEYC_F1 },
		{ "f12", KEYC_F12 },
		{ "C-S-F5", KEYC_CTRL | KEYC_SHIFT | KEYC_F5 },
		{ "up", KEYC_UP },
		{ "M-Up", KEYC_META | KEYC_UP },
		{ "s-m-c-up", KEYC_CTRL | KEYC_META | KEYC_SHIFT | KEYC_UP },
		{ "C-Space", KEYC_CTRL | ' ' },
		{ "C-@", KEYC_CTRL | ' ' },
		{ "^@", KEYC_CTRL | ' ' },
		{ "C-\\", 0x1c },
		{ "C-_", 0x1f },
		{ "a", 'a' },
		{ "A", 'A' },
		{ "-", '-' },
		{ "M--", KEYC_META | '-' },
		{ "^", '^' },
		{ "M-^", KEYC_META | '^' },
		{ "C", 'C' },
		{ "M-C", KEYC_META | 'C' },
		{ ";", ';' },
		{ "\"", '"' },
		{ "\xc3\xa9", 0xe9 },
		{ "M-\xc3\xa9", KEYC_META | 0xe9 },
		{ "\xf0\x9f\x98\x80", 0x1f600 },
		{ "Mouse", KEYC_MOUSE },
		{ "Paste", KEYC_PASTE },
	};
	static const char	*bad[] = {
		"", "C-", "M-", "C-M-", "Foo", "Upp", "F0", "F13", "ab",
		"\xff", "\xc3", "\xc3\xa9x", "\xed\xa0\x80", "C-1", "C-Enter",
		"C-Tab", "S-a", "^ab", "^1", "C-\xc3\xa9", "M-Mouse",
		"Unknown", "None", "X-a", "--", "Invalid"
	};
	char		 name[64];
	size_t		 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(name, sizeof name, "keyc_from_name %s", names[i].name);
		if (!ok(keyc_from_name(names[i].name) == names[i].key, "%s",
		    name))
			diag("got %s", kn(keyc_from_name(names[i].name)));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ok(keyc_from_name(bad[i]) == KEYC_NONE,
		    "keyc_from_name \"%s\" is KEYC_NONE", vis(bad[i],
		    strlen(bad[i])));
	}
}

/* keyc_from_name(keyc_name(k)) == k for every key the names cover. */
static void
test_round_trip(void)
{
	static const key_code	 mods[] = {
		0, KEYC_META, KEYC_CTRL, KEYC_SHIFT, KEYC_CTRL | KEYC_META,
		KEYC_CTRL | KEYC_SHIFT, KEYC_META | KEYC_SHIFT,
		KEYC_CTRL | KEYC_META | KEYC_SHIFT
	};
	static const uint32_t	 cps[] = {
		0x80, 0x9f, 0xa0, 0xe9, 0x7ff, 0x800, 0x20ac, 0xd7ff, 0xe000,
		0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff
	};
	key_code		 k;
	size_t			 i, j;
	long			 tried = 0, bad = 0;

#define TRIP(key) do {							\
	tried++;							\
	if (keyc_from_name(kn(key)) != (key)) {				\
		if (bad++ < 5)						\
			diag("round trip of %#x (%s) failed", 		\
			    (unsigned)(key), kn(key));			\
	}								\
} while (0)

	for (k = 1; k < 0x80; k++) {
		TRIP(k);
		TRIP(k | KEYC_META);
	}
	TRIP(KEYC_CTRL | ' ');
	TRIP(KEYC_CTRL | KEYC_META | ' ');
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		TRIP(cps[i]);
		TRIP(cps[i] | KEYC_META);
	}
	for (k = KEYC_UP; k <= KEYC_F12; k++) {
		for (j = 0; j < sizeof mods / sizeof mods[0]; j++)
			TRIP(k | mods[j]);
	}
	for (k = KEYC_PASTE; k < KEYC_UNKNOWN; k++)
		TRIP(k);
#undef TRIP
	diag("round trip: %ld keys", tried);
	is_int(bad, 0, "keyc_from_name(keyc_name(k)) == k for every named key");
}

/*
 * keyc_bytes: every key a terminal can send reads back through
 * keys_decode as itself, in one event that takes all the bytes.
 */
static void
test_bytes(void)
{
	static const key_code	 mods[] = {
		0, KEYC_META, KEYC_CTRL, KEYC_SHIFT, KEYC_CTRL | KEYC_META,
		KEYC_CTRL | KEYC_SHIFT, KEYC_META | KEYC_SHIFT,
		KEYC_CTRL | KEYC_META | KEYC_SHIFT
	};
	struct key_event	 ev;
	char			 buf[32];
	key_code		 k;
	size_t			 n, got, j;
	long			 tried = 0, bad = 0;

#define BYTES(kk) do {							\
	tried++;							\
	memset(&ev, 0, sizeof ev);					\
	n = keyc_bytes((kk), buf, sizeof buf);				\
	got = n > 0 ? keys_decode(buf, n, 1, &ev) : 0;			\
	if (n == 0 || got != n || ev.key != (kk)) {			\
		if (bad++ < 5)						\
			diag("keyc_bytes(%s): %zu bytes, read back as "	\
			    "%s in %zu", kn(kk), n, kn(ev.key), got);	\
	}								\
} while (0)

	for (k = 1; k < 0x80; k++) {
		BYTES(k);
		if (k != 0x1b)	/* M-Escape: ESC ESC is Escape, then ESC */
			BYTES(k | KEYC_META);
	}
	BYTES(KEYC_CTRL | ' ');
	BYTES((key_code)0xe9);
	BYTES((key_code)0x1f600 | KEYC_META);
	for (k = KEYC_UP; k <= KEYC_F12; k++) {
		for (j = 0; j < sizeof mods / sizeof mods[0]; j++) {
			if (k == KEYC_BTAB && (mods[j] & (KEYC_CTRL |
			    KEYC_SHIFT)))
				continue;	/* no xterm sequence */
			BYTES(k | mods[j]);
		}
	}
#undef BYTES
	diag("keyc_bytes: %ld keys", tried);
	is_int(bad, 0, "keys_decode(keyc_bytes(k)) == k for every key typed");
	is_int((long)keyc_bytes(KEYC_PASTE, buf, sizeof buf), 0,
	    "keyc_bytes(Paste) is no bytes");
	is_int((long)keyc_bytes(KEYC_SHIFT | 'a', buf, sizeof buf), 0,
	    "keyc_bytes(S-a) is no bytes");
}

/* ---- binding tables ---- */

static void
test_tables(void)
{
	struct key_table	*t, *prefix, *root;
	char			*l1;

	prefix = key_table_get("prefix", 0);
	root = key_table_get("root", 0);
	ok(prefix != NULL && root != NULL && prefix != root,
	    "prefix and root tables always exist");
	ok(key_table_get("prefix", 1) == prefix, "get returns the same table");
	ok(key_table_get("custom", 0) == NULL, "a missing table is NULL");
	ok(key_table_get("", 1) == NULL, "an empty table name is NULL");
	t = key_table_get("custom", 1);
	ok(t != NULL && key_table_get("custom", 0) == t, "create a table");

	ok(key_lookup(t, 'a') == NULL, "nothing bound yet");
	key_bind(t, 'a', "first");
	is_str(key_lookup(t, 'a'), "first", "bind then lookup");
	key_bind(t, 'a', "second");
	is_str(key_lookup(t, 'a'), "second", "binding again replaces");
	key_bind(t, KEYC_META | 'a', "meta");
	is_str(key_lookup(t, 'a'), "second", "M-a is another key");
	is_int(key_unbind(t, 'a'), 0, "unbind a bound key");
	ok(key_lookup(t, 'a') == NULL, "an unbound key is gone");
	is_str(key_lookup(t, KEYC_META | 'a'), "meta", "others stay");
	is_int(key_unbind(t, 'a'), -1, "unbind an unbound key is -1");
	is_int(key_unbind(t, KEYC_META | 'a'), 0, "unbind the last one");
	ok(key_lookup(NULL, 'a') == NULL, "lookup in no table is NULL");

	l1 = key_list(NULL);
	is_str(l1, "", "no bindings: an empty list");
	free(l1);
}

static void
test_defaults(void)
{
	struct key_table	*prefix, *root;
	struct script		 sc;
	char			*l1, *l2, *cause, want[64], *line, *next;
	size_t			 i, nlines = 0, repeats = 0;
	int			 el, ec, d, good, sorted = 1;
	key_code		 k;
	const char		*prev = NULL;

	key_bind_defaults();
	prefix = key_table_get("prefix", 0);
	root = key_table_get("root", 0);
	is_str(key_lookup(prefix, 0x02), "send-prefix", "prefix C-b");
	is_str(key_lookup(prefix, 'o'), "select-pane -t +", "prefix o");
	is_str(key_lookup(prefix, KEYC_UP), "select-pane -U", "prefix Up");
	is_str(key_lookup(prefix, KEYC_RIGHT), "select-pane -R",
	    "prefix Right");
	is_str(key_lookup(prefix, ';'), "last-pane", "prefix ;");
	is_str(key_lookup(prefix, '"'), "split-window -v", "prefix \"");
	is_str(key_lookup(prefix, '%'), "split-window -h", "prefix %");
	is_str(key_lookup(prefix, '{'), "swap-pane -U", "prefix {");
	is_str(key_lookup(prefix, KEYC_CTRL | KEYC_RIGHT), "resize-pane -R",
	    "prefix C-Right");
	is_str(key_lookup(prefix, KEYC_META | KEYC_UP), "resize-pane -U 5",
	    "prefix M-Up");
	is_str(key_lookup(prefix, 'c'), "new-pane", "prefix c");
	is_str(key_lookup(prefix, 'x'), "confirm-before -p \"kill-pane "
	    "#{pane_name}? (y/n)\" kill-pane", "prefix x");
	is_str(key_lookup(prefix, ','), "command-prompt -I \"#{pane_name}\" "
	    "-p \"rename:\" \"rename-pane -- '%%'\"", "prefix ,");
	is_str(key_lookup(prefix, ' '), "next-layout", "prefix Space");
	is_str(key_lookup(prefix, KEYC_PPAGE), "copy-mode -u", "prefix PPage");
	is_str(key_lookup(prefix, 'd'), "detach-client", "prefix d");
	is_str(key_lookup(prefix, '&'), "quit", "prefix &");
	is_str(key_lookup(root, KEYC_META | KEYC_LEFT), "select-pane -L",
	    "root M-Left");
	good = 1;
	for (d = 0; d <= 9; d++) {
		snprintf(want, sizeof want, "select-pane -t %d", d);
		if (key_lookup(prefix, (key_code)('0' + d)) == NULL ||
		    strcmp(key_lookup(prefix, (key_code)('0' + d)), want) != 0)
			good = 0;
		if (key_lookup(root, KEYC_META | (key_code)('0' + d)) == NULL ||
		    strcmp(key_lookup(root, KEYC_META | (key_code)('0' + d)),
		    want) != 0)
			good = 0;
	}
	ok(good, "prefix 0-9 and root M-0..M-9 select panes");
	ok(key_lookup(root, 0x02) == NULL, "C-b is not bound in root");

	l1 = key_list(NULL);
	key_bind(prefix, 'd', "something-else");
	key_unbind(prefix, 'o');
	key_bind_defaults();
	key_bind_defaults();
	l2 = key_list(NULL);
	is_str(l2, l1, "defaults twice give the same bindings");
	free(l2);

	ok(strncmp(l1, "bind-key -T copy-mode C-Down send-keys -X "
	    "scroll-down\n", strlen("bind-key -T copy-mode C-Down send-keys "
	    "-X scroll-down\n")) == 0, "key_list starts with copy-mode C-Down");
	ok(strstr(l1, "\nbind-key -T prefix % split-window -h\n") != NULL,
	    "key_list has prefix %%");
	{
		char	*only = key_list("prefix"), *l;
		int	 all_prefix = *only != '\0';

		for (l = only; *l != '\0'; l = strchr(l, '\n') + 1)
			if (strncmp(l, "bind-key -T prefix ", 19) != 0 &&
			    strncmp(l, "bind-key -r -T prefix ", 22) != 0)
				all_prefix = 0;
		ok(all_prefix, "key_list(\"prefix\") has the prefix table only");
		free(only);
		only = key_list("no-such-table");
		is_str(only, "", "key_list of a table with no bindings is empty");
		free(only);
	}
	ok(strstr(l1, "\nbind-key -T prefix \\\" split-window -v\n") != NULL,
	    "key_list escapes \"");
	ok(strstr(l1, "\nbind-key -T prefix C-b send-prefix\n") != NULL,
	    "key_list has prefix C-b");
	ok(strstr(l1, "\nbind-key -T prefix \\; last-pane\n") != NULL,
	    "key_list escapes ;");
	ok(strstr(l1, "\nbind-key -T root M-Up select-pane -U\n") != NULL,
	    "key_list has root M-Up");

	/* Sorted by table, then key name; one line per binding. */
	line = xstrdup(l1);
	for (next = line; *next != '\0'; ) {
		char *eol = strchr(next, '\n');

		if (eol == NULL)
			break;
		*eol = '\0';
		/* By what follows -T: a repeating key's -r comes before. */
		if (prev != NULL && strcmp(strstr(prev, "-T "),
		    strstr(next, "-T ")) >= 0)
			sorted = 0;
		prev = next;
		nlines++;
		next = eol + 1;
	}
	ok(sorted, "key_list is sorted");
	is_int((long long)nlines, 37 + 10 + 4 + 10 + 51 + 39,
	    "key_list has 151 bindings (90 of copy mode)");
	free(line);

	/* Every line reads back: the key and its binding. */
	if (!ok(script_parse(l1, strlen(l1), &sc, &el, &ec, &cause) == 0,
	    "key_list parses as commands")) {
		diag("%d:%d: %s", el, ec, cause);
		free(cause);
	} else {
		good = sc.ncmds == nlines;
		for (i = 0; i < sc.ncmds; i++) {
			char	**v = sc.cmds[i].argv;
			int	 r = sc.cmds[i].argc > 1 &&
				    strcmp(v[1], "-r") == 0;

			if (sc.cmds[i].argc < 5 + r ||
			    strcmp(v[0], "bind-key") != 0 ||
			    strcmp(v[1 + r], "-T") != 0) {
				good = 0;
				continue;
			}
			k = keyc_from_name(v[3 + r]);
			if (k == KEYC_NONE || key_lookup(key_table_get(
			    v[2 + r], 0), k) == NULL ||
			    key_repeats(key_table_get(v[2 + r], 0), k) != r) {
				diag("line %zu: key %s", i + 1, v[3 + r]);
				good = 0;
			}
			if (r)
				repeats++;
		}
		ok(good, "every key_list line names a bound key, -r as it "
		    "repeats");
		is_int((long long)repeats, 8, "the 8 resize keys repeat (-r)");
		script_free(&sc);
	}
	free(l1);
}

int
main(void)
{
	test_decode_table();
	test_decode_long();
	test_mouse();
	test_paste();
	test_fuzz();
	test_names();
	test_from_name();
	test_round_trip();
	test_bytes();
	test_tables();
	test_defaults();
	return (done_testing());
}
