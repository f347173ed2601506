"""The handbook's guide "Writing a new model" runs, and its SIS model keeps the template's promises.

The SIS model exists once: in the cells tagged ``model`` of
``book/panduan_peneliti/menulis_model.md`` (a MyST notebook, executed when the handbook is built).
This module reads the page with myst-nb's reader, counts the model's lines (at most 60: what a
researcher writes), executes the model cells as a module for the unit tests below, and executes the
whole page in this process, top to bottom as a reader runs it. The page's checks are asserts in its
cells; the statistical ones are repeated here on the page's results so that a failure is named.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from simulations.models.registry import MODELS

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "book" / "panduan_peneliti" / "menulis_model.md"
MODEL_TAG = "model"
MAX_MODEL_LINES = 60


def code_cells() -> list[tuple[int, str, list[str]]]:
    """Return ``(cell index, source, tags)`` of every code cell of the guide, in page order."""
    read = pytest.importorskip("myst_nb.core.read", reason="myst-nb comes with jupyter-book")
    notebook = read.read_myst_markdown_notebook(PAGE.read_text(encoding="utf-8"), path=PAGE)
    return [
        (i, cell.source, list(cell.metadata.get("tags", [])))
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
    ]


def model_lines() -> list[str]:
    """The lines of the guide's model cells, blank lines included."""
    return [
        line
        for _, source, tags in code_cells()
        if MODEL_TAG in tags
        for line in source.splitlines()
    ]


def execute(name: str, only_model: bool) -> types.ModuleType:
    """Run the guide's code cells (or only its model cells) in order, as module ``name``.

    Raises:
        AssertionError: naming the cell (index in the page and first line) that raised.
    """
    module = types.ModuleType(name)
    module.__file__ = str(PAGE)
    sys.modules[name] = module  # dataclasses, pickling and inspect look classes up there
    for index, source, tags in code_cells():
        if only_model and MODEL_TAG not in tags:
            continue
        code = compile(source, f"{PAGE.name}, cell {index}", "exec")
        try:
            exec(code, module.__dict__)
        except Exception as exc:
            first = source.strip().splitlines()[0] if source.strip() else ""
            raise AssertionError(
                f"{PAGE.relative_to(REPO)}: cell {index} ({first!r}) raised "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    return module


@pytest.fixture(scope="module")
def sis() -> Iterator[types.ModuleType]:
    """The guide's model cells as a module: ``SIS``, ``Person``, ``SISModel``."""
    yield execute("tangguh_guide_sis", only_model=True)
    sys.modules.pop("tangguh_guide_sis", None)


@pytest.fixture(scope="module")
def page() -> Iterator[types.ModuleType]:
    """The whole guide, executed; it registers ``"sis"``, removed again afterwards."""
    import matplotlib.pyplot as plt

    had = MODELS.get("sis")
    try:
        yield execute("tangguh_guide_page", only_model=False)
    finally:
        plt.close("all")
        sys.modules.pop("tangguh_guide_page", None)
        if had is None:
            MODELS.pop("sis", None)
        else:
            MODELS["sis"] = had


def test_the_model_is_at_most_60_lines():
    lines = model_lines()
    assert lines, f"no code cell tagged {MODEL_TAG!r} in {PAGE}"
    assert len(lines) <= MAX_MODEL_LINES, len(lines)


def test_it_runs_on_both_engines_and_follows_the_template(sis):
    graph = nx.random_regular_graph(6, 200, seed=1)
    for engine in ("vectorized", "agents"):
        model = sis.SISModel(graph, engine=engine, seed=3)
        frame = model.run(20)
        assert list(frame.columns) == [
            "step", "susceptible", "infected", "share_susceptible", "share_infected",
        ]  # fmt: skip
        assert (frame[["susceptible", "infected"]].sum(axis=1) == 200).all()
        assert model.steps == 20 and len(model.agents) == 200
        assert model.run(5)["step"].iloc[-1] == 25  # run continues
    fixed = sis.SISModel(graph, initial_infected=0, fixed_nodes=[0], beta=0.0, seed=1)
    fixed.state[0] = sis.SIS.INFECTED
    fixed.run(10)
    assert fixed.state[0] == sis.SIS.INFECTED  # the template keeps fixed people fixed


def test_signature_matches_the_parameter_table(sis):
    params = inspect.signature(sis.SISModel).parameters
    for p in sis.SISModel.params:
        assert params[p.name].default == p.default


def test_the_guide_model_passes_the_shared_contract(sis):
    """The contract suite's functions, applied to the guide's model as to every registered one."""
    import test_model_contract as contract

    had = MODELS.get("sis")
    from simulations.models.registry import register_model

    register_model("sis", sis.SISModel, replace=True)
    try:
        for check in (
            contract.test_builds_with_its_defaults,
            contract.test_same_seed_same_result_other_seed_other_result,
            contract.test_run_continues_like_mesa,
            contract.test_until_converged_stops_at_the_first_converged_state,
            contract.test_results_schema_of_the_family,
            contract.test_mesa_views_agree_with_the_arrays,
            contract.test_invalid_parameter_sets_name_a_field,
            contract.test_invalid_common_arguments_name_the_field,
            contract.test_contradictory_network_arguments_are_refused,
            contract.test_work_is_bounded_before_it_starts,
        ):
            check("sis")
        contract.test_engines_agree_as_declared("sis", "agents")
    finally:
        if had is None:
            MODELS.pop("sis", None)
        else:
            MODELS["sis"] = had


def test_the_guide_page_runs(page):
    """Every cell ran (the fixture); the page registered its model and drew its figure."""
    assert MODELS["sis"] is page.spec and page.spec.model is page.SISModel
    assert page.spec.summarise == page.SISModel.summarise
    assert page.fig.axes and page.fig.axes[0].get_legend() is not None


def test_registered_in_one_line_and_swept(page):
    points = page.points.set_index("beta")["mean"]
    assert len(page.sweep_result.summary) == len(page.betas) * 3
    assert points.iloc[0] < 0.05 < 0.5 < points.iloc[-1]  # below and above the threshold μ/K


def test_endemic_level_matches_the_mean_field(page):
    """On a random regular network of degree K = 40 the mean field is close: its error is of
    order 1/K (dynamical correlations between neighbours), so we allow 0.03 plus 4 standard
    errors of the mean over 6 seeds; the time average over the last 100 of 300 steps removes
    most of the step-to-step noise."""
    row = page.check.summary.set_index("metric").loc["prevalence"]
    assert row["n_runs"] == 6 and page.K == 40
    theory = page.mean_field_prevalence(0.02, page.MU, page.K)
    assert abs(row["mean"] - theory) <= 0.03 + 4 * row["sem"], (row["mean"], theory)


def test_the_engines_are_one_stochastic_process(page):
    """Share infected after 30 steps, 30 seeds per engine: the means within 4 standard errors.

    The agents draw from ``model.random`` and the arrays from ``model.rng``, so single runs
    differ; a correct pair of engines fails this with probability < 1e-4.
    """
    stats = page.engines.summary.set_index("scenario")
    assert (stats["n_runs"] == 30).all()
    gap = stats.loc["vectorized", "mean"] - stats.loc["agents", "mean"]
    se = np.hypot(stats.loc["vectorized", "sem"], stats.loc["agents", "sem"])
    assert abs(gap) <= 4 * se, (gap, se)
