"""Parameter tables and friendly errors."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulations.core.errors import ParameterError, SimulationInputError, friendly_message
from simulations.core.params import (
    Param,
    ParamTable,
    check_choice,
    check_fields,
    check_fraction,
    check_integer,
    checked,
)
from simulations.course.notebook import setup, versions_text
from simulations.models.hoax import HOAX_PARAMS

TABLE = ParamTable(
    (
        Param("p", "Peluang", "Sebuah peluang.", 0.5, 0.0, 1.0, 0.01),
        Param("k", "Jumlah", "Sebuah jumlah.", 3, 1, 10, 1, kind="int"),
        Param("mode", "Mode", "Pilihan.", "a", kind="choice", choices=("a", "b")),
        Param("on", "Aktif", "Ya/tidak.", True, kind="bool"),
    )
)


def test_defaults_and_coercion():
    assert TABLE.validate() == {"p": 0.5, "k": 3, "mode": "a", "on": True}
    out = TABLE.validate({"p": 1, "k": 4.0}, mode="b", on=False)
    assert out == {"p": 1.0, "k": 4, "mode": "b", "on": False}
    assert isinstance(out["k"], int) and isinstance(out["p"], float)
    assert TABLE.validate(p=np.float32(0.25))["p"] == 0.25


@pytest.mark.parametrize(
    ("values", "field", "english", "indonesian"),
    [
        ({"p": 1.5}, "p", "outside its allowed range [0, 1]", "di luar rentang"),
        ({"p": math.nan}, "p", "finite", "terhingga"),
        ({"p": "setengah"}, "p", "must be a number", "harus berupa angka"),
        ({"k": 2.5}, "k", "whole number", "bilangan bulat"),
        ({"k": 0}, "k", "[1, 10]", "1 sampai 10"),  # Indonesian: no comma between bounds
        ({"p": -0.25}, "p", "[0, 1]", "= -0,25 di luar rentang yang diizinkan (0 sampai 1)"),
        ({"mode": "c"}, "mode", "is not one of", "tidak dikenal"),
        ({"on": "ya"}, "on", "True or False", "Ya/Tidak"),
        ({"on": 0}, "on", "True or False", "Ya/Tidak"),  # flags are not coerced from numbers
        ({"p": np.str_("0.5")}, "p", "must be a number", "harus berupa angka"),
        ({"p": np.complex128(0.5)}, "p", "must be a number", "harus berupa angka"),
        ({"p": 0.5 + 0j}, "p", "must be a number", "harus berupa angka"),
        ({"p": np.bool_(True)}, "p", "must be a number", "harus berupa angka"),
        ({"q": 1}, "q", "unknown parameter", "tidak dikenal"),
    ],
)
def test_errors_name_parameter_and_range_in_both_languages(values, field, english, indonesian):
    with pytest.raises(ParameterError) as info:
        TABLE.validate(values)
    assert info.value.field == field
    assert english in str(info.value)
    assert indonesian in info.value.pesan
    assert isinstance(info.value, ValueError)


def test_hoax_table_is_complete_for_widgets_and_docs():
    df = HOAX_PARAMS.to_frame()
    assert list(df["name"]) == list(HOAX_PARAMS.names)
    for p in HOAX_PARAMS:
        assert p.label and p.help and p.description, p.name
        assert p.min is not None and p.step is not None


def test_friendly_message_never_shows_a_traceback():
    assert friendly_message(SimulationInputError("english", "bahasa")) == "bahasa"
    text = friendly_message(ZeroDivisionError("division by zero"))
    assert "kesalahan" in text and "Traceback" not in text


def test_notebook_setup_outside_ipython():
    assert setup(7, quiet=True) == 7
    assert "mesa" in versions_text()


def test_friendly_error_is_one_box_without_stderr(monkeypatch, capsys):
    """The notebook handler shows the Indonesian message once: a red HTML box with a plain-text
    twin for terminals, and nothing on stderr (a second, pink box in JupyterLab)."""
    import IPython.display

    from simulations.course import notebook

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append((a, k)))
    notebook._show_error(
        None, SimulationInputError, SimulationInputError("english", "bahasa"), None
    )
    assert capsys.readouterr().err == ""
    [(args, kwargs)] = shown
    bundle = args[0]
    assert kwargs.get("raw") is True
    assert "bahasa" in bundle["text/html"] and "Masukan tidak valid" in bundle["text/html"]
    assert bundle["text/plain"] == "Masukan tidak valid: bahasa"


# ------------------------------------------------------------------ fields declared with their check
@dataclass(frozen=True)
class _Campaign:
    coverage: float = checked(0.3, check_fraction, "Cakupan")
    k: int | None = checked(None, check_integer, "Jumlah", 1, optional=True)
    mode: str = checked("a", check_choice, "Mode", ("a", "b"))
    note: str = ""

    def __post_init__(self) -> None:
        check_fields(self)


def test_checked_fields_are_cleaned_in_place_even_when_frozen():
    c = _Campaign(1, 2, "b")
    assert (c.coverage, c.k, c.mode) == (1.0, 2, "b") and isinstance(c.coverage, float)
    assert _Campaign(k=None).k is None  # optional: None is not checked


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"coverage": 1.5}, "coverage"),
        ({"k": 0}, "k"),  # the extra argument (minimum 1) reaches the check
        ({"mode": "c"}, "mode"),
        ({"coverage": "x", "mode": "c"}, "coverage"),  # declaration order: the first bad field
    ],
)
def test_checked_fields_raise_the_checks_error(values, field):
    with pytest.raises(ParameterError) as info:
        _Campaign(**values)
    assert info.value.field == field and info.value.pesan != str(info.value)


@given(st.floats(0.0, 1.0))
def test_a_checked_fraction_keeps_its_value(x):
    assert _Campaign(coverage=x).coverage == x
