# The continuation prompt of a paste is sys.ps2, as for typed lines.
new-pane
send "import sys; sys.ps2 = '  | '"
send <<'EOF'
if True:
    x = 1
x
EOF
wait
capture
