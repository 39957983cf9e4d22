try:
    print("looping")
    while True:
        pass
except KeyboardInterrupt:
    print("startup interrupted")
