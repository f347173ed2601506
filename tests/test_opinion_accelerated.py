"""The compiled algorithmic-bias sweep runs exactly the agents engine's sequential process."""

from __future__ import annotations

import numpy as np
import pytest

from simulations.core.networks import scale_free
from simulations.models.opinion import AlgorithmicBiasModel, DeffuantModel, accelerated
from simulations.models.pairs import draw_initiators


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
        initiators, u = draw_initiators(model, model.num_people)
        accelerated.biased_sweep_py(
            model.opinions, model.fixed, adj.indptr, adj.indices, initiators, u,
            model.epsilon, model.mu, model.gamma, model.min_distance,
            np.empty(int(model.degree.max())),
        )  # fmt: skip
    assert np.array_equal(model.opinions, _agents_reference(graph, **kw))


@pytest.mark.skipif(
    not accelerated.HAVE_NUMBA, reason="numba not installed (pip install -e '.[fast]')"
)
def test_compiled_engine_equals_agents_engine_on_large_networks():
    graph = scale_free(2000, 3, seed=2)
    kw = {"epsilon": 0.25, "gamma": 1.2, "seed": 3, "fixed_nodes": [0, 5]}
    model = AlgorithmicBiasModel(graph, engine="compiled", **kw)
    model.run(5)
    assert np.array_equal(model.opinions, _agents_reference(graph, **kw))


def test_vectorized_engine_never_switches_to_the_compiled_kernel(monkeypatch):
    # The same seed must give the same numbers with and without Numba: "vectorized" on a large
    # network runs the Python kernel whether or not the compiled one exists.
    graph = scale_free(2000, 3, seed=2)
    kw = {"epsilon": 0.25, "gamma": 1.2, "seed": 3}
    with_kernel = AlgorithmicBiasModel(graph, **kw)
    with_kernel.run(2)
    monkeypatch.setattr(accelerated, "HAVE_NUMBA", False)
    monkeypatch.setattr(accelerated, "biased_sweep", None)
    without = AlgorithmicBiasModel(graph, **kw)
    without.run(2)
    assert np.array_equal(with_kernel.opinions, without.opinions)


def test_compiled_engine_must_be_asked_for_and_available(monkeypatch):
    from simulations.core.errors import ParameterError

    with pytest.raises(ParameterError, match="network") as err:
        AlgorithmicBiasModel(network="complete", n=50, engine="compiled", seed=1)
    assert err.value.field == "engine"
    monkeypatch.setattr(accelerated, "HAVE_NUMBA", False)
    with pytest.raises(ParameterError, match="Numba") as err:
        AlgorithmicBiasModel(n=50, engine="compiled", seed=1)
    assert err.value.field == "engine"
    with pytest.raises(ParameterError, match="engine"):
        DeffuantModel(n=50, engine="compiled", seed=1)
