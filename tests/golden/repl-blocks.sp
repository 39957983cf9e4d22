# Compound statements typed line by line: lines are collected under the
# ... prompt until an empty line; nested blocks, elif/else,
# try/except/else/finally, with, decorators and classes.
new-pane
send 'def classify(n):'
send '    if n < 0:'
send "        return 'negative'"
send '    elif n == 0:'
send "        return 'zero'"
send '    else:'
send '        for d in (2, 3):'
send '            if n % d == 0:'
send "                return f'divisible by {d}'"
send "        return 'other'"
send ''
send '[classify(n) for n in (-1, 0, 4, 9, 7)]'
send "for s in ('1', 'x'):"
send '    try:'
send '        n = int(s)'
send '    except ValueError as e:'
send "        print('error:', e)"
send '    else:'
send "        print('number:', n)"
send '    finally:'
send "        print('done with', repr(s))"
send ''
send 'def twice(fn):'
send '    def wrapper(*args):'
send '        return fn(fn(*args))'
send '    return wrapper'
send ''
send '@twice'
send 'def inc(n):'
send '    return n + 1'
send ''
send 'inc(1)'
send 'class Point:'
send '    """A point."""'
send '    def __init__(self, x, y):'
send '        self.x, self.y = x, y'
send '    def __repr__(self):'
send "        return f'Point({self.x}, {self.y})'"
send '    @property'
send '    def norm1(self):'
send '        return abs(self.x) + abs(self.y)'
send ''
send 'p = Point(3, -4)'
send 'p, p.norm1'
send 'import contextlib'
send 'with contextlib.suppress(KeyError):'
send "    {}['missing']"
send "    print('not reached')"
send ''
send 'while True:'
send '    break'
send 'else:'
send "    print('no else after break')"
send ''
send '"after the blocks"'
wait
capture
