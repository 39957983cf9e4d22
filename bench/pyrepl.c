/*
 * bench/pyrepl.c: CPython's own command line (Py_BytesMain), linked to the
 * same libpython as subplex.  bench/throughput.sh runs its REPL,
 * `pyrepl -i < FILE`, for a note line: the same statements through the
 * same machine code of the interpreter, so that the ratio against it is
 * subplex's own cost alone.  (PYTHON_EXE, the judged baseline, may carry
 * an interpreter of its own linked in: Debian's does.)  Built by
 * `make bench` only.
 */
#include <Python.h>

int
main(int argc, char **argv)
{
	return (Py_BytesMain(argc, argv));
}
