# args: -F err-config-command.conf --batch err-config-command.sp
# A command that fails in the config file (-F) stops there, named by the
# config's FILE:LINE:COLUMN, and the script does not run (status 1).
display-message 'the script ran'
