"""The drop box (simulations.course.dropbox) without a hub: one setting, nothing changes without it.

The forgery, planted-file and bad-file tests of issue 19 need root: they give files other owners
(``chown``) or run ``submit`` in a child process as another user (``setuid``), with the system
accounts ``nobody`` and ``daemon`` standing in for two participants. They are skipped otherwise;
``tests/test_classroom_hub.py`` repeats the main ones on a real hub.
"""

from __future__ import annotations

import csv
import os
import pickle
import pwd
import re
import shutil
import stat
import tempfile
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest

from simulations.core.errors import DataError, SimulationInputError
from simulations.course import dropbox, dropbox_answers
from simulations.course.evaluation import evaluate, read_many, report_html
from simulations.course.quiz import META_COLUMNS, load_bank, save_answers

BANK = load_bank()
PREPOST = [it for it in BANK.items if it.prepost]
ME = pwd.getpwuid(os.geteuid()).pw_name
ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="needs root to give files other owners")
NAME = re.compile(r"^[a-z_][a-z0-9_-]*__jawaban-(pre|post)__[0-9a-f]{16}__(pre|post)test\.csv$")


def _answers(correct: bool) -> dict[str, str]:
    out = {}
    for it in PREPOST:
        if it.kind == "pilihan_ganda":
            out[it.id] = it.key if correct else next(k for k in it.options if k != it.key)
        else:
            out[it.id] = str(it.key if correct else it.key + 10 * it.tolerance + 7)
    return out


def _rows(code: str, phase: str, correct: bool) -> list[str]:
    answers = _answers(correct)
    return [
        code,
        phase,
        "prepost",
        "2025-01-06T08:30:00+00:00",
        *(answers.get(i, "") for i in BANK.ids),
    ]


def _csv_bytes(*rows: list[str]) -> bytes:
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows([[*META_COLUMNS, *BANK.ids], *rows])
    return buf.getvalue().encode("utf-8")


def _owned(path: Path, data: bytes, user: str) -> Path:
    path.write_bytes(data)
    entry = pwd.getpwnam(user)
    os.chown(path, entry.pw_uid, entry.pw_gid)
    path.chmod(0o640)
    return path


def _classroom_box() -> Path:
    """A drop box like ``kelas.py`` makes it: owned by the trainer (root here), mode 3733."""
    base = Path(tempfile.mkdtemp(prefix="kotak-uji-"))
    base.chmod(0o711)
    box = base / "kotak"
    box.mkdir()
    box.chmod(0o3733)
    return box


def _run_as(user: str, fn, *args):
    """Run ``fn(*args)`` in a forked child with ``user``'s uid/gid; return (result, warnings)."""
    entry = pwd.getpwnam(user)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = fn(*args)
            payload = pickle.dumps((result, [str(c.message) for c in caught]))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            payload = pickle.dumps(("GAGAL", repr(exc)))
        os.write(write_end, payload)
        os._exit(0)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 65536):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return pickle.loads(data)


def test_outside_the_hub_nothing_changes(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(dropbox.ENV_VAR, raising=False)
    path = save_answers(tmp_path / "pretest.csv", "P01", "prepost", _answers(True), phase="pre")
    assert dropbox.submit(path, kind="jawaban-pre") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pretest.csv"]
    assert dropbox_answers.answers_from_dropbox("a.csv", "b.csv") == ("a.csv", "b.csv")
    with pytest.raises(DataError) as err:
        dropbox.read_submissions()
    assert "server kelas" in err.value.pesan


def test_save_answers_copies_into_the_dropbox(tmp_path, monkeypatch) -> None:
    box = tmp_path / "kotak"
    box.mkdir()
    monkeypatch.setenv(dropbox.ENV_VAR, str(box))
    work = tmp_path / "home"
    save_answers(work / "pretest.csv", "P01", "prepost", _answers(False), phase="pre")
    save_answers(work / "posttest.csv", "P01", "prepost", _answers(True), phase="post")
    save_answers(work / "posttest.csv", "P01", "prepost", _answers(True), phase="post")
    names = sorted(p.name for p in box.iterdir())
    assert len(names) == 3 and all(NAME.match(n) for n in names), names  # every save a new file
    for p in box.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == dropbox.FILE_MODE  # whatever the umask
    subs = dropbox.read_submissions()  # the latest copy of each file
    assert [(s.user, s.kind, s.name) for s in subs] == [
        (ME, "jawaban-post", "posttest.csv"),
        (ME, "jawaban-pre", "pretest.csv"),
    ]
    post = subs[0].path
    assert post.read_bytes() == (work / "posttest.csv").read_bytes()
    assert len(post.read_text().splitlines()) == 3
    assert [s.kind for s in dropbox.read_submissions(kind="jawaban-pre")] == ["jawaban-pre"]


def test_answer_files_split_by_phase_and_feed_the_evaluation(tmp_path, monkeypatch) -> None:
    box = tmp_path / "kotak"
    box.mkdir()
    monkeypatch.setenv(dropbox.ENV_VAR, str(box))
    monkeypatch.chdir(tmp_path)
    me = ME.upper()  # on the hub the participant code is the login name (kelas.py)
    # one participant keeps both phases in one file: the pre rows must not reach the post-test
    mixed = tmp_path / "semua.csv"
    save_answers(mixed, me, "prepost", _answers(False), phase="pre")
    save_answers(mixed, me, "prepost", _answers(True), phase="post")
    pre, post = dropbox_answers.answers_from_dropbox("tidak-dipakai.csv", "tidak-dipakai.csv")
    report = evaluate(pre, post, bank=BANK)
    assert report.participants.loc[me, "pre_persen"] == 0.0
    assert report.participants.loc[me, "post_persen"] == 100.0


def test_subfolder_layout_only_when_the_deployment_says_so(tmp_path, monkeypatch) -> None:
    """z2jh mounts <username>/ of a shared volume in each pod; identity is the sub-folder there only."""
    sub = tmp_path / "ztgt07"
    sub.mkdir()
    (sub / f"{ME}__rencana-aksi__rencana.html").write_text("<html></html>")
    (sub / ".tmp-x").write_text("half")
    (tmp_path / f"{ME}__rencana-aksi__lepas.html").write_text("<html></html>")
    monkeypatch.delenv(dropbox.LAYOUT_VAR, raising=False)
    scan = dropbox.scan_dropbox(tmp_path)  # default: identity = owner; a folder proves nothing
    assert scan.layout == "pemilik"
    assert [(s.user, s.name) for s in scan.submissions] == [(ME, "lepas.html")]
    assert [r.entry for r in scan.refused] == ["ztgt07"] and "folder" in scan.refused[0].pesan
    monkeypatch.setenv(dropbox.LAYOUT_VAR, "subfolder")
    scan = dropbox.scan_dropbox(tmp_path)
    assert [(s.user, s.kind, s.name) for s in scan.submissions] == [
        ("ztgt07", "rencana-aksi", "rencana.html")
    ]
    assert len(scan.refused) == 1 and "di luar subfolder" in scan.refused[0].pesan
    with pytest.raises(SimulationInputError) as info:
        dropbox.scan_dropbox(tmp_path, layout="k8s")
    assert info.value.field == dropbox.LAYOUT_VAR


@needs_root
def test_file_under_another_users_name_is_refused_and_reported(tmp_path) -> None:
    fake = _owned(tmp_path / f"{ME}__jawaban-pre__pretest.csv", _csv_bytes(), "nobody")
    scan = dropbox.scan_dropbox(tmp_path)
    assert scan.submissions == []
    assert scan.refused[0].owner == "nobody" and f"atas nama {ME}" in scan.refused[0].pesan
    assert fake.exists()


# ------------------------------------------------------------------------------------------------
# Issue 19: no forged answers. "nobody" is the attacker's account; "daemon" the victim's.
def _report_for(box: Path, tmp_path: Path, layout: str | None = None):
    pre = dropbox_answers.collect_answers("pre", box, into=tmp_path / "salinan", layout=layout)
    post = dropbox_answers.collect_answers("post", box, into=tmp_path / "salinan", layout=layout)
    return pre, post


@needs_root
def test_forgery_1_rows_with_another_code_in_ones_own_file(tmp_path) -> None:
    box = tmp_path / "kotak"
    box.mkdir()
    token = "0123456789abcdef"
    for phase, mine, forged in (("pre", False, True), ("post", True, True)):
        _owned(
            box / f"nobody__jawaban-{phase}__{token}__{phase}test.csv",
            _csv_bytes(_rows("NOBODY", phase, mine), _rows("DAEMON", phase, forged)),
            "nobody",
        )
    pre, post = _report_for(box, tmp_path)
    assert [p.name for p in pre.paths] == ["nobody__jawaban-pre__pretest.csv"]
    refused = [r.pesan for r in pre.refused]
    assert (
        len(refused) == 1
        and "kode peserta 'DAEMON' bukan milik pengirim berkas (NOBODY)" in refused[0]
    )
    report = evaluate(
        read_many(pre.paths, BANK, phase="pre"),
        read_many(post.paths, BANK, phase="post"),
        bank=BANK,
    )
    assert list(report.participants.index) == ["NOBODY"]  # DAEMON's forged rows are not scored


@needs_root
def test_forgery_2_a_subfolder_named_after_another_participant(tmp_path) -> None:
    box = tmp_path / "kotak"
    box.mkdir()
    folder = box / "daemon"  # made by the attacker inside the write-only drop box
    folder.mkdir()
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid)
    _owned(
        folder / "nobody__jawaban-pre__0123456789abcdef__pretest.csv",
        _csv_bytes(_rows("DAEMON", "pre", True)),
        "nobody",
    )
    scan = dropbox.scan_dropbox(box)
    assert scan.submissions == [] and scan.refused[0].entry == "daemon"
    assert "folder milik nobody" in scan.refused[0].pesan
    assert dropbox_answers.collect_answers("pre", box, into=tmp_path / "salinan").paths == []


@needs_root
def test_forgery_3_a_symbolic_link_to_a_file_the_victim_owns(tmp_path) -> None:
    box = tmp_path / "kotak"
    box.mkdir()
    victims_file = _owned(
        tmp_path / "milik_daemon.csv", _csv_bytes(_rows("DAEMON", "pre", True)), "daemon"
    )
    link = box / "daemon__jawaban-pre__x.csv"
    link.symlink_to(victims_file)
    os.lchown(link, pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid)
    scan = dropbox.scan_dropbox(box)
    assert scan.submissions == []
    assert "tautan simbolik" in scan.refused[0].pesan and scan.refused[0].owner == "nobody"
    assert dropbox_answers.collect_answers("pre", box, into=tmp_path / "salinan").paths == []


@needs_root
def test_a_planted_file_does_not_block_a_submission(tmp_path, monkeypatch) -> None:
    """The attacker creates the victim's file name beforehand; the victim's save still arrives."""
    box = _classroom_box()
    try:
        monkeypatch.setenv(dropbox.ENV_VAR, str(box))
        home = box.parent / "rumah_daemon"
        home.mkdir(mode=0o755)
        source = home / "pretest.csv"
        source.write_bytes(_csv_bytes(_rows("DAEMON", "pre", False)))
        source.chmod(0o644)

        def plant() -> str:
            (box / "daemon__jawaban-pre__pretest.csv").write_bytes(
                _csv_bytes(_rows("DAEMON", "pre", True))
            )
            return "ditanam"

        assert _run_as("nobody", plant)[0] == "ditanam"
        result, caught = _run_as("daemon", lambda: dropbox.submit(source, kind="jawaban-pre"))
        assert caught == [] and result is not None and NAME.match(result.name), (result, caught)
        assert result.stat().st_uid == pwd.getpwnam("daemon").pw_uid
        scan = dropbox.scan_dropbox(box)
        assert [s.user for s in scan.submissions] == ["daemon"]
        assert "atas nama daemon tetapi pemilik berkasnya nobody" in scan.refused[0].pesan
        pre = dropbox_answers.collect_answers("pre", box, into=tmp_path / "salinan")
        rows = pre.paths[0].read_text().splitlines()
        assert len(rows) == 2 and rows[1].startswith("DAEMON,pre")
        assert any("nobody" in n for n in pre.notes())  # the trainer sees the attempt
    finally:
        shutil.rmtree(box.parent, ignore_errors=True)


def _submission(box: Path, user: str, phase: str, data: bytes) -> Path:
    folder = box / user
    folder.mkdir(exist_ok=True)
    path = folder / f"{ME}__jawaban-{phase}__{os.urandom(8).hex()}__{phase}test.csv"
    path.write_bytes(data)
    return path


def test_one_bad_file_does_not_stop_the_class(tmp_path) -> None:
    """Issue 19: each submission is read on its own, with a size cap; bad ones are reported."""
    box = tmp_path / "kotak"
    box.mkdir()
    good = _csv_bytes(_rows("P01", "pre", True))
    _submission(box, "p01", "pre", good)
    latin = _csv_bytes(_rows("P02", "pre", True)).replace(b"2025-01-06", "Séñin".encode("cp1252"))
    _submission(box, "p02", "pre", latin)  # Excel on Windows: read, with a note
    utf16 = good.decode().replace("P01", "P03").encode("utf-16")
    _submission(box, "p03", "pre", utf16)  # read
    huge_cell = _csv_bytes(_rows("P04", "pre", True)).replace(b"prepost", b"x" * 140_000)
    _submission(box, "p04", "pre", huge_cell)  # over the csv module's 128 KB field limit
    big = _submission(box, "p05", "pre", _csv_bytes(_rows("P05", "pre", True)))
    with big.open("r+b") as fh:
        fh.truncate(150 * 2**20)  # 150 MB (sparse: no disk used)
    _submission(box, "p06", "pre", b"\x00\x01\x02 not a csv")
    tracemalloc.start()
    got = dropbox_answers.collect_answers("pre", box, into=tmp_path / "salinan", layout="subfolder")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.name.split("__")[0] for p in got.paths] == ["p01", "p02", "p03"]
    reasons = {r.entry.split("/")[0]: r.pesan for r in got.refused}
    assert set(reasons) == {"p04", "p05", "p06"}
    assert "terlalu panjang" in reasons["p04"]
    assert "lebih besar" in reasons["p05"]
    assert "biner" in reasons["p06"]
    assert peak < 10 * dropbox.MAX_SUBMISSION_BYTES  # the 150 MB file is never read whole
    print(f"\npeak memory while reading the drop box with a 150 MB file: {peak / 1e6:.1f} MB")


def test_hostile_file_names_are_refused_not_listed(tmp_path) -> None:
    names = [
        f"{ME}__jawaban-pre__baris\nbaru.csv",
        f"{ME}__jawaban-pre__\u202eexe.csv",
        f"{ME}__jawaban-pre__..",
        f"{ME}__<script>__x.csv",
        f"{ME}__jawaban-pre__.tersembunyi.csv",
    ]
    for name in names:
        (tmp_path / name).write_bytes(_csv_bytes())
    scan = dropbox.scan_dropbox(tmp_path)
    assert scan.submissions == [] and dropbox.read_submissions(tmp_path) == []
    assert len(scan.refused) == len(names)
    for refusal in scan.refused:
        assert (
            refusal.entry.isprintable()
            and "\u202e" not in refusal.pesan
            and "\n" not in refusal.pesan
        )
        assert "nama berkas tidak sesuai pola" in refusal.pesan


def test_wrong_arguments_are_clear_errors(tmp_path, monkeypatch) -> None:
    """Issue 19: answer_files("final") refuses the phase; integers where text is expected."""
    with pytest.raises(SimulationInputError) as info:
        dropbox_answers.answer_files("final", tmp_path, into=tmp_path / "salinan")
    assert info.value.field == "phase" and "final" in info.value.pesan
    for call, column in (
        (lambda: dropbox_answers.answer_files(1, tmp_path), "phase"),
        (lambda: dropbox_answers.answer_files("pre", 123), "folder"),
        (lambda: dropbox_answers.answer_files("pre", tmp_path, into=5), "into"),
        (lambda: dropbox.read_submissions(123), "folder"),
        (lambda: dropbox.read_submissions(tmp_path, kind=7), "kind"),
        (lambda: dropbox.submit(123, kind="jawaban-pre"), "source"),
        (lambda: dropbox.submit(tmp_path / "a.csv", kind=5), "kind"),
    ):
        monkeypatch.setenv(dropbox.ENV_VAR, str(tmp_path))
        with pytest.raises(SimulationInputError) as info:
            call()
        assert info.value.field == column and info.value.pesan


def test_bad_kind_and_unwritable_box(tmp_path, monkeypatch) -> None:
    src = tmp_path / "a.csv"
    src.write_text("x")
    monkeypatch.setenv(dropbox.ENV_VAR, str(tmp_path / "tidak-ada"))
    with pytest.raises(DataError):
        dropbox.submit(src, kind="Bukan Jenis")
    with pytest.warns(RuntimeWarning, match="kotak kumpul"):
        assert dropbox.submit(src, kind="jawaban-pre") is None


def test_synthetic_class_of_40_through_the_drop_box(tmp_path, monkeypatch) -> None:
    """Issue 19, done when: 40 SYNTHETIC participants save in their pods (z2jh layout); report in Indonesian."""
    box = tmp_path / "kotak"
    box.mkdir()
    rng = np.random.default_rng(2024)
    ability = rng.normal(0, 1, 40)
    for i in range(40):
        code = f"P{i + 1:02d}"
        pod_box = box / code.lower()
        pod_box.mkdir()
        monkeypatch.setenv(dropbox.ENV_VAR, str(pod_box))  # each pod sees only its sub-folder
        home = tmp_path / "rumah" / code
        for phase, shift in (("pre", -0.5), ("post", 1.0)):
            chance = 1 / (1 + np.exp(-(ability[i] + shift)))
            answers = {
                it.id: (_answers(True)[it.id] if rng.random() < chance else _answers(False)[it.id])
                for it in PREPOST
            }
            save_answers(
                home / f"{phase}test.csv", code, "prepost", answers, phase=phase, bank=BANK
            )
    monkeypatch.setenv(dropbox.ENV_VAR, str(box))
    monkeypatch.setenv(dropbox.LAYOUT_VAR, "subfolder")
    monkeypatch.chdir(tmp_path)
    pre, post = dropbox_answers.answers_from_dropbox("-", "-")
    report = evaluate(pre, post, bank=BANK)
    assert len(report.participants) == 40
    page = re.sub(r'src="data:image/png;base64,[^"]*"', "", report_html(report))
    assert not re.search(r"\b(nan|True|False|None)\b", page)
    assert "Langkah berikutnya" in page and "IK 95 %" in page
    print("\nSYNTHETIC CLASS OF 40 THROUGH THE DROP BOX:", report.summary())


def test_the_trainers_copy_keeps_formula_cells_guarded(tmp_path) -> None:
    """A formula typed as an answer stays inert in the trainer's copy (CSV injection)."""
    box = tmp_path / "kotak"
    box.mkdir()
    row = _rows("P01", "pre", True)
    row[4] = '\'=HYPERLINK("http://x","klik")'  # as save_answers stores it
    _submission(box, "p01", "pre", _csv_bytes(row))
    got = dropbox_answers.collect_answers("pre", box, into=tmp_path / "salinan", layout="subfolder")
    cells = [c for r in csv.reader(got.paths[0].open(encoding="utf-8")) for c in r]
    assert not any(c.startswith("=") for c in cells)
    assert '\'=HYPERLINK("http://x","klik")' in cells
