# A here-document whose tag line never comes.
new-pane
send <<'END'
print('x')
EOF
