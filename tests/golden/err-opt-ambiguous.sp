# args: --s --batch err-opt-ambiguous.sp
# A long option may be shortened while it stays unambiguous: --s could
# be --shared-gil or --scrollback.
new-pane
