# mouse and status take on or off (or 1 or 0).
set-option status off
set-option mouse maybe
