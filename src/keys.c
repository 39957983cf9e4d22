/*
 * keys.c: terminal input bytes to key events, and key names.
 *
 * keys_decode() turns raw bytes read from the terminal (raw mode, xterm-like:
 * xterm-256color, tmux, screen, rxvt) into one struct key_event at a time: a
 * code point (C-a is 0x01), a special key above Unicode (KEYC_UP...) with
 * KEYC_META, KEYC_CTRL and KEYC_SHIFT bits, a mouse event, a bracketed paste
 * or a focus change.  It keeps no state: the caller keeps the unread bytes
 * and calls again, with final set once the escape timeout has passed (see
 * keys_decode below for what that changes).  keyc_name() and keyc_from_name()
 * convert between key codes and tmux-style names ("C-b", "M-Up", "PPage");
 * keyc_bytes() gives the bytes an xterm sends for a key (send-keys).
 * Both are pure and any thread may call them; the UI thread does (ui.c
 * reads the terminal, keys-table.c names the keys it binds).  UTF-8 is
 * utf8.c's.  This file does no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "subplex.h"

#define KEYS_PASTE_MAX	(64u * 1024 * 1024) /* deliver a paste this long */
#define KEYS_CSI_MAX	128		/* a longer CSI is not one */
#define KEYS_MAX_PARAMS	8
#define KEYS_PARAM_MAX	1000000L	/* larger parameters are clamped */

typedef unsigned char uchar;

static const char keys_paste_end[] = "\033[201~";

/* Special key names; the first name of a key is the one keyc_name() uses. */
static const struct {
	const char	*name;
	key_code	 key;
} key_names[] = {
	{ "Up", KEYC_UP },
	{ "Down", KEYC_DOWN },
	{ "Left", KEYC_LEFT },
	{ "Right", KEYC_RIGHT },
	{ "Home", KEYC_HOME },
	{ "End", KEYC_END },
	{ "PPage", KEYC_PPAGE },
	{ "PageUp", KEYC_PPAGE },
	{ "PgUp", KEYC_PPAGE },
	{ "NPage", KEYC_NPAGE },
	{ "PageDown", KEYC_NPAGE },
	{ "PgDn", KEYC_NPAGE },
	{ "IC", KEYC_IC },
	{ "Insert", KEYC_IC },
	{ "DC", KEYC_DC },
	{ "Delete", KEYC_DC },
	{ "BTab", KEYC_BTAB },
	{ "F1", KEYC_F1 },
	{ "F2", KEYC_F2 },
	{ "F3", KEYC_F3 },
	{ "F4", KEYC_F4 },
	{ "F5", KEYC_F5 },
	{ "F6", KEYC_F6 },
	{ "F7", KEYC_F7 },
	{ "F8", KEYC_F8 },
	{ "F9", KEYC_F9 },
	{ "F10", KEYC_F10 },
	{ "F11", KEYC_F11 },
	{ "F12", KEYC_F12 },
	{ "Space", ' ' },
	{ "Enter", '\r' },
	{ "Tab", '\t' },
	{ "BSpace", 0x7f },
	{ "Escape", 0x1b },
	{ "Paste", KEYC_PASTE },
	{ "Mouse", KEYC_MOUSE },
	{ "FocusIn", KEYC_FOCUS_IN },
	{ "FocusOut", KEYC_FOCUS_OUT },
	{ "Unknown", KEYC_UNKNOWN }
};
#define KEY_NNAMES (sizeof key_names / sizeof key_names[0])

/* Keys of CSI N ~ (xterm, vt220, rxvt), indexed by N. */
static const key_code keys_tilde[] = {
	[1] = KEYC_HOME, [2] = KEYC_IC, [3] = KEYC_DC, [4] = KEYC_END,
	[5] = KEYC_PPAGE, [6] = KEYC_NPAGE, [7] = KEYC_HOME, [8] = KEYC_END,
	[11] = KEYC_F1, [12] = KEYC_F2, [13] = KEYC_F3, [14] = KEYC_F4,
	[15] = KEYC_F5, [17] = KEYC_F6, [18] = KEYC_F7, [19] = KEYC_F8,
	[20] = KEYC_F9, [21] = KEYC_F10, [23] = KEYC_F11, [24] = KEYC_F12
};
#define KEYS_NTILDE ((long)(sizeof keys_tilde / sizeof keys_tilde[0]))

/*
 * The control key for c, as C-c or ^c: letters, @ [ \ ] ^ _ and ? (BSpace).
 * C-Space and C-@ (the NUL byte) are KEYC_CTRL|' ', because code point 0 is
 * KEYC_NONE.  KEYC_NONE if c has no control key.
 */
static key_code
keys_ctrl(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return (c - 0x60);
	if (c == ' ' || c == '@')
		return (KEYC_CTRL | ' ');
	if ((c >= 'A' && c <= 'Z') || (c >= '[' && c <= '_'))
		return (c - 0x40);
	if (c == '?')
		return (0x7f);
	return (KEYC_NONE);
}

/* Modifier bits of an xterm modifier parameter (1 + shift|alt<<1|ctrl<<2). */
static key_code
keys_xterm_mods(long p)
{
	key_code	 m = 0;

	if (p < 2 || p > 256)
		return (0);
	p--;
	if (p & 1)
		m |= KEYC_SHIFT;
	if (p & (2 | 8))		/* Alt, or Meta */
		m |= KEYC_META;
	if (p & 4)
		m |= KEYC_CTRL;
	return (m);
}

/*
 * A character with xterm modifiers, from CSI 27;M;C~ (modifyOtherKeys) or
 * CSI C;Mu: control and meta keys as the plain encoding gives them.  Shift
 * is already in the character (except S-Tab, which is BTab).  KEYC_UNKNOWN
 * for what has no key code (C-1, C-Tab).
 */
static key_code
keys_modified_char(long c, key_code m)
{
	key_code	 k;

	if (c < 1 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (KEYC_UNKNOWN);
	k = (key_code)c;
	if (m & KEYC_CTRL) {
		if ((k = keys_ctrl((uint32_t)c)) == KEYC_NONE)
			return (KEYC_UNKNOWN);
	} else if ((m & KEYC_SHIFT) && c == '\t')
		k = KEYC_BTAB;
	return (k | (m & KEYC_META));
}

/*
 * A mouse event.  cb is the button byte (bits 0-1 button, 3 = released in
 * X10 form; 32 motion; 64 wheel; 4, 8, 16 shift, meta, ctrl, ignored), x and
 * y are 0-based, release is set for SGR 'm'.  Motion without a button,
 * horizontal wheels and the extra buttons 8-11 are KEYC_UNKNOWN, so every
 * KEYC_MOUSE has button 0-2.
 */
static void
keys_mouse(struct key_event *ev, long cb, long x, long y, int sgr,
    int release)
{
	int	 button = (int)(cb & 3);

	ev->key = KEYC_UNKNOWN;
	if (cb < 0 || cb >= 256 || x < 0 || y < 0 ||
	    x >= KEYS_PARAM_MAX || y >= KEYS_PARAM_MAX || (cb & 128))
		return;
	if (cb & 64) {
		if (release || button > 1)
			return;
		ev->mouse = button == 0 ? MOUSE_WHEEL_UP : MOUSE_WHEEL_DOWN;
		button = 0;
	} else if (button == 3) {
		if (sgr || (cb & 32))
			return;		/* motion with no button */
		ev->mouse = MOUSE_RELEASE;	/* X10 does not say which */
		button = 0;
	} else if (release)
		ev->mouse = MOUSE_RELEASE;
	else if (cb & 32)
		ev->mouse = MOUSE_DRAG;
	else
		ev->mouse = MOUSE_PRESS;
	ev->key = KEYC_MOUSE;
	ev->button = button;
	ev->x = (int)x;
	ev->y = (int)y;
}

/*
 * Parse the parameter bytes b[0..len) ("1;5", "<0;3;4") into p (absent ones
 * are -1) and the private marker (one of < = > ? at the start, or 0).
 * Returns the number of parameters, or -1 for a form we do not decode
 * (sub-parameters, markers in the middle, too many parameters).
 */
static int
keys_params(const uchar *b, size_t len, long *p, int *priv)
{
	size_t	 i = 0;
	int	 n = 0;

	*priv = 0;
	if (len > 0 && b[0] >= 0x3c && b[0] <= 0x3f)
		*priv = b[i++];
	if (i == len)
		return (0);
	p[0] = -1;
	for (; i < len; i++) {
		if (b[i] == ';') {
			if (++n == KEYS_MAX_PARAMS)
				return (-1);
			p[n] = -1;
		} else if (b[i] >= '0' && b[i] <= '9') {
			if (p[n] < 0)
				p[n] = 0;
			if (p[n] < KEYS_PARAM_MAX)
				p[n] = p[n] * 10 + (b[i] - '0');
		} else
			return (-1);
	}
	return (n + 1);
}

/*
 * What an escape sequence that is cut short (at the escape timeout) or
 * broken (a byte that cannot be in it) means: the user typed M-[ or M-O and
 * the bytes after it are keys of their own.  This is what tmux does.
 */
static size_t
keys_meta_intro(const uchar *b, struct key_event *ev)
{
	ev->key = KEYC_META | b[1];
	return (2);
}

/* A bracketed paste whose text starts at b[start]; 0 to wait for its end. */
static size_t
keys_paste(const uchar *b, size_t len, size_t start, struct key_event *ev)
{
	const uchar	*end;
	size_t		 n, used;

	end = memmem(b + start, len - start, keys_paste_end,
	    sizeof keys_paste_end - 1);
	if (end != NULL) {
		n = (size_t)(end - (b + start));
		used = (size_t)(end - b) + sizeof keys_paste_end - 1;
	} else if (len - start >= KEYS_PASTE_MAX) {
		n = len - start;
		used = len;
	} else
		return (0);
	ev->key = KEYC_PASTE;
	ev->paste = xmalloc(n + 1);
	memcpy(ev->paste, b + start, n);
	ev->paste[n] = '\0';
	ev->pastelen = n;
	return (used);
}

/* The key a CSI or SS3 sequence ending in f names, the same in both:
 * arrows, Home, End, F1-F4.  KEYC_NONE for any other final byte. */
static key_code
keys_letter(uchar f)
{
	switch (f) {
	case 'A':
		return (KEYC_UP);
	case 'B':
		return (KEYC_DOWN);
	case 'C':
		return (KEYC_RIGHT);
	case 'D':
		return (KEYC_LEFT);
	case 'H':
		return (KEYC_HOME);
	case 'F':
		return (KEYC_END);
	case 'P':
	case 'Q':
	case 'R':
	case 'S':
		return (KEYC_F1 + (f - 'P'));
	}
	return (KEYC_NONE);
}

/* ESC [ ...: b[0] is ESC, b[1] is '[' and len >= 2. */
static size_t
keys_csi(const uchar *b, size_t len, int final, int nested,
    struct key_event *ev)
{
	long	 p[KEYS_MAX_PARAMS];
	size_t	 i, pend;
	int	 n, priv;
	uchar	 f;
	key_code m, k;

	/* ESC [ [ A..E: F1-F5 on the Linux console. */
	if (len > 2 && b[2] == '[') {
		if (len == 3)
			return (final ? keys_meta_intro(b, ev) : 0);
		if (b[3] < 'A' || b[3] > 'E')
			return (keys_meta_intro(b, ev));
		ev->key = KEYC_F1 + (b[3] - 'A');
		return (4);
	}

	/* ESC [ M cb cx cy: X10 mouse, each byte offset by 32. */
	if (len > 2 && b[2] == 'M') {
		if (len < 6)
			return (final ? keys_meta_intro(b, ev) : 0);
		keys_mouse(ev, (long)b[3] - 32, (long)b[4] - 33,
		    (long)b[5] - 33, 0, 0);
		return (6);
	}

	/* Parameter bytes, intermediate bytes, one final byte. */
	for (i = 2; i < len && i < KEYS_CSI_MAX && b[i] >= 0x30 && b[i] <= 0x3f;
	    i++)
		/* nothing */;
	pend = i;
	while (i < len && i < KEYS_CSI_MAX && b[i] >= 0x20 && b[i] <= 0x2f) {
		if (b[i] == '$' && i == pend && i > 2 && b[2] <= '9')
			break;		/* rxvt S- (ESC [ 3 $): a final */
		i++;
	}
	if (i == KEYS_CSI_MAX)
		return (keys_meta_intro(b, ev));
	if (i == len)
		return (final ? keys_meta_intro(b, ev) : 0);
	f = b[i];
	if ((f < 0x40 || f > 0x7e) && f != '$')
		return (keys_meta_intro(b, ev));

	/* A complete sequence of i + 1 bytes: unknown unless decoded below. */
	ev->key = KEYC_UNKNOWN;
	if (pend != i)
		return (i + 1);		/* intermediate bytes: not a key */
	if ((n = keys_params(b + 2, pend - 2, p, &priv)) < 0)
		return (i + 1);

	if (priv == '<') {
		if ((f == 'M' || f == 'm') && n == 3 && p[1] > 0 && p[2] > 0)
			keys_mouse(ev, p[0], p[1] - 1, p[2] - 1, 1, f == 'm');
		return (i + 1);
	}
	if (priv != 0)
		return (i + 1);

	m = n >= 2 ? keys_xterm_mods(p[1]) : 0;
	if ((k = keys_letter(f)) != KEYC_NONE) {
		ev->key = k | m;
		return (i + 1);
	}
	switch (f) {
	case '~':
	case '^':			/* rxvt: C- */
	case '$':			/* rxvt: S- */
	case '@':			/* rxvt: C-S- */
		if (n < 1 || p[0] < 0)
			break;
		if (f == '~' && p[0] == 200 && n == 1) {
			if (nested)
				break;	/* let the caller see ESC first */
			return (keys_paste(b, len, i + 1, ev));
		}
		if (f == '~' && p[0] == 27 && n == 3) {
			ev->key = keys_modified_char(p[2], m);
			break;
		}
		if (p[0] >= KEYS_NTILDE || keys_tilde[p[0]] == 0)
			break;
		if (f == '^')
			m |= KEYC_CTRL;
		else if (f == '$')
			m |= KEYC_SHIFT;
		else if (f == '@')
			m |= KEYC_CTRL | KEYC_SHIFT;
		ev->key = keys_tilde[p[0]] | m;
		break;
	case 'Z':
		ev->key = KEYC_BTAB | (m & ~KEYC_SHIFT);
		break;
	case 'a':			/* rxvt: S-Up ... */
	case 'b':
	case 'c':
	case 'd':
		if (n == 0) {
			ev->key = KEYC_SHIFT | (f == 'a' ? KEYC_UP :
			    f == 'b' ? KEYC_DOWN : f == 'c' ? KEYC_RIGHT :
			    KEYC_LEFT);
		}
		break;
	case 'I':
		if (n == 0)
			ev->key = KEYC_FOCUS_IN;
		break;
	case 'O':
		if (n == 0)
			ev->key = KEYC_FOCUS_OUT;
		break;
	case 'u':			/* CSI code;mods u */
		if (n >= 1)
			ev->key = keys_modified_char(p[0], m);
		break;
	}
	return (i + 1);
}

/* ESC O ...: b[0] is ESC, b[1] is 'O' and len >= 2. */
static size_t
keys_ss3(const uchar *b, size_t len, int final, struct key_event *ev)
{
	static const char	 keypad[] = "*+,-./0123456789";	/* j..y */
	long			 p[KEYS_MAX_PARAMS];
	size_t			 i;
	int			 n, priv;
	uchar			 f;
	key_code		 m = 0, k;

	for (i = 2; i < len && i < KEYS_CSI_MAX &&
	    ((b[i] >= '0' && b[i] <= '9') || b[i] == ';'); i++)
		/* nothing */;
	if (i == KEYS_CSI_MAX)
		return (keys_meta_intro(b, ev));
	if (i == len)
		return (final ? keys_meta_intro(b, ev) : 0);
	f = b[i];
	if (f < 0x40 || f > 0x7e)
		return (keys_meta_intro(b, ev));

	ev->key = KEYC_UNKNOWN;
	if ((n = keys_params(b + 2, i - 2, p, &priv)) < 0)
		return (i + 1);
	if (n > 0)			/* ESC O 5 A or ESC O 1;5 A */
		m = keys_xterm_mods(p[n - 1]);
	if ((k = keys_letter(f)) != KEYC_NONE) {
		ev->key = k | m;
		return (i + 1);
	}
	switch (f) {
	case 'a':			/* rxvt: C-Up ... */
		ev->key = KEYC_CTRL | KEYC_UP;
		break;
	case 'b':
		ev->key = KEYC_CTRL | KEYC_DOWN;
		break;
	case 'c':
		ev->key = KEYC_CTRL | KEYC_RIGHT;
		break;
	case 'd':
		ev->key = KEYC_CTRL | KEYC_LEFT;
		break;
	case 'M':			/* keypad Enter */
		ev->key = '\r' | (m & KEYC_META);
		break;
	case 'X':			/* keypad = */
		ev->key = '=' | (m & KEYC_META);
		break;
	default:
		if (f >= 'j' && f <= 'y')
			ev->key = (uchar)keypad[f - 'j'] | (m & KEYC_META);
		break;
	}
	return (i + 1);
}

/*
 * Decode one key at b[0..len), len > 0.  nested is set when b follows an ESC
 * that may make a meta key: then another ESC is only ever the Escape key and
 * a paste is not started.
 */
static size_t
keys_decode1(const uchar *b, size_t len, int final, int nested,
    struct key_event *ev)
{
	struct key_event	 in;
	uint32_t		 cp;
	size_t			 n;
	int			 u;
	key_code		 k;

	if (b[0] != 0x1b) {
		if (b[0] == 0) {
			ev->key = KEYC_CTRL | ' ';
			return (1);
		}
		u = utf8_decode((const char *)b, len, &cp);
		if (u == UTF8_TRUNCATED && !final)
			return (0);
		if (u <= 0) {
			ev->key = KEYC_UNKNOWN;
			return (1);
		}
		ev->key = cp;
		return ((size_t)u);
	}
	if (len == 1) {
		if (!final)
			return (0);
		ev->key = 0x1b;
		return (1);
	}
	if (b[1] == '[')
		return (keys_csi(b, len, final, nested, ev));
	if (b[1] == 'O')
		return (keys_ss3(b, len, final, ev));
	if (nested) {
		ev->key = 0x1b;
		return (1);
	}

	/* ESC then a key: that key with M-, if it has no M- or is not one. */
	memset(&in, 0, sizeof in);
	if ((n = keys_decode1(b + 1, len - 1, final, 1, &in)) == 0)
		return (0);
	k = in.key;
	if ((k & KEYC_META) || (k & KEYC_MASK_KEY) >= KEYC_PASTE) {
		ev->key = 0x1b;
		return (1);
	}
	ev->key = k | KEYC_META;
	return (n + 1);
}

/*
 * Decode one key event from the start of buf[0..len) into *ev, which is
 * overwritten (ev->paste is NULL unless the key is KEYC_PASTE).  Returns the
 * bytes consumed, or 0 if buf is empty or holds only the start of a longer
 * sequence.  ev->bytes holds the consumed bytes (the first 64 if more).
 *
 * final says the escape timeout has passed with no more input.  It changes
 * only what an incomplete start means:
 *  - a lone ESC is the Escape key (0x1b);
 *  - ESC [ or ESC O followed by an incomplete sequence is M-[ or M-O, and
 *    the bytes after those two are decoded as keys of their own (as tmux);
 *  - an incomplete UTF-8 character is KEYC_UNKNOWN for its first byte.
 * A bracketed paste (ESC [200~) waits for its end marker ESC [201~ even
 * when final is set, and returns 0 until it arrives; once 64 MiB of text
 * have arrived without it, the text so far is delivered, the rest then
 * arrives as ordinary keys and its end marker as KEYC_UNKNOWN.  Finding the
 * marker is O(len) per call.
 *
 * ESC followed by a key is that key with KEYC_META (ESC a is M-a, ESC ESC [A
 * is M-Up, ESC ESC is M-Escape), unless it already has M- or is a paste,
 * mouse, focus or unknown event: then the ESC alone is Escape.  Broken
 * sequences (a byte that cannot belong) are treated like incomplete ones
 * with final set, at once.  A complete CSI or SS3 sequence we do not know is
 * one KEYC_UNKNOWN.  An invalid UTF-8 byte is KEYC_UNKNOWN, consuming 1.
 * The NUL byte (C-Space, C-@) is KEYC_CTRL|' ', since 0 is KEYC_NONE.
 * Backspace is whatever the terminal sends: 0x7f (BSpace) or 0x08 (C-h).
 */
size_t
keys_decode(const char *buf, size_t len, int final, struct key_event *ev)
{
	size_t	 n;

	memset(ev, 0, sizeof *ev);
	if (len == 0)
		return (0);
	if ((n = keys_decode1((const uchar *)buf, len, final, 0, ev)) == 0) {
		ev->key = KEYC_NONE;
		return (0);
	}
	ev->len = n < sizeof ev->bytes ? n : sizeof ev->bytes;
	memcpy(ev->bytes, buf, ev->len);
	return (n);
}

/*
 * The tmux-style name of key k into buf (size bytes, truncated), returned:
 * modifiers as C-, M-, S- in that order ("C-M-b", "C-M-S-Up"), control
 * characters as C-a..C-z, C-\ C-] C-^ C-_ and C-Space, and the names of
 * key_names[] ("Enter", "PPage").  Other characters are themselves, UTF-8.
 */
const char *
keyc_name(key_code k, char *buf, size_t size)
{
	char		 out[64], *o = out;
	key_code	 base = k & KEYC_MASK_KEY, mods = k & KEYC_MASK_MOD;
	const char	*s = NULL;
	size_t		 i, n;
	char		 c = 0;

	if (k == KEYC_NONE)
		s = "None";
	else if (base == 0 || (base == ' ' && (mods & KEYC_CTRL))) {
		mods |= KEYC_CTRL;
		s = "Space";
	} else if (base < 0x20 && base != '\t' && base != '\r' &&
	    base != 0x1b) {
		mods |= KEYC_CTRL;
		c = (char)(base <= 0x1a ? base + 0x60 : base + 0x40);
	} else {
		for (i = 0; i < KEY_NNAMES; i++) {
			if (key_names[i].key == base) {
				s = key_names[i].name;
				break;
			}
		}
		if (s == NULL && (base >= KEYC_BASE ||
		    (base >= 0xd800 && base <= 0xdfff)))
			s = "Invalid";
	}
	if (k != KEYC_NONE) {
		if (mods & KEYC_CTRL) {
			memcpy(o, "C-", 2);
			o += 2;
		}
		if (mods & KEYC_META) {
			memcpy(o, "M-", 2);
			o += 2;
		}
		if (mods & KEYC_SHIFT) {
			memcpy(o, "S-", 2);
			o += 2;
		}
	}
	if (s != NULL) {
		n = strlen(s);
		memcpy(o, s, n);
		o += n;
	} else if (c != 0)
		*o++ = c;
	else
		o += utf8_encode(base, o);
	*o = '\0';

	if (size > 0) {
		n = (size_t)(o - out);
		if (n >= size)
			n = size - 1;
		memcpy(buf, out, n);
		buf[n] = '\0';
	}
	return (buf);
}

/*
 * The key named s: modifiers C- M- S- (any case, any order), then a name of
 * key_names[] (any case), ^c, or one UTF-8 character.  C- of a character
 * must give a control character (C-a, C-[, C-Space); S- applies only to
 * special keys (and S-Tab, which is BTab).  KEYC_NONE if s names no key.
 */
key_code
keyc_from_name(const char *s)
{
	key_code	 mods = 0, k = KEYC_NONE;
	uint32_t	 cp;
	size_t		 i, len;
	int		 n;

	for (; s[0] != '\0' && s[1] == '-'; s += 2) {
		switch (s[0]) {
		case 'C':
		case 'c':
			mods |= KEYC_CTRL;
			continue;
		case 'M':
		case 'm':
			mods |= KEYC_META;
			continue;
		case 'S':
		case 's':
			mods |= KEYC_SHIFT;
			continue;
		}
		break;
	}
	len = strlen(s);
	if (len == 0)
		return (KEYC_NONE);

	if (len == 2 && s[0] == '^') {
		if ((k = keys_ctrl((uchar)s[1])) == KEYC_NONE)
			return (KEYC_NONE);
	} else if ((n = utf8_decode(s, len, &cp)) > 0 &&
	    (size_t)n == len)
		k = cp;
	else {
		for (i = 0; i < KEY_NNAMES; i++) {
			if (strcasecmp(key_names[i].name, s) == 0) {
				k = key_names[i].key;
				break;
			}
		}
		if (k == KEYC_NONE || k == KEYC_UNKNOWN)
			return (KEYC_NONE);
	}

	if (k >= KEYC_PASTE)		/* events, not keys: no modifiers */
		return (mods == 0 ? k : KEYC_NONE);
	if (k >= KEYC_BASE)
		return (k | mods);
	if (mods & KEYC_SHIFT) {
		if (k != '\t')
			return (KEYC_NONE);
		k = KEYC_BTAB;
		mods &= ~KEYC_SHIFT;
		return (k | mods);
	}
	if ((mods & KEYC_CTRL) && (k & KEYC_CTRL) == 0) {
		if ((k = keys_ctrl(k)) == KEYC_NONE)
			return (KEYC_NONE);
	}
	return (k | (mods & KEYC_META));
}

/*
 * The bytes an xterm sends for key k, into buf (at least 16 bytes), and
 * their length: what keys_decode() reads back as k.  Meta is an ESC
 * before the key; modified special keys are CSI 1;M X or CSI N;M ~ with
 * xterm's modifier parameter.  0 for what is no key (KEYC_PASTE, mouse,
 * focus events) and for modifiers no terminal sends (S- on a character).
 * send-keys (cmd-input.c) types keys with it.
 */
size_t
keyc_bytes(key_code k, char *buf, size_t size)
{
	static const struct {
		key_code	 key;
		char		 letter;	/* CSI 1;M X, or 0 */
		int		 tilde;		/* CSI N;M ~ */
		const char	*plain;		/* without modifiers */
	} special[] = {
		{ KEYC_UP, 'A', 0, "\033[A" },
		{ KEYC_DOWN, 'B', 0, "\033[B" },
		{ KEYC_RIGHT, 'C', 0, "\033[C" },
		{ KEYC_LEFT, 'D', 0, "\033[D" },
		{ KEYC_HOME, 'H', 0, "\033[H" },
		{ KEYC_END, 'F', 0, "\033[F" },
		{ KEYC_IC, 0, 2, "\033[2~" },
		{ KEYC_DC, 0, 3, "\033[3~" },
		{ KEYC_PPAGE, 0, 5, "\033[5~" },
		{ KEYC_NPAGE, 0, 6, "\033[6~" },
		{ KEYC_BTAB, 0, 0, "\033[Z" },
		{ KEYC_F1, 'P', 0, "\033OP" },
		{ KEYC_F2, 'Q', 0, "\033OQ" },
		{ KEYC_F3, 'R', 0, "\033OR" },
		{ KEYC_F4, 'S', 0, "\033OS" },
		{ KEYC_F5, 0, 15, "\033[15~" },
		{ KEYC_F6, 0, 17, "\033[17~" },
		{ KEYC_F7, 0, 18, "\033[18~" },
		{ KEYC_F8, 0, 19, "\033[19~" },
		{ KEYC_F9, 0, 20, "\033[20~" },
		{ KEYC_F10, 0, 21, "\033[21~" },
		{ KEYC_F11, 0, 23, "\033[23~" },
		{ KEYC_F12, 0, 24, "\033[24~" },
	};
	key_code	 base = k & KEYC_MASK_KEY, mods = k & KEYC_MASK_MOD;
	char		 out[32];
	size_t		 n = 0, i;
	int		 m;

	if (k == KEYC_NONE || size == 0)
		return (0);
	if (base < KEYC_BASE) {
		if (mods & KEYC_SHIFT)
			return (0);
		if ((mods & KEYC_CTRL) && base != ' ')
			return (0);
		if (mods & KEYC_META)
			out[n++] = '\033';
		if (mods & KEYC_CTRL)		/* C-Space: NUL */
			out[n++] = '\0';
		else if ((i = utf8_encode(base, out + n)) == 0)
			return (0);
		else
			n += i;
	} else {
		for (i = 0; i < sizeof special / sizeof special[0]; i++)
			if (special[i].key == base)
				break;
		if (i == sizeof special / sizeof special[0])
			return (0);
		m = 1 + ((mods & KEYC_SHIFT) ? 1 : 0) +
		    ((mods & KEYC_META) ? 2 : 0) + ((mods & KEYC_CTRL) ? 4 : 0);
		if (m == 1 || base == KEYC_BTAB) {
			if (base == KEYC_BTAB && (mods & KEYC_META))
				out[n++] = '\033';
			memcpy(out + n, special[i].plain,
			    strlen(special[i].plain));
			n += strlen(special[i].plain);
		} else if (special[i].letter != 0)
			n = (size_t)snprintf(out, sizeof out, "\033[1;%d%c", m,
			    special[i].letter);
		else
			n = (size_t)snprintf(out, sizeof out, "\033[%d;%d~",
			    special[i].tilde, m);
	}
	if (n > size)
		return (0);
	memcpy(buf, out, n);
	return (n);
}
