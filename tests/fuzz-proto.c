/*
 * fuzz-proto.c: libFuzzer target for the decoder of server messages
 * (proto.c), as the server runs it on bytes from a client.
 *
 * The input arrives in pieces (the first byte chooses where it is cut, as
 * reads would cut it) into a buffer that proto_get decodes from, message
 * by message, as server.c does; a command's payload goes through
 * proto_argv.  Checked, not merely survived:
 *   a message	its type is one proto.c knows, its length at most
 *		PROTO_MAX, and it lies whole within the bytes received
 *		(used == 8 + length); encoded again with proto_put it decodes
 *		to the same type and bytes;
 *   "not yet"	only while fewer bytes than a header, or than the length
 *		the header gives, have arrived;
 *   malformed	a cause, and decoding stops there (the client is dropped);
 *   a command	proto_argv either fails with a cause or gives words that
 *		proto_pack_argv packs back to the same payload.
 * A violation calls __builtin_trap().  Built as tests/fuzz-script.c is:
 * with libFuzzer, or with -DFUZZ_MAIN_REPLAY for make check's replay of
 * tests/fuzz/proto-corpus.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "subplex.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(e) do { if (!(e)) __builtin_trap(); } while (0)

static uint32_t
u32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return ((uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
	    (uint32_t)u[3] << 24);
}

static void
check_command(const struct proto_msg *m)
{
	char	**argv, *cause = NULL, *packed;
	size_t	 len;
	int	 argc;

	if (proto_argv(m->data, m->len, &argc, &argv, &cause) != 0) {
		CHECK(cause != NULL);
		free(cause);
		return;
	}
	CHECK(argc >= 1 && argc <= PROTO_MAX_WORDS && argv[argc] == NULL);
	packed = proto_pack_argv(argc, argv, &len);
	CHECK(len == m->len && memcmp(packed, m->data, len) == 0);
	free(packed);
	proto_free_argv(argc, argv);
}

/* Decode what has arrived; 0 to go on, -1 once it was malformed. */
static int
decode(struct proto_buf *in)
{
	struct proto_buf	 again;
	struct proto_msg	 m, m2;
	size_t			 used, used2;
	char			*cause = NULL;
	int			 r;

	while ((r = proto_get(in->data, in->len, &m, &used, &cause)) == 1) {
		CHECK(cause == NULL);
		CHECK(used == 8 + m.len && used <= in->len);
		CHECK(m.len <= PROTO_MAX);
		CHECK(m.data == in->data + 8);
		CHECK((uint32_t)m.type == u32(in->data));
		memset(&again, 0, sizeof again);
		proto_put(&again, m.type, m.data, m.len);
		CHECK(proto_get(again.data, again.len, &m2, &used2, &cause) ==
		    1);
		CHECK(m2.type == m.type && m2.len == m.len && used2 == used &&
		    memcmp(m2.data, m.data, m.len) == 0);
		proto_buf_free(&again);
		if (m.type == PROTO_COMMAND)
			check_command(&m);
		proto_consume(in, used);
	}
	if (r == 0) {
		CHECK(cause == NULL);
		CHECK(in->len < 8 || in->len - 8 < u32(in->data + 4));
		return (0);
	}
	CHECK(r == -1 && cause != NULL);
	free(cause);
	return (-1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_buf	 in;
	size_t			 step, off = 0, n;

	if (size == 0)
		return (0);
	step = (size_t)data[0] % 17 + 1;	/* how reads cut the bytes */
	data++;
	size--;
	memset(&in, 0, sizeof in);
	while (off < size) {
		n = size - off < step ? size - off : step;
		in.data = xrealloc(in.data, in.len + n);
		memcpy(in.data + in.len, data + off, n);
		in.len += n;
		in.cap = in.len;
		off += n;
		if (decode(&in) != 0)
			break;
	}
	proto_buf_free(&in);
	return (0);
}

#ifdef FUZZ_MAIN_REPLAY
#include "fuzz-replay.h"
#endif
