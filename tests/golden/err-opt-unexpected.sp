# args: --batch err-opt-unexpected.sp extra
# A word after the options that no option takes: named, then the usage
# (status 2).
new-pane
