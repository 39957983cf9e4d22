# A class and functions with blank lines inside: sent as one block.
class Counter:
    """Counts up."""

    def __init__(self):
        self.n = 0

    def up(self):
        self.n += 1

        return self.n


def twice(c):
    c.up()

    return c.up()


def fail():
    return 1 / 0


c = Counter()
twice(c)
print("n is", c.n)
