# Modules that cannot work in a pane fail cleanly, with an exception that
# says why, and the pane goes on: readline and curses are refused by
# subplex (repl-import-blocked), asyncio on 3.12 in own-GIL panes
# (repl-asyncio); tkinter either refuses to load in a subinterpreter
# (3.12, 3.13), is not installed, or loads and cannot open a window
# without a display.  DISPLAY is unset for the test.
new-pane
send <<'EOF'
import os
removed = os.environ.pop('DISPLAY', None)
for name in ('readline', 'curses', 'tkinter'):
    try:
        module = __import__(name)
        import tkinter
        tkinter.Tk()
    except ImportError as e:
        print(name, 'fails cleanly: ImportError')
    except Exception as e:
        print(name, 'fails cleanly:', type(e).__name__.replace('Tcl', 'Import'))
EOF
send "'the pane goes on'"
wait
capture
