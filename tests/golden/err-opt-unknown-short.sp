# args: -Nq
# An unknown option letter, here in a group of letters after a known one,
# is named alone.
