"""The drop box (simulations.course.dropbox) without a hub: one setting, nothing changes without it."""

from __future__ import annotations

import os
import pwd
import stat

import pytest

from simulations.core.errors import DataError
from simulations.course import dropbox
from simulations.course.evaluation import evaluate
from simulations.course.quiz import load_bank, save_answers

BANK = load_bank()
PREPOST = [it for it in BANK.items if it.prepost]
ME = pwd.getpwuid(os.geteuid()).pw_name


def _answers(correct: bool) -> dict[str, str]:
    out = {}
    for it in PREPOST:
        if it.kind == "pilihan_ganda":
            out[it.id] = it.key if correct else next(k for k in it.options if k != it.key)
        else:
            out[it.id] = str(it.key if correct else it.key + 10 * it.tolerance + 7)
    return out


def test_outside_the_hub_nothing_changes(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(dropbox.ENV_VAR, raising=False)
    path = save_answers(tmp_path / "pretest.csv", "P01", "prepost", _answers(True), phase="pre")
    assert dropbox.submit(path, kind="jawaban-pre") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pretest.csv"]
    assert dropbox.answers_from_dropbox("a.csv", "b.csv") == ("a.csv", "b.csv")
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
    assert names == [f"{ME}__jawaban-post__posttest.csv", f"{ME}__jawaban-pre__pretest.csv"]
    for p in box.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == dropbox.FILE_MODE  # whatever the umask
    # the copy is the whole local file, replaced on every save (two post rows now)
    post = box / names[0]
    assert post.read_bytes() == (work / "posttest.csv").read_bytes()
    assert len(post.read_text().splitlines()) == 3
    subs = dropbox.read_submissions()
    assert [(s.user, s.kind, s.name) for s in subs] == [
        (ME, "jawaban-post", "posttest.csv"),
        (ME, "jawaban-pre", "pretest.csv"),
    ]
    assert [s.kind for s in dropbox.read_submissions(kind="jawaban-pre")] == ["jawaban-pre"]


def test_answer_files_split_by_phase_and_feed_the_evaluation(tmp_path, monkeypatch) -> None:
    box = tmp_path / "kotak"
    box.mkdir()
    monkeypatch.setenv(dropbox.ENV_VAR, str(box))
    monkeypatch.chdir(tmp_path)
    # one participant keeps both phases in one file: the pre rows must not reach the post-test
    mixed = tmp_path / "semua.csv"
    save_answers(mixed, "P01", "prepost", _answers(False), phase="pre")
    save_answers(mixed, "P01", "prepost", _answers(True), phase="post")
    pre, post = dropbox.answers_from_dropbox("tidak-dipakai.csv", "tidak-dipakai.csv")
    assert len(pre) >= 1 and len(post) >= 1
    report = evaluate(pre, post, bank=BANK)
    assert report.participants.loc["P01", "pre_persen"] == 0.0
    assert report.participants.loc["P01", "post_persen"] == 100.0


def test_kubernetes_layout_subfolder_per_user(tmp_path) -> None:
    """z2jh mounts <username>/ of a shared volume in each pod; the trainer sees the whole volume."""
    sub = tmp_path / "ztgt07"
    sub.mkdir()
    (sub / f"{ME}__rencana-aksi__rencana.html").write_text("<html></html>")
    (sub / ".tmp-x").write_text("half")
    subs = dropbox.read_submissions(tmp_path)
    assert [(s.user, s.kind, s.name) for s in subs] == [("ztgt07", "rencana-aksi", "rencana.html")]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file another owner")
def test_file_under_another_users_name_is_ignored(tmp_path) -> None:
    nobody = pwd.getpwnam("nobody")
    fake = tmp_path / f"{ME}__jawaban-pre__pretest.csv"
    fake.write_text("kode_peserta,fase\nP01,pre\n")
    os.chown(fake, nobody.pw_uid, nobody.pw_gid)
    assert dropbox.read_submissions(tmp_path) == []


def test_bad_kind_and_unwritable_box(tmp_path, monkeypatch) -> None:
    src = tmp_path / "a.csv"
    src.write_text("x")
    monkeypatch.setenv(dropbox.ENV_VAR, str(tmp_path / "tidak-ada"))
    with pytest.raises(DataError):
        dropbox.submit(src, kind="Bukan Jenis")
    with pytest.warns(RuntimeWarning, match="kotak kumpul"):
        assert dropbox.submit(src, kind="jawaban-pre") is None
