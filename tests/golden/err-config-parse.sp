# args: -F err-config-parse.conf --batch err-config-parse.sp
# A line of the config file (-F) that does not parse is told with its
# FILE:LINE:COLUMN; the parse goes on at the next line, so the rest of the
# config runs, then the script (exit status 0: the script's).
display-message 'the script ran'
