"""One registry, one model contract: every model registered, one constructor shape, run/results/seed."""

from __future__ import annotations

import inspect
import sys

import numpy as np
import pandas as pd
import pytest

from simulations.models import registry
from simulations.models.base import PopulationModel
from simulations.models.registry import MODELS

EVERY_MODEL = {
    "hoax",
    "hoax_arrays",
    "rumour",
    "deffuant",
    "algorithmic_bias",
    "hk",
    "friedkin_johnsen",
    "degroot",
    "echo_chamber",
    "coevolving",
    "kebijakan_anggaran",
}
NETWORK_MODELS = sorted(EVERY_MODEL - {"kebijakan_anggaran"})
HEAD = ["graph", "network", "n", "network_params"]
"""The first constructor arguments of every network model, in this order."""


def test_every_model_is_registered_with_a_parameter_table():
    assert set(MODELS) == EVERY_MODEL
    for name, spec in MODELS.items():
        assert len(spec.params.names) >= 1, name
        assert spec.description, name


@pytest.mark.parametrize("name", NETWORK_MODELS)
def test_one_constructor_shape_explicit_keywords(name):
    params = inspect.signature(MODELS[name].model).parameters
    kinds = {p.kind for p in params.values()}
    assert inspect.Parameter.VAR_KEYWORD not in kinds, f"{name} hides arguments behind **kwargs"
    assert list(params)[:4] == HEAD, name
    assert params["graph"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(params[k].kind is inspect.Parameter.KEYWORD_ONLY for k in HEAD[1:]), name
    assert list(params)[-1] == "seed" and params["seed"].default is None, name
    assert "fixed_nodes" in params, name
    for table_name in MODELS[name].params.names:
        assert table_name in params, (name, table_name)
        assert params[table_name].default == MODELS[name].params[table_name].default


@pytest.mark.parametrize("name", NETWORK_MODELS)
def test_smoke_run_results_and_public_seed(name):
    """Seed 42, a few steps (Mesa's smoke test per model); the same seed gives the same table."""
    cls = MODELS[name].model
    kwargs = {"n": 40, "seed": 42}
    if name == "echo_chamber":
        kwargs["contacts"] = 3
    a = cls(**kwargs)
    assert a.seed == 42
    first = a.run(3, until_converged=False)
    assert list(first.columns)[0] == "step"
    assert first["step"].tolist() == [0, 1, 2, 3]
    assert all(c == c.lower() and " " not in c for c in first.columns)
    second = cls(**kwargs).run(3)
    pd.testing.assert_frame_equal(first, second)
    if isinstance(a, PopulationModel):
        assert a.steps == 3  # Mesa's own step counter
        assert isinstance(a.converged, bool)


@pytest.mark.parametrize("name", ["hoax", "rumour", "hk"])
def test_until_converged_stops_at_the_first_converged_state(name):
    cls = MODELS[name].model
    kwargs = {"n": 60, "seed": 3}
    if name == "hoax":
        kwargs.update(p_verify=0.5, p_forget=0.5, beta=0.1)  # the hoax dies out quickly
    if name == "hk":
        kwargs.update(network="complete", epsilon=0.5)
    model = cls(**kwargs)
    frame = model.run(500, until_converged=True)
    assert model.converged
    assert len(frame) - 1 == model.steps < 500
    if hasattr(model, "counts"):
        # converged only at the last row: the run stopped at the first converged state
        assert model.counts.sum() == 60


def test_a_model_whose_import_fails_is_an_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "simulations.models.rumour", None)  # import now fails
    saved = dict(MODELS)
    try:
        with pytest.raises(ImportError):
            registry._register_builtin()
    finally:
        MODELS.clear()
        MODELS.update(saved)


def test_cli_lists_every_model_with_its_table(capsys):
    from simulations.__main__ import main

    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for name, spec in MODELS.items():
        assert f"{name}:" in out
        for p in spec.params:
            assert p.name in out


def test_engines_are_explicit():
    from simulations.models.opinion import AlgorithmicBiasModel, DeffuantModel

    assert DeffuantModel.engines == ("vectorized", "agents")
    assert AlgorithmicBiasModel.engines == ("vectorized", "agents", "compiled")
    assert np.all([MODELS[n].model(n=30, seed=1).engine == "vectorized" for n in ("hoax", "hk")])
