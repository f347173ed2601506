"""Fill every exercise form of a notebook as a participant would, in the kernel nbval already runs.

``make test`` executes every notebook cell by cell with nbval (``--nbval-lax``). For each notebook
with exercises (``curriculum/latihan.yaml``), :func:`add_fill_items` appends one more item to that
notebook's cells, **Latihan: isian peserta**: in the same kernel, after the last cell, it fills each
form with the answers in ``tests/exercise_samples.yaml`` as typed (numbers with a decimal comma,
choices, ticks, texts with quotes and apostrophes), presses the check button and saves. Every check
must answer in Indonesian and no save may fail. Until issue 17 this was a separate test that
executed the notebooks a second time in an nbclient kernel (≈ 140 s of CPU per CI run for the same
cells).

The answers are saved in a temporary folder (the form's ``save_to``), never next to the notebook in
the repository; the folder is removed after the check.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "exercise_samples.yaml"
ITEM_NAME = "Latihan: isian peserta"
MARKER = "@@TANGGUH-LATIHAN@@"

FILL = r"""
import json as _json
import tempfile as _tempfile
from pathlib import Path as _Path
from simulations.widgets import exercise as _W

_SAMPLES = _json.loads({samples!r})
_folder = _tempfile.mkdtemp(prefix="tangguh-latihan-")
_out = {{}}
for _id, _form in list(_W._FORMS.items()):
    _sample = _SAMPLES.get(_id, {{}})
    _raw = {{}}
    for _f in _form.exercise.fields:
        if _f.id not in _sample:
            continue
        _v = _sample[_f.id]
        if _f.kind == "tabel":
            _v = {{tuple(k.split("/")): c for k, c in _v.items()}}
        _raw[_f.id] = _v
    _form.set_raw(_raw)
    _form.save_to = _Path(_folder) / _form.save_to.name
    _form.code.value = "P01"
    _panel = _W._PANELS.get(_id)
    _panel.button.click()
    _form.save_button.click()
    _out[_id] = {{"feedback": _panel.text, "status": _form.status.value, "code": _form.answer_code}}
print({marker!r} + _json.dumps({{"folder": _folder, "forms": _out}}))
"""

BAD_FEEDBACK = (
    "Terjadi kesalahan tak terduga",
    "Traceback",
    "belum diisi",
    "bukan angka. Tulis angka saja",  # the number parser's message (not "…, bukan angka.")
    "Belum diisi",
)


def samples_for(notebook: str) -> dict[str, Any]:
    """The sample answers of the exercises of ``notebook`` (file name), by exercise id."""
    from simulations.course.exercises import load_exercises

    exercises = load_exercises().for_notebook(notebook)
    if not exercises:
        return {}
    samples = yaml.safe_load(SAMPLES.read_text(encoding="utf-8"))
    return {ex.id: samples[ex.id] for ex in exercises}


def fill_source(notebook: str) -> str | None:
    """The code of the fill cell for ``notebook``, or None if it has no exercises."""
    mine = samples_for(notebook)
    if not mine:
        return None
    return FILL.format(samples=json.dumps(mine), marker=MARKER)


def check_filled(notebook: str, stdout: str) -> None:
    """Assert what the fill cell printed: every form checked in Indonesian, saved, coded.

    Removes the temporary answers folder the cell made.
    """
    from simulations.course.exercises import load_exercises

    assert MARKER in stdout, f"{notebook}: the fill cell printed no result: {stdout[-500:]!r}"
    result = json.loads(stdout.split(MARKER, 1)[1])
    folder = Path(result["folder"])
    try:
        forms = result["forms"]
        exercises = load_exercises()
        assert set(forms) == set(samples_for(notebook)), notebook
        for ex_id, got in forms.items():
            where = f"{notebook} Latihan {ex_id}"
            assert got["feedback"], where
            for bad in BAD_FEEDBACK:
                assert bad not in got["feedback"], f"{where}: {got['feedback'][:400]}"
            assert "Tersimpan" in got["status"], f"{where}: {got['status'][:300]}"
            if exercises[ex_id].codable_fields:
                assert got["code"] and got["code"].startswith("TDX1.P01."), where
        answers = (folder / "jawaban_latihan.csv").read_text(encoding="utf-8")
        assert answers.startswith("kode_peserta,waktu,latihan,isian,jawaban"), answers[:200]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fill_item_class() -> type:
    from nbval.plugin import IPyNbCell

    class ExerciseFillItem(IPyNbCell):
        """nbval's cell item, run after the notebook's last cell, then checked here."""

        def runtest(self) -> None:
            super().runtest()  # in the notebook's kernel; an error in it fails like a cell
            stdout = "".join(
                str(o.get("text", "")) for o in self.test_outputs or [] if o.get("name") == "stdout"
            )
            try:
                check_filled(Path(str(self.fspath)).name, stdout)
            except AssertionError as exc:
                self.raise_cell_error(f"a form filled like a participant failed: {exc}")

        def reportinfo(self) -> tuple[Any, int, str]:
            return self.fspath, 0, f"{self.fspath.relto(self.config.rootdir)}::{ITEM_NAME}"

    return ExerciseFillItem


def add_fill_items(items: list[pytest.Item]) -> None:
    """Append the fill item after the last nbval cell of every notebook with exercises (in place).

    Deterministic (pytest-xdist workers must collect the same items); the item's node id starts
    with the notebook's, so ``--dist loadscope`` keeps it in the notebook's kernel and worker.
    """
    last: dict[Any, int] = {}
    for i, item in enumerate(items):
        if type(item).__name__ == "IPyNbCell" and hasattr(item, "cell_num"):
            last[item.parent] = i
    if not last:
        return
    item_class = _fill_item_class()
    for parent, i in sorted(last.items(), key=lambda kv: -kv[1]):  # from the end: indices hold
        source = fill_source(Path(str(parent.fspath)).name)
        if source is None:
            continue
        cell = nbformat.v4.new_code_cell(source)
        options = defaultdict(bool, check=False)
        item = item_class.from_parent(
            parent, name=ITEM_NAME, cell_num=items[i].cell_num + 1, cell=cell, options=options
        )
        items.insert(i + 1, item)
