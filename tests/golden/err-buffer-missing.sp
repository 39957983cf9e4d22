# A buffer that does not exist: said, with its name; the script stops.
set-buffer one
delete-buffer -b one
show-buffer
