"""Start a process the way a terminal starts it: Ctrl-C (SIGINT) reaches it.

A shell without job control (a script's ``cmd &``, a CI runner's background step) starts a
background command with SIGINT ignored, and every process below inherits that: Python then
installs no KeyboardInterrupt handler, and a JupyterHub spawner's first stop signal (SIGINT) is
lost, so each server waits out its interrupt timeout. A test that starts the CLI or the hub to
check what Ctrl-C or a stop does must not depend on how the test run itself was started. A
signal with a handler is reset to the default on exec, so the child starts with SIGINT at its
default, as under a terminal.
"""

from __future__ import annotations

import signal
import subprocess
from typing import Any


def popen_as_from_a_terminal(*args: Any, **kwargs: Any) -> subprocess.Popen:
    """``subprocess.Popen(*args, **kwargs)`` with SIGINT at its default in the child.

    Must be called from the main thread (``signal.signal``); the caller's handler is restored.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(*args, **kwargs)
    finally:
        signal.signal(signal.SIGINT, previous)
