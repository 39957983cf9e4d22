# args: --batch cwd-dir
# A script that cannot be read (a directory): the message names it and
# says why.
