"""JupyterLab in Indonesian, without the news pop-up, wherever it runs.

One source file, ``jupyter/overrides.json``, is installed by ``jupyter/install_overrides.py`` into
JupyterLab's application settings directory by every target (``make lab``/``make test``, Binder's
``postBuild``, ``classroom/install.sh``, ``classroom/Dockerfile`` and so the Zero to JupyterHub
pods). Checked here: the file is valid against the real plugin schemas, the locale it names is the
one the installed language pack provides, JupyterLab's own reader sees the installed file, the
installer merges and checks, and every target calls it. The browser tests (tests/e2e) show the
Indonesian menus in a real JupyterLab; tests/test_classroom_hub.py does the same on the hub.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "jupyter" / "overrides.json"
SCRIPT = REPO / "jupyter" / "install_overrides.py"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PACK_DIST = "jupyterlab-language-pack-id-ID"
PACK_MODULE = "jupyterlab_language_pack_id_ID"


def _installer():
    spec = importlib.util.spec_from_file_location("install_overrides", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _need(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed (the 'lab' extra)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_overrides_set_indonesian_and_switch_news_off() -> None:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    assert data["@jupyterlab/translation-extension:plugin"]["locale"] == "id_ID"
    notification = data["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


def test_overrides_are_valid_against_jupyterlab_schemas() -> None:
    """Every plugin id exists in the installed JupyterLab and every value passes its schema."""
    _need("jupyterlab")
    import jsonschema
    from jupyterlab.commands import get_app_dir

    schemas = Path(get_app_dir()) / "schemas"
    for plugin_id, values in json.loads(SOURCE.read_text(encoding="utf-8")).items():
        package, _, plugin = plugin_id.partition(":")
        path = schemas / package / f"{plugin}.json"
        assert path.exists(), f"{plugin_id}: no schema {path} (misspelt plugin id?)"
        schema = json.loads(path.read_text(encoding="utf-8"))
        for key in values:
            assert key in schema["properties"], f"{plugin_id}: unknown setting {key!r}"
        jsonschema.validate(values, schema)


def test_locale_is_the_one_the_language_pack_provides() -> None:
    _need(PACK_MODULE)
    import jupyterlab_language_pack_id_ID as pack

    locale = json.loads(SOURCE.read_text(encoding="utf-8"))[
        "@jupyterlab/translation-extension:plugin"
    ]["locale"]
    catalogue = Path(pack.__file__).parent / "locale" / locale / "LC_MESSAGES" / "jupyterlab.json"
    assert catalogue.exists(), f"the pack has no {locale} catalogue for JupyterLab"
    # JupyterLab finds packs through this entry point group (jupyterlab_server.translation_utils)
    names = {ep.name for ep in importlib.metadata.entry_points(group="jupyterlab.languagepack")}
    assert locale in names, names


def test_installer_writes_what_jupyterlab_reads(tmp_path: Path) -> None:
    """install -> JupyterLab's own overrides reader returns the project's settings."""
    _need("jupyterlab_server")
    from jupyterlab_server.settings_utils import _get_overrides

    assert _run("--settings-dir", str(tmp_path), "--check").returncode == 1
    result = _run("--settings-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    target = tmp_path / "overrides.json"
    assert target.stat().st_mode & 0o044 == 0o044, "participants must be able to read it"
    assert _run("--settings-dir", str(tmp_path), "--check").returncode == 0
    overrides, error = _get_overrides(str(tmp_path))
    assert not error
    for plugin_id, values in json.loads(SOURCE.read_text(encoding="utf-8")).items():
        assert {k: overrides[plugin_id][k] for k in values} == values


def test_installer_uses_jupyterlabs_app_dir(tmp_path: Path) -> None:
    """Without --settings-dir it installs into get_app_dir()/settings (honours $JUPYTERLAB_DIR)."""
    _need("jupyterlab")
    result = _run(env={"JUPYTERLAB_DIR": str(tmp_path / "lab")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "lab" / "settings" / "overrides.json").exists()


def test_installer_merges_an_existing_file_and_is_idempotent(tmp_path: Path) -> None:
    installer = _installer()
    own = {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/apputils-extension:notification": {"doNotDisturbMode": True},
    }
    (tmp_path / "overrides.json").write_text(json.dumps(own), encoding="utf-8")
    first = installer.install(tmp_path).read_text(encoding="utf-8")
    assert installer.install(tmp_path).read_text(encoding="utf-8") == first
    merged = json.loads(first)
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert merged["@jupyterlab/apputils-extension:notification"] == {
        "doNotDisturbMode": True,
        "fetchNews": "false",
        "checkForUpdates": False,
    }
    assert merged["@jupyterlab/translation-extension:plugin"] == {"locale": "id_ID"}
    assert installer.is_installed(tmp_path)
    assert not list(tmp_path.glob(".overrides-*")), "temporary file left behind"


def test_installer_leaves_a_broken_file_alone(tmp_path: Path) -> None:
    (tmp_path / "overrides.json").write_text("{not json", encoding="utf-8")
    result = _run("--settings-dir", str(tmp_path))
    assert result.returncode != 0
    assert "not valid JSON" in result.stderr
    assert (tmp_path / "overrides.json").read_text(encoding="utf-8") == "{not json"


def test_pack_is_in_the_lab_extra_and_binder() -> None:
    """The pack is installed wherever the 'lab' extra is: make lab, the hub venv, Binder, Docker."""
    lab = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["lab"]
    assert any(r.lower().startswith(PACK_DIST.lower()) for r in lab), lab
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    assert any(d.startswith(PACK_DIST.lower()) for d in deps), deps  # conda-forge: lower case


def _install_calls(text: str) -> list[str]:
    """Lines that run the installer (comments left out)."""
    return [
        ln.strip()
        for ln in text.splitlines()
        if "jupyter/install_overrides.py" in ln and not ln.lstrip().startswith("#")
    ]


def test_every_target_installs_the_overrides() -> None:
    """make lab/test/e2e, postBuild, classroom/install.sh and the Dockerfile call the installer."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/python jupyter/install_overrides.py" in makefile
    for target in ("lab", "test", "e2e"):
        line = next(ln for ln in makefile.splitlines() if ln.startswith(f"{target}:"))
        assert "$(VENV)/.lab-settings" in line, f"make {target} does not install the settings"

    post_build = (REPO / "postBuild").read_text(encoding="utf-8")
    calls = _install_calls(post_build)
    assert calls and calls[0].startswith("python "), post_build
    assert post_build.index("pip install --no-deps -e .") < post_build.index(calls[0])

    install_sh = (REPO / "classroom" / "install.sh").read_text(encoding="utf-8")
    assert '"$PREFIX/venv/bin/python" "$PREFIX/src/jupyter/install_overrides.py"' in install_sh
    assert "--check" in "".join(_install_calls(install_sh))

    dockerfile = (REPO / "classroom" / "Dockerfile").read_text(encoding="utf-8")
    assert "/opt/tangguh-hub/venv/bin/python /opt/tangguh-hub/src/jupyter/install_overrides.py" in (
        dockerfile
    )
    assert dockerfile.index("COPY . /opt/tangguh-hub/src") < dockerfile.index(
        "jupyter/install_overrides.py"
    )
    # Zero to JupyterHub runs that image, so its pods carry the same settings
    values = yaml.safe_load(
        (REPO / "classroom" / "z2jh" / "values.yaml").read_text(encoding="utf-8")
    )
    assert values["singleuser"]["image"]["name"].endswith("/tangguh-digital")
    assert "docker build -f classroom/Dockerfile -t REGISTRY/tangguh-digital" in (
        REPO / "classroom" / "z2jh" / "values.yaml"
    ).read_text(encoding="utf-8")
