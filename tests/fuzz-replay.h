/*
 * fuzz-replay.h: the main() of a fuzz target's replay build, shared by
 * tests/fuzz-script.c and tests/fuzz-proto.c (included once, from the one
 * .c file of a target built with -DFUZZ_MAIN_REPLAY).
 *
 * It feeds each FILE argument (a directory: each regular file in it,
 * sorted) to LLVMFuzzerTestOneInput() and prints one TAP line per file,
 * so "make check" replays a committed corpus without the fuzzer.  A
 * violated invariant traps, which the .test wrapper reports.
 */
#ifndef FUZZ_REPLAY_H
#define FUZZ_REPLAY_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

static int	 replay_n;
static int	 replay_failed;

static int
replay_file(const char *path)
{
	FILE	*f;
	uint8_t	*b = NULL;
	size_t	 len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		printf("not ok %d - %s # %s\n", ++replay_n, path,
		    strerror(errno));
		replay_failed = 1;
		return (-1);
	}
	for (;;) {
		if (len == cap) {
			cap = cap != 0 ? cap * 2 : 4096;
			b = xrealloc(b, cap);
		}
		n = fread(b + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	if (ferror(f)) {
		printf("not ok %d - %s # read error\n", ++replay_n, path);
		replay_failed = 1;
		fclose(f);
		free(b);
		return (-1);
	}
	fclose(f);
	/* Copy to an exact-size buffer so overreads stay detectable. */
	{
		uint8_t	*exact = xmalloc(len != 0 ? len : 1);

		if (len != 0)
			memcpy(exact, b, len);
		free(b);
		LLVMFuzzerTestOneInput(exact, len);	/* traps on failure */
		free(exact);
	}
	printf("ok %d - %s (%zu bytes)\n", ++replay_n, path, len);
	fflush(stdout);
	return (0);
}

static int
replay_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void
replay_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**names = NULL, *path;
	size_t		 n = 0, cap = 0, i;

	if ((d = opendir(dir)) == NULL) {
		printf("not ok %d - %s # %s\n", ++replay_n, dir,
		    strerror(errno));
		replay_failed = 1;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap != 0 ? cap * 2 : 64;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[n++] = path;
	}
	closedir(d);
	if (n != 0)
		qsort(names, n, sizeof *names, replay_cmp);
	for (i = 0; i < n; i++) {
		replay_file(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	struct stat	 sb;
	int		 i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR ...\n", argv[0]);
		return (2);
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			replay_dir(argv[i]);
		else
			replay_file(argv[i]);
	}
	printf("1..%d\n", replay_n);
	return (replay_failed || replay_n == 0);
}

#endif
