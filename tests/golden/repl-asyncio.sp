# asyncio works in a pane, except in an own-GIL pane on CPython 3.12 (the
# default there), where importing it would abort the process: it is
# refused with an ImportError instead (expected output: .out-3.12).  A
# shared-GIL pane (-g shared) can use it on every version.
new-pane -n default
new-pane -n shared -g shared
send -t default 'import asyncio'
send -t shared 'import asyncio'
send -t default <<'EOF'
async def main():
    await asyncio.sleep(0)
    return 'async ok'
EOF
send -t default 'asyncio.run(main())'
send -t shared 'asyncio.run(asyncio.sleep(0, result="async ok here too"))'
wait -t default
wait -t shared
capture -t default
capture -t shared
