"""Mesa network space built fast from a CSR adjacency.

:class:`CSRNetwork` is a :class:`mesa.discrete_space.Network` (same cells, same
``cell.neighborhood``, same API) whose cells are connected in one pass over the CSR arrays the
engines already hold. Mesa's own constructor connects one tie at a time and clears each cell's
neighbourhood cache on every tie, which made building the space the slowest part of a model
(≈ 0.1 s per 10,000 people on this machine, more than 100 vectorised steps).

Mesa internals this module relies on (Mesa 3.3; ``pyproject.toml`` pins ``mesa>=3.3,<3.4`` for
this reason, and ``tests/test_space.py`` fails loudly if any of them changes):

* ``Network.__init__`` creates one cell per node in the private dict ``self._cells`` (keyed by node)
  and then calls the private hook ``self._connect_cells()``, which :class:`CSRNetwork` overrides;
* ``Cell.connections`` is a plain ``dict`` from the neighbour's coordinate (its node label) to
  the neighbour cell; :meth:`CSRNetwork._connect_cells` assigns it whole instead of calling
  ``Cell.connect`` once per tie (which clears the neighbourhood cache every time);
* the cached ``Cell.neighborhood`` is empty at construction, so skipping the cache clearing is
  safe.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from random import Random
from typing import Any

import networkx as nx
import scipy.sparse as sp
from mesa.discrete_space import Network


class CSRNetwork(Network):
    """A Mesa ``Network`` whose connections come from a CSR adjacency.

    Args:
        graph: The networkx graph (kept as ``self.G``, as in Mesa).
        adjacency: Its CSR adjacency, rows and columns in ``nodes`` order (see
            :func:`simulations.core.networks.to_csr`).
        nodes: Node labels in adjacency order.
        capacity: Agents per cell (1: one person per node).
        random: Python ``random.Random`` of the model.
    """

    def __init__(
        self,
        graph: nx.Graph,
        adjacency: sp.csr_array,
        nodes: list[Any],
        capacity: int | None = 1,
        random: Random | None = None,
    ) -> None:
        self._adjacency = adjacency
        self._node_order = nodes
        super().__init__(graph, capacity=capacity, random=random)

    def _connect_cells(self) -> None:
        nodes = self._node_order
        cells = [self._cells[u] for u in nodes]
        indptr = self._adjacency.indptr
        indices = self._adjacency.indices.tolist()
        for i, cell in enumerate(cells):
            # Caches are empty at construction, so no per-tie cache clearing is needed.
            cell.connections = {nodes[j]: cells[j] for j in indices[indptr[i] : indptr[i + 1]]}

    def cells_in_order(self) -> list:
        """Return the cells in adjacency (array index) order."""
        return [self._cells[u] for u in self._node_order]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a model creates its agents and cells.

    Creating tens of thousands of Mesa agents and cells (which reference each other and the model)
    triggers repeated full collections that find nothing to free; pausing the collector for the
    bulk creation roughly halves the build time of a 10,000-person model. The previous setting is
    restored even if construction fails.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
