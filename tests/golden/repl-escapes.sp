# Control characters printed by pane code are carried out by the pane's
# terminal, as a terminal would, never passed on: SGR colours (plain
# capture shows text only), BEL rings, backspace moves back, DEL does
# nothing, a tab moves to the next tab stop; C1 controls (CSI U+009B
# included) become U+FFFD; an OSC title is swallowed.
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
