# args: --batch no-such-file.sp
# A script file that cannot be read (this file is not run itself).
new-pane
