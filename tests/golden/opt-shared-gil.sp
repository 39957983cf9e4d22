# args: --shared-gil --batch opt-shared-gil.sp
# --shared-gil makes every pane share the main GIL, on every version; such
# panes can import asyncio on CPython 3.12 too.
new-pane
new-pane -n second
send 'import asyncio; asyncio.run(asyncio.sleep(0, result="ran"))'
wait -t 0
wait
capture
list-panes
