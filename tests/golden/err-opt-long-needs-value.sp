# args: --scrollback
# A long option that takes a value, with none (status 2).
