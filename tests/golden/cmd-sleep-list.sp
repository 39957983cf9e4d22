# sleep waits; list-commands prints every command, its alias and usage.
sleep 0.05
list-commands
