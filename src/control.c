/*
 * control.c: control mode's events, as JSON lines, for programs.
 *
 * A program that runs `subplex control` is told what happens in the
 * session without scraping a screen: a hello (the protocol version and the
 * panes), then pane-added, pane-closed, pane-exited, output (pane, stream:
 * stdout, stderr, fd, input or note, text), prompt (the pane is ready for
 * input), input-wanted (its code is in input()), run-finished (pane, the
 * input's number, status ok, exception with its type and message, or exit
 * with its code, and the seconds it took), and the reply to each command
 * it sent.  Each event is one JSON object on one line.  control_poll
 * compares what the engine shows now (pane_info, the scrollback) with what
 * this program was last told and returns the difference; it never waits.
 * Runs on the server's thread (server.c); it knows nothing of sockets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

/* What one program was last told of one pane. */
struct control_pane {
	unsigned int	 handle;
	enum pane_state	 state;
	uint64_t	 line;		/* absolute line of the next output */
	size_t		 off;		/* bytes of it already sent */
	uint64_t	 run;		/* the last run-finished's input */
	uint64_t	 input_waits;	/* input() waits told */
	int		 seen;		/* still there (poll's mark) */
};

struct control {
	struct control_pane	*panes;
	size_t			 npanes;
	char			*out;
	size_t			 len, cap;
};

static void
control_put(struct control *c, const char *s, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		while (c->len + n + 1 > c->cap)
			c->cap = c->cap == 0 ? 4096 : c->cap * 2;
		c->out = xrealloc(c->out, c->cap);
	}
	memcpy(c->out + c->len, s, n);
	c->len += n;
	c->out[c->len] = '\0';
}

static void
control_str(struct control *c, const char *s)
{
	control_put(c, s, strlen(s));
}

static void
control_printf(struct control *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
control_printf(struct control *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&s, fmt, ap);
	va_end(ap);
	control_put(c, s, (size_t)n);
	free(s);
}

/* A JSON string: controls escaped, invalid UTF-8 as U+FFFD. */
static void
control_string(struct control *c, const char *s, size_t n)
{
	uint32_t	 cp;
	char		 esc[8];
	size_t		 i = 0;
	int		 k;

	control_str(c, "\"");
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\') {
			esc[0] = '\\';
			esc[1] = (char)ch;
			control_put(c, esc, 2);
			i++;
		} else if (ch == '\n') {
			control_str(c, "\\n");
			i++;
		} else if (ch == '\t') {
			control_str(c, "\\t");
			i++;
		} else if (ch < 0x20 || ch == 0x7f) {
			snprintf(esc, sizeof esc, "\\u%04x", ch);
			control_put(c, esc, 6);
			i++;
		} else if (ch < 0x80) {
			control_put(c, s + i, 1);
			i++;
		} else if ((k = utf8_decode(s + i, n - i, &cp)) > 0) {
			control_put(c, s + i, (size_t)k);
			i += (size_t)k;
		} else {
			control_str(c, "\\ufffd");
			i++;
		}
	}
	control_str(c, "\"");
}

static void
control_cstring(struct control *c, const char *s)
{
	control_string(c, s, strlen(s));
}

/* "pane":NAME,"id":HANDLE -- how every event names its pane. */
static void
control_pane_ref(struct control *c, const char *name, unsigned int handle)
{
	control_str(c, "\"pane\":");
	control_cstring(c, name);
	control_printf(c, ",\"id\":%u", handle);
}

struct control *
control_new(void)
{
	return (xcalloc(1, sizeof (struct control)));
}

void
control_free(struct control *c)
{
	if (c == NULL)
		return;
	free(c->panes);
	free(c->out);
	free(c);
}

static struct control_pane *
control_find(struct control *c, unsigned int handle)
{
	size_t	 i;

	for (i = 0; i < c->npanes; i++)
		if (c->panes[i].handle == handle)
			return (&c->panes[i]);
	return (NULL);
}

/* A pane to follow from now on (from its start: from_start). */
static struct control_pane *
control_add(struct control *c, struct pane *p, int from_start)
{
	struct control_pane	*cp;
	struct outbuf		*ob = pane_outbuf(p);
	struct outbuf_line	*l;
	size_t			 n;

	c->panes = xreallocarray(c->panes, c->npanes + 1, sizeof *c->panes);
	cp = &c->panes[c->npanes++];
	memset(cp, 0, sizeof *cp);
	cp->handle = pane_handle(p);
	cp->state = PANE_STARTING;
	if (!from_start) {
		struct pane_info pi;

		/* Told as it is now: only changes make events. */
		pane_info(p, &pi);
		cp->state = pi.state;
		cp->run = pi.run.input;
		cp->input_waits = pi.input_waits;
		pane_info_free(&pi);
		/* Only what comes after: the end of what is there now. */
		n = outbuf_count(ob);
		cp->line = outbuf_first(ob) + n;
		if (n > 0 && !outbuf_at_line_start(ob) &&
		    outbuf_copy(ob, n - 1, 1, &l) == 1) {
			cp->line--;
			cp->off = l[0].len;
			outbuf_free_lines(l, 1);
		}
	}
	return (cp);
}

static const char *
control_stream(uint8_t style)
{
	switch (style) {
	case STYLE_OUT:
		return ("stdout");
	case STYLE_ERR:
		return ("stderr");
	case STYLE_FD:
		return ("fd");
	case STYLE_INPUT:
		return ("input");
	case STYLE_NOTE:
		return ("note");
	}
	return (NULL);		/* prompts: the prompt event says them */
}

static void
control_output_run(struct control *c, struct pane_info *pi, uint8_t style,
    const char *text, size_t n)
{
	const char	*stream = control_stream(style);

	if (stream == NULL || n == 0)
		return;
	control_str(c, "{\"type\":\"output\",");
	control_pane_ref(c, pi->name, pi->handle);
	control_printf(c, ",\"stream\":\"%s\",\"text\":", stream);
	control_string(c, text, n);
	control_str(c, "}\n");
}

/* The pane's new output, one event per run of one stream. */
static void
control_output(struct control *c, struct control_pane *cp, struct pane *p,
    struct pane_info *pi)
{
	struct outbuf		*ob = pane_outbuf(p);
	struct outbuf_line	*lines;
	uint64_t		 first = outbuf_first(ob);
	size_t			 count = outbuf_count(ob), n, i, j, start;
	int			 open = !outbuf_at_line_start(ob);
	char			*text;

	if (cp->line < first) {		/* scrolled away meanwhile */
		cp->line = first;
		cp->off = 0;
	}
	if (cp->line >= first + count)
		return;
	n = outbuf_copy(ob, (size_t)(cp->line - first),
	    (size_t)(first + count - cp->line), &lines);
	for (i = 0; i < n; i++) {
		struct outbuf_line *l = &lines[i];
		int last_open = open && i == n - 1;
		size_t from = i == 0 ? cp->off : 0;

		if (from > l->len)
			from = l->len;
		/* Runs of one style; a closed line's newline ends its run. */
		for (start = from, j = from; j <= l->len; j++) {
			if (j < l->len && VT_ATTR_STYLE(l->attr[j]) ==
			    VT_ATTR_STYLE(l->attr[start]))
				continue;
			if (j == l->len && !last_open) {
				text = xmalloc(j - start + 1);
				memcpy(text, l->text + start, j - start);
				text[j - start] = '\n';
				control_output_run(c, pi, start < l->len ?
				    VT_ATTR_STYLE(l->attr[start]) : l->len > 0 ?
				    VT_ATTR_STYLE(l->attr[l->len - 1]) :
				    STYLE_OUT, text, j - start + 1);
				free(text);
			} else
				control_output_run(c, pi,
				    VT_ATTR_STYLE(l->attr[start]),
				    l->text + start, j - start);
			start = j;
		}
		if (last_open) {
			cp->line += i;
			cp->off = l->len;
		}
	}
	if (!open) {
		cp->line += n;
		cp->off = 0;
	}
	outbuf_free_lines(lines, n);
}

static const char *
control_run_status(enum pane_run_status s)
{
	switch (s) {
	case RUN_OK:
		return ("ok");
	case RUN_EXCEPTION:
		return ("exception");
	case RUN_EXIT:
		return ("exit");
	case RUN_NONE:
		break;
	}
	return ("none");
}

/* What changed for one pane since the last poll. */
static void
control_pane(struct control *c, struct control_pane *cp, struct pane *p)
{
	struct pane_info	 pi;
	int			 finished;

	pane_info(p, &pi);
	control_output(c, cp, p, &pi);
	/* Counted, so that an input() answered at once is told too. */
	if (pi.input_waits != cp->input_waits) {
		cp->input_waits = pi.input_waits;
		control_str(c, "{\"type\":\"input-wanted\",");
		control_pane_ref(c, pi.name, pi.handle);
		control_printf(c, ",\"secret\":%s}\n", pi.secret ? "true" :
		    "false");
	}
	finished = 0;
	if (pi.run.input != cp->run && pi.run.status != RUN_NONE) {
		finished = 1;
		cp->run = pi.run.input;
		control_str(c, "{\"type\":\"run-finished\",");
		control_pane_ref(c, pi.name, pi.handle);
		control_printf(c, ",\"input\":%llu,\"status\":\"%s\"",
		    (unsigned long long)pi.run.input,
		    control_run_status(pi.run.status));
		if (pi.run.status == RUN_EXCEPTION) {
			control_str(c, ",\"exception\":{\"type\":");
			control_cstring(c, pi.run.exc_type);
			control_str(c, ",\"message\":");
			control_cstring(c, pi.run.exc_msg);
			control_str(c, "}");
		} else if (pi.run.status == RUN_EXIT)
			control_printf(c, ",\"code\":%d", pi.run.exit_status);
		control_printf(c, ",\"seconds\":%.6f}\n", pi.run.seconds);
	}
	if (pi.state != cp->state || (finished && pi.state == PANE_IDLE)) {
		if (pi.state == PANE_IDLE && pi.prompt != NULL) {
			control_str(c, "{\"type\":\"prompt\",");
			control_pane_ref(c, pi.name, pi.handle);
			control_str(c, ",\"prompt\":");
			control_cstring(c, pi.prompt);
			control_printf(c, ",\"more\":%s}\n", pi.more ? "true" :
			    "false");
		} else if (pi.state == PANE_DEAD) {
			control_str(c, "{\"type\":\"pane-exited\",");
			control_pane_ref(c, pi.name, pi.handle);
			control_printf(c, ",\"code\":%d}\n", pi.exit_status);
		}
		/* A prompt comes once the pane has one. */
		if (pi.state != PANE_IDLE || pi.prompt != NULL)
			cp->state = pi.state;
	}
	pane_info_free(&pi);
}

/* The first event: the protocol, the versions, the panes. */
char *
control_hello(struct control *c)
{
	struct pane_info	 pi;
	size_t			 i;

	c->len = 0;
	control_printf(c, "{\"type\":\"hello\",\"protocol\":%d,\"subplex\":"
	    "\"%s\",\"python\":\"%s\",\"panes\":[", PROTO_VERSION,
	    PACKAGE_VERSION, interp_python_version());
	for (i = 0; i < pane_count(); i++) {
		pane_info(pane_at(i), &pi);
		control_printf(c, "%s{", i > 0 ? "," : "");
		control_pane_ref(c, pi.name, pi.handle);
		control_printf(c, ",\"index\":%d,\"state\":\"%s\"}", pi.index,
		    pane_state_name(pi.state));
		pane_info_free(&pi);
		(void)control_add(c, pane_at(i), 0);
	}
	control_str(c, "]}\n");
	return (xstrdup(c->out));
}

/* The events since the last call, as JSON lines; NULL if none. */
char *
control_poll(struct control *c)
{
	struct control_pane	*cp;
	struct pane		*p;
	size_t			 i;

	c->len = 0;
	for (i = 0; i < c->npanes; i++)
		c->panes[i].seen = 0;
	for (i = 0; i < pane_count(); i++) {
		p = pane_at(i);
		if ((cp = control_find(c, pane_handle(p))) == NULL) {
			cp = control_add(c, p, 1);
			control_str(c, "{\"type\":\"pane-added\",");
			control_pane_ref(c, pane_name(p), pane_handle(p));
			control_printf(c, ",\"index\":%zu}\n", i);
		}
		cp->seen = 1;
		control_pane(c, cp, p);
	}
	for (i = 0; i < c->npanes; i++) {
		if (c->panes[i].seen)
			continue;
		control_printf(c, "{\"type\":\"pane-closed\",\"id\":%u}\n",
		    c->panes[i].handle);
		c->panes[i--] = c->panes[--c->npanes];
	}
	return (c->len > 0 ? xstrdup(c->out) : NULL);
}

/* The reply to command number id: its output, or its error. */
char *
control_reply(struct control *c, unsigned long id, const char *output,
    size_t len, const char *error)
{
	c->len = 0;
	control_printf(c, "{\"type\":\"reply\",\"id\":%lu,\"ok\":%s", id,
	    error == NULL ? "true" : "false");
	if (error != NULL) {
		control_str(c, ",\"error\":");
		control_cstring(c, error);
	} else {
		control_str(c, ",\"output\":");
		control_string(c, output != NULL ? output : "", len);
	}
	control_str(c, "}\n");
	return (xstrdup(c->out));
}
