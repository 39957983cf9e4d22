# args: --shared-gil -c new-pane;wait;list-panes
# -c without -F reads no config file either (see opt-no-config.sp): only
# the pane made by the commands is listed.
