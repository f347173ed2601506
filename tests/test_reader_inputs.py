"""Property-based tests: the readers answer bad input with a named error, never an escape (issue 11).

Each reader gets at least 500 generated invalid inputs (``max_examples`` below); every one must end
in the package's own error type (``DataError``/``SimulationInputError``/``ConfigError``) whose
message names the field, column or row — or, for the exports, in a sanitised file. The outcomes
are counted per kind and printed at the end of the module (run with ``-s`` to see them).
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from html_wellformed import assert_well_formed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulations import data
from simulations.__main__ import ConfigError, check_config, load_config, main
from simulations.core.errors import DataError, SimulationInputError

EXAMPLES = 520
OUTCOMES: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
    database=None,
)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    for reader, counts in OUTCOMES.items():
        total = sum(counts.values())
        parts = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        print(f"\n[{reader}] {total} invalid inputs — {parts}")


# ----------------------------------------------------------------------------------- CSV loader

TABLE = "iptik_provinsi_2022_2024"
HEADER = [
    "kode_kemendagri",
    "provinsi",
    "cakupan_wilayah",
    "iptik_2022",
    "iptik_2023",
    "iptik_2024",
    "catatan",
    "source",
]
ROWS = [
    ["11", "Aceh", "provinsi", "", "5.88", "5.97", "", "contoh"],
    ["91", "Papua", "papua_sebelum_2022", "3.22", "3.44", "3.56", "", "contoh"],
    ["31", "DKI Jakarta", "provinsi", "", "7.5", "7.88", "", "contoh"],
    ["00", "Indonesia", "nasional", "", "5.90", "6.02", "", "contoh"],
]
ASCII_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
FOLDER = Path(tempfile.mkdtemp(prefix="uji_pembaca_"))
# Printable text without surrogates, NUL or line/record separators that change the row count.
TEXT = st.text(
    st.characters(
        exclude_categories=("Cs",),
        exclude_characters="\x00\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    min_size=1,
    max_size=30,
)
CONTROL = st.sampled_from([chr(c) for c in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]])


def _csv(header, rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue()


@st.composite
def bad_csvs(draw):
    """Return (kind, bytes, expected row, expected column) for one invalid CSV."""
    kind = draw(
        st.sampled_from(
            [
                "not_a_number",
                "out_of_range",
                "formula",
                "control_character",
                "huge_cell",
                "cell_count",
                "bad_code",
                "missing_column",
                "unknown_column",
                "latin1",
                "utf16_without_bom",
                "empty",
            ]
        )
    )
    rows = [list(r) for r in ROWS]
    header = list(HEADER)
    r = draw(st.integers(1, len(rows)))
    row, column = r, None
    if kind == "not_a_number":
        value = draw(TEXT.filter(lambda t: t.strip() and not ASCII_NUMBER.fullmatch(t.strip())))
        column = draw(st.sampled_from(["iptik_2022", "iptik_2023", "iptik_2024"]))
        rows[r - 1][HEADER.index(column)] = value
    elif kind == "out_of_range":
        value = draw(st.one_of(st.floats(10.0, 1e300, exclude_min=True), st.floats(-1e300, -1e-9)))
        column = "iptik_2024"
        rows[r - 1][HEADER.index(column)] = repr(value)
    elif kind == "formula":
        value = draw(st.sampled_from("=+-@")) + draw(TEXT)
        if ASCII_NUMBER.fullmatch(value.strip()):
            value = "=" + value
        column = draw(st.sampled_from(["catatan", "source"]))
        rows[r - 1][HEADER.index(column)] = value
    elif kind == "control_character":
        column = draw(st.sampled_from(["provinsi", "catatan", "source"]))
        rows[r - 1][HEADER.index(column)] = draw(TEXT) + draw(CONTROL) + draw(TEXT)
    elif kind == "huge_cell":
        column = draw(st.sampled_from(["catatan", "source"]))
        rows[r - 1][HEADER.index(column)] = "x" * draw(st.integers(10_001, 60_000))
    elif kind == "cell_count":
        n = draw(st.sampled_from([1, 2, 5, 7, 9, 12]))
        rows[r - 1] = (rows[r - 1] + ["extra"] * 10)[:n]
    elif kind == "bad_code":
        value = draw(
            TEXT.filter(lambda t: t.strip() and not re.fullmatch(r"\d\d", t.strip(), re.ASCII))
        )
        column = "kode_kemendagri"
        rows[r - 1][0] = value
    elif kind == "missing_column":
        column = draw(st.sampled_from(HEADER))
        i = header.index(column)
        header.pop(i)
        rows = [x[:i] + x[i + 1 :] for x in rows]
        row = None
    elif kind == "unknown_column":
        name = draw(TEXT.filter(lambda t: t.strip() and t.strip() not in HEADER and "\t" not in t))
        header.append(name)
        rows = [x + [""] for x in rows]
        column, row = " ".join(name.strip().split())[:40], None
    if kind == "latin1":
        accent = draw(st.sampled_from("éèàçñüöÉ"))
        rows[r - 1][HEADER.index("catatan")] = f"catatan {accent}"
        content = _csv(header, rows).encode("latin-1")
    elif kind == "utf16_without_bom":
        content = _csv(header, rows).encode(draw(st.sampled_from(["utf-16-le", "utf-16-be"])))
        row = None
    elif kind == "empty":
        content = draw(st.sampled_from(["", "\n", "  \n\n", ",,,\n"])).encode()
        row = None
    else:
        content = _csv(header, rows).encode("utf-8")
    return kind, content, row, column


@SETTINGS
@given(case=bad_csvs())
def test_csv_loader_names_the_row_and_column_of_every_invalid_file(case):
    kind, content, row, column = case
    path = FOLDER / "uji.csv"
    path.write_bytes(content)
    with pytest.raises(DataError) as e:
        data.load_csv(path, TABLE)
    err = e.value
    OUTCOMES["load_csv"][f"{kind} -> DataError"] += 1
    assert err.file == "uji.csv" and "Berkas uji.csv" in err.pesan
    assert len(str(err)) <= 600 and len(err.pesan) <= 600
    if row is not None:
        assert err.row == row, (kind, str(err))
        assert f"row {row}" in str(err) and f"baris {row}" in err.pesan
    if column is not None and kind != "unknown_column":
        assert err.column == column, (kind, str(err))
        assert f"column '{column}'" in str(err) and f"kolom '{column}'" in err.pesan
    if kind == "unknown_column":
        assert err.column and "unexpected column" in str(err)
    if kind in ("latin1", "utf16_without_bom"):
        assert "UTF-8" in err.pesan
    # Control characters are never echoed raw into a message.
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", str(err) + err.pesan)


@SETTINGS
@given(
    name=st.text(st.characters(categories=("Ll", "Lu", "Nd")), min_size=1, max_size=12).filter(
        lambda t: t != "notebook"
    ),
    depth=st.integers(1, 2),
    suffix=st.sampled_from([".csv", ".txt", "", ".passwd", ".csv.bak"]),
)
def test_csv_loader_refuses_paths_that_leave_the_allowed_folder(name, depth, suffix):
    inside = FOLDER / "notebook"
    inside.mkdir(exist_ok=True)
    secret = FOLDER / f"{name}{suffix}"
    secret.write_text("RAHASIA,BARIS,PERTAMA\n", encoding="utf-8")
    back = [".."] * depth + list(
        FOLDER.parts[len(FOLDER.parts) - (depth - 1) :] if depth > 1 else []
    )
    path = inside.joinpath(*back, secret.name)
    assert path.resolve() == secret.resolve()
    with pytest.raises(DataError) as e:
        data.load_csv(path, TABLE, allowed_roots=[inside])
    OUTCOMES["load_csv paths"]["outside or wrong suffix -> DataError"] += 1
    assert "RAHASIA" not in str(e.value) + e.value.pesan
    assert ("outside" in str(e.value)) or ("only .csv" in str(e.value))


# ------------------------------------------------------------------------------ CLI configuration

VALID = {"model": "hoax", "steps": 5, "seeds": 2, "params": {"n": 30}}
WRONG_TYPES = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@st.composite
def bad_configs(draw):
    """Return (key, config) where ``config[key]`` is invalid."""
    key = draw(
        st.sampled_from(
            [
                "steps",
                "workers",
                "root_seed",
                "seeds",
                "level",
                "format",
                "seed_scheme",
                "model",
                "output",
                "scheduler",
                "params",
                "grid",
                "unknown",
            ]
        )
    )
    config = dict(VALID)
    if key in ("steps", "workers", "root_seed"):
        hi = {"steps": 1_000_000, "workers": 1024, "root_seed": 2**63 - 1}[key]
        lo = 0 if key == "root_seed" else 1
        value = draw(
            st.one_of(
                st.integers(max_value=lo - 1),
                st.integers(min_value=hi + 1),
                WRONG_TYPES.filter(lambda v: not isinstance(v, int) or isinstance(v, bool)),
            )
        )
    elif key == "seeds":
        value = draw(
            st.one_of(
                st.integers(max_value=0),
                st.integers(min_value=100_001),
                st.lists(st.integers(max_value=-1), min_size=1, max_size=3),
                st.lists(st.floats(), min_size=1, max_size=3),
                st.just([]),
                st.lists(st.integers(0, 3), min_size=2, max_size=6).filter(
                    lambda s: len(set(s)) < len(s)
                ),
                WRONG_TYPES.filter(lambda v: not isinstance(v, (int, list)) or isinstance(v, bool)),
            )
        )
    elif key == "level":
        value = draw(
            st.one_of(
                st.floats().filter(lambda x: not 0 < x < 1),
                st.integers().filter(lambda x: not 0 < x < 1),
                WRONG_TYPES.filter(lambda v: not isinstance(v, float)),
            )
        )
    elif key in ("format", "seed_scheme"):
        allowed = ("csv", "parquet") if key == "format" else ("common", "independent")
        value = draw(
            st.one_of(st.text(max_size=20), WRONG_TYPES).filter(lambda v: v not in allowed)
        )
    elif key in ("model", "output"):
        value = draw(
            st.one_of(
                st.just(""),
                st.text(" \t", min_size=1, max_size=3),
                WRONG_TYPES.filter(lambda v: not isinstance(v, str)),
            )
        )
    elif key == "scheduler":
        value = draw(
            st.one_of(
                st.text(max_size=40).filter(lambda t: "://" not in t),
                st.builds(
                    lambda scheme, host, port: f"{scheme}://{host}:{port}",
                    st.sampled_from(["http", "https", "ftp", "file", "tcpx", ""]),
                    st.sampled_from(["10.0.0.5", "host", "[::1]"]),
                    st.integers(1, 65535),
                ),
                st.builds(
                    lambda host, port: f"tcp://{host}:{port}",
                    st.sampled_from(["10.0.0.5", "host"]),
                    st.one_of(st.integers(65536, 10**9), st.text("abc-", min_size=1, max_size=4)),
                ),
                st.sampled_from(["tcp://host", "tcp://:8786", "tcp://h:8786/path", "tcp://h :1"]),
                WRONG_TYPES.filter(lambda v: not isinstance(v, str)),
            )
        )
    elif key in ("params", "grid"):
        value = draw(
            st.one_of(
                st.integers(),
                st.text(max_size=10),
                st.lists(st.integers(), max_size=3),
                st.dictionaries(st.integers(), st.integers(), min_size=1, max_size=2),
            )
        )
        if key == "grid" and draw(st.booleans()):
            value = {"alpha": draw(st.one_of(st.just([]), st.floats(), st.text(max_size=5)))}
    else:
        key = draw(st.text(min_size=1, max_size=30).filter(lambda k: k not in _KNOWN))
        value = draw(WRONG_TYPES)
    config[key] = value
    return key, config


@SETTINGS
@given(case=bad_configs())
def test_cli_config_checks_name_the_key(case):
    key, config = case
    with pytest.raises(ConfigError) as e:
        check_config(config, "uji.toml")
    value = config[key]
    known = key in _KNOWN
    expected = "alpha" if key == "grid" and isinstance(value, dict) and "alpha" in value else key
    OUTCOMES["CLI config"][f"{key if known else 'unknown key'} -> ConfigError"] += 1
    message = str(e.value)
    assert e.value.field == expected[:60], (key, message)
    assert message.startswith("uji.toml: ") and len(message) < 700
    assert (expected in message) if known else ("unknown key(s)" in message)


_KNOWN = {
    "steps",
    "workers",
    "root_seed",
    "seeds",
    "level",
    "format",
    "seed_scheme",
    "model",
    "output",
    "scheduler",
    "params",
    "grid",
}


@SETTINGS
@given(
    kind=st.sampled_from(
        ["toml_syntax", "yaml_syntax", "yaml_aliases", "not_utf8", "too_many_values"]
    ),
    text=st.text(max_size=40),
    n=st.integers(21, 200),
)
def test_cli_files_that_cannot_be_read_are_one_short_error(kind, text, n):
    suffix = ".yaml" if kind.startswith("yaml") else ".toml"
    path = FOLDER / f"konfigurasi{suffix}"
    if kind == "toml_syntax":
        path.write_text(f"model = [ {text!r}\n", encoding="utf-8")
    elif kind == "yaml_syntax":
        path.write_text("model: [\n  " + text.replace("]", "") + "\n" + "x" * n, encoding="utf-8")
    elif kind == "yaml_aliases":
        path.write_text("a: &a [1]\nb: [" + ", ".join(["*a"] * n) + "]\n", encoding="utf-8")
    elif kind == "not_utf8":
        path.write_bytes(b"model = '" + (text.encode("utf-8") or b"x") + b"\xff\xfe\xe9'\n")
    else:
        path.write_text("model = 'hoax'\n[params]\nx = [" + ",".join(["1"] * (10_000 + n)) + "]\n")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    OUTCOMES["CLI files"][f"{kind} -> ConfigError"] += 1
    message = str(e.value)
    assert message.startswith(str(path)) and len(message) < 700 and "\n" not in message.strip()
    assert e.value.field in ("file", "yaml")


def test_cli_main_turns_bad_configs_into_exit_2(tmp_path, capsys, monkeypatch):
    """A sample of the generated configurations through ``main`` itself (in-process)."""
    import json

    monkeypatch.chdir(tmp_path)
    shown = 0

    @settings(max_examples=60, deadline=None, database=None)
    @given(case=bad_configs())
    def run(case):
        nonlocal shown
        key, config = case
        try:
            # no NaN/Infinity: YAML reads JSON's NaN as the text "NaN" (a valid folder name)
            text = json.dumps(config, allow_nan=False)
        except (TypeError, ValueError):
            return
        path = tmp_path / "uji.yaml"
        path.write_text(text, encoding="utf-8")  # JSON is YAML
        assert main(["run", str(path), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
        shown += 1

    run()
    OUTCOMES["CLI main"]["generated configs -> exit 2"] += shown


# --------------------------------------------------------------------------- action-plan export


@pytest.fixture(scope="module")
def plan():
    from simulations.course.action_plan import make_plan

    return make_plan("fiktif", ["pemantauan"], seeds=range(2), steps=5, date=dt.date(2025, 1, 1))


ANY_TEXT = st.text(st.characters(), max_size=200)  # surrogates, controls, markup: everything


@pytest.mark.slow  # 520 HTML + DOCX exports, about 40 s (2-core CI)
@SETTINGS
@given(
    notes=ANY_TEXT,
    pairs=st.lists(st.tuples(ANY_TEXT, ANY_TEXT), max_size=4),
    code=st.text(max_size=10),
)
def test_action_plan_exports_are_sanitised_for_any_text(plan, monkeypatch, notes, pairs, code):
    import dataclasses
    import zipfile

    import docx

    from simulations.course import action_plan as ap

    monkeypatch.setattr(ap, "_fig_png", lambda fig: _PNG)  # the figure is not user input
    monkeypatch.setattr(ap, "plan_figure", lambda plan: None)
    hostile = dataclasses.replace(plan, notes=notes, responsibilities=pairs, participant=code)
    page = ap.export_html(hostile, FOLDER / "r.html").read_text(encoding="utf-8")
    assert_well_formed(page)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", page)
    assert "<script" not in page.lower().replace("&lt;script", "")
    cells = re.findall(
        r"<td>(.*?)</td>", page.split("<th>Kegiatan</th>")[1].split("</table>")[0], re.S
    )
    assert all("<" not in c for c in cells)  # every user cell is escaped text
    path = ap.export_docx(hostile, FOLDER / "r.docx")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
    d = docx.Document(str(path))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Kegiatan")
    assert len(table.rows) == 1 + len(pairs)
    for (a, _b), row in zip(pairs, table.rows[1:], strict=True):
        assert row.cells[0].text == ap.xml_safe_text(a).replace("\r", "\n")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", row.cells[0].text + row.cells[1].text)
    OUTCOMES["action-plan export"]["hostile text -> sanitised HTML + DOCX"] += 1


@SETTINGS
@given(
    bad=st.one_of(
        st.integers(),
        st.text(max_size=10),
        st.lists(st.text(max_size=5), min_size=1, max_size=3),
        st.lists(st.tuples(st.text(max_size=3)), min_size=1, max_size=3),
        st.lists(
            st.tuples(st.text(max_size=3), st.text(max_size=3), st.text(max_size=3)),
            min_size=1,
            max_size=3,
        ),
        st.lists(st.integers(), min_size=1, max_size=3),
        st.dictionaries(st.text(max_size=3), st.text(max_size=3), min_size=1, max_size=3).map(
            lambda d: [d]
        ),
    ),
    field=st.sampled_from(["responsibilities", "indicators"]),
)
def test_action_plan_exports_name_malformed_tables(plan, monkeypatch, bad, field):
    import dataclasses

    from simulations.course import action_plan as ap

    monkeypatch.setattr(ap, "_fig_png", lambda fig: _PNG)
    monkeypatch.setattr(ap, "plan_figure", lambda plan: None)
    export = ap.export_html if len(repr(bad)) % 2 else ap.export_docx
    with pytest.raises(SimulationInputError) as e:
        export(dataclasses.replace(plan, **{field: bad}), FOLDER / "x.out")
    OUTCOMES["action-plan export"][f"malformed {field} -> SimulationInputError"] += 1
    assert e.value.field == field and field in str(e.value) and field in e.value.pesan


def _tiny_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buf, format="PNG")
    return buf.getvalue()


_PNG = _tiny_png()


# ------------------------------------------------------------------------- index explorer inputs

INDEX_TABLE = data.province_indicators().set_index("kode_kemendagri")
NUMERIC = ["iptik_2024", "kub_2019", "idi_kebebasan_2023"]


@st.composite
def bad_explorer_args(draw):
    """Return (field, kwargs) for IndexExplorer with one invalid argument."""
    field = draw(st.sampled_from(["table", "label_col", "indicators", "labels"]))
    kwargs = {"table": INDEX_TABLE, "indicators": {c: "+" for c in NUMERIC}}
    if field == "table":
        kwargs["table"] = draw(
            st.one_of(
                st.none(),
                st.integers(),
                st.text(max_size=10),
                st.lists(st.integers(), max_size=3),
                st.just(pd.DataFrame()),
                st.just(INDEX_TABLE.to_dict()),
            )
        )
    elif field == "label_col":
        kwargs["label_col"] = draw(
            st.one_of(
                st.text(max_size=30).filter(lambda t: t not in INDEX_TABLE.columns),
                st.integers(),
                st.none(),
            )
        )
    elif field == "indicators":
        choice = draw(st.integers(0, 4))
        if choice == 0:
            name = draw(st.text(max_size=30).filter(lambda t: t not in INDEX_TABLE.columns))
            kwargs["indicators"] = {name: "+"}
        elif choice == 1:
            kwargs["indicators"] = {draw(st.sampled_from(["provinsi", "cakupan_wilayah"])): "+"}
        elif choice == 2:
            direction = draw(
                st.one_of(st.text(max_size=5).filter(lambda d: d not in ("+", "-")), st.integers())
            )
            kwargs["indicators"] = {"iptik_2024": direction}
        elif choice == 3:
            kwargs["indicators"] = draw(
                st.one_of(
                    st.just({}), st.lists(st.sampled_from(NUMERIC), max_size=3), st.integers()
                )
            )
        else:
            kwargs["indicators"] = {f"c{i}": "+" for i in range(41)}
    else:
        kwargs["labels"] = draw(
            st.one_of(
                st.dictionaries(
                    st.sampled_from(NUMERIC),
                    st.one_of(st.integers(), st.none(), st.lists(st.text(max_size=3))),
                    min_size=1,
                ),
                st.integers(),
                st.text(max_size=5),
                st.lists(st.text(max_size=5), min_size=1, max_size=2),
            )
        )
    return field, kwargs


@SETTINGS
@given(case=bad_explorer_args())
def test_index_explorer_names_the_bad_argument(case):
    from simulations.widgets.index import IndexExplorer

    field, kwargs = case
    with pytest.raises(SimulationInputError) as e:
        IndexExplorer(**kwargs)
    OUTCOMES["index explorer"][f"bad {field} -> SimulationInputError"] += 1
    assert e.value.field == field, (field, str(e.value))
    assert e.value.pesan and e.value.pesan != str(e.value)  # an Indonesian message
    assert len(str(e.value)) < 300


MARKUP = st.sampled_from(
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        '"><svg onload=alert(1)>',
        "</p><iframe src=javascript:alert(1)>",
        "<b>",
        "&lt;",
    ]
)


@settings(max_examples=60, deadline=None, database=None)
@given(
    units=st.lists(st.tuples(MARKUP, st.text(max_size=8)), min_size=4, max_size=4),
    column=st.tuples(MARKUP, st.text(max_size=8)),
    label=st.tuples(MARKUP, st.text(max_size=8)),
)
def test_index_explorer_never_writes_markup_from_the_data(units, column, label):
    import html

    import matplotlib.pyplot as plt

    from simulations.widgets.index import IndexExplorer

    t = INDEX_TABLE[["provinsi", "iptik_2024", "kub_2019"]].dropna().head(4).copy()
    names = [f"{m}{s} {i}" for i, (m, s) in enumerate(units)]
    t["provinsi"] = names
    col = "".join(column)
    t = t.rename(columns={"iptik_2024": col})
    ex = IndexExplorer(t, labels={col: "".join(label)})
    plt.close("all")
    assert ex.result is not None, ex.last_error
    summary = ex.summary.value
    stripped = re.sub(r"^<p style='max-width:720px'>|</p>$", "", summary)
    assert "<" not in stripped  # every unit and column name is escaped text
    assert html.unescape(stripped).count(col) >= 1
    OUTCOMES["index explorer"]["hostile names -> escaped summary"] += 1


# ------------------------------------------------------------------- loader arguments (not files)

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.binary(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.text(max_size=10),
)


@st.composite
def bad_loader_calls(draw):
    """Return (function name, call) for a data-module entry point given a bad argument."""
    good = FOLDER / "baik.csv"
    if not good.exists():
        good.write_text(_csv(HEADER, ROWS), encoding="utf-8")
    which = draw(
        st.sampled_from(
            [
                "path",
                "table",
                "flag",
                "max_bytes",
                "load_table",
                "aggregate_to_34",
                "daily_counts",
                "province_profile",
                "join_provinces",
            ]
        )
    )
    junk = draw(JUNK)
    if which == "path":
        junk = draw(
            st.one_of(JUNK.filter(lambda v: not isinstance(v, str)), st.just(""), st.just("  "))
        )
        return which, lambda: data.load_csv(junk, TABLE)
    if which == "table":
        schema = draw(
            st.one_of(
                JUNK,
                st.fixed_dictionaries({"schema": JUNK}),
                st.fixed_dictionaries(
                    {
                        "schema": st.fixed_dictionaries(
                            {"fields": JUNK.filter(lambda v: not isinstance(v, list) or v)}
                        )
                    }
                ),
                st.just({"schema": {"fields": [{"name": "a", "type": "complex"}]}}),
                st.just({"schema": {"fields": [{"name": "a"}], "primaryKey": "b"}}),
                st.just({"schema": {"fields": [{"name": "a"}], "foreignKeys": [{"fields": "a"}]}}),
                st.just({"schema": {"fields": [{"name": "a"}], "foreignKeys": 3}}),
            )
        )
        if isinstance(schema, str):
            schema = "tidak_ada_" + schema
        return which, lambda: data.load_csv(good, schema, allowed_roots=[FOLDER])
    if which == "flag":
        name = draw(st.sampled_from(["strict", "check_foreign_keys"]))
        junk = draw(JUNK.filter(lambda v: not isinstance(v, bool)))
        return which, lambda: data.load_csv(good, TABLE, allowed_roots=[FOLDER], **{name: junk})
    if which == "max_bytes":
        junk = draw(
            st.one_of(
                st.integers(max_value=0),
                JUNK.filter(lambda v: not isinstance(v, int) or isinstance(v, bool) or v < 1),
            )
        )
        return which, lambda: data.load_csv(good, TABLE, allowed_roots=[FOLDER], max_bytes=junk)
    if which == "load_table":
        junk = draw(JUNK.filter(lambda v: v not in data.resource_names()))
        return which, lambda: data.load_table(junk)
    if which == "aggregate_to_34":
        pop = data.load_table("penduduk_provinsi_kemendagri_2025")
        cols = draw(
            st.one_of(
                st.lists(
                    JUNK.filter(lambda v: not (isinstance(v, str) and v in pop.columns)),
                    min_size=1,
                    max_size=2,
                ),
                st.just(["provinsi"]),
            )
        )
        return which, lambda: data.aggregate_to_34(pop if draw(st.booleans()) else junk, cols)
    if which == "daily_counts":
        rep = data.load_reports().head(50)
        choice = draw(st.integers(0, 2))
        if choice == 0:
            return which, lambda: data.daily_counts(
                rep, by=[draw(st.text(max_size=8).filter(lambda c: c not in rep.columns))]
            )
        if choice == 1:
            return which, lambda: data.daily_counts(
                junk if not isinstance(junk, pd.DataFrame) else 1
            )
        return which, lambda: data.daily_counts(
            rep,
            start=draw(
                st.text(min_size=1, max_size=8).filter(lambda t: not re.fullmatch(r"\d+", t))
            ),
        )
    if which == "province_profile":
        junk = draw(JUNK.filter(lambda v: not (isinstance(v, str) and re.fullmatch(r"\d\d", v))))
        return which, lambda: data.province_profile(junk)
    iptik = data.load_table("iptik_provinsi_2022_2024")
    return which, lambda: data.join_provinces(iptik, junk)


@SETTINGS
@given(case=bad_loader_calls())
def test_data_entry_points_answer_bad_arguments_with_data_error(case):
    which, call = case
    with pytest.raises(DataError) as e:
        call()
    OUTCOMES["data entry points"][f"{which} -> DataError"] += 1
    assert len(str(e.value)) < 1500 and e.value.pesan  # the longest lists the known tables


# ------------------------------------------------------------------ one error path for explorers


def _explorers(tmp_path):
    """Yield (explorer, callback, module, function to break) for every explorer."""
    from simulations.widgets import (
        action_plan,
        answer_codes,
        collaboration,
        hoax,
        index,
        interventions,
        opinion,
        quiz,
    )

    yield hoax.HoaxExplorer(), "run", hoax, "run_hoax"
    bc = opinion.BoundedConfidenceExplorer()
    yield bc, "run", bc, "_compute"
    ec = opinion.EchoChamberExplorer()
    yield ec, "run", ec, "_compute"
    yield interventions.InterventionPanel(), "run", interventions, "run_comparison"
    yield interventions.MonitorPlacementView(), "run", interventions, "run_monitor_placement"
    yield index.IndexExplorer(INDEX_TABLE, {c: "+" for c in NUMERIC}), "update", index, "run_index"
    yield collaboration.CoordinationExplorer(), "run", collaboration, "compare_responses"
    yield action_plan.ActionPlanner(folder=tmp_path), "run", action_plan, "make_plan"
    yield action_plan.ActionPlanner(folder=tmp_path), "export", action_plan, "export_html"
    kuis = quiz.QuizWidget("01", save_to=tmp_path / "j.csv")
    kuis.code.value = "P07"  # a valid code: save() makes the answer code before saving
    yield kuis, "save", quiz, "save_answers"
    form = answer_codes.ReactionForm(save_to=tmp_path / "reaksi.csv")
    form.code.value = "P07"
    yield form, "save", answer_codes, "make_code"
    yield (
        answer_codes.CodeInbox(report_path=tmp_path / "lap.html"),
        "read",
        answer_codes,
        "read_codes",
    )


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("x" * 10_000 + "<script>alert(1)</script>"),
        KeyError("kolom"),
        ZeroDivisionError(),
        SimulationInputError("english", "pesan bahasa <b>Indonesia</b>", field="f"),
    ],
    ids=["long-runtime", "key", "zero", "package"],
)
def test_every_explorer_shows_one_short_indonesian_message(tmp_path, monkeypatch, error):
    import matplotlib.pyplot as plt

    from simulations.widgets.base import Explorer

    def broken(*args, **kwargs):
        raise error

    seen = 0
    for explorer, callback, owner, name in _explorers(tmp_path):
        assert isinstance(explorer, Explorer)
        monkeypatch.setattr(owner, name, broken)
        assert getattr(explorer, callback)() is None
        message = explorer.last_error
        assert message and len(message) <= 400 and "Traceback" not in message
        if isinstance(error, SimulationInputError):
            assert message == error.pesan
        else:
            assert message.startswith(f"Terjadi kesalahan tak terduga ({type(error).__name__}")
        shown = " ".join(
            w.value
            for w in vars(explorer).values()
            if hasattr(w, "value") and isinstance(w.value, str)
        )
        assert (
            "Tidak bisa dijalankan." in shown
            and "<script" not in shown
            and "<b>Indonesia" not in shown
        )
        seen += 1
        plt.close("all")
    assert seen == 12
    OUTCOMES["explorers"][f"{type(error).__name__} -> short Indonesian message"] += seen
