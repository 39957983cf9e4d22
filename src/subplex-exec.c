/*
 * subplex-exec.c: the small program that starts a pane's child process on
 * the pane's terminal.  A pane's subprocess (and os.system, os.popen,
 * multiprocessing's children) runs it in place of the program asked for,
 * through CPython's own _posixsubprocess.fork_exec (the wrapper of repl.c's
 * children code puts it first): that does the redirections, the working directory, the user
 * and the closing of fds as asked, and leaves fds 0-2 that the call did
 * not redirect on the pane's pseudo-terminal (panetty.c).  This program
 * then does what fork_exec cannot be asked for in a sub-interpreter (no
 * preexec_fn there): it makes a session of its own, takes that terminal
 * as the session's controlling terminal (so the kernel sends it C-c's
 * SIGINT, SIGWINCH and a hangup, and its process group is the
 * terminal's foreground one), puts back the default action of the
 * signals the server ignores (SIGINT, SIGQUIT, SIGTSTP, SIGPIPE: a child
 * would inherit SIG_IGN across exec) with no signal blocked, and executes
 * the program.  Every child of a pane comes through here, also one whose
 * fds 0-2 are all redirected ("-": a session without a controlling
 * terminal; "p": the process group the call asked for, kept), because a
 * pane's threads block every signal and a child would keep that mask
 * across exec (Popen.terminate() would do nothing), and every child gets
 * a session of its own, so that none can reach subplex's own terminal
 * through /dev/tty.  A failed exec is reported on fork_exec's error pipe in
 * its own words ("OSError:<errno in hex>:"), so subprocess raises the
 * FileNotFoundError or PermissionError it raises without us; a good one
 * closes that pipe (close-on-exec), which subprocess takes for success.
 *
 * usage: subplex-exec t|-|p ERRFD N PATH1 .. PATHN ARGV0 ARGS...
 * (t: a session of its own on the terminal among fds 0-2; the paths are
 * tried in order, as fork_exec would: subprocess made them from PATH).
 * It runs in the child alone: no threads, nothing shared.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>

extern char **environ;

/* Tell subprocess that the exec failed with err, and end. */
static void
fail(int errfd, int err)
{
	char	 buf[64];
	int	 n;

	n = snprintf(buf, sizeof buf, "OSError:%x:", err);
	if (errfd >= 0 && n > 0)
		(void)write(errfd, buf, (size_t)n);
	_exit(255);
}

int
main(int argc, char **argv)
{
	static const int	 dfl[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN,
	    SIGTTOU, SIGPIPE, SIGHUP, SIGCHLD, SIGWINCH, SIGTERM, SIGXFSZ };
	sigset_t		 none;
	char			*end;
	long			 errfd, n;
	int			 i, fd, session, group, err = 0;

	if (argc < 5 || (strcmp(argv[1], "t") != 0 &&
	    strcmp(argv[1], "-") != 0 && strcmp(argv[1], "p") != 0)) {
		fprintf(stderr, "usage: subplex-exec t|-|p ERRFD N PATH... ARGV0 "
		    "[ARG...]\n(started by subplex for a pane's child "
		    "process)\n");
		return (2);
	}
	session = argv[1][0] == 't';
	group = argv[1][0] == 'p';
	argv++;
	argc--;
	errfd = strtol(argv[1], &end, 10);
	if (*end != '\0' || errfd < 3 || errfd > 1024 * 1024)
		errfd = -1;
	else
		(void)fcntl((int)errfd, F_SETFD, FD_CLOEXEC);
	n = strtol(argv[2], &end, 10);
	if (*end != '\0' || n < 1 || n > argc - 4)
		fail((int)errfd, EINVAL);

	for (i = 0; i < (int)(sizeof dfl / sizeof dfl[0]); i++)
		signal(dfl[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/*
	 * A session of our own (fork_exec made one already if asked to; p:
	 * the process group asked for stays), never subplex's, whose controlling
	 * terminal may be the one subplex runs on: /dev/tty is then ENXIO
	 * or the pane's.  With t, the first of fds 0-2 that is a terminal
	 * becomes its controlling terminal: refused (EPERM) while another
	 * child of the pane holds it, and then this one runs without, as a
	 * background job would.
	 */
	if (!group && getsid(0) != getpid())
		(void)setsid();
	for (fd = 0; session && fd < 3; fd++) {
		if (isatty(fd)) {
			if (ioctl(fd, TIOCSCTTY, 0) == 0)
				(void)tcsetpgrp(fd, getpgrp());
			break;
		}
	}

	for (i = 0; i < n; i++) {
		execve(argv[3 + i], argv + 3 + n, environ);
		/* As _posixsubprocess: the first error but "not there". */
		if (errno != ENOENT && errno != ENOTDIR && err == 0)
			err = errno;
	}
	fail((int)errfd, err != 0 ? err : errno);
	return (255);
}
