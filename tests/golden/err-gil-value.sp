# set-option gil takes own or shared.
set-option gil none
