# workspace-check.sp: workspace.sp, headless, checked and shown.
#
# Shows: reusing a session with source-file, then checking each pane with
# expect (the script fails, saying what the pane printed, when a check does
# not hold) and printing every pane's transcript with capture.
#
# Run it from the repository root (source-file paths are relative to the
# current directory):
#	subplex --batch examples/workspace-check.sp
# It is meant for batch mode: in the terminal interface
# (subplex -f examples/workspace-check.sp) each capture opens a full-screen
# view, closed with q.

source-file examples/workspace.sp

# The start-up code ran: expect looks at what a pane printed since the
# last text sent to it, here the start-up here-document.
expect -t data '^data: 72 readings'
expect -t data '^ +north +n=24 '
expect -t model '^model: y = 2\.[0-9]+ x -'
expect -t scratch '^scratch: Python 3\.'

# Use the helpers.
send -t data "summary(by('sensor')['south'])['n']"
expect -t data '^24$'
send -t data "sorted(by('hour'))[-1]"
expect -t data '^23$'
send -t model 'round(predict(10))'
expect -t model '^24$'
send -t model 'model[2] > 0.95'
expect -t model '^True$'
send -t scratch 'timed(sum, range(1000))'
expect -t scratch '^sum: [0-9.]+ s$'
expect -t scratch '^499500$'
send -t scratch "show({'panes': ['data', 'model', 'scratch'], 'tools': [timed.__name__]})"
expect -t scratch '.tools.: \[.timed.\]}$'

# Each pane has only its own names: the data set lives in data alone.
send -t scratch "'readings' in globals(), 'fit' in globals()"
expect -t scratch '^\(False, False\)$'
send -t model "'readings' in globals(), 'fit' in globals()"
expect -t model '^\(False, True\)$'

# Print each transcript once its pane is back at a prompt.
wait -t data
wait -t model
wait -t scratch
capture -t data
capture -t model
capture -t scratch
