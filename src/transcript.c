/*
 * transcript.c: a pane's transcript as plain text, as a person saw it:
 * the scrollback's lines, controls in caret notation and invalid UTF-8 as
 * U+FFFD (utf8_sanitize), then the prompt the pane shows now.  What
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

/* The transcript as a person saw it, with the pending prompt. */
char *
pane_transcript(struct pane *p, size_t *outlen)
{
	return (pane_transcript_from(p, 0, outlen));
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
	struct outbuf_line	*lines;
	size_t			 n, i, len = 0, cap = 256, sl;
	char			*out, *s, *prompt;

	n = pane_lines(p, from, &lines, &prompt);
	out = xmalloc(cap);
	for (i = 0; i < n; i++) {
		s = utf8_sanitize(lines[i].text, lines[i].len, 0, &sl);
		transcript_add(&out, &len, &cap, s, sl);
		free(s);
		if (i + 1 < n)
			out[len++] = '\n';
	}
	if (n > 0 && outbuf_at_line_start(pane_outbuf(p)) &&
	    lines[n - 1].len > 0)
		out[len++] = '\n';
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
