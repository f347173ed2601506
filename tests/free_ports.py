"""Free 127.0.0.1 ports for the servers the tests start, out of the way of Jupyter kernels.

``bind(("127.0.0.1", 0))`` returns a port from the kernel's ephemeral range
(``/proc/sys/net/ipv4/ip_local_port_range``, 32768–60999 on Linux by default) and frees it at
once. Every Jupyter kernel that the other pytest worker starts (nbval, the handbook build, the
widget tests) draws its five ZMQ ports the same way, so between that check and the hub's own
``bind`` a kernel can take the port: seen in a full run, where the tabletop hub exited with
``OSError: [Errno 98] Address already in use`` and the proxy then forwarded ``/hub/api/`` to a
kernel's ZMQ socket; all 14 tests of the module errored.

:func:`free_port` therefore picks ports *below* the ephemeral range, where nothing is handed out
unless asked for by number, checks that each is free, never hands out the same port twice in one
process, and gives each xdist worker its own share of the range, so the classroom-hub and
tabletop-hub modules, which may run at the same time on the two workers, never pick the same port.
Where the ephemeral range starts too low to leave room, it falls back to ``bind(0)``.
"""

from __future__ import annotations

import os
import random
import re
import socket
from pathlib import Path

__all__ = ["free_port"]

SPAN = 12_000
"""How many ports below the ephemeral range are used (split among the xdist workers)."""

_given: set[int] = set()


def _ephemeral_low() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768  # Linux's default; elsewhere the check-bind below still guards


def _worker_share(low: int, high: int) -> tuple[int, int]:
    """This xdist worker's part of ``[low, high)`` (the whole range outside xdist)."""
    worker = re.fullmatch(r"gw(\d+)", os.environ.get("PYTEST_XDIST_WORKER", ""))
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    if worker is None or count < 2:
        return low, high
    size = (high - low) // count
    start = low + int(worker.group(1)) % count * size
    return start, start + size


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """Return a free 127.0.0.1 TCP port that no Jupyter kernel will take meanwhile.

    Raises:
        RuntimeError: when 500 candidates were all taken (the machine is out of ports).
    """
    high = _ephemeral_low()
    if high - SPAN < 1024:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    low, high = _worker_share(high - SPAN, high)
    rng = random.SystemRandom()
    for _ in range(500):
        port = rng.randrange(low, high)
        if port not in _given and _is_free(port):
            _given.add(port)
            return port
    raise RuntimeError(f"no free 127.0.0.1 port in {low}-{high - 1} after 500 tries")
