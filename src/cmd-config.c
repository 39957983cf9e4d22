/*
 * cmd-config.c: the commands of configuration: options, key bindings,
 * source-file, and the lists that show them (list-commands, list-keys).
 *
 * Options live in options.c, bindings in the key tables of keys.c; a
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
	char	*text = key_list();

	(void)a;
	return (cmd_print(item, text, strlen(text), cause));
}

const struct cmd_entry cmd_list_keys_entry = {
	"list-keys", "lsk", "", 0, 0, "", 0, cmd_list_keys_exec
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
	free(command);
	return (CMD_NORMAL);
}

const struct cmd_entry cmd_bind_key_entry = {
	"bind-key", "bind", "nT:", 2, 64, "[-n] [-T TABLE] KEY COMMAND...", 0,
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

static enum cmd_retval
cmd_set_option_exec(struct cmd_item *item, struct cmd_args *a,
    char **cause)
{
	(void)item;
	return (options_set(a->argv[0], a->argc > 1 ? a->argv[1] : NULL,
	    cause) == 0 ?
	    CMD_NORMAL : CMD_ERROR);
}

const struct cmd_entry cmd_set_option_entry = {
	"set-option", "set", "g", 1, 2, "[-g] OPTION [VALUE]", 0,
	cmd_set_option_exec
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
