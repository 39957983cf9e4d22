print("line 1")
print("café")
