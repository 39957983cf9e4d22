/*
 * pyio.c: the _subplex module, which gives each pane its sys.stdout,
 * sys.stderr and sys.stdin, and its getpass.getpass.
 *
 * The module uses multi-phase initialisation and creates its types per
 * interpreter (PyType_FromModuleAndSpec in Py_mod_exec), declaring support
 * for a per-interpreter GIL (3.12+) and for running without the GIL
 * (3.13+), so it imports in own-GIL panes and no type object is shared
 * between interpreters.  pyio.c knows nothing of panes: pyio_install is
 * given a table of callbacks (struct pyio_host, engine.h; pane.c fills it)
 * and an opaque pointer, and the streams reach their pane only through
 * them.  The writers hand text to the host's write while holding the
 * interpreter's GIL: nothing waits for a GIL under the outbuf's locks (see
 * outbuf.c), so this cannot deadlock, and no syscall is made per write.
 * The reader waits for a line with the GIL released, through
 * interp_release/interp_reacquire, so input() in one pane blocks nobody
 * else and can be interrupted at once.  getpass.getpass reads the same
 * way, a line that is never echoed (the host's secret and readline); the
 * import blocker puts it in the getpass module when that is imported, so
 * that panes pay nothing for it at start (multiprocessing.context is
 * patched the same way: spawn is its default).  The functions tty,
 * tty_name, exec_helper, spawned and sync_tty serve the code that starts
 * the pane's child processes on its terminal (repl.c).  Called by threads
 * attached to the pane's interpreter: its worker and any thread its code
 * starts; pyio_register by the keeper, through the hook its configuration
 * carries (struct engine_config), before Py_Initialize.  The module's
 * create_extension is every interpreter's loader of extension modules
 * from files: it asks extmod.c, with the GIL released, whether this
 * interpreter may load one.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <limits.h>
#include <pthread.h>
#include <string.h>

#include "engine.h"
#include "pyexc.h"

/* Where an interpreter's streams go: a host and its pane. */
struct pyio_peer {
	const struct pyio_host	*host;	/* NULL: no pane, (text dropped) */
	void			*ctx;
};

struct pyio_state {
	PyTypeObject	*writer_type;
	PyTypeObject	*buffer_type;
	PyTypeObject	*reader_type;
	PyObject	*blocked;	/* module name -> why it is refused */
	PyObject	*sleep;		/* the time module's own sleep */
	struct pyio_peer peer;		/* the pane this interpreter serves */
};

/* Attached: no KeyboardInterrupt is waiting to be raised in this thread. */
static int
pyio_no_async_exc(void)
{
	return (PyThreadState_Get()->async_exc == NULL);
}

/*
 * A wait of the pane's was cut short: raise SystemExit when os._exit was
 * called in the pane, else KeyboardInterrupt; a copy of either still
 * pending in this thread is dropped.
 */
static PyObject *
pyio_raise_cut(const struct pyio_peer *peer)
{
	PyObject	*code;
	int		 status;

	PyThreadState_SetAsyncExc(PyThread_get_thread_ident(), NULL);
	if (peer->host != NULL && peer->host->exiting(peer->ctx, &status)) {
		if ((code = PyLong_FromLong(status)) != NULL) {
			PyErr_SetObject(PyExc_SystemExit, code);
			Py_DECREF(code);
		}
	} else
		PyErr_SetNone(PyExc_KeyboardInterrupt);
	return (NULL);
}

/* What ExtensionFileLoader.create_module does: _imp.create_dynamic. */
static PyObject *
pyio_create_dynamic(PyObject *spec)
{
	PyObject	*imp, *mod;

	if ((imp = PyImport_ImportModule("_imp")) == NULL)
		return (NULL);
	mod = PyObject_CallMethod(imp, "create_dynamic", "O", spec);
	Py_DECREF(imp);
	return (mod);
}

struct pyio_writer {
	PyObject_HEAD
	struct pyio_peer peer;
	int		 style;
	int		 fd;
	PyObject	*buffer;	/* the binary stream under it */
};

struct pyio_reader {
	PyObject_HEAD
	struct pyio_peer peer;
};

static const char *
pyio_stream_name(int style)
{
	return (style == STYLE_ERR ? "<stderr>" : "<stdout>");
}

/*
 * str s as UTF-8 for a pane: lone surrogates show escaped rather than
 * fail, through a bytes object in *bytes (the caller drops it).
 */
static const char *
pyio_utf8(PyObject *s, Py_ssize_t *len, PyObject **bytes)
{
	const char	*buf;

	*bytes = NULL;
	if ((buf = PyUnicode_AsUTF8AndSize(s, len)) != NULL)
		return (buf);
	PyErr_Clear();
	if ((*bytes = PyUnicode_AsEncodedString(s, "utf-8",
	    "backslashreplace")) == NULL)
		return (NULL);
	*len = PyBytes_GET_SIZE(*bytes);
	return (PyBytes_AS_STRING(*bytes));
}

static PyObject *
pyio_writer_write(struct pyio_writer *w, PyObject *arg)
{
	const char	*buf;
	Py_ssize_t	 len;
	PyObject	*bytes = NULL;

	if (!PyUnicode_Check(arg)) {
		PyErr_Format(PyExc_TypeError,
		    "write() argument must be str, not %.100s",
		    Py_TYPE(arg)->tp_name);
		return (NULL);
	}
	if ((buf = pyio_utf8(arg, &len, &bytes)) == NULL)
		return (NULL);
	if (w->peer.host != NULL)
		w->peer.host->write(w->peer.ctx, (enum style)w->style, buf,
		    (size_t)len);
	Py_XDECREF(bytes);
	return (PyLong_FromSsize_t(PyUnicode_GetLength(arg)));
}

/* sys.stdout.buffer.write(b): bytes go to the scrollback as they are. */
static PyObject *
pyio_buffer_write(struct pyio_writer *w, PyObject *arg)
{
	Py_buffer	 view;

	if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) != 0)
		return (NULL);
	if (w->peer.host != NULL)
		w->peer.host->write(w->peer.ctx, (enum style)w->style,
		    view.buf, (size_t)view.len);
	PyBuffer_Release(&view);
	return (PyLong_FromSsize_t(view.len));
}

static PyObject *
pyio_none(PyObject *self, PyObject *unused)
{
	(void)self; (void)unused;
	Py_RETURN_NONE;
}

static PyObject *
pyio_false(PyObject *self, PyObject *unused)
{
	(void)self; (void)unused;
	Py_RETURN_FALSE;
}

static PyObject *
pyio_true(PyObject *self, PyObject *unused)
{
	(void)self; (void)unused;
	Py_RETURN_TRUE;
}

/*
 * The fd the pane's code sees: its terminal's (panetty.c), so that
 * isatty() is true and os.get_terminal_size() gives the pane's size;
 * else fds 1 and 2, which are captured (fdcap.c): what is written to
 * either is shown.
 */
static int
pyio_writer_fd(struct pyio_writer *w)
{
	int	 fd = -1;

	if (w->peer.host != NULL && w->peer.host->tty != NULL)
		fd = w->peer.host->tty(w->peer.ctx);
	return (fd >= 0 ? fd : w->fd);
}

static PyObject *
pyio_writer_fileno(struct pyio_writer *w, PyObject *unused)
{
	(void)unused;
	return (PyLong_FromLong(pyio_writer_fd(w)));
}

static PyObject *
pyio_writer_isatty(struct pyio_writer *w, PyObject *unused)
{
	(void)unused;
	return (PyBool_FromLong(isatty(pyio_writer_fd(w))));
}

static PyObject *
pyio_writer_writelines(struct pyio_writer *w, PyObject *lines)
{
	PyObject	*it, *item, *r;

	if ((it = PyObject_GetIter(lines)) == NULL)
		return (NULL);
	while ((item = PyIter_Next(it)) != NULL) {
		r = pyio_writer_write(w, item);
		Py_DECREF(item);
		if (r == NULL) {
			Py_DECREF(it);
			return (NULL);
		}
		Py_DECREF(r);
	}
	Py_DECREF(it);
	if (PyErr_Occurred())
		return (NULL);
	Py_RETURN_NONE;
}

static PyObject *
pyio_writer_get_name(struct pyio_writer *w, void *closure)
{
	(void)closure;
	return (PyUnicode_FromString(pyio_stream_name(w->style)));
}

static PyObject *
pyio_get_encoding(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	return (PyUnicode_FromString("utf-8"));
}

static PyObject *
pyio_get_false(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	Py_RETURN_FALSE;
}

static PyObject *
pyio_get_true(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	Py_RETURN_TRUE;
}

static PyObject *
pyio_get_none(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	Py_RETURN_NONE;
}

static PyObject *
pyio_writer_get_errors(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	return (PyUnicode_FromString("backslashreplace"));
}

static PyObject *
pyio_reader_get_errors(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	return (PyUnicode_FromString("surrogateescape"));
}

static PyObject *
pyio_writer_get_mode(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	return (PyUnicode_FromString("w"));
}

static PyObject *
pyio_reader_get_mode(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	return (PyUnicode_FromString("r"));
}

static PyObject *
pyio_reader_get_name(PyObject *self, void *closure)
{
	(void)self; (void)closure;
	return (PyUnicode_FromString("<stdin>"));
}

static PyMethodDef pyio_writer_methods[] = {
	{ "write", (PyCFunction)pyio_writer_write, METH_O, NULL },
	{ "writelines", (PyCFunction)pyio_writer_writelines, METH_O, NULL },
	{ "flush", pyio_none, METH_NOARGS, NULL },
	{ "close", pyio_none, METH_NOARGS, NULL },
	{ "isatty", (PyCFunction)pyio_writer_isatty, METH_NOARGS, NULL },
	{ "readable", pyio_false, METH_NOARGS, NULL },
	{ "seekable", pyio_false, METH_NOARGS, NULL },
	{ "writable", pyio_true, METH_NOARGS, NULL },
	{ "fileno", (PyCFunction)pyio_writer_fileno, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL }
};

static PyObject *
pyio_writer_get_buffer(struct pyio_writer *w, void *closure)
{
	(void)closure;
	if (w->buffer == NULL) {
		PyErr_SetString(PyExc_AttributeError, "buffer");
		return (NULL);
	}
	return (Py_NewRef(w->buffer));
}

static PyGetSetDef pyio_writer_getset[] = {
	{ "buffer", (getter)pyio_writer_get_buffer, NULL, NULL, NULL },
	{ "name", (getter)pyio_writer_get_name, NULL, NULL, NULL },
	{ "encoding", pyio_get_encoding, NULL, NULL, NULL },
	{ "errors", pyio_writer_get_errors, NULL, NULL, NULL },
	{ "mode", pyio_writer_get_mode, NULL, NULL, NULL },
	{ "closed", pyio_get_false, NULL, NULL, NULL },
	{ "line_buffering", pyio_get_true, NULL, NULL, NULL },
	{ "newlines", pyio_get_none, NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static void
pyio_dealloc(PyObject *self)
{
	PyTypeObject	*tp = Py_TYPE(self);

	PyObject_GC_UnTrack(self);
	tp->tp_free(self);
	Py_DECREF(tp);
}

static int
pyio_traverse(PyObject *self, visitproc visit, void *arg)
{
	Py_VISIT(Py_TYPE(self));
	return (0);
}

static void
pyio_writer_dealloc(PyObject *self)
{
	PyTypeObject	*tp = Py_TYPE(self);

	PyObject_GC_UnTrack(self);
	Py_CLEAR(((struct pyio_writer *)self)->buffer);
	tp->tp_free(self);
	Py_DECREF(tp);
}

static int
pyio_writer_traverse(PyObject *self, visitproc visit, void *arg)
{
	Py_VISIT(Py_TYPE(self));
	Py_VISIT(((struct pyio_writer *)self)->buffer);
	return (0);
}

static int
pyio_writer_clear(PyObject *self)
{
	Py_CLEAR(((struct pyio_writer *)self)->buffer);
	return (0);
}

static PyType_Slot pyio_writer_slots[] = {
	{ Py_tp_methods, pyio_writer_methods },
	{ Py_tp_getset, pyio_writer_getset },
	{ Py_tp_dealloc, pyio_writer_dealloc },
	{ Py_tp_traverse, pyio_writer_traverse },
	{ Py_tp_clear, pyio_writer_clear },
	{ Py_tp_doc, "A pane's sys.stdout or sys.stderr: text goes to the "
	    "pane's scrollback." },
	{ 0, NULL }
};

static PyType_Spec pyio_writer_spec = {
	.name = "_subplex.PaneWriter",
	.basicsize = sizeof(struct pyio_writer),
	.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC |
	    Py_TPFLAGS_DISALLOW_INSTANTIATION,
	.slots = pyio_writer_slots,
};

static PyMethodDef pyio_buffer_methods[] = {
	{ "write", (PyCFunction)pyio_buffer_write, METH_O, NULL },
	{ "flush", pyio_none, METH_NOARGS, NULL },
	{ "close", pyio_none, METH_NOARGS, NULL },
	{ "isatty", (PyCFunction)pyio_writer_isatty, METH_NOARGS, NULL },
	{ "readable", pyio_false, METH_NOARGS, NULL },
	{ "seekable", pyio_false, METH_NOARGS, NULL },
	{ "writable", pyio_true, METH_NOARGS, NULL },
	{ "fileno", (PyCFunction)pyio_writer_fileno, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL }
};

static PyGetSetDef pyio_buffer_getset[] = {
	{ "name", (getter)pyio_writer_get_name, NULL, NULL, NULL },
	{ "closed", pyio_get_false, NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot pyio_buffer_slots[] = {
	{ Py_tp_methods, pyio_buffer_methods },
	{ Py_tp_getset, pyio_buffer_getset },
	{ Py_tp_dealloc, pyio_writer_dealloc },
	{ Py_tp_traverse, pyio_writer_traverse },
	{ Py_tp_clear, pyio_writer_clear },
	{ Py_tp_doc, "The binary stream under a pane's sys.stdout or "
	    "sys.stderr." },
	{ 0, NULL }
};

static PyType_Spec pyio_buffer_spec = {
	.name = "_subplex.PaneBuffer",
	.basicsize = sizeof(struct pyio_writer),
	.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC |
	    Py_TPFLAGS_DISALLOW_INSTANTIATION,
	.slots = pyio_buffer_slots,
};

/* One line, or "" at end of input; KeyboardInterrupt when interrupted. */
static PyObject *
pyio_reader_readline(struct pyio_reader *r, PyObject *args)
{
	Py_ssize_t	 size = -1;
	char		*line = NULL;
	size_t		 len = 0;
	enum pyio_read	 res;
	void		*saved;
	PyObject	*s;

	if (!PyArg_ParseTuple(args, "|n:readline", &size))
		return (NULL);
	if (r->peer.host == NULL)
		return (PyUnicode_FromString(""));
	if (pyio_no_async_exc())
		r->peer.host->intr_landed(r->peer.ctx);
	saved = interp_release();
	res = r->peer.host->readline(r->peer.ctx, 0, &line, &len);
	interp_reacquire(saved);
	switch (res) {
	case PYIO_READ_INTR:
		/* Raised here instead: drop a copy still pending. */
		return (pyio_raise_cut(&r->peer));
	case PYIO_READ_EOF:
		return (PyUnicode_FromString(""));
	case PYIO_READ_LINE:
		break;
	}
	s = PyUnicode_DecodeUTF8(line, (Py_ssize_t)len, "surrogateescape");
	free(line);
	return (s);
}

static PyObject *
pyio_reader_read(struct pyio_reader *r, PyObject *args)
{
	PyObject	*parts, *line, *empty, *res;
	PyObject	*noargs;

	(void)args;
	if ((parts = PyList_New(0)) == NULL)
		return (NULL);
	noargs = PyTuple_New(0);
	for (;;) {
		line = pyio_reader_readline(r, noargs);
		if (line == NULL) {
			Py_DECREF(parts);
			Py_DECREF(noargs);
			return (NULL);
		}
		if (PyUnicode_GetLength(line) == 0) {
			Py_DECREF(line);
			break;
		}
		PyList_Append(parts, line);
		Py_DECREF(line);
	}
	Py_DECREF(noargs);
	empty = PyUnicode_FromString("");
	res = PyUnicode_Join(empty, parts);
	Py_DECREF(empty);
	Py_DECREF(parts);
	return (res);
}

static PyObject *
pyio_reader_readlines(struct pyio_reader *r, PyObject *args)
{
	PyObject	*lines, *line, *noargs;

	(void)args;
	if ((lines = PyList_New(0)) == NULL)
		return (NULL);
	noargs = PyTuple_New(0);
	for (;;) {
		if ((line = pyio_reader_readline(r, noargs)) == NULL) {
			Py_DECREF(lines);
			Py_DECREF(noargs);
			return (NULL);
		}
		if (PyUnicode_GetLength(line) == 0) {
			Py_DECREF(line);
			break;
		}
		PyList_Append(lines, line);
		Py_DECREF(line);
	}
	Py_DECREF(noargs);
	return (lines);
}

static PyObject *
pyio_reader_iternext(struct pyio_reader *r)
{
	PyObject	*noargs, *line;

	noargs = PyTuple_New(0);
	line = pyio_reader_readline(r, noargs);
	Py_DECREF(noargs);
	if (line != NULL && PyUnicode_GetLength(line) == 0) {
		Py_DECREF(line);
		return (NULL);		/* StopIteration */
	}
	return (line);
}

/*
 * The pane is a terminal (when it has one): its lines come from a
 * keyboard, as a console's do, so pydoc pages help() with less and code
 * that asks "interactive?" hears yes.  Its fileno() stays unsupported:
 * what is typed reaches the code as lines, not on a descriptor.
 */
static PyObject *
pyio_reader_isatty(struct pyio_reader *r, PyObject *unused)
{
	(void)unused;
	return (PyBool_FromLong(r->peer.host != NULL &&
	    r->peer.host->tty != NULL && r->peer.host->tty(r->peer.ctx) >= 0));
}

static PyObject *
pyio_self(PyObject *self)
{
	return (Py_NewRef(self));
}

static PyMethodDef pyio_reader_methods[] = {
	{ "readline", (PyCFunction)pyio_reader_readline, METH_VARARGS, NULL },
	{ "read", (PyCFunction)pyio_reader_read, METH_VARARGS, NULL },
	{ "readlines", (PyCFunction)pyio_reader_readlines, METH_VARARGS,
	  NULL },
	{ "close", pyio_none, METH_NOARGS, NULL },
	{ "isatty", (PyCFunction)pyio_reader_isatty, METH_NOARGS, NULL },
	{ "readable", pyio_true, METH_NOARGS, NULL },
	{ "seekable", pyio_false, METH_NOARGS, NULL },
	{ "writable", pyio_false, METH_NOARGS, NULL },
	{ NULL, NULL, 0, NULL }
};

static PyGetSetDef pyio_reader_getset[] = {
	{ "name", pyio_reader_get_name, NULL, NULL, NULL },
	{ "encoding", pyio_get_encoding, NULL, NULL, NULL },
	{ "errors", pyio_reader_get_errors, NULL, NULL, NULL },
	{ "mode", pyio_reader_get_mode, NULL, NULL, NULL },
	{ "closed", pyio_get_false, NULL, NULL, NULL },
	{ "newlines", pyio_get_none, NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static PyType_Slot pyio_reader_slots[] = {
	{ Py_tp_methods, pyio_reader_methods },
	{ Py_tp_getset, pyio_reader_getset },
	{ Py_tp_iter, pyio_self },
	{ Py_tp_iternext, pyio_reader_iternext },
	{ Py_tp_dealloc, pyio_dealloc },
	{ Py_tp_traverse, pyio_traverse },
	{ Py_tp_doc, "A pane's sys.stdin: lines sent to the pane." },
	{ 0, NULL }
};

static PyType_Spec pyio_reader_spec = {
	.name = "_subplex.PaneReader",
	.basicsize = sizeof(struct pyio_reader),
	.flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC |
	    Py_TPFLAGS_DISALLOW_INSTANTIATION,
	.slots = pyio_reader_slots,
};

static int
pyio_exec(PyObject *m)
{
	struct pyio_state	*st = PyModule_GetState(m);

	st->writer_type = (PyTypeObject *)PyType_FromModuleAndSpec(m,
	    &pyio_writer_spec, NULL);
	if (st->writer_type == NULL)
		return (-1);
	st->buffer_type = (PyTypeObject *)PyType_FromModuleAndSpec(m,
	    &pyio_buffer_spec, NULL);
	if (st->buffer_type == NULL)
		return (-1);
	st->reader_type = (PyTypeObject *)PyType_FromModuleAndSpec(m,
	    &pyio_reader_spec, NULL);
	if (st->reader_type == NULL)
		return (-1);
	if (PyModule_AddType(m, st->writer_type) < 0 ||
	    PyModule_AddType(m, st->reader_type) < 0)
		return (-1);
	return (0);
}

static int
pyio_mod_traverse(PyObject *m, visitproc visit, void *arg)
{
	struct pyio_state	*st = PyModule_GetState(m);

	Py_VISIT(st->writer_type);
	Py_VISIT(st->buffer_type);
	Py_VISIT(st->reader_type);
	Py_VISIT(st->blocked);
	Py_VISIT(st->sleep);
	return (0);
}

static int
pyio_mod_clear(PyObject *m)
{
	struct pyio_state	*st = PyModule_GetState(m);

	Py_CLEAR(st->writer_type);
	Py_CLEAR(st->buffer_type);
	Py_CLEAR(st->reader_type);
	Py_CLEAR(st->blocked);
	Py_CLEAR(st->sleep);
	return (0);
}

static void
pyio_mod_free(void *m)
{
	pyio_mod_clear(m);
}

/* Text for getpass: to stream when it is not None, else to the pane. */
static int
pyio_getpass_show(struct pyio_state *st, PyObject *stream, PyObject *text)
{
	PyObject	*r, *bytes = NULL;
	const char	*buf;
	Py_ssize_t	 len;

	if (stream != Py_None) {
		if ((r = PyObject_CallMethod(stream, "write", "O", text)) ==
		    NULL)
			return (-1);
		Py_DECREF(r);
		if ((r = PyObject_CallMethod(stream, "flush", NULL)) == NULL)
			return (-1);
		Py_DECREF(r);
		return (0);
	}
	if (st->peer.host == NULL)
		return (0);
	if ((buf = pyio_utf8(text, &len, &bytes)) == NULL)
		return (-1);
	st->peer.host->write(st->peer.ctx, STYLE_OUT, buf, (size_t)len);
	Py_XDECREF(bytes);
	return (0);
}

/*
 * getpass.getpass in a pane.  python3's opens /dev/tty, which in subplex
 * is subplex's own terminal, and, failing that, reads sys.stdin with echo.
 * Here the prompt goes to the pane (to stream, if one is given, as
 * python3 does), then the next line sent to the pane is read as a secret
 * (pane_io_readline): it is never echoed, so no transcript, capture or
 * journal holds it, and while it waits the UI hides what is typed and
 * keeps the line out of the history and the --record file.  Any thread of
 * the pane may call it; the line typed next goes to it first.  Then a
 * newline, as a terminal shows one.  Interrupted: KeyboardInterrupt (or
 * os._exit's SystemExit), as input(); at end of input: EOFError, as
 * python3's getpass.
 */
static PyObject *
pyio_getpass(PyObject *m, PyObject *args, PyObject *kwargs)
{
	static char		*kwlist[] = { "prompt", "stream", NULL };
	struct pyio_state	*st = PyModule_GetState(m);
	PyObject		*prompt = NULL, *stream = Py_None, *s;
	char			*line = NULL;
	size_t			 len = 0;
	const struct pyio_host	*host = st->peer.host;
	enum pyio_read		 res;
	void			*saved;
	int			 rc;

	if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OO:getpass", kwlist,
	    &prompt, &stream))
		return (NULL);
	s = prompt != NULL ? PyObject_Str(prompt) :
	    PyUnicode_FromString("Password: ");
	if (s == NULL)
		return (NULL);
	if (host == NULL) {
		Py_DECREF(s);
		PyErr_SetNone(PyExc_EOFError);
		return (NULL);
	}
	/* The line typed once the prompt shows is the secret. */
	host->secret(st->peer.ctx, 1);
	rc = pyio_getpass_show(st, stream, s);
	Py_DECREF(s);
	if (rc != 0) {
		host->secret(st->peer.ctx, -1);
		return (NULL);
	}
	if (pyio_no_async_exc())
		host->intr_landed(st->peer.ctx);
	saved = interp_release();
	res = host->readline(st->peer.ctx, 1, &line, &len);
	interp_reacquire(saved);
	if (res != PYIO_READ_LINE) {
		host->secret(st->peer.ctx, 0);
		if (res == PYIO_READ_INTR)
			return (pyio_raise_cut(&st->peer));
		PyErr_SetNone(PyExc_EOFError);
		return (NULL);
	}
	/* Without its newline; the copy here is wiped. */
	s = PyUnicode_DecodeUTF8(line, (Py_ssize_t)len - 1, "surrogateescape");
	explicit_bzero(line, len);
	free(line);
	if (s != NULL && (prompt = PyUnicode_FromString("\n")) != NULL) {
		rc = pyio_getpass_show(st, stream, prompt);
		Py_DECREF(prompt);
		if (rc != 0)
			Py_CLEAR(s);
	} else
		Py_CLEAR(s);
	host->secret(st->peer.ctx, 0);
	return (s);
}

PyDoc_STRVAR(pyio_getpass_doc,
"getpass(prompt='Password: ', stream=None)\n\n"
"Prompt for a password, with echo turned off.  In a subplex pane: the\n"
"prompt shows in the pane (or is written to stream), and the next line\n"
"typed into the pane is returned without its newline.  It is not shown,\n"
"kept in the history, the transcript or a --record file.");

/* Make pyio_getpass the getpass module's getpass (and unix_getpass and
 * fallback_getpass, which python3's getpass is one of). */
static int
pyio_patch_getpass(PyObject *m, PyObject *module)
{
	static const char *const names[] = {
		"getpass", "unix_getpass", "fallback_getpass"
	};
	PyObject	*ours;
	size_t		 i;
	int		 rc = 0;

	if ((ours = PyObject_GetAttrString(m, "getpass")) == NULL)
		return (-1);
	for (i = 0; i < sizeof names / sizeof names[0] && rc == 0; i++) {
		if (i > 0 && !PyObject_HasAttrString(module, names[i]))
			continue;
		rc = PyObject_SetAttrString(module, names[i], ours);
	}
	Py_DECREF(ours);
	return (rc);
}

/* multiprocessing starts processes with spawn in a pane, where os.fork
 * is refused (spawn is macOS's default; 3.14's is forkserver). */
static int
pyio_patch_spawn(PyObject *m, PyObject *module)
{
	PyObject	*contexts, *spawn = NULL, *ctx = NULL;
	int		 rc = -1;

	(void)m;
	if ((contexts = PyObject_GetAttrString(module,
	    "_concrete_contexts")) == NULL)
		return (-1);
	if ((spawn = PyMapping_GetItemString(contexts, "spawn")) != NULL &&
	    (ctx = PyObject_CallMethod(module, "DefaultContext", "O",
	    spawn)) != NULL)
		rc = PyObject_SetAttrString(module, "_default_context", ctx);
	Py_XDECREF(ctx);
	Py_XDECREF(spawn);
	Py_DECREF(contexts);
	return (rc);
}

/*
 * multiprocessing's helper processes (its resource tracker, which lives
 * as long as the interpreter, and spawn's workers) start through
 * util.spawnv_passfds: the wrapper the pane's children code left in the
 * module (repl.c, wrap_spawnv) starts them on the pane's terminal but
 * without taking it, which a later child (vi) needs.
 */
static int
pyio_patch_mputil(PyObject *m, PyObject *module)
{
	PyObject	*wrap, *orig = NULL, *ours = NULL;
	int		 rc = 0;

	if ((wrap = PyObject_GetAttrString(m, "wrap_spawnv")) == NULL) {
		PyErr_Clear();		/* no children code: as it is */
		return (0);
	}
	if ((orig = PyObject_GetAttrString(module, "spawnv_passfds")) ==
	    NULL || (ours = PyObject_CallOneArg(wrap, orig)) == NULL ||
	    PyObject_SetAttrString(module, "spawnv_passfds", ours) != 0)
		rc = -1;
	Py_XDECREF(ours);
	Py_XDECREF(orig);
	Py_DECREF(wrap);
	return (rc);
}

/*
 * Modules changed for a pane right after they run, when they are first
 * imported (so that a pane that never imports them pays nothing at
 * start).  why: the import fails when the change cannot be put in place
 * (getpass must never read a password from subplex's terminal); without
 * it, the module is imported as it is.
 */
static const struct pyio_patch {
	const char	*name;
	int		(*patch)(PyObject *, PyObject *);
	const char	*why;
} pyio_patches[] = {
	{ "getpass", pyio_patch_getpass, "subplex cannot make this getpass "
	    "module read from its pane (its loader takes no exec_module of "
	    "its own): it is not imported, rather than read a password from "
	    "subplex's own terminal" },
	{ "multiprocessing.context", pyio_patch_spawn, NULL },
	{ "multiprocessing.util", pyio_patch_mputil, NULL },
};

/*
 * A patched module's loader, for one import: run the module, then its
 * patch.  self is (loader, its exec_module, the _subplex module, the
 * patch's index); the loader gets its own exec_module back first.
 */
static PyObject *
pyio_patched_exec(PyObject *self, PyObject *module)
{
	PyObject	*r;
	size_t		 k = PyLong_AsSize_t(PyTuple_GET_ITEM(self, 3));

	if (PyObject_DelAttrString(PyTuple_GET_ITEM(self, 0),
	    "exec_module") != 0)
		return (NULL);
	if ((r = PyObject_CallOneArg(PyTuple_GET_ITEM(self, 1), module)) ==
	    NULL)
		return (NULL);
	Py_DECREF(r);
	if (pyio_patches[k].patch(PyTuple_GET_ITEM(self, 2), module) != 0)
		return (NULL);
	Py_RETURN_NONE;
}

static PyMethodDef pyio_patched_exec_def = {
	"exec_module", pyio_patched_exec, METH_O, NULL
};

/*
 * The import blocker (first on sys.meta_path) is also what puts the
 * patches above in place: the spec comes from the finders after us, as
 * importlib would find it, and its loader (a new one per import) gets an
 * exec_module of its own, pyio_patched_exec, for this one import.
 */
static PyObject *
pyio_find_patched(PyObject *m, size_t k, PyObject *name, PyObject *path,
    PyObject *target)
{
	PyObject	*meta, *us, *finder, *find, *spec = NULL;
	PyObject	*loader = NULL, *orig = NULL, *state = NULL, *fn = NULL;
	PyObject	*msg;
	Py_ssize_t	 i;

	if ((meta = PySys_GetObject("meta_path")) == NULL ||
	    (meta = PySequence_List(meta)) == NULL)
		return (NULL);
	if ((us = PyObject_GetAttrString(m, "find_blocked")) == NULL) {
		Py_DECREF(meta);
		return (NULL);
	}
	for (i = 0; i < PyList_GET_SIZE(meta) && spec == NULL; i++) {
		finder = PyList_GET_ITEM(meta, i);
		if ((find = PyObject_GetAttrString(finder, "find_spec")) ==
		    NULL) {
			PyErr_Clear();
			continue;
		}
		if (find != us) {
			spec = PyObject_CallFunctionObjArgs(find, name, path,
			    target, NULL);
			if (spec == Py_None)
				Py_CLEAR(spec);
			else if (spec == NULL)
				i = PyList_GET_SIZE(meta);	/* raised */
		}
		Py_DECREF(find);
	}
	Py_DECREF(us);
	Py_DECREF(meta);
	if (spec == NULL)
		return (PyErr_Occurred() ? NULL : Py_NewRef(Py_None));
	if ((loader = PyObject_GetAttrString(spec, "loader")) == NULL ||
	    loader == Py_None || PyType_Check(loader) ||
	    (orig = PyObject_GetAttrString(loader, "exec_module")) == NULL ||
	    (state = Py_BuildValue("(OOOn)", loader, orig, m,
	    (Py_ssize_t)k)) == NULL ||
	    (fn = PyCFunction_NewEx(&pyio_patched_exec_def, state, NULL)) ==
	    NULL || PyObject_SetAttrString(loader, "exec_module", fn) != 0) {
		PyErr_Clear();
		if (pyio_patches[k].why != NULL) {
			msg = PyUnicode_FromString(pyio_patches[k].why);
			if (msg != NULL) {
				PyErr_SetImportError(msg, name, Py_None);
				Py_DECREF(msg);
			}
			Py_CLEAR(spec);
		}
	}
	Py_XDECREF(loader);
	Py_XDECREF(orig);
	Py_XDECREF(state);
	Py_XDECREF(fn);
	return (spec);
}

/*
 * The import blocker's find_spec, in C so that the ImportError it raises
 * carries no frame of ours in its traceback.
 */
static PyObject *
pyio_set_blocked(PyObject *m, PyObject *table)
{
	struct pyio_state	*st = PyModule_GetState(m);

	if (!PyDict_Check(table)) {
		PyErr_SetString(PyExc_TypeError, "set_blocked needs a dict");
		return (NULL);
	}
	Py_XSETREF(st->blocked, Py_NewRef(table));
	Py_RETURN_NONE;
}

static PyObject *
pyio_find_blocked(PyObject *m, PyObject *args)
{
	struct pyio_state	*st = PyModule_GetState(m);
	PyObject		*name, *path = Py_None, *target = Py_None;
	PyObject		*why;
	size_t			 k;

	if (!PyArg_ParseTuple(args, "U|OO:find_spec", &name, &path, &target))
		return (NULL);
	for (k = 0; k < sizeof pyio_patches / sizeof pyio_patches[0]; k++)
		if (PyUnicode_CompareWithASCIIString(name,
		    pyio_patches[k].name) == 0)
			return (pyio_find_patched(m, k, name, path, target));
	if (st->blocked == NULL ||
	    (why = PyDict_GetItemWithError(st->blocked, name)) == NULL) {
		if (PyErr_Occurred())
			return (NULL);
		Py_RETURN_NONE;
	}
	PyErr_SetImportError(why, name, Py_None);
	return (NULL);
}

/*
 * time.sleep in a pane.  In the pane's worker (the thread that runs what
 * is typed, a console's main thread) an interrupt ends the sleep at once
 * with KeyboardInterrupt, as C-c does in python3; a thread the pane's
 * code started sleeps with the time module's own sleep, as do arguments
 * that are not a plain non-negative number of seconds (it raises the
 * errors for those).
 */
static PyObject *
pyio_sleep(PyObject *m, PyObject *arg)
{
	struct pyio_state	*st = PyModule_GetState(m);
	double			 secs;
	void			*saved;
	int			 cut;

	if (st->sleep == NULL) {
		PyErr_SetString(PyExc_RuntimeError, "_subplex.sleep: no sleep");
		return (NULL);
	}
	secs = PyFloat_Check(arg) || PyLong_Check(arg) ?
	    PyFloat_AsDouble(arg) : -1;
	if (secs == -1 && PyErr_Occurred())
		PyErr_Clear();
	if (st->peer.host == NULL || !(secs > 0 && secs < 1e9))
		return (PyObject_CallOneArg(st->sleep, arg));
	if (pyio_no_async_exc())
		st->peer.host->intr_landed(st->peer.ctx);
	saved = interp_release();
	cut = st->peer.host->sleep(st->peer.ctx, secs);
	interp_reacquire(saved);
	if (cut < 0)	/* not the worker */
		return (PyObject_CallOneArg(st->sleep, arg));
	if (cut)
		return (pyio_raise_cut(&st->peer));
	Py_RETURN_NONE;
}

/*
 * os._exit(status) in a pane ends the pane with that status, as it ends a
 * tmux pane's process, and not subplex with every other pane.  In the
 * worker it raises SystemExit; in another thread of the pane it raises
 * SystemExit there (which ends that thread silently) and in the worker
 * when it runs code.  What catches the exception cannot keep the pane
 * alive: it exits as soon as the input running now returns.
 */
static PyObject *
pyio_exit(PyObject *m, PyObject *arg)
{
	struct pyio_state	*st = PyModule_GetState(m);
	unsigned long		 worker;
	int			 status, overflow;
	long			 v;
	PyObject		*code;

	if ((code = PyNumber_Index(arg)) == NULL)	/* its TypeError */
		return (NULL);
	v = PyLong_AsLongAndOverflow(code, &overflow);
	Py_DECREF(code);
	if (v == -1 && PyErr_Occurred())
		return (NULL);
	if (overflow != 0 || v < INT_MIN || v > INT_MAX) {
		PyErr_SetString(PyExc_OverflowError, "Python int too large "
		    "to convert to C int");
		return (NULL);
	}
	status = (int)v;
	if (st->peer.host == NULL) {
		PyErr_SetString(PyExc_RuntimeError, "os._exit: no pane");
		return (NULL);
	}
	if (!st->peer.host->exit(st->peer.ctx, status, &worker) &&
	    worker != 0)
		PyThreadState_SetAsyncExc(worker, PyExc_SystemExit);
	if ((code = PyLong_FromLong(status)) != NULL) {
		PyErr_SetObject(PyExc_SystemExit, code);
		Py_DECREF(code);
	}
	return (NULL);
}

/*
 * os.fork and os.forkpty in a pane: the child would be a copy of all of
 * subplex with one thread, every other pane half there, and nothing to
 * read its input.  subprocess (which does not use os.fork) works.
 */
static PyObject *
pyio_no_fork(PyObject *m, PyObject *args)
{
	(void)m;
	(void)args;
	PyErr_SetString(PyExc_RuntimeError, "os.fork() and os.forkpty() are "
	    "not available in a subplex pane: the child would be a copy of "
	    "every pane with one thread; use subprocess, or multiprocessing "
	    "with the 'spawn' start method");
	return (NULL);
}

/*
 * For the code that starts the pane's child processes (repl.c, run in
 * the pane): tty() is the fd of the pane's terminal (-1: none), tty_name()
 * its path, exec_helper() the path of subplex-exec (None: not found, and
 * children start without it), spawned(pid) records a child for the
 * pane's close.
 */
static PyObject *
pyio_tty(PyObject *m, PyObject *unused)
{
	struct pyio_state	*st = PyModule_GetState(m);
	int			 fd = -1;

	(void)unused;
	if (st->peer.host != NULL && st->peer.host->tty != NULL)
		fd = st->peer.host->tty(st->peer.ctx);
	return (PyLong_FromLong(fd));
}

static PyObject *
pyio_tty_name(PyObject *m, PyObject *unused)
{
	struct pyio_state	*st = PyModule_GetState(m);
	PyObject		*r;
	char			*name = NULL;

	(void)unused;
	if (st->peer.host != NULL && st->peer.host->tty_name != NULL)
		name = st->peer.host->tty_name(st->peer.ctx);
	if (name == NULL)
		Py_RETURN_NONE;
	r = PyUnicode_DecodeFSDefault(name);
	free(name);
	return (r);
}

static PyObject *
pyio_exec_helper(PyObject *m, PyObject *unused)
{
	struct pyio_state	*st = PyModule_GetState(m);
	const char		*path = NULL;

	(void)unused;
	if (st->peer.host != NULL && st->peer.host->exec_helper != NULL)
		path = st->peer.host->exec_helper(st->peer.ctx);
	if (path == NULL)
		Py_RETURN_NONE;
	return (PyBytes_FromString(path));
}

static PyObject *
pyio_sync_tty(PyObject *m, PyObject *unused)
{
	struct pyio_state	*st = PyModule_GetState(m);
	void			*saved;

	(void)unused;
	if (st->peer.host == NULL || st->peer.host->sync_tty == NULL)
		Py_RETURN_NONE;
	saved = interp_release();
	st->peer.host->sync_tty(st->peer.ctx);
	interp_reacquire(saved);
	Py_RETURN_NONE;
}

static PyObject *
pyio_wrote(PyObject *m, PyObject *arg)
{
	struct pyio_state	*st = PyModule_GetState(m);
	long			 fd = PyLong_AsLong(arg);

	if (fd == -1 && PyErr_Occurred())
		return (NULL);
	if (fd >= 0 && fd <= INT_MAX && st->peer.host != NULL &&
	    st->peer.host->wrote != NULL)
		st->peer.host->wrote(st->peer.ctx, (int)fd);
	Py_RETURN_NONE;
}

static PyObject *pyio_spawned(PyObject *, PyObject *);

/*
 * The after hooks of the children code's wrappers (pyio_wrap), in C: a
 * KeyboardInterrupt waiting to be raised fires only at Python code, so it
 * cannot cut them short between the call and what must follow it.
 * after_wait(token, result): a child was reaped, what it wrote is handed
 * on.  after_write(fd, result): the code wrote to fd.  after_spawn(err,
 * pid): the copy of the error pipe (err >= 0) is closed, the child
 * recorded.
 */
static PyObject *
pyio_after_wait(PyObject *m, PyObject *args)
{
	PyObject	*token, *r, *pid;

	if (!PyArg_ParseTuple(args, "OO:after_wait", &token, &r))
		return (NULL);
	if (PyTuple_Check(r) && PyTuple_GET_SIZE(r) > 0 &&
	    PyLong_Check(pid = PyTuple_GET_ITEM(r, 0)) &&
	    PyLong_AsLong(pid) > 0)
		return (pyio_sync_tty(m, NULL));
	PyErr_Clear();
	Py_RETURN_NONE;
}

static PyObject *
pyio_after_write(PyObject *m, PyObject *args)
{
	PyObject	*fd, *r;

	if (!PyArg_ParseTuple(args, "OO:after_write", &fd, &r))
		return (NULL);
	if (r == Py_None || !PyLong_Check(fd))
		Py_RETURN_NONE;
	return (pyio_wrote(m, fd));
}

static PyObject *
pyio_after_spawn(PyObject *m, PyObject *args)
{
	PyObject	*err, *pid;
	long		 fd;

	if (!PyArg_ParseTuple(args, "OO:after_spawn", &err, &pid))
		return (NULL);
	if (PyLong_Check(err) && (fd = PyLong_AsLong(err)) >= 0 &&
	    fd <= INT_MAX)
		(void)close((int)fd);
	PyErr_Clear();
	if (!PyLong_Check(pid))
		Py_RETURN_NONE;
	return (pyio_spawned(m, pid));
}

static PyObject *
pyio_spawned(PyObject *m, PyObject *arg)
{
	struct pyio_state	*st = PyModule_GetState(m);
	long			 pid = PyLong_AsLong(arg);

	if (pid == -1 && PyErr_Occurred())
		return (NULL);
	if (st->peer.host != NULL && st->peer.host->spawned != NULL)
		st->peer.host->spawned(st->peer.ctx, pid);
	Py_RETURN_NONE;
}

/*
 * A function of os or _posixsubprocess wrapped for the pane (repl.c's
 * children code): self is (fn, before, after).  before, unless None, gets
 * the call's arguments and returns (args, kwargs or None, token); fn is
 * called with those; after, unless None, gets (token, result), result
 * None when fn raised, whose exception then goes on.  Being C, the
 * wrapper puts no frame of ours in a traceback: fn's errors read as in
 * python3 (os.write(99, b'') is an OSError from os.write).
 */
static PyObject *
pyio_wrapped_call(PyObject *self, PyObject *args, PyObject *kw)
{
	PyObject	*fn = PyTuple_GET_ITEM(self, 0);
	PyObject	*before = PyTuple_GET_ITEM(self, 1);
	PyObject	*after = PyTuple_GET_ITEM(self, 2);
	PyObject	*prep = NULL, *a = args, *k = kw, *token = Py_None;
	PyObject	*r, *exc = NULL, *ar;

	if (before != Py_None) {
		if ((prep = PyObject_Call(before, args, kw)) == NULL)
			return (NULL);
		if (!PyTuple_Check(prep) || PyTuple_GET_SIZE(prep) != 3 ||
		    !PyTuple_Check(PyTuple_GET_ITEM(prep, 0)) ||
		    (PyTuple_GET_ITEM(prep, 1) != Py_None &&
		    !PyDict_Check(PyTuple_GET_ITEM(prep, 1)))) {
			Py_DECREF(prep);
			PyErr_SetString(PyExc_SystemError, "_subplex: a "
			    "wrapper's before gave no (args, kwargs, token)");
			return (NULL);
		}
		a = PyTuple_GET_ITEM(prep, 0);
		k = PyTuple_GET_ITEM(prep, 1) == Py_None ? NULL :
		    PyTuple_GET_ITEM(prep, 1);
		token = PyTuple_GET_ITEM(prep, 2);
	}
	r = PyObject_Call(fn, a, k);
	if (after != Py_None) {
		if (r == NULL)
			exc = py_exc_fetch();
		ar = PyObject_CallFunctionObjArgs(after, token,
		    r != NULL ? r : Py_None, NULL);
		if (ar == NULL && exc == NULL)
			Py_CLEAR(r);		/* after's error instead */
		else if (ar == NULL)
			PyErr_Clear();		/* fn's goes on */
		Py_XDECREF(ar);
		if (exc != NULL)
			py_exc_restore(exc);
	}
	Py_XDECREF(prep);
	return (r);
}

/*
 * The wrappers' method definitions, one per name, so that a wrapped
 * function keeps its name and, copied from the first one wrapped (the
 * same in every interpreter), its doc: they live as long as the process.
 */
#define PYIO_WRAPPED(name) { name, \
	(PyCFunction)(void (*)(void))pyio_wrapped_call, \
	METH_VARARGS | METH_KEYWORDS, NULL }
static PyMethodDef pyio_wrapped_defs[] = {
	PYIO_WRAPPED("write"), PYIO_WRAPPED("waitpid"),
	PYIO_WRAPPED("posix_spawn"), PYIO_WRAPPED("posix_spawnp"),
	PYIO_WRAPPED("fork_exec"), PYIO_WRAPPED("spawnv_passfds"),
	PYIO_WRAPPED("wrapped")
};
static pthread_mutex_t pyio_wrapped_lock = PTHREAD_MUTEX_INITIALIZER;

/* wrap(fn, before, after): fn wrapped as pyio_wrapped_call says. */
static PyObject *
pyio_wrap(PyObject *m, PyObject *args)
{
	PyObject	*fn, *before, *after, *state, *w, *v;
	PyMethodDef	*def;
	const char	*name = NULL, *doc;
	size_t		 i, n = sizeof pyio_wrapped_defs /
	    sizeof pyio_wrapped_defs[0];

	(void)m;
	if (!PyArg_ParseTuple(args, "OOO:wrap", &fn, &before, &after))
		return (NULL);
	if ((v = PyObject_GetAttrString(fn, "__name__")) != NULL &&
	    PyUnicode_Check(v))
		name = PyUnicode_AsUTF8(v);
	PyErr_Clear();
	for (i = 0; i < n - 1; i++)
		if (name != NULL && strcmp(name, pyio_wrapped_defs[i].ml_name) ==
		    0)
			break;
	def = &pyio_wrapped_defs[i];
	Py_XDECREF(v);
	v = NULL;
	pthread_mutex_lock(&pyio_wrapped_lock);
	if (def->ml_doc == NULL && i < n - 1 &&
	    (v = PyObject_GetAttrString(fn, "__doc__")) != NULL &&
	    PyUnicode_Check(v) && (doc = PyUnicode_AsUTF8(v)) != NULL)
		def->ml_doc = xstrdup(doc);
	if (PyErr_Occurred())
		PyErr_Clear();
	pthread_mutex_unlock(&pyio_wrapped_lock);
	Py_XDECREF(v);
	if ((state = PyTuple_Pack(3, fn, before, after)) == NULL)
		return (NULL);
	w = PyCFunction_NewEx(def, state, NULL);
	Py_DECREF(state);
	return (w);
}

/* os._exit, os.fork and os.forkpty become the ones above. */
static PyObject *
pyio_wrap_os(PyObject *m, PyObject *os)
{
	static const char *const names[][2] = {
		{ "_exit", "_exit" }, { "fork", "no_fork" },
		{ "forkpty", "no_fork" },
	};
	PyObject	*f;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!PyObject_HasAttrString(os, names[i][0]))
			continue;
		if ((f = PyObject_GetAttrString(m, names[i][1])) == NULL)
			return (NULL);
		rc = PyObject_SetAttrString(os, names[i][0], f);
		Py_DECREF(f);
		if (rc != 0)
			return (NULL);
	}
	Py_RETURN_NONE;
}

/*
 * ExtensionFileLoader.create_module in every interpreter (repl.c puts it
 * there).  An extension module from a file outside CPython's own library
 * goes through extmod.c, which refuses a single-phase one (before CPython
 * touches it) in every interpreter but the one that has its C state, and
 * records the kind of each one loaded.  When CPython itself, or the
 * module, refuses this interpreter, the ImportError keeps its words and
 * gains subplex's: where the module can be used, and why.
 */
static int
pyio_stdlib_ext(const char *path)
{
	size_t	 n = strlen(SUBPLEX_PYTHON_DYNLOAD);

	return (strncmp(path, SUBPLEX_PYTHON_DYNLOAD, n) == 0 &&
	    path[n] == '/');
}

/*
 * Single-phase modules come from PyModule_Create, which refuses slots; a
 * multi-phase module is given its definition even when a Py_mod_create
 * slot made it (Cython's).  A module with no definition is 3.13's copy of
 * a single-phase module initialised before.
 */
static enum extmod_kind
pyio_ext_kind(PyObject *mod)
{
	PyModuleDef	*def;

	if (!PyModule_Check(mod))
		return (EXTMOD_MULTI);	/* only a Py_mod_create slot can */
	if ((def = PyModule_GetDef(mod)) == NULL) {
		PyErr_Clear();
		return (EXTMOD_SINGLE);
	}
	return (def->m_slots == NULL ? EXTMOD_SINGLE : EXTMOD_MULTI);
}

/* The load raised: record what it says, and add subplex's explanation. */
static void
pyio_ext_failed(PyObject *name_o, PyObject *origin_o, const char *name,
    const char *path, unsigned long id)
{
	PyObject	*exc, *s, *msg;
	const char	*u;
	char		*why;
	int		 cpython;

	if (!PyErr_ExceptionMatches(PyExc_ImportError)) {
		extmod_end(path, name, id, EXTMOD_UNKNOWN, id);
		return;
	}
	exc = py_exc_fetch();
	s = PyObject_Str(exc);
	u = s != NULL ? PyUnicode_AsUTF8(s) : NULL;
	if (u == NULL) {
		PyErr_Clear();
		u = "";
	}
	cpython = strstr(u, "does not support loading in subinterpreters") !=
	    NULL;
	/* 3.13 initialises it in the main interpreter before it refuses
	 * it in an isolated one; 3.12 initialises it here. */
	if (cpython)
		extmod_end(path, name, id, PY_VERSION_HEX >= 0x030D0000 ?
		    EXTMOD_SINGLE : EXTMOD_TRIED, PY_VERSION_HEX >= 0x030D0000 ?
		    0 : id);
	else
		extmod_end(path, name, id, EXTMOD_UNKNOWN, id);
	if (!cpython && strcasestr(u, "interpreter") == NULL) {
		Py_XDECREF(s);
		py_exc_restore(exc);
		return;
	}
	why = extmod_explain(path, name, id);
	msg = PyUnicode_FromFormat("%s\n%s", u, why);
	free(why);
	Py_XDECREF(s);
	if (msg != NULL) {
		PyErr_SetImportError(msg, name_o, origin_o);
		Py_DECREF(msg);
		Py_DECREF(exc);
	} else
		py_exc_restore(exc);
}

static PyObject *
pyio_create_extension(PyObject *m, PyObject *spec)
{
	struct pyio_state	*st = PyModule_GetState(m);
	PyObject		*name_o = NULL, *origin_o = NULL;
	PyObject		*path_b = NULL, *mod = NULL;
	const char		*name, *path;
	char			*why = NULL, *pane;
	unsigned long		 id;
	int			 rc;

	if ((name_o = PyObject_GetAttrString(spec, "name")) == NULL ||
	    (origin_o = PyObject_GetAttrString(spec, "origin")) == NULL)
		goto out;
	if (!PyUnicode_Check(name_o) || !PyUnicode_Check(origin_o) ||
	    (name = PyUnicode_AsUTF8(name_o)) == NULL ||
	    !PyUnicode_FSConverter(origin_o, &path_b)) {
		PyErr_Clear();
		mod = pyio_create_dynamic(spec);
		goto out;
	}
	path = PyBytes_AS_STRING(path_b);
	if (pyio_stdlib_ext(path)) {
		mod = pyio_create_dynamic(spec);
		goto out;
	}
	id = (unsigned long)PyInterpreterState_GetID(PyInterpreterState_Get());
	pane = st->peer.host != NULL ? st->peer.host->name(st->peer.ctx) :
	    NULL;
	Py_BEGIN_ALLOW_THREADS
	rc = extmod_begin(path, name, id, pane, &why);
	Py_END_ALLOW_THREADS
	free(pane);
	if (rc != 0) {
		PyObject *msg = PyUnicode_FromString(why);
		free(why);
		if (msg != NULL) {
			PyErr_SetImportError(msg, name_o, origin_o);
			Py_DECREF(msg);
		}
		goto out;
	}
	if ((mod = pyio_create_dynamic(spec)) != NULL)
		extmod_end(path, name, id, pyio_ext_kind(mod), id);
	else
		pyio_ext_failed(name_o, origin_o, name, path, id);
out:
	Py_XDECREF(name_o);
	Py_XDECREF(origin_o);
	Py_XDECREF(path_b);
	return (mod);
}

PyDoc_STRVAR(pyio_exit_doc,
"_exit(status)\n\n"
"In a subplex pane: end the pane (not subplex) with the given status,\n"
"as soon as the input running now returns.");

/* Put pyio_sleep in place of time.sleep in this interpreter. */
static PyObject *
pyio_wrap_sleep(PyObject *m, PyObject *time)
{
	struct pyio_state	*st = PyModule_GetState(m);
	PyObject		*orig, *ours;
	int			 rc;

	if ((orig = PyObject_GetAttrString(time, "sleep")) == NULL)
		return (NULL);
	if ((ours = PyObject_GetAttrString(m, "sleep")) == NULL) {
		Py_DECREF(orig);
		return (NULL);
	}
	if (orig == ours) {	/* the main interpreter, its next pane */
		Py_DECREF(orig);
		Py_DECREF(ours);
		Py_RETURN_NONE;
	}
	Py_XSETREF(st->sleep, orig);
	rc = PyObject_SetAttrString(time, "sleep", ours);
	Py_DECREF(ours);
	if (rc != 0)
		return (NULL);
	Py_RETURN_NONE;
}

PyDoc_STRVAR(pyio_sleep_doc,
"sleep(seconds)\n\n"
"Delay execution for a given number of seconds.  The argument may be\n"
"a floating point number for subsecond precision.  In a subplex pane\n"
"an interrupt (C-c) ends the sleep with KeyboardInterrupt.");

static PyMethodDef pyio_functions[] = {
	{ "sleep", pyio_sleep, METH_O, pyio_sleep_doc },
	{ "wrap_sleep", pyio_wrap_sleep, METH_O, NULL },
	{ "_exit", pyio_exit, METH_O, pyio_exit_doc },
	{ "no_fork", pyio_no_fork, METH_NOARGS, NULL },
	{ "wrap_os", pyio_wrap_os, METH_O, NULL },
	{ "tty", pyio_tty, METH_NOARGS, NULL },
	{ "tty_name", pyio_tty_name, METH_NOARGS, NULL },
	{ "exec_helper", pyio_exec_helper, METH_NOARGS, NULL },
	{ "spawned", pyio_spawned, METH_O, NULL },
	{ "sync_tty", pyio_sync_tty, METH_NOARGS, NULL },
	{ "wrote", pyio_wrote, METH_O, NULL },
	{ "wrap", pyio_wrap, METH_VARARGS, NULL },
	{ "after_wait", pyio_after_wait, METH_VARARGS, NULL },
	{ "after_write", pyio_after_write, METH_VARARGS, NULL },
	{ "after_spawn", pyio_after_spawn, METH_VARARGS, NULL },
	{ "set_blocked", pyio_set_blocked, METH_O, NULL },
	{ "getpass", (PyCFunction)(void (*)(void))pyio_getpass,
	  METH_VARARGS | METH_KEYWORDS, pyio_getpass_doc },
	{ "find_blocked", pyio_find_blocked, METH_VARARGS, NULL },
	{ "create_extension", pyio_create_extension, METH_O, NULL },
	{ NULL, NULL, 0, NULL }
};

static PyModuleDef_Slot pyio_slots[] = {
	{ Py_mod_exec, pyio_exec },
#ifdef Py_mod_multiple_interpreters
	{ Py_mod_multiple_interpreters,
	    Py_MOD_PER_INTERPRETER_GIL_SUPPORTED },
#endif
#ifdef Py_mod_gil
	{ Py_mod_gil, Py_MOD_GIL_NOT_USED },
#endif
	{ 0, NULL }
};

static struct PyModuleDef pyio_def = {
	PyModuleDef_HEAD_INIT,
	.m_name = "_subplex",
	.m_doc = "subplex's pane streams (internal).",
	.m_size = sizeof(struct pyio_state),
	.m_methods = pyio_functions,
	.m_slots = pyio_slots,
	.m_traverse = pyio_mod_traverse,
	.m_clear = pyio_mod_clear,
	.m_free = pyio_mod_free,
};

static PyObject *
pyio_init(void)
{
	return (PyModuleDef_Init(&pyio_def));
}

void
pyio_register(void)
{
	if (PyImport_AppendInittab("_subplex", pyio_init) == -1)
		fatalx("cannot register the _subplex module");
}

static PyObject *
pyio_new_writer(struct pyio_state *st, int style, int fd)
{
	struct pyio_writer	*w, *b;

	if ((b = PyObject_GC_New(struct pyio_writer, st->buffer_type)) == NULL)
		return (NULL);
	b->peer = st->peer;
	b->style = style;
	b->fd = fd;
	b->buffer = NULL;
	PyObject_GC_Track(b);
	w = PyObject_GC_New(struct pyio_writer, st->writer_type);
	if (w == NULL) {
		Py_DECREF(b);
		return (NULL);
	}
	w->peer = st->peer;
	w->style = style;
	w->fd = fd;
	w->buffer = (PyObject *)b;
	PyObject_GC_Track(w);
	return ((PyObject *)w);
}

/*
 * Attached: import _subplex in this interpreter and make the streams of
 * host (with ctx, its pane) sys.stdin/stdout/stderr (and their __dunder__
 * twins).  With host NULL the streams drop their text (used after a pane
 * has gone).
 */
int
pyio_install(const struct pyio_host *host, void *ctx)
{
	PyObject		*m, *out, *err, *in;
	struct pyio_state	*st;
	struct pyio_reader	*r;
	int			 rc = -1;

	if ((m = PyImport_ImportModule("_subplex")) == NULL)
		return (-1);
	st = PyModule_GetState(m);
	st->peer.host = host;
	st->peer.ctx = host != NULL ? ctx : NULL;
	out = pyio_new_writer(st, STYLE_OUT, 1);
	err = pyio_new_writer(st, STYLE_ERR, 2);
	r = PyObject_GC_New(struct pyio_reader, st->reader_type);
	if (r != NULL) {
		r->peer = st->peer;
		PyObject_GC_Track(r);
	}
	in = (PyObject *)r;
	if (out != NULL && err != NULL && in != NULL &&
	    PySys_SetObject("stdout", out) == 0 &&
	    PySys_SetObject("__stdout__", out) == 0 &&
	    PySys_SetObject("stderr", err) == 0 &&
	    PySys_SetObject("__stderr__", err) == 0 &&
	    PySys_SetObject("stdin", in) == 0 &&
	    PySys_SetObject("__stdin__", in) == 0)
		rc = 0;
	Py_XDECREF(out);
	Py_XDECREF(err);
	Py_XDECREF(in);
	Py_DECREF(m);
	return (rc);
}
