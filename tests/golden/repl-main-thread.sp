# todo-3.13: on CPython 3.13 threading takes the process's main thread for
# todo-3.13: the pane's, so the pane's own thread shows as Dummy-1
# The REPL code of a pane runs on what threading calls the main thread, as
# in CPython's console: its name is MainThread and it is the only thread.
new-pane
send 'import threading'
send 'threading.current_thread() is threading.main_thread()'
send 'threading.current_thread().name'
send 'threading.active_count()'
wait
capture
