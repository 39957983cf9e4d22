# args: -F err-config-command.conf --batch err-config-command.sp
# A command that fails in the config file (-F) is told with the config's
# FILE:LINE:COLUMN, and the config goes on with its next command, as the
# UI's does; the script then runs, and the exit status is the script's.
display-message 'the script ran'
