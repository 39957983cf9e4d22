# An unknown option: the message lists the known ones.
set-option scroll-lines 100
