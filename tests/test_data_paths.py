"""load_csv's path and allowed_roots arguments: every bad value is a DataError naming the argument."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations import data
from simulations.core.errors import DataError
from simulations.data.reader import MAX_NAME_CHARS, MAX_PATH_CHARS, MAX_ROOTS

TABLE = "iptik_provinsi_2022_2024"


@pytest.mark.parametrize(
    ("path", "word"),
    [
        ("x" * 5000 + ".csv", "5.004 karakter"),
        ("/tmp/" + "d" * 300 + "/a.csv", "nama sepanjang 300"),
        ("a\x00b.csv", "NUL"),
        (b"a.csv", "teks"),
        ("   ", "kosong"),
        (5, "teks"),
        (None, "teks"),
    ],
    ids=["5000-char name", "300-char folder", "NUL byte", "bytes", "blank", "int", "None"],
)
def test_a_bad_path_names_the_path_argument(path, word):
    with pytest.raises(DataError) as e:
        data.load_csv(path, TABLE)
    assert e.value.column == "path" and "path" in str(e.value)
    assert word in e.value.pesan and len(str(e.value)) < 700


@pytest.mark.parametrize(
    ("roots", "word"),
    [
        (5, "daftar folder"),
        (5.0, "daftar folder"),
        (b"/tmp", "daftar folder"),
        ({"/tmp": 1}, "daftar folder"),
        ([5], "Folder ke-1"),
        (["/tmp", None], "Folder ke-2"),
        (["/tmp\x00x"], "NUL"),
        (["/tmp/" + "d" * 300], "nama sepanjang"),
        (["/tmp"] * (MAX_ROOTS + 1), "lebih dari"),
    ],
)
def test_bad_allowed_roots_name_the_argument(tmp_path, roots, word):
    path = tmp_path / "a.csv"
    path.write_text("x\n1\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        data.load_csv(path, TABLE, allowed_roots=roots)
    assert e.value.column == "allowed_roots" and "allowed_roots" in str(e.value)
    assert word in e.value.pesan


def test_one_folder_as_text_or_path_is_one_root(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("x\n1\n", encoding="utf-8")
    for roots in (str(tmp_path), tmp_path, [tmp_path], (str(tmp_path),)):
        with pytest.raises(DataError) as e:  # the file is read: its header is what fails
            data.load_csv(path, TABLE, allowed_roots=roots)
        assert e.value.column in data.describe_table(TABLE)["kolom"].tolist()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_a_data_error(tmp_path):  # pragma: no cover - not as root
    path = tmp_path / "a.csv"
    path.write_text("x\n1\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(DataError) as e:
        data.load_csv(path, TABLE, allowed_roots=[tmp_path])
    assert "tidak bisa dibaca" in e.value.pesan


def test_a_symbolic_link_loop_is_a_data_error(tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(DataError) as e:
        data.load_csv(tmp_path / "a.csv", TABLE, allowed_roots=[tmp_path])
    assert e.value.file == "a.csv"


_ANY_PATH = st.one_of(
    st.text(max_size=300),
    st.text(min_size=MAX_NAME_CHARS, max_size=MAX_NAME_CHARS + 40).map(lambda s: s + ".csv"),
    st.text(max_size=20).map(lambda s: "x" * MAX_PATH_CHARS + s),
    st.binary(max_size=20),
    st.integers(),
    st.floats(),
    st.none(),
    st.lists(st.text(max_size=3), max_size=3),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=_ANY_PATH, roots=st.one_of(st.none(), _ANY_PATH))
def test_any_path_and_roots_give_a_data_error_never_a_raw_one(tmp_path, path, roots):
    try:
        data.load_csv(path, TABLE, allowed_roots=roots if roots is not None else [tmp_path])
    except DataError as e:
        assert e.pesan and len(str(e)) < 1500
    else:  # only a real, valid CSV inside a root could load; random text never names one
        raise AssertionError(f"loaded {path!r}")
    assert Path.cwd().exists()
