# args: --shared-gil -F opt-config-c.conf -c list-panes
# -c with -F runs the config first, as --batch does; the commands see its
# pane, which is their current pane (see opt-config-current.sp).
