"""The compiled algorithmic-bias sweep runs exactly the agents engine's sequential process."""

from __future__ import annotations

import numpy as np
import pytest

from simulations.core.networks import scale_free
from simulations.models.opinion import AlgorithmicBiasModel, accelerated


def _agents_reference(graph, **kw):
    model = AlgorithmicBiasModel(graph, engine="agents", **kw)
    model.run(5)
    return model.opinions


@pytest.mark.parametrize("gamma", [1.0, 1.6, 2.0])
def test_python_kernel_equals_agents_engine(gamma):
    graph = scale_free(200, 3, seed=4)
    kw = {"epsilon": 0.3, "gamma": gamma, "seed": 9}
    model = AlgorithmicBiasModel(graph, **kw)
    adj = model.adjacency
    for _ in range(5):
        initiators, u = model.draw_initiators(model.num_people)
        accelerated._biased_sweep_py(
            model.opinions, model.fixed, adj.indptr, adj.indices, initiators, u,
            model.epsilon, model.mu, model.gamma, model.min_distance,
        )  # fmt: skip
    assert np.array_equal(model.opinions, _agents_reference(graph, **kw))


@pytest.mark.skipif(
    not accelerated.HAVE_NUMBA, reason="numba not installed (pip install -e '.[fast]')"
)
def test_compiled_engine_equals_agents_engine_on_large_networks():
    graph = scale_free(accelerated.NUMBA_MIN_PEOPLE, 3, seed=2)
    kw = {"epsilon": 0.25, "gamma": 1.2, "seed": 3, "fixed_nodes": [0, 5]}
    model = AlgorithmicBiasModel(graph, **kw)
    model.run(5)
    assert np.array_equal(model.opinions, _agents_reference(graph, **kw))
