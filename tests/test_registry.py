"""One registry: every model registered, one constructor shape, the layer rule, summaries.

The behaviour every registered model shares (engines, seeding, run, results, Mesa views, hostile
inputs) is checked once for all of them in tests/test_model_contract.py.
"""

from __future__ import annotations

import inspect
import sys

import numpy as np
import pytest

from simulations.models import registry
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
}
NETWORK_MODELS = sorted(EVERY_MODEL)
HEAD = ["network", "n"]
"""The first constructor arguments of every model, in this order: the network as one value."""
TAIL = ["fixed_nodes", "engine", "agent_class", "seed"]
"""Arguments every model takes (in this order, possibly with model-specific ones between)."""


def test_every_model_is_registered_with_a_parameter_table():
    assert set(MODELS) == EVERY_MODEL
    for name, spec in MODELS.items():
        assert len(spec.params.names) >= 1, name
        assert spec.description, name
        assert spec.label and spec.label != name, name  # an Indonesian label for the widgets
        assert spec.summarise == spec.model.summarise, name  # the model's own summary


def test_the_registry_imports_only_models():
    # The layer rule: core <- data, models <- analysis <- response <- … ; the budget sandbox
    # (response.policy) is not a registered model, the CLI runs it by name.
    import ast
    from pathlib import Path

    tree = ast.parse(Path(registry.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("simulations")
    }
    assert all(m.startswith(("simulations.core", "simulations.models")) for m in imported), imported


@pytest.mark.parametrize("name", NETWORK_MODELS)
def test_one_constructor_shape_explicit_keywords(name):
    params = inspect.signature(MODELS[name].model).parameters
    kinds = {p.kind for p in params.values()}
    assert inspect.Parameter.VAR_KEYWORD not in kinds, f"{name} hides arguments behind **kwargs"
    assert list(params)[:2] == HEAD, name
    assert params["network"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert params["network"].default is None and params["n"].default is None, name
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(params.values())[1:]), name
    assert list(params)[-1] == "seed" and params["seed"].default is None, name
    positions = [list(params).index(k) for k in TAIL]
    assert positions == sorted(positions), name
    for table_name in MODELS[name].params.names:
        assert table_name in params, (name, table_name)
        assert params[table_name].default == MODELS[name].params[table_name].default


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
    assert "kebijakan_anggaran:" in out  # the budget sandbox, runnable by name


def test_engines_are_explicit():
    from simulations.models.opinion import AlgorithmicBiasModel, DeffuantModel

    assert DeffuantModel.engines == ("vectorized", "agents")
    assert AlgorithmicBiasModel.engines == ("vectorized", "agents", "compiled")
    assert np.all([MODELS[n].model(n=30, seed=1).engine == "vectorized" for n in ("hoax", "hk")])
