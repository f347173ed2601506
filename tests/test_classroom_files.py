"""Static checks of the classroom set-up files: Zero to JupyterHub values, Dockerfile, kelas.py.

Nothing is built or deployed here: the values file must be valid YAML whose paths and names agree
with the single-machine server (classroom/jupyterhub_config.py, kelas.py, the drop-box module), and
the Dockerfile is linted by a small parser (a few hadolint rules) and must install environment.yml.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simulations.course import dropbox

REPO = Path(__file__).resolve().parents[1]
CLASSROOM = REPO / "classroom"
sys.path.insert(0, str(CLASSROOM))

import kelas  # noqa: E402

INSTRUCTIONS = {
    "FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
    "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
}  # fmt: skip


def parse_dockerfile(text: str) -> list[tuple[str, str]]:
    """Return ``(INSTRUCTION, arguments)`` pairs: comments dropped, continuation lines joined."""
    out: list[tuple[str, str]] = []
    buf = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("#")):
            continue
        if buf and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            buf += stripped[:-1].rstrip() + " "
            continue
        buf += stripped
        word, _, rest = buf.partition(" ")
        out.append((word, rest.strip()))
        buf = ""
    assert not buf, "Dockerfile ends inside a continued line"
    return out


@pytest.fixture(scope="module")
def dockerfile() -> list[tuple[str, str]]:
    return parse_dockerfile((CLASSROOM / "Dockerfile").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((CLASSROOM / "z2jh" / "values.yaml").read_text(encoding="utf-8"))


def _install_sh(name: str) -> str:
    m = re.search(rf'^{name}="([^"]+)"', (CLASSROOM / "install.sh").read_text(), re.M)
    assert m, name
    return m.group(1)


def test_parser_on_a_known_text() -> None:
    text = "# c\nFROM a:1\nRUN x \\\n    && y\n\nENV A=1\n"
    assert parse_dockerfile(text) == [("FROM", "a:1"), ("RUN", "x && y"), ("ENV", "A=1")]


def test_dockerfile_lint(dockerfile) -> None:
    words = [w for w, _ in dockerfile]
    assert set(words) <= INSTRUCTIONS, set(words) - INSTRUCTIONS
    assert words[0] == "FROM"
    image = dockerfile[0][1].split()[0]
    assert ":" in image and not image.endswith(":latest"), "DL3006/DL3007: pin the base image"
    for word, args in dockerfile:
        if word != "RUN":
            continue
        assert "sudo " not in args, "DL3004: no sudo"
        assert not re.search(r"\bcd\s", args), "DL3003: use WORKDIR"
        if "apt-get install" in args:
            assert "--no-install-recommends" in args, "DL3015"
            assert "-y" in args.split(), "DL3014"
            assert "rm -rf /var/lib/apt/lists" in args, "DL3009"
        if "pip install" in args:
            assert "--no-cache-dir" in args, "DL3042"
    assert "ADD" not in words, "DL3020: COPY, not ADD"


def test_dockerfile_installs_environment_yml_and_the_same_hub(dockerfile) -> None:
    runs = " ".join(a for w, a in dockerfile if w == "RUN")
    copies = [shlex.split(a) for w, a in dockerfile if w == "COPY"]
    assert ["environment.yml", "/tmp/environment.yml"] in copies
    assert "micromamba create -y -p /opt/tangguh-hub/venv -f /tmp/environment.yml" in runs
    assert f'"{_install_sh("JUPYTERHUB_SPEC")}"' in runs
    assert f'"{_install_sh("CULLER_SPEC")}"' in runs
    assert f"configurable-http-proxy@{_install_sh('CHP_VERSION')}" in runs
    # the package itself without dependencies (they all come from environment.yml, as postBuild)
    assert "pip install --no-cache-dir --no-deps -e /opt/tangguh-hub/src" in runs
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    names = {re.split(r"[<>=! ]", d)[0] for d in env["dependencies"] if isinstance(d, str)}
    assert {"python", "jupyterlab", "mesa", "ipywidgets"} <= names
    assert "EXPOSE" in dict(dockerfile) and dict(dockerfile)["EXPOSE"] == "8000"
    entry = shlex.split(dict(dockerfile)["ENTRYPOINT"].strip("[]").replace(",", " "))[0]
    local = CLASSROOM / Path(entry).name
    assert entry == f"/opt/tangguh-hub/src/classroom/{local.name}" and local.exists()
    assert local.stat().st_mode & 0o111


def test_z2jh_values_consistent_with_the_local_server(values) -> None:
    su = values["singleuser"]
    mounts = {m["name"]: m for m in su["storage"]["extraVolumeMounts"]}
    volumes = {v["name"]: v for v in su["storage"]["extraVolumes"]}
    box = mounts["kotak-kumpul"]
    assert box["name"] in volumes
    assert su["extraEnv"][dropbox.ENV_VAR] == box["mountPath"] == str(kelas.DEFAULT_DROPBOX)
    assert box["subPath"] == "{username}"
    # identity from the sub-folder only where the deployment says so (issue 19)
    assert su["extraEnv"][dropbox.LAYOUT_VAR] == "subfolder"
    config = (CLASSROOM / "jupyterhub_config.py").read_text()
    assert dropbox.LAYOUT_VAR not in config  # the single-machine hub: identity = file owner
    pvc = yaml.safe_load((CLASSROOM / "z2jh" / "kotak-kumpul-pvc.yaml").read_text())
    assert volumes["kotak-kumpul"]["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    assert su["defaultUrl"] == f"/lab/tree/{kelas.WORKSPACE}/00_mulai_di_sini.ipynb"
    config = (CLASSROOM / "jupyterhub_config.py").read_text()
    assert "/lab/tree/{s['workspace']}/00_mulai_di_sini.ipynb" in config
    hook = " ".join(su["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert f"/home/jovyan/{kelas.WORKSPACE}" in hook and "/opt/tangguh-hub/src/notebooks" in hook
    assert su["storage"]["homeMountPath"] == su["extraEnv"]["HOME"]
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] >= 3600
    assert values["hub"]["config"]["Authenticator"]["admin_users"] == ["pelatih"]
    assert "kotak-kumpul" in values["hub"]["extraConfig"]["10-kotak-kumpul"]
    compile(values["hub"]["extraConfig"]["10-kotak-kumpul"], "extraConfig", "exec")
    # the hub config of the local server uses the same variable and culler floor
    assert f'"{dropbox.ENV_VAR}"' in config


def test_read_codes_rules(tmp_path) -> None:
    f = tmp_path / "peserta.csv"
    f.write_text("kode_peserta,catatan\nP01,meja 1\np02,\n\n# komentar\n", encoding="utf-8")
    assert kelas.read_codes(f) == ["P01", "P02"]
    for bad, needle in (
        ("P01\nP01\n", "ganda"),
        ("Budi Santoso\n", "tidak valid"),
        ("07A\n", "diawali huruf"),
        ("root\n", "dipakai sistem"),
        ("# kosong\n", "tidak ada kode"),
    ):
        f.write_text(bad, encoding="utf-8")
        with pytest.raises(kelas.KelasError, match=needle):
            kelas.read_codes(f)


def test_passwords_and_addresses() -> None:
    pws = {kelas.make_password() for _ in range(200)}
    assert len(pws) == 200 and all(len(p) == 8 and set(p) <= set(kelas.ALPHABET) for p in pws)
    assert not set("0o1li") & set(kelas.ALPHABET)
    assert kelas.whiteboard_addresses("127.0.0.1", 8123) == ["http://127.0.0.1:8123/"]
    assert all(a.endswith(":8000/") for a in kelas.whiteboard_addresses("0.0.0.0", 8000))


def test_z2jh_serves_https_with_the_certificate_kelas_py_makes(values) -> None:
    """proxy.https on, from a TLS secret whose making (kelas.py sertifikat) the file documents."""
    https = values["proxy"]["https"]
    assert https["enabled"] is True and https["type"] == "secret"
    name = https["secret"]["name"]
    text = (CLASSROOM / "z2jh" / "values.yaml").read_text(encoding="utf-8")
    assert "kelas.py sertifikat --nama" in text
    assert f"kubectl create secret tls {name} --cert=tls/kelas.crt --key=tls/kelas.key" in text
    assert "kelas.py claim --url https://" in text and "--sertifikat tls/kelas.crt" in text
    assert https["hosts"] and all("://" not in h for h in https["hosts"])


def _entrypoint(tmp_path, **env) -> list[list[str]]:
    """Run docker-entrypoint.sh with a stand-in ``python`` that records its arguments."""
    stub = tmp_path / "bin"
    stub.mkdir(exist_ok=True)
    log = tmp_path / "calls.txt"
    (stub / "python").write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> {log}\necho >> {log}\n')
    (stub / "python").chmod(0o755)
    peserta = tmp_path / "peserta.txt"
    peserta.write_text("P01\n")
    log.write_text("")
    subprocess.run(
        ["sh", str(CLASSROOM / "docker-entrypoint.sh")],
        env={"PATH": f"{stub}:/usr/bin:/bin", "PESERTA": str(peserta), **env},
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return [line.rstrip("|").split("|") for line in log.read_text().splitlines()]


def test_docker_entrypoint_https_by_default_names_and_opt_out(tmp_path) -> None:
    setup, start = _entrypoint(tmp_path)
    assert setup[0].endswith("classroom/kelas.py") and setup[1] == "setup"
    assert "--tanpa-https" not in setup and "--nama" not in setup
    assert start[1:] == ["start"]
    setup, _ = _entrypoint(tmp_path, NAMA_KELAS="192.168.1.20 kelas.local")
    assert setup[-4:] == ["--nama", "192.168.1.20", "--nama", "kelas.local"]
    setup, _ = _entrypoint(tmp_path, HTTPS_KELAS="tidak")
    assert setup[-1] == "--tanpa-https"


def test_singleuser_https_config_is_valid_json() -> None:
    cfg = json.loads((CLASSROOM / "singleuser_https.json").read_text())
    assert cfg["ServerApp"]["tornado_settings"]["xsrf_cookie_kwargs"] == {"secure": True}
    assert "singleuser_https.json" in (CLASSROOM / "jupyterhub_config.py").read_text()


def test_z2jh_tabletop_service_matches_the_local_server(values) -> None:
    """The tabletop service on Kubernetes: same name, scopes, roles and variable as on one machine,
    and the Deployment, Service, values and the participants' network policy agree on the port."""
    import tabletop_players as tp

    service = tp.SERVICE
    access, fac = tp.PLAYER_SCOPES[0], tp.FACILITATOR_SCOPES[-1]
    hub = values["hub"]
    assert hub["loadRoles"]["user"]["scopes"] == ["self", access]
    assert hub["loadRoles"][f"{service}-fasilitator"] == {"scopes": [fac], "users": ["pelatih"]}
    assert list(hub["config"]["JupyterHub"]["custom_scopes"]) == [fac]
    assert hub["config"]["Spawner"]["server_token_scopes"] == [access, fac, "users:activity!user"]
    # the single-machine config says the same, and so do the service and its client
    config = (CLASSROOM / "jupyterhub_config.py").read_text()
    for needle in (f'MEJA = "{service}"', 'MEJA_ACCESS = f"access:services!service={MEJA}"',
                   'MEJA_FASILITATOR = f"custom:{MEJA}:fasilitator"',
                   '{"name": "user", "scopes": ["self", MEJA_ACCESS]}',
                   "c.Spawner.server_token_scopes = [MEJA_ACCESS, MEJA_FASILITATOR, "
                   '"users:activity!user"]', '"TANGGUH_LATIHAN_MEJA_URL"'):  # fmt: skip
        assert needle in config, needle
    code = (CLASSROOM / "tabletop_service.py").read_text()
    assert f'SERVICE_NAME = "{service}"' in code and f'FACILITATOR_SCOPE = "{fac}"' in code
    from simulations.course.tabletop_hub import ENV_URL

    url = hub["services"][service]["url"]
    port = int(url.rsplit(":", 1)[1])
    assert values["singleuser"]["extraEnv"][ENV_URL] == f"{url}/services/{service}/"
    docs = list(yaml.safe_load_all((CLASSROOM / "z2jh" / f"{service}.yaml").read_text()))
    kinds = {d["kind"]: d for d in docs}
    assert set(kinds) == {"PersistentVolumeClaim", "Deployment", "Service"}
    assert kinds["Service"]["metadata"]["name"] == url.split("//")[1].split(":")[0]
    assert kinds["Service"]["spec"]["ports"][0]["port"] == port
    dep = kinds["Deployment"]["spec"]
    assert dep["replicas"] == 1 and dep["strategy"]["type"] == "Recreate"  # one SQLite writer
    labels = dep["template"]["metadata"]["labels"]
    assert labels["hub.jupyter.org/network-access-hub"] == "true"
    assert kinds["Service"]["spec"]["selector"].items() <= labels.items()
    (container,) = dep["template"]["spec"]["containers"]
    assert container["command"][:2] == ["/opt/tangguh-hub/venv/bin/python",
                                         "/opt/tangguh-hub/src/classroom/tabletop_service.py"]  # fmt: skip
    env = {e["name"]: e.get("value", e.get("valueFrom")) for e in container["env"]}
    assert env["JUPYTERHUB_API_TOKEN"]["secretKeyRef"] == {
        "name": "hub", "key": f"hub.services.{service}.apiToken"}  # fmt: skip
    assert env["JUPYTERHUB_SERVICE_PREFIX"] == f"/services/{service}/"
    assert env["JUPYTERHUB_SERVICE_URL"].endswith(f":{port}")
    assert container["ports"] == [{"containerPort": port}]
    (rule,) = values["singleuser"]["networkPolicy"]["egress"]
    assert rule["ports"] == [{"protocol": "TCP", "port": port}]
    assert rule["to"][0]["podSelector"]["matchLabels"].items() <= labels.items()
