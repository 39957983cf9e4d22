/*
 * main.c: options, and the order things start and stop in.
 *
 * Without --batch the terminal UI runs (ui.c).  Start: keep the real
 * terminal fds aside (messages keep going to the real
 * standard error through log_fd), read and parse the session script, then
 * capture fds 0-2 (fdcap.c), start the keeper and with it Python
 * (interp.c), and run.  Stop: close every pane within 2 seconds; if every
 * interpreter ended, Python is finalized, else the process leaves without
 * finalizing (a live sub-interpreter makes Py_FinalizeEx fatal).  Runs on
 * the main thread, which is the UI thread and never holds a GIL.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/socket.h>

#include "subplex.h"

#define MAIN_QUIT_TIMEOUT 2.0

static void
usage(int fd)
{
	static const char text[] =
	    "usage: subplex [-hNV] [--no-main] [--shared-gil] "
	    "[--scrollback lines] [--record file] [-F config] [-f file] "
	    "[-n panes]\n"
	    "       subplex [-hV] [--shared-gil] [--scrollback lines] "
	    "[-F config] --batch file | -c commands\n"
	    "       subplex [-L name | -S path] command [arguments] "
	    "(ls: the running servers)\n"
	    "       subplex [-L name | -S path] -C | control\n";

	(void)write_all(fd, text, sizeof text - 1);
}

/* $XDG_CONFIG_HOME/subplex/subplexrc, if it exists. */
static const char *
main_default_config(void)
{
	static char	 path[4096];
	const char	*base = getenv("XDG_CONFIG_HOME"), *home;

	if (base != NULL && *base == '/')
		snprintf(path, sizeof path, "%s/subplex/subplexrc", base);
	else if ((home = getenv("HOME")) != NULL && *home != '\0')
		snprintf(path, sizeof path, "%s/.config/subplex/subplexrc",
		    home);
	else
		return (NULL);
	return (access(path, R_OK) == 0 ? path : NULL);
}

/*
 * The terminal UI: the engine starts first (a pane's interpreter may take
 * a while; the terminal shows nothing meanwhile) and stops after the
 * UI has saved every history and given the terminal back.
 */
static int main_ui(struct ui_opts *, const struct engine_config *);

/*
 * The server and its first client: this process forks before anything
 * starts.  The child leaves the terminal's session (setsid) and becomes
 * the server, drawing on the terminal it inherited; the parent stays the
 * shell's job and waits for it (client.c), so the session can outlive the
 * terminal (detach-client, a hang-up) and be attached again.
 */
static int
main_fork_ui(struct ui_opts *uo, const struct engine_config *cfg)
{
	const char	*name;
	pid_t		 pid;
	int		 sv[2];

	name = uo->socket != NULL && strrchr(uo->socket, '/') != NULL ?
	    strrchr(uo->socket, '/') + 1 : "default";
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		fatal("socketpair");
	if ((pid = fork()) == -1)
		fatal("fork");
	if (pid == 0) {
		close(sv[0]);
		(void)setsid();
		uo->client_fd = sv[1];
		_exit(main_ui(uo, cfg));
	}
	close(sv[1]);
	return (client_attach(uo->socket, sv[0], pid, name));
}

static int
main_ui(struct ui_opts *uo, const struct engine_config *cfg)
{
	char	*cause;
	int	 rc, sig = 0;

	(void)crash_session_start();
	if (engine_start(cfg, 0, &cause) != 0) {
		log_msg("%s", cause);
		free(cause);
		return (1);
	}
	crash_install();
	rc = ui_main(uo, &sig);
	engine_stop(MAIN_QUIT_TIMEOUT);
	if (sig != 0) {
		log_msg("quit on SIG%s, in order: histories saved",
		    sigabbrev_np(sig));
		crash_where();
	}
	return (rc);
}

/* subplex [-L NAME | -S PATH] COMMAND [ARGS]: a client of a server. */
static int
main_client(const char *label, const char *sockpath, int argc, char **argv)
{
	char	*path, *cause;
	int	 rc;

	if ((path = proto_socket_path(label, sockpath, 0, &cause)) == NULL) {
		log_msg("%s", cause);
		free(cause);
		return (1);
	}
	signal(SIGPIPE, SIG_IGN);
	if (strchr(path, '/') == NULL) {
		xasprintf(&cause, "./%s", path);
		free(path);
		path = cause;
	}
	if (strcmp(argv[0], "control") == 0 && argc == 1)
		rc = client_control(path);
	else if ((strcmp(argv[0], "attach") == 0 || strcmp(argv[0], "a") == 0
	    || strcmp(argv[0], "attach-session") == 0) && argc == 1)
		rc = client_attach_to(path, strrchr(path, '/') + 1);
	else if (strcmp(argv[0], "ls") == 0 || strcmp(argv[0],
	    "list-sessions") == 0)
		rc = client_list(path, sockpath != NULL || strcmp(label,
		    "default") != 0 ? strrchr(path, '/') + 1 : NULL);
	else
		rc = client_command(path, argc, argv);
	free(path);
	return (rc);
}

/* Long options that have no letter. */
enum { OPT_SHARED_GIL = 256, OPT_RECORD, OPT_SCROLLBACK, OPT_NO_MAIN };

/*
 * What getopt_long refused (ch '?' or ':'), said without argv[0] (opterr
 * is 0).  A letter's error comes with optopt, that letter; a long
 * option's with optopt 0 (unknown, ambiguous) or its value (given one it
 * takes none, or none it needs), the option being argv[optind - 1].
 */
static void
main_bad_option(const struct option *lo, const char *letters, char **argv,
    int ch)
{
	const char	*word = argv[optind - 1];
	size_t		 len;
	int		 n = 0, exact = 0;

	if (optopt > 0 && optopt < 256 && (ch == ':' ?
	    strncmp(word, "--", 2) != 0 : strchr(letters, optopt) == NULL)) {
		log_msg(ch == ':' ? "option '-%c' needs a value" :
		    "unknown option '-%c'", optopt);
		return;
	}
	len = strcspn(word + 2, "=");
	for (; lo->name != NULL; lo++) {
		if (strncmp(lo->name, word + 2, len) == 0) {
			n++;
			exact |= lo->name[len] == '\0';
		}
	}
	if (ch == ':')
		log_msg("option '%.*s' needs a value", (int)len + 2, word);
	else if (n == 0)
		log_msg("unknown option '%.*s'", (int)len + 2, word);
	else if (n > 1 && !exact)
		log_msg("ambiguous option '%.*s'", (int)len + 2, word);
	else
		log_msg("option '%.*s' takes no value", (int)len + 2, word);
}

static int
main_keep_fd(int fd)
{
	int	 copy;

	if ((copy = fcntl(fd, F_DUPFD_CLOEXEC, 10)) == -1) {
		/* A closed standard fd: stand in /dev/null. */
		copy = open("/dev/null", O_RDWR | O_CLOEXEC);
	}
	return (copy);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "batch", required_argument, NULL, 'b' },
		{ "shared-gil", no_argument, NULL, OPT_SHARED_GIL },
		{ "no-main", no_argument, NULL, OPT_NO_MAIN },
		{ "record", required_argument, NULL, OPT_RECORD },
		{ "scrollback", required_argument, NULL,
		    OPT_SCROLLBACK },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct engine_config	 cfg;
	struct ui_opts		 uo;
	struct script		 sc, csc;
	const char		*batch = NULL, *name, *commands = NULL;
	const char		*config = NULL, *cname = NULL;
	const char		*label = "default", *sockpath = NULL;
	char			*control_argv[] = { (char *)"control", NULL };
	int			 control = 0;
	int			 noconfig = 0;
	char			*cause, *end;
	long			 n;
	int			 ch, rc;

	/*
	 * A fixed mmap threshold.  Otherwise glibc raises it (up to 32 MB) and
	 * the trim threshold (to twice that) once a big block is freed, and
	 * from then on each malloc arena the pane threads use (up to 8 per
	 * core) keeps that much free memory for good: make soak, 10 minutes
	 * of 10 MB pastes and 1 MB lines, ended at 600 MB resident with two
	 * panes, against 85 MB with this.
	 */
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
	tty_in_fd = main_keep_fd(0);
	tty_out_fd = main_keep_fd(1);
	log_fd = main_keep_fd(2);
	memset(&cfg, 0, sizeof cfg);
	cfg.gil = GIL_DEFAULT;
	cfg.modules = pyio_register;	/* the panes' streams */
	memset(&uo, 0, sizeof uo);
	uo.npanes = -1;

	opterr = 0;
	/* "+": the options end at the first word, a command for a server. */
	while ((ch = getopt_long(argc, argv, "+:b:Cc:F:f:hL:Nn:S:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			batch = optarg;
			break;
		case 'c':
			commands = optarg;
			break;
		case 'F':
			config = optarg;
			break;
		case 'N':
			noconfig = 1;
			break;
		case 'L':
			label = optarg;
			break;
		case 'C':
			control = 1;
			break;
		case 'S':
			sockpath = optarg;
			break;
		case 'f':
			uo.file = optarg;
			break;
		case 'n':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    n < 0 || n > 64) {
				log_msg("-n: '%s' is not a number of panes "
				    "from 0 to 64", optarg);
				return (2);
			}
			uo.npanes = (int)n;
			break;
		case OPT_SHARED_GIL:
			cfg.gil = GIL_SHARED;
			break;
		case OPT_NO_MAIN:
			uo.no_main = 1;
			break;
		case OPT_RECORD:
			uo.record = optarg;
			break;
		case OPT_SCROLLBACK:
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    n < 1 || n > 10000000) {
				log_msg("--scrollback: '%s' is not a number "
				    "of lines from 1 to 10000000", optarg);
				return (2);
			}
			pane_scrollback = (size_t)n;
			break;
		case 'h':
			usage(tty_out_fd);
			return (0);
		case 'V':
			dprintf(tty_out_fd, "subplex %s\n", PACKAGE_VERSION);
			return (0);
		default:
			main_bad_option(longopts, "bCcFfhLNnSV", argv, ch);
			usage(log_fd);
			return (2);
		}
	}
	if (optind != argc && (batch != NULL || commands != NULL)) {
		log_msg("unexpected argument '%s'", argv[optind]);
		usage(log_fd);
		return (2);
	}
	if (control && optind == argc)
		return (main_client(label, sockpath, 1, control_argv));
	if (optind != argc)
		return (main_client(label, sockpath, argc - optind,
		    argv + optind));
	if (batch != NULL && commands != NULL) {
		log_msg("--batch and -c: give one of them");
		return (2);
	}
	if (config != NULL && access(config, R_OK) != 0) {
		log_msg("%s: %s", config, strerror(errno));
		return (1);
	}
	if (batch == NULL && commands == NULL) {
		uo.config = config;
		/* The socket other programs reach this session by. */
		uo.client_fd = -1;
		if ((uo.socket = proto_socket_path(label, sockpath, 1,
		    &cause)) == NULL)
			uo.socket_error = cause;
		else if (client_live(uo.socket)) {
			log_msg("a session is running on %s: subplex attach "
			    "(-L NAME or -S PATH starts another)", uo.socket);
			_exit(1);
		}
		if (uo.config == NULL && !noconfig)
			uo.config = main_default_config();
		rc = main_fork_ui(&uo, &cfg);
		_exit(rc);
	}

	/* Headless.  The config is read only when -F names it; the key
	 * tables exist all the same, for bind-key and list-keys. */
	key_bind_defaults();
	memset(&csc, 0, sizeof csc);
	if (config != NULL && cmd_load_config(config, &csc, &cname, &cause) !=
	    0) {
		log_msg("%s", cause);
		free(cause);
		return (1);
	}
	if (commands != NULL) {
		name = "-c";
		rc = cmd_parse(name, commands, strlen(commands), &sc, &cause);
	} else
		rc = cmd_load(batch, &sc, &name, &cause);
	if (rc != 0) {
		log_msg("%s", cause);
		free(cause);
		return (1);
	}
	signal(SIGPIPE, SIG_IGN);
	if (engine_start(&cfg, 1, &cause) != 0) {
		log_msg("%s", cause);
		free(cause);
		return (1);
	}
	rc = batch_main(cname, &csc, name, &sc) == 0 ? 0 : 1;
	script_free(&csc);
	script_free(&sc);
	engine_stop(MAIN_QUIT_TIMEOUT);
	/* Panes that could not end keep threads running: do not wait. */
	_exit(rc);
}
