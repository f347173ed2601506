"""Exercise forms without code: definitions, number parsing, word counting, checks, saving, codes, widget."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.core.errors import DataError, SimulationInputError
from simulations.core.formatting import format_id
from simulations.course import exercise_answers as A
from simulations.course.exercise_codes import (
    make_exercise_code,
    parse_exercise_code,
    read_exercise_codes,
)
from simulations.course.exercises import FIELD_KINDS, OPTION_SOURCES, load_exercises
from simulations.widgets import exercise as W

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ex():
    return load_exercises()


@pytest.fixture(autouse=True)
def _fresh_forms(monkeypatch):
    """Every test starts without forms or a participant code left over from another test."""
    monkeypatch.setattr(W, "_FORMS", {})
    monkeypatch.setattr(W, "_PANELS", {})
    monkeypatch.setattr(W, "_PARTICIPANT", {"code": ""})
    monkeypatch.delenv("TANGGUH_DROPBOX", raising=False)


# ------------------------------------------------------------------------------------ definitions
def test_every_field_kind_is_used_and_every_exercise_has_a_field(ex):
    kinds = {f.kind for e in ex for f in e.fields}
    assert kinds == set(FIELD_KINDS)
    assert all(e.fields for e in ex)
    assert len(ex) >= 35


def test_option_sources_give_ids_and_labels():
    for name, source in OPTION_SOURCES.items():
        options = source()
        assert len(options) >= 2, name
        assert len({i for i, _ in options}) == len(options), name


def test_exercise_3_6_offers_exactly_the_panel_scenarios(ex):
    from simulations.widgets.interventions import SCENARIO_CHOICES

    f = ex["3.6"].field("rencana")
    assert {o.id: o.label for o in f.options} == SCENARIO_CHOICES


def test_slider_from_a_parameter_table_takes_its_label_and_range(ex):
    from simulations.models.registry import MODELS

    f = ex["2.3"].field("peluang_unfollow")
    p = MODELS["coevolving"].params["p_unfollow"]
    assert (f.label, f.min, f.max, f.help) == (p.label, p.min, p.max, p.help)
    assert f.default == 0.5


def _write(tmp_path, doc) -> Path:
    path = tmp_path / "latihan.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _one(**field):
    return {"latihan": [{"id": "3.9", "judul": "Uji", "notebook": "03_x.ipynb", "isian": [field]}]}


@pytest.mark.parametrize(
    ("doc", "where"),
    [
        ({"latihan": []}, "latihan"),
        (
            {"latihan": [{"id": "x", "judul": "a", "notebook": "03_x.ipynb", "isian": []}]},
            "latihan[0].id",
        ),
        (
            {
                "latihan": [
                    {"id": "3.9", "judul": "a", "notebook": "04_x.ipynb", "isian": [{"id": "a"}]}
                ]
            },
            "latihan[3.9].notebook",
        ),
        (_one(id="a", jenis="rumus", label="x"), ".jenis"),
        (_one(id="A", jenis="teks", label="x"), ".id"),
        (_one(id="a", jenis="geser", label="x"), ".min"),
        (_one(id="a", jenis="geser", label="x", min=0, max=1, awal=2), ".awal"),
        (_one(id="a", jenis="pilihan", label="x"), ".pilihan"),
        (_one(id="a", jenis="pilihan", label="x", pilihan=["a"]), ".pilihan"),
        (_one(id="a", jenis="pilihan", label="x", pilihan=["a", "a"]), ".pilihan"),
        (_one(id="a", jenis="pilihan", label="x", pilihan_dari="planet"), ".pilihan_dari"),
        (_one(id="a", jenis="pilihan", label="x", pilihan=["a", "b"], awal="c"), ".awal"),
        (_one(id="a", jenis="geser", parameter="hoax.gamma"), ".parameter"),
        (_one(id="a", jenis="pilihan", soal="M9-99"), ".soal"),
        (_one(id="a", jenis="uraian", label="x", min_kata=10, maks_kata=5), ".maks_kata"),
        (_one(id="a", jenis="angka", label="x", min="nol"), ".min"),
        (_one(id="a", jenis="tabel", label="x", baris=["a"]), ".kolom"),
        # an unquoted comma in a flow mapping makes a stray key: refused, never a cut label
        (
            _one(
                id="a",
                jenis="pilihan",
                label="x",
                pilihan=[{"id": "a", "teks": "b (c", "d)": None}, "e"],
            ),
            "[0]",
        ),
        (_one(id="a", jenis="teks", label="x", lable="typo"), "(a)"),
    ],
)
def test_bad_definitions_are_refused_naming_the_place(tmp_path, doc, where):
    with pytest.raises(DataError) as err:
        load_exercises(_write(tmp_path, doc))
    assert err.value.file == "latihan.yaml"
    assert where in str(err.value)
    assert "latihan.yaml" in err.value.pesan


def test_duplicates_and_word_limits_over_non_text_fields_are_refused(tmp_path):
    field = {"id": "a", "jenis": "teks", "label": "x"}
    doc = {
        "latihan": [{"id": "3.9", "judul": "a", "notebook": "03_x.ipynb", "isian": [field, field]}]
    }
    with pytest.raises(DataError, match="duplicate field ids"):
        load_exercises(_write(tmp_path, doc))
    doc["latihan"][0]["isian"] = [field, {"id": "b", "jenis": "angka", "label": "y"}]
    doc["latihan"][0]["batas_kata"] = {"isian": ["a", "b"], "maks": 10}
    with pytest.raises(DataError) as err:
        load_exercises(_write(tmp_path, doc))
    assert "bukan isian teks" in err.value.pesan
    doc["latihan"][0].pop("batas_kata")
    doc["latihan"].append(dict(doc["latihan"][0]))
    with pytest.raises(DataError, match="duplicate exercise id"):
        load_exercises(_write(tmp_path, doc))


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(DataError) as err:
        load_exercises(tmp_path / "tidak_ada.yaml")
    assert "tidak ditemukan" in err.value.pesan
    bad = tmp_path / "latihan.yaml"
    bad.write_text("latihan: [\n  - id: '1.1'\n  judul: x", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_exercises(bad)
    assert "YAML" in err.value.pesan


def test_unknown_exercise_lists_the_known_ones(ex):
    with pytest.raises(DataError) as err:
        ex["8.8"]
    assert "3.1" in err.value.pesan and "tidak ada" in err.value.pesan


# --------------------------------------------------------------------------------- number parser
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0,25", 0.25),
        ("0.25", 0.25),
        (" 71,8 % ", 71.8),
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567),
        ("1.136", 1136),  # one dot after 1-3 digits and before exactly 3: thousands, as printed
        ("0.267", 0.267),  # a lone 0 is never a thousands group
        ("1234.567", 1234.567),
        ("12.5", 12.5),
        ("-1.000", -1000),
        ("-1,5", -1.5),
        ("\u22121,5", -1.5),
        ("+3", 3),
        (".5", 0.5),
        ("12", 12),
        (7, 7.0),
    ],
)
def test_numbers_are_read_as_participants_type_them(text, value):
    assert A.parse_number_text(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "  ", "abc", "0,2,5", "1.23,4", "1e5", "0,", "2..5", "nan", float("inf"), "½"]
)
def test_unreadable_numbers_give_an_indonesian_message(text):
    with pytest.raises(SimulationInputError) as err:
        A.parse_number_text(text, label="Ambang")
    assert err.value.pesan.startswith("Ambang:")
    assert "Traceback" not in err.value.pesan


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 4))
@settings(max_examples=200, deadline=None)
def test_indonesian_notation_round_trips(x, digits):
    text = format_id(x, digits)
    assert A.parse_number_text(text) == pytest.approx(round(x, digits), abs=10**-digits)


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.sampled_from([1, 2, 4, 5]))
@settings(max_examples=200, deadline=None)
def test_a_single_decimal_point_is_a_decimal_point(x, digits):
    text = f"{x:.{digits}f}"
    assert not A.is_thousands_text(text)
    assert A.parse_number_text(text) == pytest.approx(float(text))


@given(st.integers(1, 999), st.integers(0, 999), st.booleans())
def test_one_dot_before_three_digits_reads_as_thousands_and_says_so(head, tail, negative):
    text = f"{'-' if negative else ''}{head}.{tail:03d}"
    assert A.is_thousands_text(text)
    assert A.parse_number_text(text) == (-1 if negative else 1) * (1000 * head + tail)


def test_the_form_says_when_a_dot_was_read_as_thousands():
    form = W.Latihan("3.4")
    form.controls["terlindungi"].value = "1.136"
    assert "terbaca: 1.136" in form.echo["terlindungi"].value
    assert "pemisah ribuan" in form.echo["terlindungi"].value
    form.controls["terlindungi"].value = "1136"
    assert "pemisah ribuan" not in form.echo["terlindungi"].value


@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=1, max_size=8))
def test_letters_are_never_a_number(word):
    with pytest.raises(SimulationInputError):
        A.parse_number_text(word)


# ---------------------------------------------------------------------------------- word counter
_word = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=10
)
_gap = st.text(alphabet=" \t\n\u00a0", min_size=1, max_size=4)


@given(st.lists(_word, max_size=40), st.data())
@settings(max_examples=200, deadline=None)
def test_word_count_is_the_number_of_words_whatever_the_spacing(words, data):
    gaps = [data.draw(_gap) for _ in words]
    text = "".join(w + g for w, g in zip(words, gaps, strict=True))
    assert A.count_words(text) == len(words)
    assert A.count_words(data.draw(_gap) + text) == len(words)


@given(
    st.lists(_word, min_size=1, max_size=20),
    st.lists(st.sampled_from(["—", "-", "…", "!", "“”"]), max_size=5),
)
def test_punctuation_alone_is_not_a_word(words, marks):
    assert A.count_words(" ".join(words + marks)) == len(words)
    assert A.count_words(" ".join(w + "," for w in words)) == len(words)


def test_word_count_examples():
    assert A.count_words(None) == 0
    assert A.count_words("Air PDAM aman — hasil uji 10.00 WIB.") == 7
    assert A.count_words("Jangan 'percaya' pesan \"berantai\" itu") == 5


# ------------------------------------------------------------------------------------ field kinds
def _field(ex, exercise, name):
    return ex[exercise].field(name)


def test_choice_field(ex):
    f = _field(ex, "2.4", "terpolarisasi")
    assert A.read_answer(f, None) is None
    assert A.read_answer(f, "C") == "C"
    with pytest.raises(SimulationInputError) as err:
        A.read_answer(f, "Z")
    assert "tidak dikenal" in err.value.pesan
    assert A.check_field(f, "C", "C").ok is True
    assert A.check_field(f, "A", "C").ok is False
    assert A.check_field(f, None, "C").ok is False


def test_multiple_choice_field(ex):
    f = _field(ex, "3.6", "rencana")
    assert A.read_answer(f, ()) is None
    assert A.read_answer(f, ("nudge", "prebunking")) == ("prebunking", "nudge")  # form order
    with pytest.raises(SimulationInputError):
        A.read_answer(f, ("teleportasi",))
    assert A.check_field(f, ("prebunking", "nudge"), {"nudge", "prebunking"}).ok is True
    assert "1 dari 2" in A.check_field(f, ("prebunking",), {"nudge", "prebunking"}).text


def test_slider_field(ex):
    f = _field(ex, "1.2", "persen_keluar")
    assert A.read_answer(f, 10) == 10
    with pytest.raises(SimulationInputError) as err:
        A.read_answer(f, 40)
    assert "di luar rentang" in err.value.pesan
    with pytest.raises(SimulationInputError, match="whole number"):
        A.read_answer(f, 2.5)


def test_number_field_tolerance_and_feedback(ex):
    f = _field(ex, "3.1", "ambang")
    assert A.read_answer(f, "") is None
    assert A.read_answer(f, "0,25") == 0.25
    with pytest.raises(SimulationInputError):
        A.read_answer(f, "1,5")  # outside [0, 1]
    assert A.check_field(f, 0.255, 0.25).ok is True
    wrong = A.check_field(f, 0.4, 0.25)
    assert wrong.ok is False and "terlalu besar" in wrong.text and "0,25" not in wrong.text
    assert "jalankan dulu" in A.check_field(f, 0.4, None).text
    assert A.check_field(f, 0.4).ok is None  # recorded only


def test_short_text_and_text_area(ex):
    t = _field(ex, "6.3", "pihak_a")
    assert A.read_answer(t, "  fkub ") == "fkub"
    with pytest.raises(SimulationInputError, match="characters"):
        A.read_answer(t, "x" * 41)
    u = _field(ex, "2.5", "jawaban")
    assert A.check_field(u, A.read_answer(u, "Terlalu pendek.")).ok is False
    ok = A.check_field(
        u, "Jendela waktunya tumpang tindih, jadi isu yang sama terhitung berkali-kali di sana."
    )
    assert ok.ok is True and "kata" in ok.text
    assert A.check_field(u, " ".join(["kata"] * 81)).ok is False


def test_number_table(ex):
    f = _field(ex, "2.2", "hasil")
    assert A.read_answer(f, {}) is None
    cells = A.read_answer(f, {("netral", "kubu"): "2", ("memihak", "kubu"): "21,0"})
    assert cells[("netral", "kubu")] == 2 and cells[("netral", "langkah")] is None
    with pytest.raises(SimulationInputError) as err:
        A.read_answer(f, {("netral", "kubu"): "dua"})
    assert "γ = 0" in err.value.pesan
    assert A.check_field(f, cells, {("netral", "kubu"): 2}).ok is True


# ------------------------------------------------------------------------------------------ saving
def test_save_appends_long_rows_with_code_not_name(tmp_path, ex):
    e = ex["6.5"]
    path = tmp_path / "jawaban_latihan.csv"
    text = '=HYPERLINK("x") dan \'kutip\' serta "tanda petik"\nbaris kedua'
    A.save_exercise_answers(path, "p07", e, {"fakta": text})
    A.save_exercise_answers(path, "P07", ex["3.1"], {"ambang": 0.25})
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [r["isian"] for r in rows] == [f.id for f in e.fields] + ["ambang", "perbandingan"]
    assert rows[0]["kode_peserta"] == "P07" and rows[0]["jawaban"].startswith("'=")
    table = A.read_exercise_answers(path, ex)
    assert table.loc[table["isian"] == "fakta", "jawaban"].item() == text
    with pytest.raises(DataError) as err:
        A.save_exercise_answers(path, "Budi Santoso", e, {})
    assert "Jangan menulis nama" in err.value.pesan
    with pytest.raises(DataError):
        A.save_exercise_answers(path, "P07", e, {"tidak_ada": "x"})


def test_save_refuses_a_file_with_other_columns(tmp_path, ex):
    path = tmp_path / "lain.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        A.save_exercise_answers(path, "P07", ex["3.1"], {"ambang": 0.2})
    assert "berkas lain" in err.value.pesan


def test_latest_save_counts_when_reading(tmp_path, ex):
    import datetime as dt

    path = tmp_path / "j.csv"
    t0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.UTC)
    A.save_exercise_answers(path, "P01", ex["3.1"], {"ambang": 0.4}, when=t0)
    A.save_exercise_answers(
        path, "P01", ex["3.1"], {"ambang": 0.25}, when=t0 + dt.timedelta(minutes=5)
    )
    table = A.read_exercise_answers([path], ex)
    assert table.loc[table["isian"] == "ambang", "jawaban"].tolist() == ["0.25"]


def test_a_copy_goes_to_the_drop_box_on_the_hub(tmp_path, ex, monkeypatch):
    box = tmp_path / "kotak"
    box.mkdir()
    monkeypatch.setenv("TANGGUH_DROPBOX", str(box))
    path = A.save_exercise_answers(
        tmp_path / "jawaban_latihan.csv", "P07", ex["6.5"], {"fakta": "Air aman."}
    )
    copies = [p for p in box.iterdir() if not p.name.startswith(".")]
    assert len(copies) == 1
    assert "__latihan__" in copies[0].name and copies[0].name.endswith("jawaban_latihan.csv")
    assert copies[0].read_bytes() == path.read_bytes()
    assert oct(copies[0].stat().st_mode & 0o777) == "0o640"


# ------------------------------------------------------------------------------------------- codes
def test_codes_round_trip_every_short_answer_kind(ex):
    cases = {
        "3.1": {"ambang": 0.25},
        "2.4": {"terpolarisasi": "C", "terfragmentasi": "B"},
        "3.6": {"rencana": ("prebunking", "nudge")},
        "1.2": {"strategi": "bridges", "persen_keluar": 10.0},
        "2.2": {
            "toleransi": 0.25,
            "bias": 1.5,
            "hasil": {("netral", "kubu"): 2.0, ("memihak", "kubu"): 21.0},
        },
        "4.2": {"perubahan": -1.5},
        "5.1": {"provinsi": "91"},  # 38 choices: the position in parentheses
    }
    for exercise_id, answers in cases.items():
        e = ex[exercise_id]
        code = make_exercise_code("P07", e, answers)
        assert code.startswith(f"TDX1.P07.{exercise_id.replace('.', '-')}.{e.fingerprint}.")
        assert " " not in code and not set("*_~`") & set(code)
        back = parse_exercise_code(code, ex)
        assert back.participant == "P07" and back.exercise == exercise_id
        for f in e.codable_fields:
            want = answers.get(f.id)
            if f.kind == "tabel":
                want = {
                    (r.id, c.id): (want or {}).get((r.id, c.id)) for r in f.rows for c in f.columns
                }
            assert back.answers[f.id] == want, (exercise_id, f.id)


def test_text_only_exercises_have_no_code(ex):
    assert make_exercise_code("P07", ex["6.5"], {"fakta": "x"}) is None


def test_broken_codes_are_rejected_with_a_reason(ex):
    code = make_exercise_code("P07", ex["3.1"], {"ambang": 0.25})
    reasons = {}
    for name, bad in {
        "checksum": code[:-1] + ("A" if code[-1] != "A" else "B"),
        "terpotong": code[: len(code) // 2],
        "latihan": code.replace(".3-1.", ".8-8."),
        "versi": code.replace("TDX1", "TDX9"),
    }.items():
        with pytest.raises(DataError) as err:
            parse_exercise_code(bad, ex)
        reasons[name] = err.value.kind
    assert reasons["checksum"] == "checksum" and reasons["terpotong"] == "terpotong"
    assert reasons["versi"] == "versi"


def test_chat_reading_skips_quiz_codes_and_keeps_the_latest(ex):
    first = make_exercise_code("P01", ex["3.1"], {"ambang": 0.4})
    second = make_exercise_code("P01", ex["3.1"], {"ambang": 0.25})
    other = make_exercise_code("P02", ex["2.4"], {"terpolarisasi": "C"})
    chat = "\n".join(
        [
            "[08.00] Fasilitator: kirim kode latihan ya",
            f"[08.01] P01: {first}",
            "[08.02] P09: TD1.P09.PRE.BCXA.Q7KM",  # a quiz code: not ours, not rejected here
            f"[08.03] P02: *{other}*",
            f"[08.04] P01: {second}",
            f"[08.05] P03: {second[:-2]}",
        ]
    )
    batch = read_exercise_codes(chat, ex)
    assert len(batch.submissions) == 2 and batch.replaced == 1 and len(batch.rejected) == 1
    frame = batch.frame(ex)
    assert frame.loc[frame["kode peserta"] == "P01", "jawaban"].tolist() == ["0,25"]
    assert "2 kode latihan diterima" in batch.summary()


# ------------------------------------------------------------------------------------------ widget
@pytest.mark.parametrize("exercise_id", [e.id for e in load_exercises()])
def test_every_form_builds_and_reports_empty_input_without_traceback(exercise_id):
    form = W.Latihan(exercise_id)
    assert len(form.controls) == len(form.exercise.fields)
    panel = W.CheckPanel(exercise_id)  # no expected values: records and word counts
    assert panel.text and "Traceback" not in panel.feedback.value
    answers, problems = form.read()
    assert problems == [] and set(answers) == {f.id for f in form.exercise.fields}


def test_form_check_and_save_like_a_participant(tmp_path):
    form = W.Latihan("3.1", save_to=tmp_path / "jawaban_latihan.csv")
    panel = W.periksa("3.1", ambang=lambda: 0.25)
    assert "belum diisi" in panel.text
    form.controls["ambang"].value = "0,3"
    assert "terbaca: 0,3" in form.echo["ambang"].value
    panel.button.click()
    assert "terlalu besar" in panel.text
    form.controls["ambang"].value = "nol koma dua"
    panel.check()
    assert "bukan angka" in panel.text and "✘" in panel.feedback.value
    form.controls["ambang"].value = "0,25"
    assert "tepat" in panel.check()
    form.save()
    assert "Kode peserta" in form.status.value and form.answer_code is None  # no code typed
    form.code.value = "P07"
    path = form.save_button.click() or form.save_to
    assert path.is_file() and "Tersimpan" in form.status.value
    assert form.answer_code and form.answer_code in form.code_box.value
    assert "unduh jawaban" in form.code_box.value


def test_function_checks_run_only_when_required_fields_are_filled():
    calls = []
    form = W.Latihan("2.1")
    panel = W.periksa(
        "2.1", lambda j: calls.append(j) or f"Simulasi: 4 kubu; tebakan {j['tebakan']:g}."
    )
    assert calls == [] and "Belum diisi" in panel.text
    form.set(tebakan=3)
    assert "tebakan 3" in panel.check() and calls[0]["tebakan"] == 3


def test_function_errors_and_prints_reach_the_feedback_in_indonesian():
    W.Latihan("1.2")
    printed = W.periksa("1.2", lambda j: print("hasil dicetak"))
    assert "hasil dicetak" in printed.text

    def broken(_answers):
        raise SimulationInputError("bad", "Pesan Indonesia yang jelas.")

    failing = W.periksa("1.2", broken)
    assert (
        "Pesan Indonesia yang jelas." in failing.text and "Traceback" not in failing.feedback.value
    )
    crash = W.periksa("1.2", lambda j: 1 / 0)
    assert "ZeroDivisionError" in crash.text and "Traceback" not in crash.feedback.value


def test_check_before_the_form_is_shown_and_unknown_fields():
    panel = W.periksa("3.1", ambang=0.25)
    assert 'Latihan("3.1")' in panel.text
    with pytest.raises(DataError):
        W.periksa("3.1", tidak_ada=1)


def test_rerun_form_keeps_values_and_code_is_shared():
    first = W.Latihan("2.4")
    first.set(terpolarisasi="C")
    first.code.value = "P05"
    second = W.Latihan("2.4")
    assert second.read()[0]["terpolarisasi"] == "C"
    other = W.Latihan("3.1")
    assert other.code.value == "P05"


def test_word_counter_is_live_and_total_limit_is_checked():
    form = W.Latihan("6.5")
    form.controls["fakta"].value = "Air PDAM aman diminum."
    assert "4 kata" in form.echo["fakta"].value
    form.controls["kekeliruan"].value = " ".join(["kata"] * 120)
    assert "<b>124</b>" in form.total_words.value
    panel = W.periksa("6.5")
    assert "lebih dari batas 120" in panel.text


def test_bank_item_fields_use_the_bank_key_and_explanation():
    from simulations.course.quiz import load_bank

    bank = load_bank()
    form = W.Latihan("9.2")
    f = form.exercise.field("kewenangan")
    assert f.label == bank["M9-01"].question
    form.set(kewenangan=bank["M9-01"].key)
    text = W.periksa("9.2").text
    assert "tepat!" in text and bank["M9-01"].explanation[:40] in text


def test_trainer_inbox_reads_the_chat(ex):
    inbox = W.ExerciseInbox(exercises=ex)
    inbox.text.value = make_exercise_code("P07", ex["3.1"], {"ambang": 0.25}) + "\nhalo\nTDX1.rusak"
    inbox.read_button.click()
    assert "1 kode latihan diterima" in inbox.status.value and "Ditolak" in inbox.status.value
    assert "0,25" in inbox.table.value


def test_no_answer_file_is_written_outside_the_given_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = W.Latihan("3.1", save_to=tmp_path / "a.csv")
    form.set(ambang=0.2)
    form.code.value = "P01"
    form.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
    assert not math.isnan(float(next(csv.DictReader((tmp_path / "a.csv").open()))["jawaban"]))


# ----------------------------------------------------------------------------------------- helpers
def test_prediction_feedback_tells_the_simulated_value():
    assert A.prediction_feedback(3, 4, "kubu").startswith(
        "Simulasi menghasilkan 4 kubu; tebakan Anda 3 (selisih 1)"
    )
    assert "Tepat sekali" in A.prediction_feedback(4.0, 4, "kubu")


def test_responsibilities_typed_as_lines():
    from simulations.course.action_plan import responsibilities_from_text

    pairs = responsibilities_from_text(
        "Ruang pemantauan isu bersama — Kesbangpol (koordinator), Diskominfo\n\n"
        "Klarifikasi cepat: Diskominfo bersama Mafindo/kampus setempat\nAnti-hoaks = FKUB - FKDM"
    )
    assert pairs == [
        ("Ruang pemantauan isu bersama", "Kesbangpol (koordinator), Diskominfo"),
        ("Klarifikasi cepat", "Diskominfo bersama Mafindo/kampus setempat"),
        ("Anti-hoaks", "FKUB - FKDM"),
    ]
    with pytest.raises(SimulationInputError) as err:
        responsibilities_from_text("Baris tanpa pemisah")
    assert "Baris 1" in err.value.pesan
    with pytest.raises(SimulationInputError):
        responsibilities_from_text("  \n")


def test_trainer_reads_the_drop_box_by_account(tmp_path, ex, monkeypatch):
    import os
    import pwd

    box = tmp_path / "kotak"
    box.mkdir()
    assert A.exercise_answers_from_dropbox() is None
    assert "tidak berjalan di server kelas" in A.summarise_exercise_answers(None)
    monkeypatch.setenv("TANGGUH_DROPBOX", str(box))
    A.save_exercise_answers(tmp_path / "a.csv", "P01", ex["3.1"], {"ambang": 0.4})
    A.save_exercise_answers(tmp_path / "a.csv", "P01", ex["6.5"], {"fakta": "Air aman."})
    table = A.exercise_answers_from_dropbox()
    assert set(table["akun"]) == {pwd.getpwuid(os.geteuid()).pw_name}
    assert set(table["latihan"]) == {"3.1", "6.5"}
    assert "Jawaban latihan dari 1 peserta" in A.summarise_exercise_answers(table)


def test_long_choices_are_listed_and_picked_by_letter():
    """A radio label does not wrap in JupyterLab: choices longer than LONG_CHOICE are listed as text."""
    form = W.Latihan("9.2")
    f = form.exercise.field("kewenangan")
    assert max(len(o.label) for o in f.options) > W.LONG_CHOICE
    radio = form.controls["kewenangan"]
    assert [label for label, _ in radio.options] == ["A", "B", "C", "D"]
    assert [value for _, value in radio.options] == [o.id for o in f.options]
    short = W.Latihan("2.4").controls["terpolarisasi"]
    assert [label for label, _ in short.options] == ["Sebaran A", "Sebaran B", "Sebaran C"]


def test_an_optional_field_left_empty_is_not_marked_wrong(ex):
    optional = ex["3.4"].field("terlindungi")
    assert not optional.required
    assert A.check_field(optional, None, 1136.0).ok is None
    required = ex["3.4"].field("pernah_percaya")
    assert A.check_field(required, None, 63.6).ok is False
