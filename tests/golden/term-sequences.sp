# A pane is a terminal: each family of sequences its code may print, and
# capture -e, which gives the colours and attributes back as SGR sequences
# (as tmux's capture-pane -e).  Colours: 16, 256 and 24-bit (taken to the
# nearest of the 256); attributes; CR and BS; HT; cursor moves (CUU, CUD,
# CUF, CUB, CHA); erasing (EL); save and restore; an OSC title,
# swallowed; tqdm-style nested bars redrawn in place, and a spinner.
new-pane -n t
send -t t <<'EOF'
print('\x1b[31mred\x1b[0m \x1b[92mbright\x1b[0m \x1b[38;5;208m256\x1b[0m \x1b[38;2;0;135;255mrgb\x1b[0m \x1b[44mbg\x1b[0m')
EOF
send -t t <<'EOF'
print('\x1b[1mbold\x1b[0m \x1b[3mitalic\x1b[0m \x1b[4munder\x1b[0m \x1b[7mreverse\x1b[0m \x1b[9mstrike\x1b[0m')
EOF
send -t t <<'EOF'
print('abcdef\rXY\bZ\tT')
EOF
send -t t <<'EOF'
print('1\n2\n3\x1b[2A\x1b[5Cup\x1b[1Bdn\x1b[3Dbk\x1b[10Gcha\x1b[1B')
EOF
send -t t <<'EOF'
print('erase me\x1b[4D\x1b[K!'); print('keep\x1b7 saved\x1b8S\x1b]0;a title\x07')
EOF
send -t t <<'EOF'
import sys
for outer in range(3):
    for inner in range(4):
        n = sys.stdout.write(f'\rA {outer + 1}/3\n\rB {inner + 1}/4\x1b[1A')
n = sys.stdout.write('\x1b[2B\r')
EOF
send -t t <<'EOF'
for c in '|/-\\' * 2: print(f'\rspin {c}', end='')
EOF
send -t t ''
wait -t t
capture -e -t t
