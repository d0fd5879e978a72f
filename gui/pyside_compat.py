"""Work around a PySide6 6.12 refcount bug on Python 3.11: every call of a Qt method that returns
nothing (``setText``, ``hide``, ``setPos``, ``setEnabled`` …) drops one reference to ``None``
without taking one. ``None`` starts with a few thousand references, so after a few thousand
such calls, which a lesson reaches within minutes of stepping, Python aborts with
"Fatal Python error: none_dealloc".

Python 3.12 made ``None`` immortal, which is why the bug does not show there. On older
Pythons ``keep_none_alive`` gives ``None`` an enormous reference count once, which has the
same effect. It changes nothing else and is idempotent.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or not hasattr(sys, "getrefcount"):
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value < _HEADROOM:
        refcount.value += _HEADROOM
