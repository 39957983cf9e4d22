/*
 * cmd-config.c: the commands of configuration: options, key bindings,
 * source-file, and the lists that show them (list-commands, list-keys).
 *
 * Options live in options.c (set-option, show-options), bindings in the key tables of keys.c; a
 * binding's command is kept as text, quoted so that it parses back, and
 * checked when bound (cmd_check: its names and arguments).
 * source-file runs a file's commands next, in the same run (cmd.c), so
 * its errors say where in both files.  Runs on the thread of the client's
 * loop.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static enum cmd_retval
cmd_list_commands_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	char	*text = cmd_table_text();

	(void)a;
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_list_commands_entry = {
	"list-commands", "lscm", "", 0, 0, "", 0, cmd_list_commands_exec
};

static enum cmd_retval
cmd_list_keys_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	const char	*t = cmd_flag(a, 'T');
	char		*text;

	if (t != NULL && key_table_get(t, 0) == NULL) {
		xasprintf(cause, "no key table %s (prefix, root, copy-mode, "
		    "copy-mode-vi, or one bind-key -T made)", t);
		return (CMD_ERROR);
	}
	text = key_list(t);
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_list_keys_entry = {
	"list-keys", "lsk", "T:", 0, 0, "[-T TABLE]", 0, cmd_list_keys_exec
};

static struct key_table *
cmd_key_table(struct cmd_args *a)
{
	const char	*t = cmd_flag(a, 'T');

	if (cmd_flag(a, 'n') != NULL)
		t = "root";
	return (key_table_get(t != NULL ? t : "prefix", 1));
}

static enum cmd_retval
cmd_bind_key_exec(struct cmd_item *item, struct cmd_args *a, char **cause)
{
	key_code	 k;
	char		*command, *why;
	struct script	 sc;

	(void)item;
	memset(&sc, 0, sizeof sc);
	if ((k = keyc_from_name(a->argv[0])) == KEYC_NONE) {
		xasprintf(cause, "unknown key '%s'", a->argv[0]);
		return (CMD_ERROR);
	}
	command = cmd_quote(a->argc - 1, a->argv + 1);
	/* Checked now, as tmux does: an error when bound, not when the
	 * key is pressed. */
	if (cmd_parse("bind-key", command, strlen(command), &sc, &why) != 0 ||
	    cmd_check(&sc, &why) != 0) {
		xasprintf(cause, "%s: %s", a->argv[0], why);
		free(why);
		script_free(&sc);
		free(command);
		return (CMD_ERROR);
	}
	script_free(&sc);
	key_bind(cmd_key_table(a), k, command);
	if (cmd_flag(a, 'r') != NULL)
		key_set_repeat(cmd_key_table(a), k, 1);
	free(command);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_bind_key_entry = {
	"bind-key", "bind", "nrT:", 2, 64, "[-n] [-r] [-T TABLE] KEY COMMAND...", 0,
	cmd_bind_key_exec
};

static enum cmd_retval
cmd_unbind_key_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	key_code	 k;

	(void)item;
	if ((k = keyc_from_name(a->argv[0])) == KEYC_NONE) {
		xasprintf(cause, "unknown key '%s'", a->argv[0]);
		return (CMD_ERROR);
	}
	if (key_unbind(cmd_key_table(a), k) != 0) {
		xasprintf(cause, "key '%s' is not bound", a->argv[0]);
		return (CMD_ERROR);
	}
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_unbind_key_entry = {
	"unbind-key", "unbind", "nT:", 1, 1, "[-n] [-T TABLE] KEY", 0,
	cmd_unbind_key_exec
};

/*
 * Why name is no option: one of tmux's that subplex does not have, a slip
 * from one it has (did you mean), or unknown (options_set lists them).
 */
static void
cmd_option_unknown(const char *name, char **cause)
{
	const char	*names[64], *best;
	char		*list;

	if (options_tmux_only(name)) {
		xasprintf(cause, "no option '%s' in subplex (it is tmux's; "
		    "show-options lists subplex's)", name);
		return;
	}
	best = cmd_nearest(name, names, options_names(names, 64));
	if (best != NULL) {
		xasprintf(cause, "unknown option '%s' (did you mean %s?)",
		    name, best);
		return;
	}
	list = options_list();
	xasprintf(cause, "unknown option '%s' (%s)", name, list);
	free(list);
}

/*
 * set-option as tmux's: -g, -s, -w and -p name tmux's scopes and change
 * nothing here (subplex has one set of options); -q: an unknown option is
 * no error; -u: back to the default; an on/off option without a value is
 * toggled.
 */
static enum cmd_retval
cmd_set_option_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	const char	*name = a->argv[0];
	int		 unset = cmd_flag(a, 'u') != NULL;

	(void)item;
	if (!options_exists(name)) {
		if (cmd_flag(a, 'q') != NULL)
			return (CMD_NORMAL);
		cmd_option_unknown(name, cause);
		return (CMD_ERROR);
	}
	if (unset && a->argc > 1) {
		xasprintf(cause, "-u takes no value (usage: set-option %s)",
		    cmd_set_option_entry.usage);
		return (CMD_ERROR);
	}
	if (unset)
		return (options_unset(name, cause) == 0 ? CMD_NORMAL :
		    CMD_ERROR);
	return (options_set(name, a->argc > 1 ? a->argv[1] : NULL, cause) ==
	    0 ? CMD_NORMAL : CMD_ERROR);
}

const struct cmd_entry cmd_set_option_entry = {
	"set-option", "set", "gqsuwp", 1, 2, "[-gqsuwp] OPTION [VALUE]", 0,
	cmd_set_option_exec
};

/* show-options [-v] [OPTION]: as tmux's; -g, -s, -w, -p as set-option. */
static enum cmd_retval
cmd_show_options_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	const char	*name = a->argc > 0 ? a->argv[0] : NULL;
	char		*text;

	if (name != NULL && !options_exists(name)) {
		if (cmd_flag(a, 'q') != NULL)
			return (CMD_NORMAL);
		cmd_option_unknown(name, cause);
		return (CMD_ERROR);
	}
	if ((text = options_show(name, cmd_flag(a, 'v') != NULL, cause)) ==
	    NULL)
		return (CMD_ERROR);
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_show_options_entry = {
	"show-options", "show", "gqvswp", 0, 1, "[-gqvswp] [OPTION]", 0,
	cmd_show_options_exec
};

static enum cmd_retval
cmd_source_file_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	return (cmd_source_push(item, a->argv[0], cause));
}

const struct cmd_entry cmd_source_file_entry = {
	"source-file", "source", "", 1, 1, "FILE", 0, cmd_source_file_exec
};
