"""The bounded-confidence sweep (notebook 02) runs through analysis.experiments.compare."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from simulations.analysis import metrics as M
from simulations.analysis.experiments import run_seed
from simulations.analysis.opinion import sweep_bounded_confidence
from simulations.core.errors import ParameterError
from simulations.models.opinion import DeffuantModel
from simulations.plots.opinion import plot_cluster_sweep

SMALL = {"n": 60, "steps": 40, "seed": 7, "mu": 0.5}


def test_sweep_rows_and_columns():
    df = sweep_bounded_confidence("epsilon", [0.1, 0.3, 0.5], SMALL)
    assert df.columns.tolist() == [
        "epsilon",
        "replicate",
        "seed",
        "clusters",
        "effective_clusters",
        "variance",
        "convergence_step",
        "steps",
    ]
    assert df["epsilon"].tolist() == [0.1, 0.3, 0.5]
    assert (df["steps"] == 40).all() and (df["clusters"] >= 1).all()
    assert isinstance(plot_cluster_sweep(df), Figure)


def test_every_value_uses_the_replicate_seeds_of_compare():
    df = sweep_bounded_confidence("epsilon", [0.2, 0.4], SMALL, seeds=[0, 2])
    assert df["seed"].tolist() == [run_seed(7, 0), run_seed(7, 2)] * 2  # common random numbers
    row = df[(df["epsilon"] == 0.4) & (df["replicate"] == 2)].iloc[0]
    model = DeffuantModel(network="complete", n=60, seed=run_seed(7, 2), mu=0.5, epsilon=0.4)
    model.run(40, until_converged=True)
    alone = M.opinion_metrics(model.opinions, None)
    assert row["clusters"] == alone["clusters"]
    assert row["variance"] == pytest.approx(alone["variance"], abs=0)
    expected = np.nan if model.convergence_step is None else model.convergence_step
    np.testing.assert_equal(row["convergence_step"], expected)


@pytest.mark.parametrize(
    ("parameter", "values", "settings", "field"),
    [
        ("epsilon", [0.1], {"model": "hoax"}, "model"),
        ("epsilon", [0.1], {"model": "hegselmann_krause"}, "model"),
        ("beta", [0.1], {}, "parameter"),
        ("epsilon", [], {}, "values"),
        ("epsilon", [0.1, 0.1], {}, "values"),
        ("epsilon", "0.1", {}, "values"),
        ("epsilon", [0.1], {"n": 50.5}, "n"),
        ("epsilon", [0.1], {"steps": 0}, "steps"),
        ("epsilon", [0.1], {"seed": -1}, "root_seed"),
    ],
)
def test_bad_settings_are_refused_before_any_run(parameter, values, settings, field):
    with pytest.raises(ParameterError) as e:
        sweep_bounded_confidence(parameter, values, {**SMALL, **settings})
    assert e.value.field == field and e.value.pesan
