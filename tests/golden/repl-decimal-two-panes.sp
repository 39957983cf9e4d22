# Two panes importing decimal and datetime: on CPython 3.12 a second
# interpreter loading their C parts aborted the process; subplex refuses
# them there and the pure-Python versions do the work.
new-pane -n a
send 'import decimal, datetime; print(decimal.Decimal("1.1") + 1, datetime.date(2026, 11, 26))'
wait
new-pane -n b
send 'import decimal, datetime; print(decimal.Decimal("2.2") * 2, datetime.date(2026, 11, 26).isoformat())'
wait
capture -t a
capture -t b
