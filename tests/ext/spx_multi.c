/*
 * spx_multi: a test extension module with multi-phase initialisation
 * that declares support for sub-interpreters with their own GIL (as the
 * stdlib's modules, Cython 3.1 and pybind11 modules that say so): it
 * loads in every interpreter, each with its own state.
 */
#include <Python.h>

static int
spx_exec(PyObject *m)
{
	return (PyModule_AddIntConstant(m, "answer", 42));
}

static PyModuleDef_Slot spx_slots[] = {
	{ Py_mod_exec, spx_exec },
#ifdef Py_mod_multiple_interpreters
	{ Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED },
#endif
#ifdef Py_mod_gil
	{ Py_mod_gil, Py_MOD_GIL_NOT_USED },
#endif
	{ 0, NULL }
};

static struct PyModuleDef spx_def = {
	PyModuleDef_HEAD_INIT, "spx_multi", NULL, 0, NULL, spx_slots,
	NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_spx_multi(void)
{
	return (PyModuleDef_Init(&spx_def));
}
