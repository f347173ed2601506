"""Classroom drop box: copies of saved answers and exported action plans for the trainer.

On the classroom server (JupyterHub, see ``classroom/``) every participant runs as their own
operating-system user. The hub sets one environment variable, :data:`ENV_VAR`
(``TANGGUH_DROPBOX``), to a shared folder with mode ``3733`` (setgid + sticky, owned by the
trainer): participants can create files in it but cannot list it, read other participants' files or
delete them. Whenever the workbook saves quiz answers (:func:`simulations.course.quiz.save_answers`)
or exports an action plan, :func:`submit` also writes a copy there. The copy is created with mode
``0640``: readable by its owner and by the trainer's group (inherited from the setgid folder), by
nobody else. The trainer's notebook 08 reads the folder with
:func:`simulations.course.dropbox_answers.answers_from_dropbox` (this module is the participant's
side and the folder scan; that one turns the scan into answer files and report notes).

Outside the hub the variable is unset and nothing happens: :func:`submit` returns None, no file is
written, no message is shown.

**File names.** ``<user>__<kind>__<random>__<original name>``, e.g.
``p07__jawaban-pre__3f9c0a1b2c3d4e5f__pretest.csv``. Every save creates a new file under a random
name that nobody can guess, so another participant cannot block a submission by creating a file
under the expected name beforehand (in a sticky folder nobody may replace another user's file).
The trainer reads every copy of a participant's file in order; nothing is overwritten.

**Who submitted it.** Identity never comes from a name, a folder or a link. :data:`LAYOUT_VAR`
(``TANGGUH_DROPBOX_LAYOUT``) says how the deployment guarantees it:

* ``pemilik`` (default, the single-machine hub of ``make kelas``): the participant is the
  operating-system **owner** of the file. Entries are examined with ``lstat`` and opened with
  ``O_NOFOLLOW``; symbolic links, sub-folders, other file types, names that do not follow the
  pattern and files whose owner is not the user their name claims are refused.
* ``subfolder`` (Zero to JupyterHub, ``classroom/z2jh``): every pod runs as the same uid and
  mounts only its own sub-folder ``<username>/`` of the shared volume, so the sub-folder names the
  participant; files outside a sub-folder, deeper folders and links are refused.

Inside a file, every answer row must carry the participant code of that identity (the login name
is the code in lower case, see ``classroom/kelas.py``); rows carrying another code are refused.
Each submission is read on its own, through a size cap; a bad file (wrong encoding, a cell larger
than the CSV module accepts, an oversized file) is refused with its reason and the others are read.
Every refusal reaches the trainer (:attr:`DropboxScan.refused`, the report's notes; reading the rows:
:mod:`simulations.course.dropbox_answers`).
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulations.core.errors import DataError
from simulations.core.formatting import format_id

__all__ = [
    "ENV_VAR",
    "LAYOUT_VAR",
    "DropboxScan",
    "Refusal",
    "Submission",
    "dropbox_dir",
    "read_submission",
    "read_submissions",
    "scan_dropbox",
    "submit",
]

ENV_VAR = "TANGGUH_DROPBOX"
"""The one setting: path of the drop-box folder (set by the hub via ``Spawner.environment``)."""

LAYOUT_VAR = "TANGGUH_DROPBOX_LAYOUT"
"""How identity is established: ``pemilik`` (file owner, default) or ``subfolder`` (z2jh)."""

LAYOUTS = ("pemilik", "subfolder")

FILE_MODE = 0o640
"""Mode of a submitted file: owner read/write, trainer's group read, others nothing."""

MAX_SUBMISSION_BYTES = 2_000_000
"""Largest submission read (bytes); a participant's answers file is a few kilobytes."""

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_KIND = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")
_USER = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
_TOKEN = re.compile(r"^[0-9a-f]{16}$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
_TMP = ".tmp-"


def dropbox_dir() -> Path | None:
    """Return the drop-box folder named by ``$TANGGUH_DROPBOX``, or None outside the classroom hub."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def _user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # pragma: no cover - a uid without a passwd entry (some containers)
        return f"uid{os.geteuid()}"


def is_pathlike(value: Any) -> bool:
    return isinstance(value, str | os.PathLike)


def _safe_name(name: str) -> str:
    name = _SAFE.sub("_", name).lstrip("._-")[:120]
    return name or "berkas"


def submit(source: str | Path, *, kind: str) -> Path | None:
    """Copy a file the workbook just saved into the classroom drop box, if there is one.

    Each call writes a new file under an unguessable name (``<user>__<kind>__<random>__<name>``):
    the bytes go to a temporary file created with ``O_EXCL | O_NOFOLLOW``, which is then linked
    to its final name without replacing anything (``link``, falling back to ``rename`` where the
    file system has no hard links), so the trainer never reads half a file and no file planted by
    someone else can block or replace the submission. Failures never break the participant's own
    save: they become a warning in Indonesian and the function returns None.

    Args:
        source: The file just written (answers CSV, exported action plan).
        kind: Short lower-case label, e.g. ``"jawaban-pre"`` or ``"rencana-aksi"``
            (1–31 characters ``a-z``, ``0-9``, ``-``).

    Returns:
        The path of the copy in the drop box, or None when ``$TANGGUH_DROPBOX`` is unset or the
        copy could not be written.

    Raises:
        DataError: when ``kind`` is not a valid label or ``source`` is not a path (programming
            errors, not user errors).
    """
    if not isinstance(kind, str) or not _KIND.match(kind):
        raise DataError(
            f"drop-box kind {kind!r} must be 1-31 characters a-z, 0-9, '-'",
            f"Jenis kiriman {str(kind)[:40]!r} tidak valid (huruf kecil, angka, '-').",
            column="kind",
        )
    if not is_pathlike(source):
        raise DataError(
            f"source must be a file path, got {type(source).__name__}",
            "Berkas yang dikirim ke kotak kumpul harus berupa path berkas.",
            column="source",
        )
    folder = dropbox_dir()
    if folder is None:
        return None
    source = Path(source)
    user = _user()
    name = _safe_name(source.name)
    target: Path | None = None
    try:
        data = source.read_bytes()
        for _attempt in range(5):
            tmp = folder / f"{_TMP}{user}-{secrets.token_hex(8)}"
            candidate = folder / f"{user}__{kind}__{secrets.token_hex(8)}__{name}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
            try:
                with os.fdopen(fd, "wb") as fh:
                    os.fchmod(fh.fileno(), FILE_MODE)  # whatever the umask
                    fh.write(data)
                try:
                    os.link(tmp, candidate)  # never replaces an existing file
                except FileExistsError:
                    continue  # 1 in 2**64: draw another name
                except OSError:
                    if candidate.exists() or candidate.is_symlink():
                        continue
                    os.rename(tmp, candidate)  # file systems without hard links
                target = candidate
                break
            finally:
                try:
                    os.unlink(tmp)
                except FileNotFoundError:
                    pass
        if target is None:
            raise FileExistsError("no free name in the drop box")
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
    """One accepted file in the drop box.

    Attributes:
        path: The file.
        user: The participant's login name — the file's owner (layout ``pemilik``) or the name of
            the per-user sub-folder (layout ``subfolder``).
        kind: The kind named in the file name (``jawaban-pre``, ``rencana-aksi``, ...).
        name: The original file name.
        owner: The operating-system owner of the file.
        modified: Modification time, seconds since the epoch.
        inode: ``(device, inode)`` seen when the folder was read; the file is read only if it is
            still the same file.
    """

    path: Path
    user: str
    kind: str
    name: str
    owner: str
    modified: float
    inode: tuple[int, int] = (0, 0)

    @property
    def code(self) -> str:
        """The participant code: the login name in upper case (``p07`` -> ``P07``)."""
        return self.user.upper()


@dataclass(frozen=True)
class Refusal:
    """Something in the drop box that was not read: what (shown safely), why, and who owns it."""

    entry: str
    reason: str
    pesan: str
    owner: str = ""


@dataclass
class DropboxScan:
    """What a reading of the drop box found: accepted submissions and refused entries."""

    folder: Path
    layout: str
    submissions: list[Submission] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def notes(self) -> list[str]:
        """Indonesian lines for the report: every refused entry with its reason."""
        return [f"Kotak kumpul: {r.pesan}" for r in self.refused]


def shown_name(name: str) -> str:
    """A file name as it can be shown safely: control and bidi characters made visible, short."""
    text = name.encode("unicode_escape").decode("ascii")
    return text if len(text) <= 80 else text[:77] + "..."


def _owner(uid: int) -> str | None:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def _parse_name(name: str) -> tuple[str, str, str] | None:
    """``(user, kind, original name)`` of a submission file name, or None if it does not fit."""
    parts = name.split("__", 3)
    if len(parts) == 4 and _TOKEN.match(parts[2]):
        user, kind, _token, original = parts
    else:  # names written before the random part existed: <user>__<kind>__<name>
        parts = name.split("__", 2)
        if len(parts) != 3:
            return None
        user, kind, original = parts
    if not (_USER.match(user) and _KIND.match(kind) and _NAME.match(original)):
        return None
    if original.strip(".") == "":
        return None
    return user, kind, original


def _check_folder(folder: Any) -> Path:
    if folder is None:
        found = dropbox_dir()
        if found is None:
            raise DataError(
                f"no drop box: ${ENV_VAR} is not set (not on the classroom server)",
                "Kotak kumpul tidak ada: notebook ini tidak berjalan di server kelas (JupyterHub).",
                column=ENV_VAR,
            )
        return found
    if not is_pathlike(folder):
        raise DataError(
            f"folder must be a path, got {type(folder).__name__}",
            "Folder kotak kumpul harus berupa path folder.",
            column="folder",
        )
    return Path(folder)


def _check_layout(layout: Any) -> str:
    if layout is None:
        layout = os.environ.get(LAYOUT_VAR, "").strip() or "pemilik"
    from simulations.core.params import check_choice

    return check_choice(layout, LAYOUT_VAR, "Tata letak kotak kumpul", LAYOUTS)


def _check_kind_filter(kind: Any) -> None:
    if kind is not None and (not isinstance(kind, str) or not kind):
        raise DataError(
            f"kind must be a text label or None, got {kind!r}",
            "Jenis kiriman (kind) harus teks, mis. 'jawaban-pre'.",
            column="kind",
        )


def _matches(kind: str, wanted: str | None) -> bool:
    return wanted is None or kind == wanted or (wanted.endswith("-") and kind.startswith(wanted))


def _listing(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise DataError(
            f"cannot read the drop box {folder}: {exc.strerror or exc}",
            f"Kotak kumpul {folder} tidak dapat dibaca ({exc.strerror or exc}); "
            "buka notebook ini dengan akun fasilitator.",
            file=str(folder),
        ) from None


def _examine(
    path: Path,
    shown: str,
    wanted: str | None,
    subfolder: str | None,
    out: DropboxScan,
) -> None:
    """Accept or refuse one directory entry (never following a link)."""
    name = path.name
    if name.startswith(_TMP):
        return  # a copy being written right now (submit's own temporary file)
    try:
        st = os.lstat(path)
    except OSError as exc:
        out.refused.append(
            Refusal(
                shown,
                f"{shown}: cannot be examined ({exc.strerror})",
                f"{shown}: tidak dapat diperiksa.",
            )
        )
        return
    owner = _owner(st.st_uid) or f"uid {st.st_uid}"
    if stat.S_ISLNK(st.st_mode):
        out.refused.append(
            Refusal(
                shown,
                f"{shown}: a symbolic link, not read (identity comes from the file, not from a link)",
                f"{shown}: tautan simbolik (symlink) milik {owner} — tidak dibaca; identitas pengirim "
                "diambil dari pemilik berkas, bukan dari tautan.",
                owner,
            )
        )
        return
    if not stat.S_ISREG(st.st_mode):
        what = "folder" if stat.S_ISDIR(st.st_mode) else "bukan berkas biasa"
        out.refused.append(
            Refusal(
                shown,
                f"{shown}: not a regular file ({'directory' if stat.S_ISDIR(st.st_mode) else 'special'})",
                f"{shown}: {what} milik {owner} — tidak dibaca"
                + (
                    " (server ini tidak memakai subfolder per peserta)."
                    if stat.S_ISDIR(st.st_mode)
                    else "."
                ),
                owner,
            )
        )
        return
    parsed = _parse_name(name)
    if parsed is None:
        out.refused.append(
            Refusal(
                shown,
                f"{shown}: the name does not follow <user>__<kind>__<name>",
                f"{shown}: nama berkas tidak sesuai pola kiriman buku kerja (milik {owner}) — tidak dibaca.",
                owner,
            )
        )
        return
    claimed, kind, original = parsed
    if not _matches(kind, wanted):
        return
    if subfolder is None:
        if _owner(st.st_uid) is None or owner != claimed:
            out.refused.append(
                Refusal(
                    shown,
                    f"{shown}: named after {claimed} but owned by {owner}",
                    f"{shown}: atas nama {claimed} tetapi pemilik berkasnya {owner} — tidak dibaca "
                    "(percobaan mengirim atas nama peserta lain, atau berkas yang ditaruh lebih dulu).",
                    owner,
                )
            )
            return
        user = owner
    else:
        user = subfolder
    out.submissions.append(
        Submission(path, user, kind, original, owner, st.st_mtime, (st.st_dev, st.st_ino))
    )


def scan_dropbox(
    folder: str | Path | None = None, *, kind: str | None = None, layout: str | None = None
) -> DropboxScan:
    """Read the drop box (the trainer's side): accepted submissions and refused entries.

    Args:
        folder: The drop box; ``$TANGGUH_DROPBOX`` when None.
        kind: Only this kind (e.g. ``"jawaban-pre"``), or a prefix ending in ``-`` (``"jawaban-"``).
            Entries that cannot be attributed at all are refused whatever the kind.
        layout: ``"pemilik"`` or ``"subfolder"``; ``$TANGGUH_DROPBOX_LAYOUT`` (default
            ``pemilik``) when None. See the module docstring.

    Raises:
        DataError: when no folder is given and ``$TANGGUH_DROPBOX`` is unset, an argument has the
            wrong type, or the folder cannot be read (e.g. opened by a participant instead of the
            trainer).
    """
    folder = _check_folder(folder)
    layout = _check_layout(layout)
    _check_kind_filter(kind)
    out = DropboxScan(folder, layout)
    for entry in _listing(folder):
        path = Path(entry.path)
        shown = shown_name(entry.name)
        if layout == "pemilik":
            _examine(path, shown, kind, None, out)
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(st.st_mode) and _USER.match(entry.name):
            for inner in _listing(path):
                inner_path = Path(inner.path)
                inner_shown = f"{shown}/{shown_name(inner.name)}"
                try:
                    inner_st = os.lstat(inner_path)
                except OSError:
                    continue
                if stat.S_ISDIR(inner_st.st_mode):
                    out.refused.append(
                        Refusal(
                            inner_shown,
                            f"{inner_shown}: a folder inside a participant's folder",
                            f"{inner_shown}: folder di dalam subfolder peserta — tidak dibaca.",
                        )
                    )
                    continue
                _examine(inner_path, inner_shown, kind, entry.name, out)
        elif not entry.name.startswith(_TMP):
            out.refused.append(
                Refusal(
                    shown,
                    f"{shown}: outside a participant's sub-folder",
                    f"{shown}: berada di luar subfolder peserta — tidak dibaca.",
                )
            )
    out.submissions.sort(key=lambda s: (s.user, s.kind, s.name, s.modified, s.path.name))
    return out


def read_submissions(
    folder: str | Path | None = None, *, kind: str | None = None, layout: str | None = None
) -> list[Submission]:
    """List the latest copy of every accepted file in the drop box, sorted by user, kind and name.

    What was refused (links, sub-folders, names claiming another user, …) is in
    :func:`scan_dropbox` ``.refused``; :func:`~simulations.course.dropbox_answers.answers_from_dropbox`
    puts it in the report.

    Raises:
        DataError: as :func:`scan_dropbox`.
    """
    latest: dict[tuple[str, str, str], Submission] = {}
    for sub in scan_dropbox(folder, kind=kind, layout=layout).submissions:
        latest[(sub.user, sub.kind, sub.name)] = sub  # sorted by time: the last one stays
    return sorted(latest.values(), key=lambda s: (s.user, s.kind, s.name))


def read_submission(sub: Submission, limit: int = MAX_SUBMISSION_BYTES) -> bytes:
    """Return a submission's bytes, read through a descriptor opened without following links.

    At most ``limit`` bytes are read, whatever the file's size.

    Raises:
        DataError: when the file changed since the folder was read (another file, a link, another
            owner) or is larger than ``limit``.
    """
    try:
        fd = os.open(sub.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise DataError(
            f"{sub.path.name}: cannot be opened ({exc.strerror})",
            f"tidak dapat dibuka ({exc.strerror or exc}).",
        ) from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != sub.inode:
            raise DataError(
                f"{sub.path.name}: replaced while being read",
                "berkasnya berganti saat dibaca — tidak dibaca.",
            )
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise DataError(
            f"{sub.path.name}: larger than {limit} bytes",
            f"berkas lebih besar dari {format_id(limit // 1000, 0)} kB — tidak dibaca.",
        )
    return data
