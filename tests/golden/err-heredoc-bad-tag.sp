# A here-document tag holds letters, digits and _ only: the message shows
# the tag as written.
new-pane
send <<'END-OF-CODE'
print('x')
END-OF-CODE
