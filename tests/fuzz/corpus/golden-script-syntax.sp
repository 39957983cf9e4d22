# The session language: comments, ';' between commands, 'single' quotes
# (literal), "double" quotes (escapes \" \\ \$ \t \e \n \xHH \uXXXX),
# backslash-newline continuations, escaped spaces, and here-documents
# (<<'TAG' literal, <<-TAG dropping leading tabs, each one argument).
new-pane ; send 'a = "single $quoted \n"'   # a comment after a command
send "b = '\"double\" \\\\ \$ \x41 \u00e9'"
send c\ =\ 'len(a)'\
' + len(b)'
send "print(repr(a)); print(b)"
send "print('''two\nlines''')"
send "print(repr('\t|\e|'))"
send "c" ; send "x = 'semicolon; inside quotes'" ; send x
send <<'EOF'
def f():
    return 'here-document'
EOF
send	<<-EOF
	if True:
		    print('leading tabs dropped, spaces kept')
	
	EOF
send 'f()'
wait
capture
