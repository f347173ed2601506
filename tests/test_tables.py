"""Unit tests of simulations.core.tables (keyed registries and lookups)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulations.core.networks import NETWORKS
from simulations.core.tables import find, keyed, repeated
from simulations.response.tabletop.levers import LEVERS
from simulations.response.tabletop.roles import ROLES


@dataclass(frozen=True)
class _Rec:
    key: str
    value: int = 0


def test_keyed_keeps_order_and_refuses_a_repeated_key() -> None:
    table = keyed([_Rec("b"), _Rec("a")])
    assert list(table) == ["b", "a"]
    with pytest.raises(ValueError, match="duplicate key 'a'"):
        keyed([_Rec("a", 1), _Rec("a", 2)])


def test_repeated_lists_each_value_given_more_than_once_sorted() -> None:
    assert repeated(["b", "a", "b", "c", "a", "b"]) == ["a", "b"]
    assert repeated([]) == []
    assert repeated(("x", "y")) == []


@given(st.lists(st.text(max_size=3), max_size=40))
def test_repeated_matches_the_definition(values: list[str]) -> None:
    assert repeated(values) == sorted({v for v in values if values.count(v) > 1})


def test_find_returns_the_first_match_or_raises_key_error() -> None:
    records = (_Rec("a", 1), _Rec("b", 2), _Rec("b", 3))
    assert find(records, "key", "b").value == 2
    with pytest.raises(KeyError):
        find(records, "key", "z")


@pytest.mark.parametrize("table", [NETWORKS, LEVERS, ROLES])
def test_registries_are_keyed_by_their_records_key(table: dict) -> None:
    assert table and all(k == record.key for k, record in table.items())
