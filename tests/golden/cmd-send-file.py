def f():
    return 41 + 1

print(f())
for i in range(2):
    print("in", i)
