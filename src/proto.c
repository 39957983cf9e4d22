/*
 * proto.c: the messages between a subplex server and its clients, and
 * where the server's socket lives.
 *
 * A message is an 8-byte header -- its type and the length of its payload,
 * each a 32-bit little-endian number -- then the payload.  proto_get
 * decodes one from bytes received so far: a whole message, "not yet" or
 * malformed (an unknown type, a length over PROTO_MAX), and never reads
 * past what it was given, so it is fuzzed (tests/fuzz-proto.c) like the
 * script parser.  A command travels as its words, each ended by a NUL
 * (proto_argv checks them).  Pure: no I/O but for proto_socket_path's
 * mkdir and stat; any thread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "subplex.h"

#define PROTO_HEADER	8

static uint32_t
proto_u32(const unsigned char *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

static void
proto_put_u32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static int
proto_known(uint32_t type)
{
	switch (type) {
	case PROTO_HELLO:
	case PROTO_COMMAND:
	case PROTO_INFO:
	case PROTO_CONTROL:
	case PROTO_LINE:
	case PROTO_ATTACH:
	case PROTO_RESIZE:
	case PROTO_SIGNAL:
	case PROTO_DETACHED:
	case PROTO_SUSPEND:
	case PROTO_STDOUT:
	case PROTO_STDERR:
	case PROTO_EXIT:
	case PROTO_EVENT:
		return (1);
	}
	return (0);
}

/* Append one message to b. */
void
proto_put(struct proto_buf *b, enum proto_type type, const void *data,
    size_t len)
{
	unsigned char	 h[PROTO_HEADER];

	if (len > PROTO_MAX)
		fatalx("proto_put: %zu bytes", len);
	proto_put_u32(h, (uint32_t)type);
	proto_put_u32(h + 4, (uint32_t)len);
	if (b->len + sizeof h + len > b->cap) {
		while (b->len + sizeof h + len > b->cap)
			b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, h, sizeof h);
	if (len > 0)
		memcpy(b->data + b->len + sizeof h, data, len);
	b->len += sizeof h + len;
}

/* Append bytes received to b. */
void
proto_append(struct proto_buf *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap == 0 ? 65536 : b->cap * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, data, n);
	b->len += n;
}

/* Drop the first n bytes of b (sent, or decoded). */
void
proto_consume(struct proto_buf *b, size_t n)
{
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
}

void
proto_buf_free(struct proto_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/*
 * One message from buf[0..len): 1 with *msg (its payload points into buf)
 * and *used; 0 when more bytes are needed; -1 with a cause when the bytes
 * cannot be a message.
 */
int
proto_get(const char *buf, size_t len, struct proto_msg *msg, size_t *used,
    char **cause)
{
	const unsigned char	*p = (const unsigned char *)buf;
	uint32_t		 type, n;

	if (len < PROTO_HEADER)
		return (0);
	type = proto_u32(p);
	n = proto_u32(p + 4);
	if (!proto_known(type)) {
		xasprintf(cause, "unknown message type %u", type);
		return (-1);
	}
	if (n > PROTO_MAX) {
		xasprintf(cause, "message of %u bytes (the most is %u)", n,
		    PROTO_MAX);
		return (-1);
	}
	if (len - PROTO_HEADER < n)
		return (0);
	msg->type = (enum proto_type)type;
	msg->data = buf + PROTO_HEADER;
	msg->len = n;
	*used = PROTO_HEADER + n;
	return (1);
}

/*
 * A short decimal payload (a version, a signal, an exit status), with or
 * without a NUL at its end: 0 and *out, or -1 when it is not one.  Reads
 * only the payload's bytes.
 */
int
proto_number(const struct proto_msg *m, long *out)
{
	size_t	 n = m->len, i;

	if (n > 0 && m->data[n - 1] == '\0')
		n--;
	if (n == 0 || n > 9)
		return (-1);
	for (*out = 0, i = 0; i < n; i++) {
		if (m->data[i] < '0' || m->data[i] > '9')
			return (-1);
		*out = *out * 10 + (m->data[i] - '0');
	}
	return (0);
}

/* A command's words as one payload: each ended by a NUL. */
char *
proto_pack_argv(int argc, char **argv, size_t *len)
{
	size_t	 n = 0, k;
	char	*out;
	int	 i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	out = xmalloc(n > 0 ? n : 1);
	for (n = 0, i = 0; i < argc; i++) {
		k = strlen(argv[i]) + 1;
		memcpy(out + n, argv[i], k);
		n += k;
	}
	*len = n;
	return (out);
}

/* The words of a PROTO_COMMAND payload (free with proto_free_argv). */
int
proto_argv(const char *data, size_t len, int *argc, char ***argv,
    char **cause)
{
	size_t	 i, start;
	int	 n = 0;

	if (len == 0 || data[len - 1] != '\0') {
		xasprintf(cause, "a command whose words are not NUL-ended");
		return (-1);
	}
	for (i = 0; i < len; i++)
		if (data[i] == '\0')
			n++;
	if (n > PROTO_MAX_WORDS) {
		xasprintf(cause, "a command of %d words (the most is %d)", n,
		    PROTO_MAX_WORDS);
		return (-1);
	}
	*argv = xcalloc((size_t)n + 1, sizeof **argv);
	for (*argc = 0, start = 0, i = 0; i < len; i++) {
		if (data[i] == '\0') {
			(*argv)[(*argc)++] = xstrndup(data + start, i - start);
			start = i + 1;
		}
	}
	return (0);
}

void
proto_free_argv(int argc, char **argv)
{
	while (argc > 0)
		free(argv[--argc]);
	free(argv);
}

/*
 * The socket of server label (-L) or path (-S): path as given, else
 * $XDG_RUNTIME_DIR/subplex/LABEL or ${TMPDIR:-/tmp}/subplex-UID/LABEL.
 * create: make the directory (0700) if it is missing.  The directory
 * must be the user's own and reachable by nobody else.
 */
char *
proto_socket_path(const char *label, const char *path, int create,
    char **cause)
{
	const char	*base, *tmp;
	struct stat	 sb;
	char		*dir, *out;

	if (path != NULL)
		return (xstrdup(path));
	if (label == NULL || *label == '\0' || strchr(label, '/') != NULL) {
		xasprintf(cause, "-L takes a name without '/', not '%s'",
		    label != NULL ? label : "");
		return (NULL);
	}
	if ((base = getenv("XDG_RUNTIME_DIR")) != NULL && *base == '/')
		xasprintf(&dir, "%s/subplex", base);
	else {
		tmp = getenv("TMPDIR");
		xasprintf(&dir, "%s/subplex-%u", tmp != NULL && *tmp == '/' ?
		    tmp : "/tmp", (unsigned int)getuid());
	}
	if (create && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		return (NULL);
	}
	if (lstat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode) || sb.st_uid != getuid() ||
		    (sb.st_mode & 077) != 0) {
			xasprintf(cause, "%s: not a directory of this user's "
			    "alone (mode 0700)", dir);
			free(dir);
			return (NULL);
		}
	} else if (create) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		free(dir);
		return (NULL);
	}
	xasprintf(&out, "%s/%s", dir, label);
	free(dir);
	return (out);
}
