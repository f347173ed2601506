"""Headless notebook execution (nbclient) that neither stalls nor waits out a timeout silently.

Loaded as a Sphinx extension by the handbook build (``book/_config.yml``,
``sphinx.local_extensions``); ``book/nbconvert_config.py`` loads it for ``jupyter nbconvert
--execute``. Two parts, both applied by :func:`apply`:

**1. The fix: wake the reply poller when nbclient sends a widget message.** The stall of issue 17
(the handbook build idle for about four minutes after ``nb00-10``) is a lost wake-up in the
*client*, not in the kernel:

* nbclient mimics a front end's ``Output`` widget: when a cell writes into an ``Output``
  (``with out: clear_output(wait=True); display(figure)``, as every explorer does), nbclient
  sends the widget's new state back to the kernel with ``shell_channel.send`` (a ``comm_msg``),
  from the coroutine that reads IOPub, while another coroutine awaits
  ``shell_channel.get_msg()`` (``zmq.asyncio`` ``poll``) for the cell's ``execute_reply``.
* ``jupyter_client.Session.send`` turns a ``zmq.asyncio`` socket into a plain shadow socket and
  sends on it. A libzmq send processes the socket's pending commands, which resets the
  edge-triggered ``ZMQ_FD``; if the ``execute_reply`` reached the socket just before, the
  asyncio poller never hears of it (pyzmq's own asyncio ``send`` re-checks the events for
  exactly this reason, pyzmq#1208; the shadow bypasses it). The reply sits in the socket until
  the poll's timeout (the cell timeout) fires and ``poll(0)`` finds it.
* Evidence (2-core machine, ipykernel 7.4.0, jupyter_client 8.10.0, nbclient 0.11.0, pyzmq
  27.3.0): in stalled runs the ``execute_reply`` carries a kernel timestamp 16-18 s older than
  its arrival, and arrives exactly at the client's 20 s timeout; the kernel had reported idle
  right after sending it. Not the kernel: with ipykernel 6.29.5, 25 of 360 widget cells stalled,
  with 7.4.0 51 of 720, with this fix 0 of 720 (``bench_headless.py --widget``, README there).
  ``benchmarks/bench_headless.py --zmq`` shows the mechanism with bare
  pyzmq (an awaited poll wakes after 0.1 s with pyzmq's send, after its 5 s timeout with the
  shadow send); ``tests/test_headless.py`` proves it and the fix.
* Upstream: jupyter/nbclient#312 (open; PR #311 open), jupyter/jupyter_client#1010 and #1059
  (open), voila-dashboards/voila#1428. Every jupyter_client since 8.0 (commit c6ed212, 2022)
  shadows the socket in ``Session.send``, and 8.10.0 and nbclient 0.11.0 are the newest
  releases, so no version pin avoids it. The fix sends ``AsyncZMQSocketChannel`` messages through ``zmq.asyncio``'s own
  send (which schedules the waiting poller), with ``Session.send`` still building and signing
  the message. Remove this part when jupyter_client's async channel does the same.

**2. The guard: a lost reply fails in seconds, naming the cell.** ipykernel sends a cell's
``execute_reply`` before it publishes ``idle`` for that cell, so "idle seen, no reply for
:data:`IDLE_REPLY_GRACE_S` seconds" means the reply is lost: the cell fails at once with
:class:`LostReplyError` (a ``CellTimeoutError``, so jupyter-cache and myst-nb report it as a
failed notebook) instead of waiting out the cell timeout. Every cell timeout's message starts
with the cell's id and index (nbclient's own shows only a preview of the source).

JupyterLab (laptop, Binder, classroom hub) is not affected: jupyter_server talks to kernels
through ``ZMQStream``, which re-checks its socket's events after every send
(``tests/test_headless.py::test_jupyterlab_server_path_keeps_the_wakeup``; ``tests/e2e`` runs
every notebook there).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import warnings
from typing import Any

from jupyter_client.channels import AsyncZMQSocketChannel
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError

IDLE_REPLY_GRACE_S = 10.0
"""Seconds a cell's ``execute_reply`` may trail the kernel's ``idle`` before the cell fails."""

log = logging.getLogger(__name__)


class LostReplyError(CellTimeoutError):
    """The kernel finished a cell (``idle``) but its ``execute_reply`` never reached the client."""


class _AsyncioSend:
    """Socket-like adapter: ``Session.send`` builds the message, ``zmq.asyncio`` sends it.

    ``Session.send`` only shadows *real* ``zmq.asyncio`` sockets, so it calls this object's
    ``send_multipart``, which uses the asyncio socket's own send: immediate when nothing is
    queued, and it schedules any waiting ``poll``/``recv`` so no wake-up is lost.
    """

    __slots__ = ("socket",)

    def __init__(self, socket: Any) -> None:
        self.socket = socket

    def send_multipart(
        self, parts: list[Any], flags: int = 0, copy: bool = True, track: bool = False
    ) -> None:
        future = self.socket.send_multipart(parts, flags=flags, copy=copy)
        if future.done():
            if future.exception() is not None:
                raise future.exception()
        else:  # queued behind other sends: report a failure when it happens
            future.add_done_callback(_log_send_failure)


def _log_send_failure(future: asyncio.Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("sending a message to the kernel failed: %r", future.exception())


def _send(self: AsyncZMQSocketChannel, msg: dict[str, Any]) -> None:
    """``AsyncZMQSocketChannel.send`` through the asyncio socket (see the module docstring)."""
    assert self.socket is not None
    self.session.send(_AsyncioSend(self.socket), msg)


_send._tangguh = True  # type: ignore[attr-defined]

_poll_for_reply = NotebookClient._async_poll_for_reply


def _cell_name(client: NotebookClient, cell: Any) -> str:
    """``cell <id> (index <n>)``: nbclient and nbconvert pass the notebook's own cell objects."""
    index = next((i for i, other in enumerate(client.nb.cells) if other is cell), "?")
    return f"cell {cell.get('id', '?')} (index {index})"


async def _guarded_poll_for_reply(
    self: NotebookClient,
    msg_id: str,
    cell: Any,
    timeout: int | None,
    task_poll_output_msg: asyncio.Future[Any],
    task_poll_kernel_alive: asyncio.Future[Any],
) -> dict[str, Any]:
    """nbclient's reply wait, failing within the grace period once the kernel went idle.

    A timeout's message (nbclient's own, or :class:`LostReplyError`) starts with the cell's id
    and index; nbclient adds a preview of the cell's source.
    """
    reply = asyncio.ensure_future(
        _poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive)
    )
    try:
        await asyncio.wait({reply, task_poll_output_msg}, return_when=asyncio.FIRST_COMPLETED)
        if not reply.done():
            # IOPub said idle (or failed): the reply was sent before that, so it is due now.
            await asyncio.wait({reply}, timeout=IDLE_REPLY_GRACE_S)
        if reply.done():
            try:
                return reply.result()
            except CellTimeoutError as err:
                raise type(err)(f"{_cell_name(self, cell)}: {err}") from None
    finally:
        if not reply.done():  # lost reply, or this task was cancelled (dead kernel)
            reply.cancel()
    task_poll_kernel_alive.cancel()
    raise LostReplyError(
        f"{_cell_name(self, cell)}: the kernel went idle after this cell but its execute_reply "
        f"did not arrive within {IDLE_REPLY_GRACE_S:g} s: the reply was lost between kernel and "
        f"client (see book/_ext/tangguh_headless.py). Cell source:\n{cell.get('source', '')[:400]}"
    )


_POLL_PARAMETERS = (
    "self", "msg_id", "cell", "timeout", "task_poll_output_msg", "task_poll_kernel_alive"
)  # fmt: skip
"""nbclient 0.10-0.11's (private) reply wait, which the guard wraps."""


def apply() -> bool:
    """Install the fix and the guard in this process (idempotent).

    Returns:
        Whether the guard is installed: it wraps a private nbclient method, so a newer nbclient
        with another signature keeps the fix but loses the guard (a warning says so; stuck
        cells still fail at the cell timeout).
    """
    if getattr(AsyncZMQSocketChannel.send, "_tangguh", False):
        return NotebookClient._async_poll_for_reply is _guarded_poll_for_reply
    AsyncZMQSocketChannel.send = _send  # type: ignore[method-assign]
    if tuple(inspect.signature(_poll_for_reply).parameters) != _POLL_PARAMETERS:
        warnings.warn(
            "tangguh_headless: nbclient's _async_poll_for_reply changed; the lost-reply guard "
            "is off (the send fix is on). Update book/_ext/tangguh_headless.py.",
            RuntimeWarning,
            stacklevel=2,
        )
        return False
    NotebookClient._async_poll_for_reply = _guarded_poll_for_reply  # type: ignore[method-assign]
    return True


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point: apply before myst-nb executes any notebook."""
    apply()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
