"""The classroom server's certificate (classroom/sertifikat.py) and what kelas.py prints with it.

Unit tests without a hub: the certificate's names, key, lifetime and file modes; when ``ensure``
keeps it (so printed cards stay true) and when it makes a new one; a certificate the trainer
brings; the fingerprint and the SPKI pin against the ``openssl`` command line (an independent
implementation); the cards and the whiteboard lines with and without HTTPS. The served
certificate, the browser and the cookies are tested with the real hub in test_classroom_hub.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import shutil
import socket
import ssl
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("cryptography")  # the hub's venv has it through JupyterHub (certipy)

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "classroom"))

import kelas  # noqa: E402
import sertifikat  # noqa: E402

NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
OPENSSL = shutil.which("openssl")


@pytest.fixture
def made(tmp_path):
    return sertifikat.generate(
        tmp_path / "tls", ["192.168.1.20", "Kelas.Local.", "127.0.0.1"], now=NOW
    )


def _der(path: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(path.read_text())


def test_generated_certificate_names_key_and_lifetime(made) -> None:
    cert = x509.load_pem_x509_certificate(made.cert.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(a) for a in san.get_values_for_type(x509.IPAddress)] == [
        "192.168.1.20",
        "127.0.0.1",
    ]
    assert san.get_values_for_type(x509.DNSName) == ["kelas.local"]  # cleaned: case, final dot
    assert made.names == ("192.168.1.20", "127.0.0.1", "kelas.local")
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert cert.public_key().curve.name == "secp256r1"
    assert cert.signature_hash_algorithm.name == "sha256"
    assert cert.issuer == cert.subject  # self-signed
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca is False  # cannot sign for other sites
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]
    assert cert.not_valid_before_utc == NOW - dt.timedelta(days=1)
    assert cert.not_valid_after_utc == NOW + dt.timedelta(days=sertifikat.DEFAULT_DAYS)
    assert made.created and made.not_after == cert.not_valid_after_utc


def test_generated_files_modes(made) -> None:
    assert stat.S_IMODE(made.key.stat().st_mode) == 0o600
    assert made.key.stat().st_uid == os.geteuid()
    assert stat.S_IMODE(made.cert.stat().st_mode) == 0o644
    assert stat.S_IMODE(made.key.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in made.key.parent.iterdir()) == ["kelas.crt", "kelas.key"]


def test_fingerprint_is_sha256_of_the_der(made) -> None:
    digest = hashlib.sha256(_der(made.cert)).hexdigest().upper()
    assert made.fingerprint.replace(":", "") == digest
    assert len(made.fingerprint) == 95 and made.fingerprint.count(":") == 31


@pytest.mark.skipif(OPENSSL is None, reason="openssl command line not installed")
def test_fingerprint_and_pin_agree_with_openssl(made) -> None:
    out = subprocess.run(
        [OPENSSL, "x509", "-in", str(made.cert), "-noout", "-fingerprint", "-sha256"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.strip().split("=", 1)[1] == made.fingerprint
    pub = subprocess.run(
        [OPENSSL, "x509", "-in", str(made.cert), "-noout", "-pubkey"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    spki = subprocess.run(
        [OPENSSL, "pkey", "-pubin", "-outform", "der"], input=pub, capture_output=True, check=True
    ).stdout
    pin = base64.b64encode(hashlib.sha256(spki).digest()).decode()
    assert sertifikat.spki_sha256_base64(sertifikat.load(made.cert)) == pin


def _handshake(made, server_hostname: str) -> str:
    """A TLS handshake on 127.0.0.1: server with the key, client trusting only the certificate."""
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(made.cert, made.key)
    client_ctx = ssl.create_default_context(cafile=str(made.cert))
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        def serve() -> None:
            conn, _ = listener.accept()
            try:
                with server_ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (ssl.SSLError, OSError):
                pass

        worker = threading.Thread(target=serve, daemon=True)
        worker.start()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                with client_ctx.wrap_socket(raw, server_hostname=server_hostname) as tls:
                    version = tls.version()
                    tls.sendall(b"x")
                    return version
        finally:
            worker.join(timeout=10)


def test_strict_client_trusting_only_this_certificate_connects(made) -> None:
    """The certificate is the single trust anchor of a verifying client (as in the hub tests)."""
    assert _handshake(made, "127.0.0.1").startswith("TLSv1.")
    assert _handshake(made, "kelas.local").startswith("TLSv1.")
    with pytest.raises(ssl.SSLCertVerificationError):
        _handshake(made, "10.9.9.9")  # a name the certificate does not carry


def test_ensure_keeps_a_certificate_that_still_serves(made) -> None:
    folder = made.cert.parent
    later = NOW + dt.timedelta(days=200)
    kept = sertifikat.ensure(folder, ["10.0.0.7"], required=["192.168.1.20"], now=later)
    assert not kept.created and kept.fingerprint == made.fingerprint
    # a name found on the machine but not asked for (the laptop joined another network) is not
    # a reason for a new certificate: the cards already printed stay true
    assert "10.0.0.7" not in kept.names


@pytest.mark.parametrize(
    ("change", "kwargs"),
    [
        ("expiring", {"now": NOW + dt.timedelta(days=sertifikat.DEFAULT_DAYS - 29)}),
        ("required name missing", {"required": ["kelas.bpsdm.go.id"]}),
        ("forced", {"force": True}),
        ("key readable by others", {}),
        ("key of another certificate", {}),
        ("key missing", {}),
        ("certificate broken", {}),
    ],
)
def test_ensure_makes_a_new_certificate_when(made, change, kwargs) -> None:
    folder = made.cert.parent
    if change == "key readable by others":
        os.chmod(made.key, 0o644)
    elif change == "key of another certificate":
        other = sertifikat.generate(folder.parent / "other", ["127.0.0.1"], now=NOW)
        made.key.write_bytes(other.key.read_bytes())
    elif change == "key missing":
        made.key.unlink()
    elif change == "certificate broken":
        made.cert.write_text("-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n")
    kwargs = {"now": NOW + dt.timedelta(days=10), **kwargs}
    new = sertifikat.ensure(folder, ["127.0.0.1"], **kwargs)
    assert new.created and new.fingerprint != made.fingerprint
    assert stat.S_IMODE(new.key.stat().st_mode) == 0o600
    assert set(kwargs.get("required", [])) <= set(new.names)
    assert sertifikat.info(new.cert, new.key).fingerprint == new.fingerprint


def test_ensure_does_not_renew_31_days_before_expiry(made) -> None:
    now = NOW + dt.timedelta(days=sertifikat.DEFAULT_DAYS - 31)
    assert not sertifikat.ensure(made.cert.parent, ["127.0.0.1"], now=now).created


@pytest.mark.parametrize(
    "bad", ["kelas server", "-kelas.local", "a" * 64 + ".local", "kelas..local", "ıkelas.local", ""]
)
def test_bad_names_are_refused_in_indonesian(tmp_path, bad) -> None:
    with pytest.raises(sertifikat.SertifikatError, match="tidak valid|paling sedikit"):
        sertifikat.generate(tmp_path, [bad])


def test_lifetime_bounds(tmp_path) -> None:
    for days in (0, 826):
        with pytest.raises(sertifikat.SertifikatError, match="1-825 hari"):
            sertifikat.generate(tmp_path, ["127.0.0.1"], days=days)


def test_use_existing_checks_the_pair_and_the_key_mode(made, tmp_path) -> None:
    assert sertifikat.use_existing(made.cert, made.key).fingerprint == made.fingerprint
    os.chmod(made.key, 0o640)
    with pytest.raises(sertifikat.SertifikatError, match="chmod 600"):
        sertifikat.use_existing(made.cert, made.key)
    os.chmod(made.key, 0o600)
    other = sertifikat.generate(tmp_path / "other", ["127.0.0.1"], now=NOW)
    with pytest.raises(sertifikat.SertifikatError, match="bukan pasangan"):
        sertifikat.use_existing(made.cert, other.key)
    with pytest.raises(sertifikat.SertifikatError, match="tidak dapat dibaca"):
        sertifikat.use_existing(tmp_path / "tidak-ada.crt", made.key)


@given(st.binary(min_size=32, max_size=32))
def test_fingerprint_lines_keep_every_pair(digest) -> None:
    fp = ":".join(f"{b:02X}" for b in digest)
    lines = sertifikat.fingerprint_lines(fp)
    assert len(lines) == 4 and all(len(line) == 23 for line in lines)
    assert ":".join(lines) == fp


# ----------------------------------------------------------------- kelas.py: cards and whiteboard


def _settings(made, tmp_path, tls=True) -> dict:
    info = {"cert": str(made.cert), "key": str(made.key), "fingerprint": made.fingerprint}
    return {"ip": "192.168.1.20", "port": 8000, "tls": info if tls else None}


def test_cards_carry_the_fingerprint_and_the_https_address(made, tmp_path) -> None:
    html_path, txt_path = kelas.write_cards(
        tmp_path, {"pelatih": "abcdefgh", "p01": "hjkmnpqr"}, {"p01": "P01"},
        "https://192.168.1.20:8000/", "pelatih", made.fingerprint,
    )  # fmt: skip
    page = html_path.read_text()
    for line in sertifikat.fingerprint_lines(made.fingerprint):
        assert page.count(line) == 2  # trainer's card and participant's card
    assert "sidik jari SHA-256" in page and "jangan masuk" in page
    assert page.count("https://192.168.1.20:8000/") == 2
    text = txt_path.read_text()
    assert f"Sidik jari sertifikat (SHA-256): {made.fingerprint}" in text
    assert stat.S_IMODE(html_path.stat().st_mode) == 0o600


def test_cards_without_https_have_no_fingerprint(tmp_path) -> None:
    html_path, txt_path = kelas.write_cards(
        tmp_path, {"p01": "hjkmnpqr"}, {"p01": "P01"}, "http://192.168.1.20:8000/", "pelatih"
    )
    assert "sidik jari" not in html_path.read_text().lower()
    assert "Sidik jari" not in txt_path.read_text()


def test_board_lines_with_https(made, tmp_path) -> None:
    lines = kelas.board_lines(_settings(made, tmp_path))
    assert "    https://192.168.1.20:8000/" in lines
    assert [x.strip() for x in lines[-4:]] == sertifikat.fingerprint_lines(made.fingerprint)


def test_board_lines_note_an_address_missing_from_the_certificate(made, tmp_path) -> None:
    settings = {**_settings(made, tmp_path), "ip": "10.1.2.3"}
    text = "\n".join(kelas.board_lines(settings))
    assert "10.1.2.3 tidak tercantum di sertifikat" in text and "--sertifikat-baru" in text


def test_board_lines_refuse_a_certificate_changed_since_setup(made, tmp_path) -> None:
    settings = _settings(made, tmp_path)
    sertifikat.generate(made.cert.parent, ["192.168.1.20"], now=NOW)  # replaced behind setup's back
    with pytest.raises(kelas.KelasError, match="cetak ulang kartu"):
        kelas.board_lines(settings)


def test_board_lines_without_https_warn(made, tmp_path) -> None:
    lines = kelas.board_lines(_settings(made, tmp_path, tls=False))
    assert "    http://192.168.1.20:8000/" in lines
    assert any(line.startswith("PERINGATAN: tanpa HTTPS") for line in lines)


def test_whiteboard_scheme_and_names_first() -> None:
    assert kelas.whiteboard_addresses("127.0.0.1", 8443, "https") == ["https://127.0.0.1:8443/"]
    # a Docker container cannot see the laptop's address: the name given comes first (cards)
    got = kelas.whiteboard_addresses("127.0.0.1", 8000, "https", ["192.168.1.20", "127.0.0.1"])
    assert got == ["https://192.168.1.20:8000/", "https://127.0.0.1:8000/"]


def test_board_lines_print_the_names_given(made, tmp_path) -> None:
    settings = {**_settings(made, tmp_path), "ip": "127.0.0.1", "names": ["kelas.local"]}
    lines = kelas.board_lines(settings)
    assert lines[1:3] == ["    https://kelas.local:8000/", "    https://127.0.0.1:8000/"]
    assert not any("tidak tercantum" in line for line in lines)


def test_cli_makes_a_certificate_for_docker_or_kubernetes(tmp_path, capsys) -> None:
    out = tmp_path / "k8s"
    assert kelas.main(["sertifikat", "--nama", "kelas.example.org", "--keluar", str(out)]) == 0
    printed = capsys.readouterr().out
    made = sertifikat.info(out / "kelas.crt", out / "kelas.key")
    assert made.names == ("kelas.example.org",) and made.fingerprint in printed
    assert kelas.main(["sertifikat", "--nama", "bukan nama", "--keluar", str(out)]) == 1
    assert "KESALAHAN" in capsys.readouterr().err
