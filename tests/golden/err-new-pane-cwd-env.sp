# new-pane -c needs an existing directory and -e needs NAME=VALUE; each
# error names what it was given.
new-pane -n ok
new-pane -c err-new-pane-cwd-env.sp
