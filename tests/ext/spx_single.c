/*
 * spx_single: a test extension module with single-phase initialisation,
 * as most of PyPI's compiled packages have (numpy, PyO3 modules).  Its
 * C state is process-wide: a list made in the interpreter that ran its
 * init, which a second init frees (from the wrong interpreter, if one
 * ever ran there) as numpy's and PyO3's state would be.
 */
#include <Python.h>

static int	 spx_inits;
static PyObject	*spx_state;

static PyObject *
spx_get_inits(PyObject *m, PyObject *unused)
{
	(void)m;
	(void)unused;
	return (PyLong_FromLong(spx_inits));
}

static PyObject *
spx_get_state(PyObject *m, PyObject *unused)
{
	(void)m;
	(void)unused;
	return (Py_NewRef(spx_state));
}

static PyMethodDef spx_methods[] = {
	{ "inits", spx_get_inits, METH_NOARGS, NULL },
	{ "state", spx_get_state, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL }
};

static struct PyModuleDef spx_def = {
	PyModuleDef_HEAD_INIT, "spx_single", NULL, -1, spx_methods,
	NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_spx_single(void)
{
	spx_inits++;
	Py_XSETREF(spx_state, Py_BuildValue("[i]", spx_inits));
	return (PyModule_Create(&spx_def));
}
