/*
 * transcript.c: a pane's transcript as plain text, as a person saw it:
 * the scrollback's lines and the terminal's (outbuf.c; escape sequences
 * already carried out), anything left unprintable as U+FFFD or caret
 * notation (utf8_sanitize), then the prompt the pane shows now.  What
 * capture-pane, expect, --batch and the tests read.
 *
 * It sits above pane.c: it takes one consistent copy of a pane's lines
 * and prompt (pane_lines) and where its last input began (pane_last_input),
 * and renders them; pane.c calls nothing here.  Any thread that may use
 * the pane (the UI thread, the batch runner, a test): the copies are made
 * under the pane's lock, the rendering with no lock held.
 */
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

static char *transcript_make(struct pane *, uint64_t, int, size_t *);

/* The transcript as a person saw it, with the pending prompt. */
char *
pane_transcript(struct pane *p, size_t *outlen)
{
	return (transcript_make(p, 0, 0, outlen));
}

/* The same with SGR sequences for the colours and attributes (capture -e,
 * as tmux's capture-pane -e). */
char *
pane_transcript_sgr(struct pane *p, size_t *outlen)
{
	return (transcript_make(p, 0, 1, outlen));
}

/*
 * The last input's echo and what followed: what expect looks at.  NULL
 * while input sent to the pane has not all been taken (then the last
 * input is not echoed yet).
 */
char *
pane_recent(struct pane *p, size_t *outlen)
{
	uint64_t	 mark;

	if (!pane_last_input(p, &mark))
		return (NULL);
	return (pane_transcript_from(p, mark, outlen));
}

/* Append len bytes of s to the growing text. */
static void
transcript_add(char **out, size_t *len, size_t *cap, const char *s,
    size_t sl)
{
	if (*len + sl + 2 > *cap) {
		while (*len + sl + 2 > *cap)
			*cap *= 2;
		*out = xrealloc(*out, *cap);
	}
	memcpy(*out + *len, s, sl);
	*len += sl;
}

/* The transcript from absolute line `from` (older lines may be gone). */
char *
pane_transcript_from(struct pane *p, uint64_t from, size_t *outlen)
{
	return (transcript_make(p, from, 0, outlen));
}

static char *
transcript_make(struct pane *p, uint64_t from, int sgr, size_t *outlen)
{
	struct outbuf_line	*lines;
	size_t			 n, i, len = 0, cap = 256, sl;
	char			*out, *s, *prompt;

	n = pane_lines(p, from, &lines, &prompt);
	out = xmalloc(cap);
	for (i = 0; i < n; i++) {
		if (sgr) {
			s = outbuf_line_sgr(&lines[i]);
			sl = strlen(s);
		} else
			s = utf8_sanitize(lines[i].text, lines[i].len, 0, &sl);
		transcript_add(&out, &len, &cap, s, sl);
		free(s);
		if (i + 1 < n)
			out[len++] = '\n';
	}
	if (n > 0 && outbuf_at_line_start(pane_outbuf(p)))
		out[len++] = '\n';	/* the cursor is on the next row */
	outbuf_free_lines(lines, n);
	if (prompt != NULL) {
		transcript_add(&out, &len, &cap, prompt, strlen(prompt));
		free(prompt);
	}
	if (len > 0 && out[len - 1] != '\n')
		out[len++] = '\n';
	out[len] = '\0';
	*outlen = len;
	return (out);
}
