# new-pane -n with a name another pane has (rename-pane says the same,
# see err-duplicate-name.sp).
new-pane -n calc
new-pane -n calc
