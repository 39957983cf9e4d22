import math
GREETING = "hello from startup"

def area(r):
    return math.pi * r * r
