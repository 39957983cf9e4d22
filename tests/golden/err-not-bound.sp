# unbind-key of a key with no binding in that table.
unbind-key -T prefix z
unbind-key -T prefix z
