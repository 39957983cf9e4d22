# sleep takes seconds from 0 to 86400.
sleep 0
sleep 1e9
