# workspace.sp: a ready-made three-pane working session.
#
# Shows: named panes, start-up code sent to each pane as one here-document
# (imports, a small data set built in pure Python, helper functions), a
# layout, and the focus left on the pane you type in.  Every pane is its
# own interpreter, so nothing is shared between them but the process:
#	data	 sensor readings (a list of dicts) with summary(), by() and
#		 table() to look at them
#	model	 points on a noisy line, fit() and predict() for a least-squares
#		 line, already fitted
#	scratch	 an empty pane with a few imports and timed(), show()
#
# Run it from the repository root (paths are relative to the current
# directory):
#	subplex -f examples/workspace.sp	the terminal interface, focus
#						on scratch (C-b o: next pane)
#	subplex --batch examples/workspace.sp	headless: sets up the panes and
#						exits 0, printing nothing
# and examples/workspace-check.sp runs this file headless, checks each pane
# and prints their transcripts.

new-pane -n data
send -t data <<'EOF'
import random
from collections import defaultdict

SENSORS = ('north', 'south', 'east')

def make_readings(n=72, seed=1):
    """n readings of (hour, sensor, temp), the same for the same seed."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        hour = i // len(SENSORS) % 24
        sensor = SENSORS[i % len(SENSORS)]
        temp = 11 + 0.4 * hour + SENSORS.index(sensor) + rng.uniform(-1, 1)
        rows.append({'hour': hour, 'sensor': sensor, 'temp': round(temp, 1)})
    return rows

readings = make_readings()

def by(key, rows=None):
    """Group rows on a key: {value: [row, ...]}."""
    groups = defaultdict(list)
    for row in readings if rows is None else rows:
        groups[row[key]].append(row)
    return dict(groups)

def summary(rows=None):
    """Count, mean, min and max temperature of rows (default: all)."""
    temps = [r['temp'] for r in (readings if rows is None else rows)]
    return {'n': len(temps), 'mean': round(sum(temps) / len(temps), 2),
            'min': min(temps), 'max': max(temps)}

def table(key='sensor'):
    """Print a summary per value of key."""
    for value, rows in sorted(by(key).items()):
        s = summary(rows)
        print(f"{value!s:>8}  n={s['n']:<3} mean={s['mean']:6.2f}  "
              f"range {s['min']}..{s['max']}")

print(f"data: {len(readings)} readings; try summary(), by('hour'), table()")
table()
EOF

new-pane -n model
send -t model <<'EOF'
import math, random

def make_points(n=40, slope=2.5, intercept=-1.0, noise=0.5, seed=7):
    """n points near y = slope * x + intercept."""
    rng = random.Random(seed)
    xs = [i / 4 for i in range(n)]
    return xs, [slope * x + intercept + rng.gauss(0, noise) for x in xs]

def fit(xs, ys):
    """Least-squares line through (xs, ys): (slope, intercept, r2)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    slope = sxy / sxx
    intercept = my - slope * mx
    ss_res = sum((y - slope * x - intercept) ** 2 for x, y in zip(xs, ys))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return slope, intercept, 1 - ss_res / ss_tot

def predict(x, line=None):
    slope, intercept, _ = line or model
    return slope * x + intercept

xs, ys = make_points()
model = fit(xs, ys)
print("model: y = {:.2f} x {:+.2f}  (r2 {:.3f}); try predict(20)".format(*model))
EOF

new-pane -n scratch
send -t scratch <<'EOF'
import functools, itertools, json, math, pprint, sys, time

def timed(fn, *args, **kwargs):
    """Call fn, print how long it took, return its result."""
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{getattr(fn, '__name__', fn)}: {time.perf_counter() - t0:.6f} s")
    return result

show = functools.partial(pprint.pprint, width=60, sort_dicts=False)

print("scratch: Python", sys.version.split()[0], "- try timed(sum, range(10**6))")
EOF

# main-vertical: the first pane (data) large on the left, the others
# stacked on the right.  Layouts only matter in the terminal interface.
select-layout main-vertical
select-pane -t scratch

# Until each pane has run its start-up code.  In batch mode the session
# ends with the script, so without these the panes could be closed first.
wait -t data
wait -t model
wait -t scratch
