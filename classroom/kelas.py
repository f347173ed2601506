"""Classroom server for Tangguh Digital: participants, passwords, cards, drop box, and the hub.

Run as root with the hub's Python (``/opt/tangguh-hub/venv/bin/python``, see ``install.sh``)::

    kelas.py setup --peserta peserta.txt [--pelatih pelatih] [--ip 0.0.0.0] [--port 8000]
                   [--nama kelas.local ...] [--tanpa-https | --sertifikat F --kunci F]
    kelas.py start  [--state /var/lib/tangguh-kelas]
    kelas.py remove [--state /var/lib/tangguh-kelas]
    kelas.py sertifikat --nama kelas.example.org --keluar DIR   (Docker / Kubernetes)

``setup`` creates one operating-system user per participant code (login name = the code in lower
case, home folder mode 0700 with a copy of the notebooks), one for the trainer (the hub's admin),
a password for each (PAM login), the drop box (mode 3733, owned by the trainer), and printable
cards (``kartu_peserta.html`` / ``.txt``, readable by root only) in the state folder. Running it
again keeps existing accounts, passwords and participants' work; new codes are added.

By default the hub serves **HTTPS** with a self-signed certificate that ``setup`` makes in
``<state>/tls`` (see ``sertifikat.py``: key 0600 root, kept across runs); its SHA-256 fingerprint
is printed on every card and on the console for the whiteboard, so participants can check it in
the browser's one-time warning. ``--sertifikat``/``--kunci`` serve a certificate the trainer brings
instead; ``--tanpa-https`` serves plain HTTP (only behind a TLS proxy or on the trainer's own
hotspot: see README.md).

``start`` runs JupyterHub in the foreground with ``classroom/jupyterhub_config.py`` and umask 027,
after printing the address to write on the whiteboard. The hub also starts the tabletop service
(``tabletop_service.py``, notebook 09's class game) on 127.0.0.1:``tabletop_port`` with its SQLite
file ``<state>/latihan_meja.sqlite``. ``remove`` deletes the accounts this tool
created (recognised by their comment field) and their homes.
"""

from __future__ import annotations

import argparse
import csv
import grp
import html
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # client.py and sertifikat.py next to this file

import sertifikat  # noqa: E402

PREFIX = Path(os.environ.get("TANGGUH_HUB_PREFIX", "/opt/tangguh-hub"))
DEFAULT_STATE = Path("/var/lib/tangguh-kelas")
DEFAULT_DROPBOX = Path("/srv/tangguh-kotak-kumpul")
MARKER = "tangguh-kelas"
"""Comment (GECOS) field of every account this tool creates; ``remove`` deletes only those."""
WORKSPACE = "tangguh"
"""Folder in each home holding the participant's copy of the notebooks."""
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to copy from a card
RESERVED = {"root", "admin", "jupyterhub", "nobody", "daemon", "bin", "sys", "www-data"}


class KelasError(Exception):
    """A problem the trainer can fix; the message is in Indonesian."""


def _validate_code(raw: str) -> str:
    try:
        from simulations.course.quiz import normalise_code
    except ImportError:  # the hub's venv always has it; a bare Python falls back to the same rule
        import re

        if not re.fullmatch(r"[A-Za-z0-9_-]{2,20}", raw.strip()):
            raise KelasError(f"Kode peserta {raw!r} tidak valid.") from None
        return raw.strip().upper()
    from simulations.core.errors import DataError

    try:
        return normalise_code(raw)
    except DataError as exc:
        raise KelasError(exc.pesan) from None


def username(code: str) -> str:
    """Return the login name of a participant code (lower case), checked against Linux's rules."""
    name = code.lower()
    if not name[0].isalpha():
        raise KelasError(
            f"Kode peserta {code!r} harus diawali huruf (mis. P07), karena dipakai sebagai nama login."
        )
    if name in RESERVED:
        raise KelasError(f"Kode peserta {code!r} sudah dipakai sistem; pilih kode lain.")
    return name


def read_codes(path: str | Path) -> list[str]:
    """Read participant codes from a plain text file (one per line) or a CSV (first column).

    Blank lines, lines starting with ``#`` and a header cell ``kode``/``kode_peserta`` are skipped.

    Raises:
        KelasError: for a missing file, an invalid or duplicate code, or no code at all.
    """
    path = Path(path)
    if not path.is_file():
        raise KelasError(f"Berkas daftar kode peserta tidak ditemukan: {path}")
    text = path.read_text(encoding="utf-8-sig")
    codes: list[str] = []
    for n, row in enumerate(
        csv.reader(text.splitlines(), delimiter="," if "," in text else ";"), 1
    ):
        cell = row[0].strip() if row else ""
        if not cell or cell.startswith("#") or cell.lower() in {"kode", "kode_peserta"}:
            continue
        try:
            code = _validate_code(cell)
            username(code)
        except KelasError as exc:
            raise KelasError(f"{path.name} baris {n}: {exc}") from None
        if code in codes:
            raise KelasError(f"{path.name} baris {n}: kode {code} ganda.")
        codes.append(code)
    if not codes:
        raise KelasError(f"{path.name}: tidak ada kode peserta.")
    return codes


def _user_exists(name: str) -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def ensure_user(name: str, workspace_src: Path | None, marker: str = MARKER) -> bool:
    """Create the OS user ``name`` with a 0700 home (and a copy of the notebooks) if missing.

    Returns:
        True if the user was created now.

    Raises:
        KelasError: when ``name`` exists but was not created by this tool.
    """
    entry = _user_exists(name)
    created = False
    if entry is None:
        subprocess.run(
            ["useradd", "--create-home", "-K", "HOME_MODE=0700", "--comment", marker,
             "--shell", "/usr/sbin/nologin", name],
            check=True,
        )  # fmt: skip
        entry = pwd.getpwnam(name)
        created = True
    elif not entry.pw_gecos.startswith(MARKER):
        raise KelasError(
            f"Akun {name!r} sudah ada di komputer ini dan bukan buatan server kelas; pakai kode lain."
        )
    home = Path(entry.pw_dir)
    os.chmod(home, 0o700)  # Debian's default 0755 would let participants read each other's files
    if workspace_src is not None and not (home / WORKSPACE).exists():
        dest = home / WORKSPACE
        shutil.copytree(workspace_src, dest, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for root, dirs, files in os.walk(dest):
            for p in [root, *(os.path.join(root, x) for x in dirs + files)]:
                os.chown(p, entry.pw_uid, entry.pw_gid)
    return created


def make_password(length: int = 8) -> str:
    """Return a random password from an alphabet without look-alike characters."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def set_passwords(passwords: dict[str, str]) -> None:
    """Set the PAM passwords of the given users (``chpasswd``)."""
    if passwords:
        lines = "".join(f"{u}:{p}\n" for u, p in passwords.items())
        subprocess.run(["chpasswd"], input=lines, text=True, check=True)


def make_dropbox(path: Path, trainer: str) -> None:
    """Create the drop box: owned by the trainer, mode 3733 (setgid + sticky, write-only for others).

    Participants can create files in it (``-wx``) but cannot list it or read others' files; files
    inherit the trainer's group (setgid) so the trainer can read them; the sticky bit stops anyone
    deleting or replacing another's file.
    """
    entry = pwd.getpwnam(trainer)
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, entry.pw_uid, entry.pw_gid)
    os.chmod(path, 0o3733)
    for parent in path.parents:  # every participant must be able to traverse to it
        if parent.stat().st_mode & 0o001 == 0:
            raise KelasError(f"Folder {parent} tidak dapat dilalui peserta; pilih lokasi lain.")


def local_addresses(ip: str) -> list[str]:
    """Return the IPv4 address(es) participants reach the hub by (``ip``, or all if 0.0.0.0)."""
    if ip not in ("0.0.0.0", "", "::"):
        return [ip]
    found: list[str] = []
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
        found = [a for a in out.split() if ":" not in a and not a.startswith("127.")]
    except (OSError, subprocess.SubprocessError):
        pass
    if not found:
        try:
            found = [socket.gethostbyname(socket.gethostname())]
        except OSError:
            found = ["127.0.0.1"]
    return found


def whiteboard_addresses(
    ip: str, port: int, scheme: str = "http", names: list[str] | tuple[str, ...] = ()
) -> list[str]:
    """Return the address(es) participants type in their browser (``scheme``: http or https).

    Names the trainer gave (``--nama``: a host name, or the laptop's address seen from a Docker
    container) come first, then the machine's own addresses.
    """
    hosts = list(dict.fromkeys([*names, *local_addresses(ip)]))
    return [f"{scheme}://{a}:{port}/" for a in hosts]


CHECK_TEXT = (
    "Peringatan peramban &ldquo;koneksi tidak pribadi&rdquo; muncul sekali: buka rincian "
    "sertifikat, cocokkan sidik jari SHA-256 ini (paling sedikit 8 pasangan pertama dan 8 "
    "terakhir). Sama: lanjutkan. <b>Berbeda: jangan masuk</b>, lapor ke fasilitator."
)


def write_cards(state: Path, passwords: dict[str, str], codes: dict[str, str], address: str,
                trainer: str, fingerprint: str | None = None) -> tuple[Path, Path]:  # fmt: skip
    """Write printable cards (HTML, 8 per A4 page, and plain text), readable by root only.

    With ``fingerprint`` (the served certificate's SHA-256, HTTPS) each card shows it, in four
    groups of 8 pairs, with the instruction for the browser's one-time warning.
    """
    cards = []
    lines = [f"Server kelas Tangguh Digital: {address}"]
    fp_html = ""
    if fingerprint:
        groups = [html.escape(g) for g in sertifikat.fingerprint_lines(fingerprint)]
        lines.append("Sidik jari sertifikat (SHA-256): " + fingerprint)
        fp_html = (
            "<p class='fp'>Sidik jari sertifikat (SHA-256):<br><span class='mono'>"
            f"{groups[0]}&ensp;{groups[1]}<br>{groups[2]}&ensp;{groups[3]}</span></p>"
            f"<p class='small'>{CHECK_TEXT}</p>"
        )
    lines.append("")
    for user, pw in passwords.items():
        label = "Fasilitator (admin)" if user == trainer else "Kode peserta"
        login = codes.get(user, user)
        cards.append(
            "<div class='card'><h2>Tangguh Digital — server kelas</h2>"
            f"<p>Buka peramban (browser), ketik alamat:<br><b class='addr'>{html.escape(address)}</b></p>"
            f"<p>{label}: <b class='big{' long' if len(login) > 10 else ''}'>{html.escape(login)}</b><br>"
            f"Kata sandi: <b class='big mono'>{html.escape(pw)}</b></p>"
            f"{fp_html}"
            "<p class='small'>Kartu ini rahasia, jangan dipinjamkan. Kode peserta bukan nama Anda.</p>"
            "</div>"
        )
        lines.append(f"{label:20} {login:22} kata sandi: {pw}")
    css = (
        "body{font-family:system-ui,sans-serif;margin:0}.grid{display:grid;grid-template-columns:1fr 1fr;"
        "gap:3mm;padding:1mm}.card{border:1px dashed #555;padding:3mm 3.5mm;page-break-inside:avoid;"
        "height:66mm;box-sizing:border-box;overflow:hidden}@page{size:A4;margin:6mm}"
        "h2{font-size:10.5pt;margin:0 0 1mm}p{margin:0 0 1.3mm;font-size:10.5pt}"
        ".big{font-size:15pt}.long{font-size:12pt}.mono{font-family:monospace;letter-spacing:1px}.addr{font-size:12pt}"
        ".small{font-size:7.5pt;color:#333;line-height:1.2}.fp{font-size:7.5pt;line-height:1.25}"
        ".fp .mono{font-size:8pt;letter-spacing:0;color:#000}.card p:last-child{margin:0}"
    )
    doc = (
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>Kartu peserta</title>"
        f"<style>{css}</style></head><body><div class='grid'>{''.join(cards)}</div></body></html>\n"
    )
    html_path, txt_path = state / "kartu_peserta.html", state / "kartu_peserta.txt"
    for p, text in ((html_path, doc), (txt_path, "\n".join(lines) + "\n")):
        p.touch(mode=0o600, exist_ok=True)
        os.chmod(p, 0o600)
        p.write_text(text, encoding="utf-8")
    return html_path, txt_path


def setup(
    codes_file: str | Path,
    *,
    state: Path = DEFAULT_STATE,
    trainer: str = "pelatih",
    dropbox: Path = DEFAULT_DROPBOX,
    ip: str = "0.0.0.0",
    port: int = 8000,
    notebooks: Path | None = None,
    cull_timeout: int = 3600,
    cull_every: int = 300,
    hub_port: int = 8081,
    proxy_api_port: int = 8001,
    tabletop_port: int = 10101,
    prefix: Path = PREFIX,
    https: bool = True,
    names: tuple[str, ...] | list[str] = (),
    cert: Path | None = None,
    key: Path | None = None,
    new_cert: bool = False,
) -> dict:
    """Create the accounts, passwords, drop box, certificate and cards; write ``settings.json``.

    Args:
        https: Serve HTTPS (default). False serves plain HTTP: passwords cross the network in
            clear (only behind a TLS proxy, or on the trainer's own WPA2 hotspot).
        names: Host names (or IP addresses) participants type: put in the certificate, printed
            first on the whiteboard, the first one on the cards.
        cert: A certificate the trainer brings (PEM, with ``key``) instead of a generated one.
        key: Its private key (PEM, unencrypted, mode 0600).
        new_cert: Make a new certificate even if the current one still serves.
        tabletop_port: Port of the tabletop service (latihan meja) on 127.0.0.1; its game is
            kept in ``<state>/latihan_meja.sqlite``.

    Returns:
        The settings (also in ``<state>/settings.json``); ``settings["tls"]`` holds the
        certificate's paths and fingerprint, or None without HTTPS.
    """
    if os.geteuid() != 0:
        raise KelasError("Perintah ini harus dijalankan sebagai root (sudo).")
    codes = read_codes(codes_file)
    trainer = trainer.lower()
    users = {username(c): c for c in codes}
    if trainer in users:
        raise KelasError(f"Nama akun fasilitator {trainer!r} sama dengan salah satu kode peserta.")
    notebooks = Path(notebooks) if notebooks else prefix / "src" / "notebooks"
    if not notebooks.is_dir():
        raise KelasError(
            f"Folder notebook tidak ditemukan: {notebooks} (jalankan install.sh dulu)."
        )
    if (cert is None) != (key is None):
        raise KelasError("--sertifikat dan --kunci harus diberikan berdua.")
    if cert is not None and not https:
        raise KelasError("--sertifikat tidak dapat dipakai bersama --tanpa-https.")
    try:
        names = list(dict.fromkeys(sertifikat.check_name(n) for n in names))
    except sertifikat.SertifikatError as exc:
        raise KelasError(str(exc)) from None
    state = Path(state)
    state.mkdir(parents=True, exist_ok=True)
    os.chmod(state, 0o700)
    tls = _certificate(state, ip, names, cert, key, new_cert) if https else None
    pw_file = state / "passwords.json"
    known: dict[str, str] = json.loads(pw_file.read_text()) if pw_file.exists() else {}
    new_pw: dict[str, str] = {}
    for user in [trainer, *users]:
        created = ensure_user(user, notebooks)
        if created or user not in known:
            new_pw[user] = known[user] = make_password()
    set_passwords(new_pw)
    pw_file.touch(mode=0o600, exist_ok=True)
    os.chmod(pw_file, 0o600)
    pw_file.write_text(json.dumps(known, indent=1))
    make_dropbox(Path(dropbox), trainer)
    settings = {
        "ip": ip,
        "port": int(port),
        "hub_port": int(hub_port),
        "proxy_api_port": int(proxy_api_port),
        "tabletop_port": int(tabletop_port),
        "tabletop_db": str(state / "latihan_meja.sqlite"),
        "trainer": trainer,
        "participants": sorted(users),
        "dropbox": str(dropbox),
        "prefix": str(prefix),
        "state": str(state),
        "workspace": WORKSPACE,
        "cull_timeout": int(cull_timeout),
        "cull_every": int(cull_every),
        "names": list(names),
        "tls": tls,
    }
    (state / "settings.json").write_text(json.dumps(settings, indent=1))
    address = whiteboard_addresses(ip, port, "https" if tls else "http", names)[0]
    ordered = {u: known[u] for u in [trainer, *users]}
    fp = tls["fingerprint"] if tls else None
    write_cards(state, ordered, {**users, trainer: trainer}, address, trainer, fp)
    return settings


def _certificate(state: Path, ip: str, names, cert: Path | None, key: Path | None,
                 new_cert: bool) -> dict:  # fmt: skip
    """Return ``{"cert", "key", "fingerprint", "created"}`` for the hub (see sertifikat.py)."""
    try:
        if cert is not None:
            found = sertifikat.use_existing(cert, key)
        else:
            required = [*([] if ip in ("0.0.0.0", "", "::") else [ip]), *names]
            detected = [*local_addresses(ip), "127.0.0.1", "localhost", socket.gethostname()]
            found = sertifikat.ensure(state / "tls", detected, required=required, force=new_cert)
    except sertifikat.SertifikatError as exc:
        raise KelasError(str(exc)) from None
    return {
        "cert": str(found.cert),
        "key": str(found.key),
        "fingerprint": found.fingerprint,
        "created": found.created,
    }


def hub_command(state: Path = DEFAULT_STATE) -> tuple[list[str], dict[str, str]]:
    """Return the command and environment that start JupyterHub for the class in ``state``."""
    settings = json.loads((Path(state) / "settings.json").read_text())
    prefix = Path(settings["prefix"])
    inherited = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}
    }
    env = {
        **inherited,
        "TANGGUH_KELAS_STATE": str(state),
        "PATH": f"{prefix / 'venv' / 'bin'}:{prefix / 'node' / 'node_modules' / '.bin'}:"
        "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
    }
    cmd = [str(prefix / "venv" / "bin" / "jupyterhub"), "-f", str(HERE / "jupyterhub_config.py")]
    return cmd, env


def board_lines(settings: dict) -> list[str]:
    """Return what the trainer writes on the whiteboard: address(es) and, with HTTPS, fingerprint.

    Raises:
        KelasError: when the certificate in ``settings`` cannot be read or changed since setup.
    """
    tls = settings.get("tls")
    scheme = "https" if tls else "http"
    names = settings.get("names", [])
    addresses = whiteboard_addresses(settings["ip"], settings["port"], scheme, names)
    out = ["Tulis alamat ini di papan tulis:", *(f"    {a}" for a in addresses)]
    if not tls:
        out += [
            "PERINGATAN: tanpa HTTPS. Kata sandi peserta dan fasilitator terbaca oleh siapa pun",
            "di jaringan ini. Pakai hanya di hotspot WPA2 milik fasilitator (classroom/README.md).",
        ]
        return out
    try:
        found = sertifikat.info(tls["cert"], tls["key"])
    except sertifikat.SertifikatError as exc:
        raise KelasError(f"{exc} Jalankan kelas.py setup lagi.") from None
    if found.fingerprint != tls["fingerprint"]:
        raise KelasError(
            "Sertifikat berubah sejak kelas.py setup (sidik jari di kartu tidak cocok lagi). "
            "Jalankan kelas.py setup lagi dan cetak ulang kartu."
        )
    out += ["dan sidik jari sertifikat (SHA-256), sama dengan di kartu peserta:"]
    out += [f"    {line}" for line in sertifikat.fingerprint_lines(found.fingerprint)]
    hosts = {a.split("//", 1)[1].rsplit(":", 1)[0] for a in addresses}
    missing = sorted(hosts - set(found.names))
    if missing:
        out += [
            f"Catatan: alamat {', '.join(missing)} tidak tercantum di sertifikat; peringatan",
            "peramban juga menyebut nama, tetapi sidik jari tetap sama. Sertifikat baru:",
            "kelas.py setup --sertifikat-baru, lalu cetak ulang kartu.",
        ]
    return out


def start(state: Path = DEFAULT_STATE) -> None:
    """Print the whiteboard lines and run the hub in the foreground (Ctrl+C stops it)."""
    settings = json.loads((Path(state) / "settings.json").read_text())
    cmd, env = hub_command(state)
    lines = board_lines(settings)
    os.umask(0o027)  # files in the drop box and homes: no access for "others"
    print("=" * 64)
    print("\n".join(lines))
    print(f"Kartu peserta (kode + kata sandi): {Path(state) / 'kartu_peserta.html'}")
    print(f"Fasilitator masuk sebagai: {settings['trainer']}")
    print("Hentikan server dengan Ctrl+C.")
    print("=" * 64, flush=True)
    os.chdir(state)
    os.execve(cmd[0], cmd, env)


def remove(state: Path = DEFAULT_STATE, users: list[str] | None = None) -> list[str]:
    """Delete the accounts (and homes) created by this tool for the class in ``state``."""
    if users is None:
        settings = json.loads((Path(state) / "settings.json").read_text())
        users = [settings["trainer"], *settings["participants"]]
    removed = []
    for user in users:
        entry = _user_exists(user)
        if entry is None or not entry.pw_gecos.startswith(MARKER):
            continue
        subprocess.run(["pkill", "-KILL", "-u", user], check=False)
        subprocess.run(["userdel", "--remove", user], check=False, capture_output=True)
        try:
            grp.getgrnam(user)
            subprocess.run(["groupdel", user], check=False, capture_output=True)
        except KeyError:
            pass
        removed.append(user)
    return removed


def claim(url: str, state: Path = DEFAULT_STATE, cafile: str | None = None) -> dict[str, int]:
    """Log in once with every code and its card password (claims FirstUse accounts on Kubernetes).

    Args:
        url: The hub's address.
        state: The folder with ``passwords.json``.
        cafile: A self-signed certificate to trust (the one given to ``proxy.https``); default:
            the system's certificate authorities.

    Returns:
        ``{user: HTTP status}`` (302 = logged in).
    """
    from client import Participant  # needs requests (comes with JupyterLab)

    known = json.loads((Path(state) / "passwords.json").read_text())
    verify = cafile or True
    return {
        u: Participant(url.rstrip("/"), u, pw, verify=verify).login() for u, pw in known.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (Indonesian help)."""
    ap = argparse.ArgumentParser(prog="kelas.py", description="Server kelas Tangguh Digital.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("setup", help="buat akun peserta, kata sandi, kartu, kotak kumpul")
    s.add_argument("--peserta", required=True, help="berkas daftar kode peserta (.txt atau .csv)")
    s.add_argument("--pelatih", default="pelatih", help="nama akun fasilitator (admin)")
    s.add_argument("--ip", default="0.0.0.0", help="antarmuka jaringan (0.0.0.0 = semua)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--kotak-kumpul", default=str(DEFAULT_DROPBOX))
    s.add_argument("--cull-timeout", type=int, default=3600, help="detik tanpa aktivitas (>= 3600)")
    s.add_argument("--nama", action="append", default=[], metavar="NAMA",
                   help="nama host/alamat lain untuk sertifikat (boleh berulang)")  # fmt: skip
    s.add_argument("--tanpa-https", action="store_true",
                   help="HTTP biasa: kata sandi terbaca di jaringan (lihat README)")  # fmt: skip
    s.add_argument("--sertifikat", help="sertifikat sendiri (PEM) alih-alih buatan kelas.py")
    s.add_argument("--kunci", help="kunci privat sertifikat sendiri (PEM, mode 0600)")
    s.add_argument("--sertifikat-baru", action="store_true", help="buat sertifikat baru")
    c = sub.add_parser("claim", help="masuk sekali dengan setiap kode (FirstUse di Kubernetes)")
    c.add_argument("--url", required=True, help="alamat hub, mis. https://kelas.example.org")
    c.add_argument("--sertifikat", help="sertifikat hub yang dipercaya (bila buatan sendiri)")
    t = sub.add_parser("sertifikat", help="buat sertifikat untuk Docker/Kubernetes")
    t.add_argument("--nama", action="append", required=True, metavar="NAMA",
                   help="nama host atau alamat IP hub (boleh berulang)")  # fmt: skip
    t.add_argument("--keluar", required=True, help="folder untuk kelas.crt dan kelas.key")
    t.add_argument("--hari", type=int, default=sertifikat.DEFAULT_DAYS, help="masa berlaku")
    for name in ("setup", "start", "remove", "claim"):
        p = {"setup": s, "claim": c}.get(name) or sub.add_parser(name)
        p.add_argument("--state", default=str(DEFAULT_STATE))
    args = ap.parse_args(argv)
    try:
        if args.cmd == "setup":
            settings = setup(
                args.peserta,
                state=Path(args.state),
                trainer=args.pelatih,
                dropbox=Path(args.kotak_kumpul),
                ip=args.ip,
                port=args.port,
                cull_timeout=args.cull_timeout,
                https=not args.tanpa_https,
                names=args.nama,
                cert=Path(args.sertifikat) if args.sertifikat else None,
                key=Path(args.kunci) if args.kunci else None,
                new_cert=args.sertifikat_baru,
            )
            print(
                f"{len(settings['participants'])} peserta siap; kartu di "
                f"{Path(args.state) / 'kartu_peserta.html'}"
            )
            tls = settings["tls"]
            if tls and tls["created"]:
                print(
                    "SERTIFIKAT BARU dibuat: kartu yang dicetak sebelum ini (bila ada) memuat sidik "
                    "jari lama; cetak kartu yang baru."
                )
        elif args.cmd == "claim":
            for user, status in claim(args.url, Path(args.state), args.sertifikat).items():
                print(f"{user}: {'siap' if status == 302 else f'GAGAL ({status})'}")
        elif args.cmd == "sertifikat":
            try:
                made = sertifikat.generate(args.keluar, args.nama, days=args.hari)
            except sertifikat.SertifikatError as exc:
                raise KelasError(str(exc)) from None
            print(f"{made.cert}\n{made.key} (rahasia)\nSidik jari SHA-256: {made.fingerprint}")
        elif args.cmd == "start":
            start(Path(args.state))
        else:
            print("Dihapus:", ", ".join(remove(Path(args.state))) or "-")
    except KelasError as exc:
        print(f"KESALAHAN: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
