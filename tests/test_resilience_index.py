"""The composite index against hand-computed values, its missing-value rules, and seeded sensitivity."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.analysis import resilience_index as ri
from simulations.core.errors import DataError, ParameterError

# Three units, two indicators. a: higher is better; b: higher is worse.
SMALL = pd.DataFrame({"a": [2.0, 4.0, 6.0], "b": [10.0, 30.0, 20.0]}, index=["P", "Q", "R"])


def test_minmax_arithmetic_equal_weights_by_hand():
    r = ri.compute_index(SMALL, {"a": "+", "b": "-"})
    # a: (x-2)/4 -> 0, .5, 1 ; b reversed: (30-x)/20 -> 1, 0, .5 ; mean -> .5, .25, .75
    assert r["norm_a"].tolist() == [0.0, 0.5, 1.0]
    assert r["norm_b"].tolist() == [1.0, 0.0, 0.5]
    assert r["indeks"].tolist() == pytest.approx([0.5, 0.25, 0.75])
    assert r["peringkat"].tolist() == [2, 3, 1]


def test_user_weights_are_rescaled_to_sum_one():
    r = ri.compute_index(SMALL, {"a": "+", "b": "-"}, {"a": 3, "b": 1})
    # .75*a + .25*b -> .25, .375, .875
    assert r["indeks"].tolist() == pytest.approx([0.25, 0.375, 0.875])


def test_zscore_by_hand():
    r = ri.compute_index(SMALL, {"a": "+", "b": "-"}, normalisation="zscore")
    sd_a = math.sqrt(8 / 3)  # population sd of 2, 4, 6
    sd_b = math.sqrt(200 / 3)  # population sd of 10, 30, 20
    za = [(2 - 4) / sd_a, 0.0, (6 - 4) / sd_a]
    zb = [(20 - 10) / sd_b, (20 - 30) / sd_b, 0.0]  # reversed
    assert r["indeks"].tolist() == pytest.approx([(x + y) / 2 for x, y in zip(za, zb, strict=True)])


def test_geometric_by_hand_on_scale_1_100():
    r = ri.compute_index(SMALL, {"a": "+", "b": "-"}, aggregation="geometric", scale=(1, 100))
    na, nb = [1, 50.5, 100], [100, 1, 50.5]
    expected = [math.sqrt(x * y) for x, y in zip(na, nb, strict=True)]
    assert r["indeks"].tolist() == pytest.approx(expected)


def test_geometric_refuses_non_positive_values():
    with pytest.raises(ParameterError) as e:
        ri.compute_index(SMALL, ["a", "b"], aggregation="geometric")
    assert "geometrik" in e.value.pesan


MISSING = pd.DataFrame(
    {"a": [2.0, 4.0, 6.0, 8.0], "b": [1.0, np.nan, 3.0, 5.0]}, index=list("PQRS")
)


def test_missing_values_are_refused_by_default():
    with pytest.raises(DataError) as e:
        ri.compute_index(MISSING, ["a", "b"])
    assert e.value.column == "b" and "kosong" in e.value.pesan


def test_missing_drop_reweight_mean_by_hand():
    drop = ri.compute_index(MISSING, ["a", "b"], missing="drop")
    assert list(drop.index) == ["P", "R", "S"]
    assert drop.attrs["index_result"].dropped == ["Q"]
    # a over P,R,S: 0, .667, 1 ; b: 0, .5, 1
    assert drop["indeks"].tolist() == pytest.approx([0.0, (2 / 3 + 0.5) / 2, 1.0])
    rew = ri.compute_index(MISSING, ["a", "b"], missing="reweight")
    # a: 0, 1/3, 2/3, 1 ; b over P,R,S: 0, .5, 1 -> Q uses only a
    assert rew["indeks"].tolist() == pytest.approx([0.0, 1 / 3, (2 / 3 + 0.5) / 2, 1.0])
    assert rew["n_indikator"].tolist() == [2, 1, 2, 2]
    mean = ri.compute_index(MISSING, ["a", "b"], missing="mean")
    assert mean.loc["Q", "norm_b"] == pytest.approx(0.5)  # mean of 0, .5, 1
    assert mean.loc["Q", "diisi"] == "b"
    assert "Diisi rata-rata" in ri.summarise_index(mean, label_col="none")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"normalisation": "rank"}, "normalisation"),
        ({"aggregation": "median"}, "aggregation"),
        ({"missing": "ignore"}, "missing"),
        ({"weights": {"a": -1, "b": 1}}, "weights"),
        ({"weights": {"a": 0, "b": 0}}, "weights"),
        ({"weights": {"zz": 1}}, "weights"),
    ],
)
def test_bad_options_raise_parameter_error_in_both_languages(kwargs, field):
    with pytest.raises(ParameterError) as e:
        ri.compute_index(SMALL, ["a", "b"], **kwargs)
    assert e.value.field == field and e.value.pesan != str(e.value)


def test_bad_direction_and_unknown_column():
    with pytest.raises(ParameterError):
        ri.compute_index(SMALL, {"a": "up"})
    with pytest.raises(DataError):
        ri.compute_index(SMALL, ["zz"])


def test_sensitivity_is_reproducible_by_seed_and_varies_across_seeds():
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.uniform(0, 1, size=(12, 4)), columns=list("abcd"))
    s1 = ri.weight_sensitivity(df, list("abcd"), n_draws=50, seed=7)
    s2 = ri.weight_sensitivity(df, list("abcd"), n_draws=50, seed=7)
    s3 = ri.weight_sensitivity(df, list("abcd"), n_draws=50, seed=8)
    pd.testing.assert_frame_equal(s1, s2)
    assert s1.attrs["ranks"].ranks.equals(s2.attrs["ranks"].ranks)
    assert not s1.attrs["ranks"].ranks.equals(s3.attrs["ranks"].ranks)
    assert "tidak pernah berpindah" in ri.summarise_sensitivity(s1)


def test_sensitivity_with_zero_spread_never_moves_ranks():
    s = ri.weight_sensitivity(SMALL, {"a": "+", "b": "-"}, n_draws=5, spread=0.0, seed=1)
    assert (s["pergeseran_maks"] == 0).all()


def test_sensitivity_rejects_bad_settings():
    with pytest.raises(ParameterError):
        ri.weight_sensitivity(SMALL, ["a"], n_draws=0)
    with pytest.raises(ParameterError):
        ri.weight_sensitivity(SMALL, ["a"], spread=1.5)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0, 100, allow_nan=False), min_size=3, max_size=12),
    st.lists(st.floats(0.1, 5), min_size=2, max_size=2),
)
def test_minmax_arithmetic_index_stays_in_unit_interval(values, weights):
    df = pd.DataFrame({"a": values, "b": values[::-1]})
    r = ri.compute_index(df, ["a", "b"], {"a": weights[0], "b": weights[1]})
    assert ((r["indeks"] >= -1e-12) & (r["indeks"] <= 1 + 1e-12)).all()
    assert r["peringkat"].min() == 1


def test_real_provincial_index_runs_with_explicit_missing_rule():
    from simulations import data

    t = data.province_indicators().set_index("kode_kemendagri")
    r = ri.compute_index(t, list(data.INDICATORS_34), missing="reweight")
    assert len(r) == 34 and r["indeks"].notna().all()
    text = ri.summarise_index(r)
    assert "sebagian indikator" in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"missing": "reweight"},
        {"missing": "mean", "normalisation": "zscore"},
        {"missing": "drop", "aggregation": "geometric", "scale": (1, 100)},
    ],
)
def test_vectorised_sensitivity_equals_recomputing_the_index_per_draw(kwargs):
    rng = np.random.default_rng(5)
    df = pd.DataFrame(rng.uniform(1, 9, size=(10, 3)), columns=list("abc"))
    df.iloc[2, 1] = np.nan
    df.iloc[7, 0] = np.nan
    sens = ri.weight_sensitivity(
        df, list("abc"), {"a": 1, "b": 2, "c": 3}, n_draws=15, seed=11, **kwargs
    )
    ranks = sens.attrs["ranks"].ranks.to_numpy()
    draw_rng = np.random.default_rng(11)
    w0 = np.array([1, 2, 3]) / 6
    for d in range(15):
        w = w0 * draw_rng.uniform(0.5, 1.5, size=3)
        r = ri.compute_index(df, list("abc"), dict(zip("abc", w, strict=True)), **kwargs)
        assert ranks[d].tolist() == r["peringkat"].astype(float).tolist()
