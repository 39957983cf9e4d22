# UTF-8 text goes through unchanged both ways: wide characters, emoji,
# combining marks, and text given to send with \u and \U escapes.
new-pane
send "print('日本語 wide, emoji 🐍, e\u0301 combining, é')"
send "s = '\u00e9\U0001F40D'"
send 's, len(s), s.encode()'
send "len('日本語')"
send 'ascii("日本語")'
wait
capture
