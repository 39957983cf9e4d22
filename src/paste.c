/*
 * paste.c: the session's paste buffers, as tmux's.
 *
 * A buffer is a name and bytes.  Copy mode, capture -b and set-buffer add
 * them; the newest is first, and paste-buffer, show-buffer and save-buffer
 * take it when no name is given.  Buffers named automatically (bufferN,
 * N counting up for the session) are dropped oldest first beyond
 * buffer-limit, as tmux's automatic buffers are; named ones stay until
 * deleted.  Pure data: no I/O, no calls upward.  Runs on the thread of the
 * clients' loop (the UI thread, or the main thread in batch mode).  Cost:
 * a lookup or an add is O(buffers); there are few.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "subplex.h"

static struct paste_buffer	*paste_list;	/* newest first */
static unsigned int		 paste_next;	/* the next bufferN */
static size_t			 paste_automatic;

/* The buffer called name, or NULL. */
struct paste_buffer *
paste_get(const char *name)
{
	struct paste_buffer	*pb;

	for (pb = paste_list; pb != NULL; pb = pb->next)
		if (strcmp(pb->name, name) == 0)
			return (pb);
	return (NULL);
}

/* The newest buffer, or NULL; then the next older. */
struct paste_buffer *
paste_walk(struct paste_buffer *pb)
{
	return (pb == NULL ? paste_list : pb->next);
}

/* Drop a buffer. */
void
paste_delete(struct paste_buffer *pb)
{
	struct paste_buffer	**pp;

	for (pp = &paste_list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == pb) {
			*pp = pb->next;
			break;
		}
	}
	if (pb->automatic)
		paste_automatic--;
	free(pb->name);
	free(pb->data);
	free(pb);
}

/*
 * Add a buffer of data (taken, not copied): named name, replacing one of
 * that name, or bufferN when name is NULL.  It becomes the newest.  limit:
 * automatic buffers kept at most.
 */
struct paste_buffer *
paste_add(const char *name, char *data, size_t len, size_t limit)
{
	struct paste_buffer	*pb, *old, *last;

	if (name != NULL && (old = paste_get(name)) != NULL)
		paste_delete(old);
	pb = xcalloc(1, sizeof *pb);
	if (name != NULL)
		pb->name = xstrdup(name);
	else {
		xasprintf(&pb->name, "buffer%u", paste_next++);
		pb->automatic = 1;
		paste_automatic++;
	}
	pb->data = data;
	pb->len = len;
	pb->created = time(NULL);
	pb->next = paste_list;
	paste_list = pb;
	while (limit > 0 && paste_automatic > limit) {
		last = NULL;
		for (old = paste_list; old != NULL; old = old->next)
			if (old->automatic)
				last = old;
		paste_delete(last);
	}
	return (pb);
}

/* Every buffer gone (the end of the session). */
void
paste_free_all(void)
{
	while (paste_list != NULL)
		paste_delete(paste_list);
}
