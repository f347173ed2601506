"""Classroom drop box: copies of saved answers and exported action plans for the trainer.

On the classroom server (JupyterHub, see ``classroom/``) every participant runs as their own
operating-system user. The hub sets one environment variable, :data:`ENV_VAR`
(``TANGGUH_DROPBOX``), to a shared folder with mode ``3733`` (setgid + sticky, owned by the
trainer): participants can create files in it but cannot list it, read other participants' files or
delete them. Whenever the workbook saves quiz answers (:func:`simulations.course.quiz.save_answers`)
or exports an action plan, :func:`submit` also writes a copy there, named after the writer. The
copy is created with mode ``0640``: readable by its owner and by the trainer's group (inherited
from the setgid folder), by nobody else. The trainer's notebook 08 reads the folder with
:func:`read_submissions` / :func:`answer_files`.

Outside the hub the variable is unset and nothing happens: :func:`submit` returns None, no file is
written, no message is shown.

File names: ``<user>__<kind>__<original name>``, e.g. ``p07__jawaban-pre__pretest.csv``. The
trainer's side checks that each file is owned by the user its name claims (a participant who
guesses another's file name cannot pass their file off as someone else's).
"""

from __future__ import annotations

import csv
import os
import pwd
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from simulations.core.errors import DataError

__all__ = [
    "ENV_VAR",
    "Submission",
    "answer_files",
    "answers_from_dropbox",
    "dropbox_dir",
    "read_submissions",
    "submit",
]

ENV_VAR = "TANGGUH_DROPBOX"
"""The one setting: path of the drop-box folder (set by the hub via ``Spawner.environment``)."""

FILE_MODE = 0o640
"""Mode of a submitted file: owner read/write, trainer's group read, others nothing."""

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_KIND = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")


def dropbox_dir() -> Path | None:
    """Return the drop-box folder named by ``$TANGGUH_DROPBOX``, or None outside the classroom hub."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def _user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # pragma: no cover - a uid without a passwd entry (some containers)
        return f"uid{os.geteuid()}"


def submit(source: str | Path, *, kind: str) -> Path | None:
    """Copy a file the workbook just saved into the classroom drop box, if there is one.

    The copy replaces the writer's previous copy of the same file atomically (temporary file plus
    rename), so the trainer never reads half a file. Failures never break the participant's own
    save: they become a warning in Indonesian and the function returns None.

    Args:
        source: The file just written (answers CSV, exported action plan).
        kind: Short lower-case label, e.g. ``"jawaban-pre"`` or ``"rencana-aksi"``
            (1–31 characters ``a-z``, ``0-9``, ``-``).

    Returns:
        The path of the copy in the drop box, or None when ``$TANGGUH_DROPBOX`` is unset or the
        copy could not be written.

    Raises:
        DataError: when ``kind`` is not a valid label (a programming error, not a user error).
    """
    folder = dropbox_dir()
    if folder is None:
        return None
    if not _KIND.match(kind):
        raise DataError(
            f"drop-box kind {kind!r} must be 1-31 characters a-z, 0-9, '-'",
            f"Jenis kiriman {kind!r} tidak valid (huruf kecil, angka, '-').",
            column="kind",
        )
    source = Path(source)
    name = _SAFE.sub("_", source.name) or "berkas"
    target = folder / f"{_user()}__{kind}__{name}"
    tmp = folder / f".tmp-{_user()}-{secrets.token_hex(6)}"
    try:
        data = source.read_bytes()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        warnings.warn(
            f"Salinan untuk fasilitator tidak terkirim ke kotak kumpul ({exc.strerror or exc}); "
            f"berkas Anda tetap tersimpan di {source}. Beri tahu fasilitator.",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    return target


@dataclass(frozen=True)
class Submission:
    """One file in the drop box.

    Attributes:
        path: The file.
        user: The participant: the writer named in the file name (checked against the file's
            owner), or on Kubernetes the name of the per-user subfolder.
        kind: The kind named in the file name (``jawaban-pre``, ``rencana-aksi``, ...).
        name: The original file name.
        owner: The operating-system owner of the file.
        modified: Modification time, seconds since the epoch.
    """

    path: Path
    user: str
    kind: str
    name: str
    owner: str
    modified: float


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid{uid}"


def read_submissions(
    folder: str | Path | None = None, *, kind: str | None = None
) -> list[Submission]:
    """List the files in the drop box (the trainer's side), sorted by user, kind and name.

    Files whose owner is not the user named in their file name are left out; so are temporary
    files and names that do not follow the ``<user>__<kind>__<name>`` pattern. Files one level down
    (``<username>/...``, the Kubernetes layout) are read too.

    Args:
        folder: The drop box; ``$TANGGUH_DROPBOX`` when None.
        kind: Only this kind (e.g. ``"jawaban-pre"``), or a prefix ending in ``-`` (``"jawaban-"``).

    Raises:
        DataError: when no folder is given and ``$TANGGUH_DROPBOX`` is unset, or the folder cannot
            be read (e.g. opened by a participant instead of the trainer).
    """
    folder = Path(folder) if folder is not None else dropbox_dir()
    if folder is None:
        raise DataError(
            f"no drop box: ${ENV_VAR} is not set (not on the classroom server)",
            "Kotak kumpul tidak ada: notebook ini tidak berjalan di server kelas (JupyterHub).",
            column=ENV_VAR,
        )
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise DataError(
            f"cannot read the drop box {folder}: {exc.strerror or exc}",
            f"Kotak kumpul {folder} tidak dapat dibaca ({exc.strerror or exc}); "
            "buka notebook ini dengan akun fasilitator.",
            file=str(folder),
        ) from None
    # On Kubernetes (classroom/z2jh) every pod runs as the same uid and mounts only its own
    # subfolder <username>/ of the shared volume; there the subfolder names the participant.
    files = [(p, None) for p in entries]
    for sub in entries:
        if sub.is_dir() and not sub.name.startswith("."):
            files += [(p, sub.name) for p in sorted(sub.iterdir())]
    out: list[Submission] = []
    for path, subfolder in files:
        parts = path.name.split("__", 2)
        if path.name.startswith(".") or len(parts) != 3 or not path.is_file():
            continue
        writer, k, name = parts
        if kind is not None and not (k == kind or (kind.endswith("-") and k.startswith(kind))):
            continue
        st = path.stat()
        owner = _owner(st.st_uid)
        if owner != writer:  # someone wrote a file under another participant's name
            continue
        out.append(Submission(path, subfolder or writer, k, name, owner, st.st_mtime))
    return sorted(out, key=lambda s: (s.user, s.kind, s.name))


def answer_files(
    phase: str, folder: str | Path | None = None, *, into: str | Path = "kotak_kumpul"
) -> list[Path]:
    """Gather the answer rows of one phase from the drop box into files the evaluation can read.

    Each participant's submitted answers CSVs are filtered to the rows whose ``fase`` is ``phase``
    and written, one file per submission, to the folder ``into`` (the trainer's own copy). The
    result goes straight into :func:`simulations.course.evaluation.evaluate`.

    Args:
        phase: ``"pre"``, ``"post"`` or ``"latihan"``.
        folder: The drop box; ``$TANGGUH_DROPBOX`` when None.
        into: Folder for the filtered copies (created; its old ``.csv`` files are replaced).

    Returns:
        Paths of the filtered copies, one per submission that has rows of that phase; sorted.
    """
    into = Path(into) / phase
    into.mkdir(parents=True, exist_ok=True)
    for old in into.glob("*.csv"):
        old.unlink()
    paths = []
    for sub in read_submissions(folder, kind="jawaban-"):
        with sub.path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        if not rows or "fase" not in rows[0]:
            continue
        col = rows[0].index("fase")
        keep = [r for r in rows[1:] if len(r) > col and r[col] == phase]
        if not keep:
            continue
        out = into / f"{sub.user}__{sub.kind}__{sub.name}"
        with out.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([rows[0], *keep])
        paths.append(out)
    return sorted(paths)


def answers_from_dropbox(pre, post, folder: str | Path | None = None):
    """Return the drop box's pre/post answer files on the classroom server, else ``(pre, post)``.

    For notebook 08: on the hub (``$TANGGUH_DROPBOX`` set and the drop box holds answers of both
    phases) the trainer evaluates the whole class directly; elsewhere the notebook keeps the files
    it was given.
    """
    if folder is None and dropbox_dir() is None:
        return pre, post
    pre_files, post_files = answer_files("pre", folder), answer_files("post", folder)
    if pre_files and post_files:
        return pre_files, post_files
    return pre, post
