print("looping")
try:
    while True:
        pass
except KeyboardInterrupt:
    print("startup interrupted")
