/*
 * cmd.h: what the command files (cmd.c and cmd-*.c) share, and nothing
 * else includes.  A command is a table entry (struct cmd_entry) in the
 * file of its subject; cmd.c holds the list of entries, parses a
 * command's flags, and runs scripts of commands one after another for a
 * client (struct cmd_client, subplex.h).  A command that must wait (for
 * a pane to go idle, for output, for a pane to close) fills the item's
 * wait and returns CMD_WAIT; cmd.c then calls the wait's check again
 * whenever the client's loop says the engine changed, or the deadline
 * passed, so no command ever blocks the thread that runs it.
 */
#ifndef SUBPLEX_CMD_H
#define SUBPLEX_CMD_H

#include <regex.h>

#include "subplex.h"

#define CMD_MAXFLAGS	32

struct cmd_args {
	char		 flag[CMD_MAXFLAGS];
	char		*value[CMD_MAXFLAGS];
	int		 nflags;
	int		 argc;
	char		**argv;
};

struct cmd_item;

/* A command that waits: check says CMD_NORMAL (done), CMD_WAIT (not
 * yet) or CMD_ERROR (with a cause); at the deadline it is checked with
 * timed_out set, and must then end. */
struct cmd_wait {
	enum cmd_retval	(*check)(struct cmd_item *, int, char **);
	double		 deadline;
	double		 recheck;	/* also check this often (0: no) */
	double		 timeout;	/* as given, for messages */
	unsigned int	 pane;		/* its handle */
	char		*name;		/* its name, for messages */
	regex_t		 rx;
	int		 have_rx;
	char		*pattern;
	unsigned int	 respawns;	/* respawn-pane: the count before */
	int		 index;		/* kill-pane: where the pane was */
};

/* One command being run, with its client and where it came from. */
struct cmd_item {
	struct cmd_client	*c;
	struct cmdq		*q;		/* the run it belongs to */
	const char		*file;		/* NULL: typed or a key */
	int			 line, col;
	const struct cmd_entry	*entry;		/* the command running */
	struct cmd_wait		 wait;
};

#define CMD_NEEDS_UI	0x1	/* only an interactive client can run it */

struct cmd_entry {
	const char	*name;
	const char	*alias;
	const char	*flags;		/* getopt style */
	int		 min, max;	/* positional arguments */
	const char	*usage;
	int		 needs;		/* CMD_NEEDS_UI */
	enum cmd_retval	(*exec)(struct cmd_item *, struct cmd_args *,
			    char **);
};

/* cmd.c */
const char *cmd_flag(struct cmd_args *, char);
struct pane *cmd_target(struct cmd_item *, struct cmd_args *, char **);
int cmd_seconds(const char *, double *, char **);
enum cmd_retval cmd_print(struct cmd_item *, char *, size_t, char **);
int cmd_write_file(const char *, const char *, size_t, char **);
int cmd_slurp(int, char **, size_t *);
int cmd_check_alive(struct pane *, char **);
char *cmd_table_text(void);
enum cmd_retval cmd_source_push(struct cmd_item *, const char *, char **);
size_t cmd_distance(const char *, const char *, size_t);
const char *cmd_nearest(const char *, const char *const *, size_t);

/* cmd-client.c */
int cmd_layout_size(const char *, const char *, int *, int *, char **);

/* The entries, by subject. */
extern const struct cmd_entry cmd_new_pane_entry, cmd_kill_pane_entry,
    cmd_respawn_pane_entry, cmd_rename_pane_entry, cmd_select_pane_entry,
    cmd_last_pane_entry, cmd_list_panes_entry, cmd_split_window_entry,
    cmd_swap_pane_entry;				/* cmd-pane.c */
extern const struct cmd_entry cmd_send_entry, cmd_send_file_entry,
    cmd_interrupt_entry, cmd_capture_entry, cmd_save_transcript_entry,
    cmd_clear_history_entry, cmd_send_keys_entry;
							/* cmd-input.c */
extern const struct cmd_entry cmd_wait_entry, cmd_expect_entry,
    cmd_sleep_entry;					/* cmd-wait.c */
extern const struct cmd_entry cmd_select_layout_entry,
    cmd_next_layout_entry, cmd_resize_pane_entry, cmd_display_panes_entry,
    cmd_suspend_client_entry, cmd_copy_mode_entry,
    cmd_command_prompt_entry, cmd_confirm_before_entry,
    cmd_send_prefix_entry, cmd_quit_entry, cmd_detach_client_entry,
    cmd_display_message_entry, cmd_show_messages_entry;	/* cmd-client.c */
extern const struct cmd_entry cmd_list_commands_entry, cmd_list_keys_entry,
    cmd_bind_key_entry, cmd_unbind_key_entry, cmd_set_option_entry,
    cmd_show_options_entry, cmd_source_file_entry;	/* cmd-config.c */
extern const struct cmd_entry cmd_list_buffers_entry, cmd_show_buffer_entry,
    cmd_save_buffer_entry, cmd_load_buffer_entry, cmd_set_buffer_entry,
    cmd_delete_buffer_entry, cmd_paste_buffer_entry;	/* cmd-buffer.c */
void cmd_buffer_add(struct cmd_args *, char *, size_t);

#endif
