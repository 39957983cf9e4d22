# args: -F err-config-parse.conf --batch err-config-parse.sp
# A config file (-F) that does not parse: the message names the file,
# line and column; neither it nor the script runs.
display-message 'the script ran'
