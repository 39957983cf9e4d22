# sys.ps1 and sys.ps2 drive the prompts: new strings take effect at the
# next prompt, a non-string is shown with str() each time a prompt is
# shown, and with sys.ps1 deleted the prompt is empty.
new-pane
send 'import sys'
send "sys.ps1 = 'py> '"
send "sys.ps2 = '  | '"
send 'for i in range(2):'
send '    print(i)'
send ''
send 'class Counter:'
send '    n = 0'
send '    def __str__(self):'
send '        Counter.n += 1'
send "        return f'[{Counter.n}]> '"
send ''
send 'sys.ps1 = Counter()'
send '1'
send 'if 1:'
send '  2'
send ''
send 'del sys.ps1'
send '3'
send "sys.ps1 = '>>> '"
wait
capture
