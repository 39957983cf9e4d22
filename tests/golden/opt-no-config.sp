# args: --shared-gil --batch opt-no-config.sp
# --batch without -F reads no config file, not even the default one
# ($XDG_CONFIG_HOME/subplex/subplexrc, which batch.test points at
# opt-config-home/, whose config makes a pane "fromdefault"): only the
# script's pane is listed.
new-pane -n script
wait
list-panes
