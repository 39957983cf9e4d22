# inspect.getsource finds a function typed line by line, one sent as a
# block and a method of a typed class, also in the input that first
# imports inspect (and with it linecache).  A class typed in the pane has
# no source for inspect, as in CPython's own console: __main__ has no
# file.
new-pane
send 'def square(x):'
send '    """The square of x."""'
send '    return x * x'
send ''
send <<'EOF2'
class Shape:

    def area(self):
        return 0

def cube(x):

    return x * x * x
EOF2
send 'import inspect; print(inspect.getsource(square), end="")'
send 'print(inspect.getsource(cube), end="")'
send 'print(inspect.getsource(Shape.area), end="")'
send 'inspect.getsourcelines(square)[1]'
send <<'EOF2'
try:
    inspect.getsource(Shape)
except OSError as e:
    print("OSError:", e)
EOF2
wait
capture
