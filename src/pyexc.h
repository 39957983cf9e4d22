/*
 * pyexc.h: the raised exception as one object, on every CPython we
 * support (3.12's PyErr_GetRaisedException/PyErr_SetRaisedException, and
 * their equivalent on 3.11).  For the engine files that include Python.h.
 */
#ifndef SUBPLEX_PYEXC_H
#define SUBPLEX_PYEXC_H

/* The raised exception, normalised, with its traceback attached. */
static inline PyObject *
py_exc_fetch(void)
{
#if PY_VERSION_HEX >= 0x030C0000
	return (PyErr_GetRaisedException());
#else
	PyObject	*t, *v, *tb;

	PyErr_Fetch(&t, &v, &tb);
	if (t == NULL)
		return (NULL);
	PyErr_NormalizeException(&t, &v, &tb);
	if (tb != NULL && v != NULL)
		PyException_SetTraceback(v, tb);
	Py_XDECREF(t);
	Py_XDECREF(tb);
	return (v);
#endif
}

/* Raise exc (a reference is stolen) again. */
static inline void
py_exc_restore(PyObject *exc)
{
#if PY_VERSION_HEX >= 0x030C0000
	PyErr_SetRaisedException(exc);
#else
	PyErr_Restore(Py_NewRef((PyObject *)Py_TYPE(exc)), exc,
	    PyException_GetTraceback(exc));
#endif
}

#endif
