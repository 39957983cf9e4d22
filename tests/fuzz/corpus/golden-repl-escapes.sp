# Control characters printed by pane code are shown in caret notation,
# never passed on: ESC as ^[, BEL ^G, DEL ^?, backspace ^H; a tab stays a
# tab; C1 controls (CSI U+009B included) become U+FFFD.
new-pane
send <<'EOF'
print('\x1b[31mred\x1b[0m plain')
EOF
send <<'EOF'
print('bell\a back\bspace del\x7f')
EOF
send <<'EOF'
print('tab\there')
EOF
send <<'EOF'
print('c1 csi \x9b and nel \x85 end')
EOF
send <<'EOF'
print('\x1b]0;title\x07')
EOF
wait
capture
