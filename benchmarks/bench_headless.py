"""Measure headless notebook execution (nbclient): lost-reply stalls, and the time of every cell.

Run from the repository root::

    python benchmarks/bench_headless.py --zmq            # the mechanism, bare pyzmq (2 lines)
    python benchmarks/bench_headless.py --widget 10      # stalls per run, without and with the fix
    python benchmarks/bench_headless.py --cells          # per-cell seconds of notebooks/*.ipynb

``--zmq``: a ``zmq.asyncio`` DEALER awaits ``poll()``; the peer's reply reaches it; then one
message is sent on the same socket, either through pyzmq's asyncio ``send`` or through a plain
shadow socket as ``jupyter_client.Session.send`` does. Prints how long the poll waited.

``--widget N``: N alternating runs of a generated notebook whose 30 cells each write a figure
into an ``ipywidgets.Output`` (as the explorers do), with a 5 s cell timeout, without and with
``book/_ext/tangguh_headless.py``; a stalled cell is one whose reply came after >= 2 s. Counts
stalls per configuration.

``--cells``: executes every notebook with the fix, prints each notebook's seconds and the slowest
cells (the basis of the per-cell timeout in ``book/_config.yml`` and the Makefile).

Timings are never asserted in tests; record them in benchmarks/README.md with the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXT = REPO / "book" / "_ext"
WIDGET_CELL = (
    "out = w.Output()\ndisplay(out)\nwith out:\n"
    "    clear_output(wait=True)\n    display({'image/png': PNG}, raw=True)"
)
WIDGET_SETUP = (
    "import base64, os\nimport ipywidgets as w\nfrom IPython.display import clear_output, display\n"
    "PNG = base64.b64encode(os.urandom(60_000)).decode()"
)


async def _zmq_once(mode: str) -> float:
    import zmq
    import zmq.asyncio

    router = zmq.Context.instance().socket(zmq.ROUTER)
    port = router.bind_to_random_port("tcp://127.0.0.1")
    dealer = zmq.asyncio.Context.instance().socket(zmq.DEALER)
    dealer.connect(f"tcp://127.0.0.1:{port}")
    await dealer.send(b"request")
    ident, _ = router.recv_multipart()

    async def wait() -> float:
        start = time.perf_counter()
        await dealer.poll(5000)
        return time.perf_counter() - start

    task = asyncio.ensure_future(wait())
    await asyncio.sleep(0.05)  # the poll is parked on the socket's file descriptor
    router.send_multipart([ident, b"reply"])
    time.sleep(0.05)  # (blocking) the reply reaches the client socket meanwhile
    if mode == "shadow":
        zmq.Socket.shadow(dealer.underlying).send(b"comm_msg")
    else:
        dealer.send(b"comm_msg")
    waited = await task
    dealer.close(0)
    router.close(0)
    return waited


def bench_zmq() -> None:
    import zmq

    for mode in ("asyncio", "shadow"):
        waited = asyncio.run(_zmq_once(mode))
        print(f"send via {mode:7s}: the awaited poll woke after {waited:.2f} s")
    print(f"(pyzmq {zmq.__version__}, libzmq {zmq.zmq_version()})")


def _widget_notebook(path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    cells = [new_code_cell(WIDGET_SETUP)] + [new_code_cell(WIDGET_CELL) for _ in range(30)]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, str(path))


def _run_notebook(path: Path, timeout: int, fixed: bool) -> list[tuple[str, int, float]]:
    """Execute ``path`` in this process; return (cell id, index, seconds) per code cell."""
    import nbformat
    from nbclient import NotebookClient

    if fixed:
        sys.path.insert(0, str(EXT))
        import tangguh_headless

        tangguh_headless.apply()
    nb = nbformat.read(str(path), 4)
    starts: dict[int, float] = {}
    times: list[tuple[str, int, float]] = []

    def started(cell, cell_index):  # noqa: ANN001 - nbclient hook
        starts[cell_index] = time.perf_counter()

    def finished(cell, cell_index, execute_reply):  # noqa: ANN001 - nbclient hook
        times.append((cell.get("id", "?"), cell_index, time.perf_counter() - starts[cell_index]))

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_execute=started,
        on_cell_executed=finished,
    )
    client.execute()
    return times


def _child(args: list[str]) -> str:
    cmd = [sys.executable, __file__, "--child", *args]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout.strip()


def bench_widget(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "output_widget.ipynb"
        _widget_notebook(path)
        stalls = {"without fix": 0, "with fix": 0}
        cells = 0
        for _ in range(runs):
            for label, flag in (("without fix", "0"), ("with fix", "1")):
                out = _child(["widget", str(path), flag]).split()
                stalls[label] += int(out[0])
            cells += 30
        print(f"load average (1 min) after: {os.getloadavg()[0]:.1f}")
        for label, count in stalls.items():
            print(f"{label:12s}: {count} stalled cells of {cells} ({100 * count / cells:.1f} %)")


def bench_cells() -> None:
    rows = []
    for nb in sorted((REPO / "notebooks").glob("*.ipynb")):
        start = time.perf_counter()
        out = _child(["cells", str(nb)])
        total = time.perf_counter() - start
        for line in out.splitlines():
            cell_id, index, seconds = line.split()
            rows.append((float(seconds), nb.name, cell_id, int(index)))
        print(f"{nb.name:45s} {total:6.1f} s (kernel start included)")
    rows.sort(reverse=True)
    print("slowest cells:")
    for seconds, name, cell_id, index in rows[:10]:
        print(f"  {seconds:6.2f} s  {name} {cell_id} (index {index})")
    print(f"load average now: {os.getloadavg()[0]:.1f}")


def child(argv: list[str]) -> None:
    if argv[0] == "widget":
        times = _run_notebook(Path(argv[1]), timeout=5, fixed=argv[2] == "1")
        print(sum(1 for _, _, seconds in times if seconds >= 2.0))
    else:
        for cell_id, index, seconds in _run_notebook(Path(argv[1]), timeout=300, fixed=True):
            print(cell_id, index, f"{seconds:.3f}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zmq", action="store_true", help="the mechanism with bare pyzmq")
    parser.add_argument("--widget", type=int, metavar="N", help="N runs without/with the fix")
    parser.add_argument("--cells", action="store_true", help="per-cell seconds of notebooks/")
    args = parser.parse_args()
    if not (args.zmq or args.widget or args.cells):
        args.zmq = True
    if args.zmq:
        bench_zmq()
    if args.widget:
        bench_widget(args.widget)
    if args.cells:
        bench_cells()


if __name__ == "__main__":
    main()
