# asyncio in two shared-GIL panes at once: each pane's event loop is its
# own.  (CPython 3.11 caches the running loop under the thread state's
# id, which each interpreter numbers from 1; subplex numbers its threads
# process-wide so that pane b does not find pane a's loop running.)
new-pane -g shared -n a
new-pane -g shared -n b
send -t a 'import asyncio'
send -t b 'import asyncio'
send -t a <<'EOF'
async def slow():
    print('a is in its loop')
    await asyncio.sleep(1)
    return 'a done'
EOF
send -t a 'asyncio.run(slow())'
wait -t a -r '^a is in its loop$'
send -t b 'asyncio.run(asyncio.sleep(0, result="b ran its own loop"))'
wait -t b
wait -t a
capture -t a
capture -t b
