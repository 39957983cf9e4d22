# args: --shared-gil=yes --batch err-opt-takes-no-value.sp
# A long option without a value given one with '='.
new-pane
