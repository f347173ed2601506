"""The test helper that gives servers their ports keeps out of the kernels' ephemeral range."""

from __future__ import annotations

import socket

import free_ports


def test_ports_are_free_distinct_and_below_the_ephemeral_range():
    ports = [free_ports.free_port() for _ in range(50)]
    low = free_ports._ephemeral_low()
    assert len(set(ports)) == 50
    assert all(low - free_ports.SPAN <= p < low for p in ports)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", ports[-1]))  # still free: nothing was left bound


def test_xdist_workers_get_disjoint_shares(monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "2")
    shares = []
    for worker in ("gw0", "gw1"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        shares.append(free_ports._worker_share(20768, 32768))
    (a0, a1), (b0, b1) = shares
    assert a0 == 20768 and a1 == b0 and b1 == 32768
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    assert free_ports._worker_share(20768, 32768) == (20768, 32768)
