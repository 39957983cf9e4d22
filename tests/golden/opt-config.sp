# args: -F opt-config.conf --batch opt-config.sp
# -F runs a config file first, in the same language (batch mode reads
# one only when -F names it).
send -t fromrc 'x'
wait -t fromrc
capture -t fromrc
