# own-gil-memory takes megabytes, 0 for no limit; anything else is an
# error that says so, and the option keeps its value.
set -g own-gil-memory 0
set -g own-gil-memory 300
set -g own-gil-memory lots
