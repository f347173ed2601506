"""Binder's environment.yml and pyproject.toml must agree on every runtime dependency."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONDA_NAMES: dict[str, str] = {}  # PyPI name -> conda-forge name, where they differ


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", requirement)
    assert match, requirement
    name = match.group(1).lower().replace("_", "-")
    spec = ",".join(sorted(s.strip() for s in match.group(2).split(",") if s.strip()))
    return name, spec


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _conda() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    return dict(_split(d) for d in deps)


def test_environment_pins_python_311_on_conda_forge_without_editable_install():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "-e ." not in text.replace("`pip install --no-deps -e .`", "")


def test_runtime_dependencies_agree():
    conda = _conda()
    for requirement in _pyproject()["project"]["dependencies"]:
        name, spec = _split(requirement)
        conda_name = CONDA_NAMES.get(name, name)
        assert conda_name in conda, (
            f"{name} is a runtime dependency in pyproject.toml but missing from environment.yml"
        )
        assert conda[conda_name] == spec, (
            f"{name}: pyproject says '{spec}', environment.yml says '{conda[conda_name]}'"
        )


def test_lab_extra_is_in_the_binder_environment():
    conda = _conda()
    for requirement in _pyproject()["project"]["optional-dependencies"]["lab"]:
        name, spec = _split(requirement)
        assert CONDA_NAMES.get(name, name) in conda, (
            f"lab extra {name} missing from environment.yml"
        )


def test_mesa_is_pinned_to_3_3_for_python_311():
    name, spec = _split(
        next(d for d in _pyproject()["project"]["dependencies"] if d.startswith("mesa"))
    )
    assert spec == "<3.4,>=3.3"


def test_postbuild_installs_the_package_without_deps():
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert "pip install --no-deps -e ." in text
