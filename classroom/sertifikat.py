"""The classroom server's TLS certificate: make it, check it, show its fingerprint.

Participants type their password into the hub's login page on the venue Wi-Fi; without TLS anyone on
that network reads it, and the session cookies after it (the trainer is the hub's admin, so their
password opens every participant's server). No public certificate authority signs a certificate
for a laptop's address on a venue network, so ``kelas.py setup`` makes a **self-signed**
certificate. Browsers warn once about it; participants accept the warning only after checking
that the certificate's SHA-256 fingerprint (shown by the browser's certificate viewer) matches the
one printed on their card and written on the board. That check is what defeats a machine in the
middle: it would have to present a certificate of its own, whose fingerprint differs.

Choices (why):

* one self-signed end-entity certificate, not a local CA: nobody installs a CA on their phone for a
  three-day workshop, and a CA whose key sits on the trainer's laptop could sign for any site;
* ECDSA P-256 with SHA-256 (accepted by current browsers on Windows, Android, macOS and iOS;
  small and fast on weak phones);
* valid for :data:`DEFAULT_DAYS` days from one day back (a participant's phone clock may be behind),
  kept across runs of ``kelas.py setup`` so the fingerprint on printed cards stays true, and made
  anew only when it is missing, broken, expires within :data:`RENEW_DAYS` days, lacks a name the
  trainer asked for, or the trainer asks for a new one;
* the private key is written 0600 by root (``kelas.py`` runs as root) inside the hub's 0700 state
  folder: participants have accounts on this very machine and must not be able to read it.

Run with the hub's Python, which has ``cryptography`` (a dependency of JupyterHub through certipy).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DAYS = 365
"""Lifetime of a generated certificate (days): a series of workshops on one laptop."""
RENEW_DAYS = 30
"""A certificate expiring within this many days is replaced (a class never straddles expiry)."""
BACKDATE = dt.timedelta(days=1)
"""Validity starts this long before creation (participants' clocks may be behind)."""
CERT_NAME, KEY_NAME = "kelas.crt", "kelas.key"
SUBJECT = "Tangguh Digital server kelas"


class SertifikatError(Exception):
    """A certificate problem the trainer can fix; the message is in Indonesian."""


@dataclass(frozen=True)
class CertInfo:
    """What the trainer and the tests need to know about the served certificate.

    Attributes:
        cert: Path of the PEM certificate.
        key: Path of the PEM private key.
        fingerprint: SHA-256 of the certificate (DER), ``AB:CD:...`` (32 pairs), as browsers show it.
        names: IP addresses and host names the certificate is valid for.
        not_after: End of validity (UTC).
        created: True if this call made a new certificate (cards must be printed again).
    """

    cert: Path
    key: Path
    fingerprint: str
    names: tuple[str, ...]
    not_after: dt.datetime
    created: bool = False


def _crypto():
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    except ImportError:  # pragma: no cover - JupyterHub always brings it
        raise SertifikatError(
            "Paket Python 'cryptography' tidak ada. Jalankan kelas.py dengan Python hub "
            "(/opt/tangguh-hub/venv/bin/python, dipasang oleh install.sh)."
        ) from None
    return x509, hashes, serialization, ec, ExtendedKeyUsageOID, NameOID


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def check_name(name: str) -> str:
    """Return ``name`` (an IP address or a DNS host name) cleaned, or raise SertifikatError."""
    clean = str(name).strip().rstrip(".").lower()
    if _is_ip(clean):
        return str(ipaddress.ip_address(clean))
    labels = clean.split(".")
    ok = 0 < len(clean) <= 253 and all(
        0 < len(lab) <= 63
        and lab[0] != "-"
        and lab[-1] != "-"
        and all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in lab)
        for lab in labels
    )
    if not ok:
        raise SertifikatError(
            f"Nama {name!r} untuk sertifikat tidak valid: tulis alamat IP (mis. 192.168.1.20) "
            "atau nama host (mis. kelas.bpsdm.go.id)."
        )
    return clean


def fingerprint(cert) -> str:
    """Return the SHA-256 fingerprint of an ``x509.Certificate``: ``AB:CD:...`` (32 pairs)."""
    _, hashes, *_ = _crypto()
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def spki_sha256_base64(cert) -> str:
    """Return base64(SHA-256(SubjectPublicKeyInfo)): the pin Chromium's SPKI allow-list takes."""
    _, _, serialization, *_ = _crypto()
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def fingerprint_lines(fp: str, per_line: int = 8) -> list[str]:
    """Split a fingerprint into lines of ``per_line`` pairs (cards and the whiteboard)."""
    pairs = fp.split(":")
    return [":".join(pairs[i : i + per_line]) for i in range(0, len(pairs), per_line)]


def load(cert_path: str | Path):
    """Read a PEM certificate; raise SertifikatError if it is missing or not a certificate."""
    x509, *_ = _crypto()
    path = Path(cert_path)
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise SertifikatError(f"Sertifikat {path} tidak dapat dibaca: {exc}") from None


def names_in(cert) -> tuple[str, ...]:
    """Return the IP addresses and DNS names in the certificate's subjectAltName."""
    x509, *_ = _crypto()
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ()
    ips = [str(a) for a in san.get_values_for_type(x509.IPAddress)]
    return (*ips, *san.get_values_for_type(x509.DNSName))


def info(cert_path: str | Path, key_path: str | Path, *, created: bool = False) -> CertInfo:
    """Describe a certificate and its key after checking that they belong together."""
    _, _, serialization, *_ = _crypto()
    cert = load(cert_path)
    key_path = Path(key_path)
    try:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SertifikatError(f"Kunci privat {key_path} tidak dapat dibaca: {exc}") from None
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    if key.public_key().public_bytes(der, spki) != cert.public_key().public_bytes(der, spki):
        raise SertifikatError(f"Kunci privat {key_path} bukan pasangan sertifikat {cert_path}.")
    return CertInfo(
        cert=Path(cert_path),
        key=key_path,
        fingerprint=fingerprint(cert),
        names=names_in(cert),
        not_after=cert.not_valid_after_utc,
        created=created,
    )


def _write(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path`` atomically with exactly ``mode`` (never wider, even briefly)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def generate(
    folder: str | Path,
    names: Iterable[str],
    *,
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
) -> CertInfo:
    """Make a self-signed certificate and key for ``names`` in ``folder`` (mode 0700).

    Args:
        folder: Where ``kelas.crt`` (0644) and ``kelas.key`` (0600) are written.
        names: IP addresses and DNS names the hub is reached by (at least one).
        days: Validity after ``now``, in days (1-825).
        now: Creation time (UTC; default: the clock). For tests.

    Returns:
        The new certificate's :class:`CertInfo` (``created=True``).
    """
    x509, hashes, serialization, ec, eku, oid = _crypto()
    clean = list(dict.fromkeys(check_name(n) for n in names))
    if not clean:
        raise SertifikatError("Sertifikat butuh paling sedikit satu alamat IP atau nama host.")
    if not 1 <= int(days) <= 825:
        raise SertifikatError(f"Masa berlaku sertifikat {days} hari di luar rentang 1-825 hari.")
    now = now or dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(oid.COMMON_NAME, SUBJECT),
            x509.NameAttribute(oid.ORGANIZATION_NAME, "Tangguh Digital (buatan kelas.py)"),
        ]
    )
    san = [x509.IPAddress(ipaddress.ip_address(n)) if _is_ip(n) else x509.DNSName(n) for n in clean]
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + dt.timedelta(days=int(days)))
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.ExtendedKeyUsage([eku.SERVER_AUTH]), critical=False)
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write(folder / KEY_NAME, key_pem, 0o600)
    _write(folder / CERT_NAME, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return info(folder / CERT_NAME, folder / KEY_NAME, created=True)


def ensure(
    folder: str | Path,
    names: Iterable[str],
    *,
    required: Iterable[str] = (),
    days: int = DEFAULT_DAYS,
    renew_days: int = RENEW_DAYS,
    force: bool = False,
    now: dt.datetime | None = None,
) -> CertInfo:
    """Keep the certificate in ``folder`` if it still serves, else make a new one.

    The existing certificate is kept (so printed cards stay true) unless ``force``, it or its key is
    missing or broken, the key is readable by anyone but its owner, it expires within
    ``renew_days`` days, or a name in ``required`` (the address the hub binds, host names the
    trainer gave) is not in it. Names only in ``names`` (addresses found on the machine) do not
    force a new certificate: when the laptop joins another network, the browser's warning also
    mentions the name, and the fingerprint check still holds.

    Args:
        folder: The hub's certificate folder (``<state>/tls``).
        names: Every name to put in a new certificate.
        required: Names the kept certificate must contain.
        days: Lifetime of a new certificate (days).
        renew_days: Replace a certificate expiring within this many days.
        force: Always make a new certificate.
        now: The current time (UTC; default: the clock). For tests.
    """
    folder = Path(folder)
    now = now or dt.datetime.now(dt.UTC)
    cert, key = folder / CERT_NAME, folder / KEY_NAME
    want = [check_name(n) for n in (*required, *names)]
    if not force and cert.exists() and key.exists():
        try:
            found = info(cert, key)
        except SertifikatError:
            found = None
        if (
            found is not None
            and key.stat().st_mode & 0o077 == 0
            and found.not_after - now > dt.timedelta(days=renew_days)
            and {check_name(n) for n in required} <= set(found.names)
        ):
            return found
    return generate(folder, want, days=days, now=now)


def use_existing(cert_path: str | Path, key_path: str | Path) -> CertInfo:
    """Check a certificate the trainer brings (e.g. the regional office's, signed by a real CA).

    The key must belong to the certificate and be readable by its owner only: participants have
    accounts on the classroom machine.
    """
    key_path = Path(key_path)
    found = info(cert_path, key_path)
    if key_path.stat().st_mode & 0o077:
        raise SertifikatError(
            f"Kunci privat {key_path} dapat dibaca akun lain di komputer ini (peserta juga punya "
            f"akun di sini). Jalankan: chmod 600 {key_path}"
        )
    return found
