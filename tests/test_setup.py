"""Checks on the things a user relies on before any feature works: setup, CI and the Qt-free engine."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _normalise(name: str) -> str:
    """PEP 503 normalisation, so that PySide6-Essentials matches PySide6_Essentials."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, f"unreadable requirement {requirement!r}"
    return _normalise(match.group(1))


def _pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"constraints.txt line is not an exact pin: {line!r}"
            pins[_normalise(name)] = version.strip()
    return pins


@pytest.mark.parametrize("script", ["run.sh", ".ci/run"])
def test_scripts_are_executable_bash(script):
    path = ROOT / script
    assert path.is_file(), f"{script} is missing"
    assert os.access(path, os.X_OK), f"{script} is not executable"
    assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_test_suite_and_lint():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    commands = [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert "./run.sh test" in commands
    assert "./run.sh lint" in commands
    assert "fonts-wqy-microhei" in text, "Chinese text would render as boxes without a CJK font"


def test_every_dependency_is_pinned_in_constraints():
    project = _pyproject()["project"]
    groups = {"runtime": project["dependencies"], **project["optional-dependencies"]}
    assert {"test", "build", "dev"} <= groups.keys()
    pins = _constraints()
    unpinned = [
        f"{group}: {requirement}"
        for group, requirements in groups.items()
        for requirement in requirements
        if _requirement_name(requirement) not in pins
    ]
    assert not unpinned, f"missing from constraints.txt: {unpinned}"


def test_runtime_dependencies_are_the_documented_ones():
    names = {_requirement_name(r) for r in _pyproject()["project"]["dependencies"]}
    assert names == {"pyside6-essentials", "numpy", "pyqtgraph", "networkx"}


def test_installed_versions_match_the_pins():
    from importlib.metadata import PackageNotFoundError, version

    mismatched = []
    for name, pinned in _constraints().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            continue  # an extra that this environment did not need
        if installed != pinned:
            mismatched.append(f"{name} {installed} (pinned {pinned})")
    assert not mismatched, f"run ./run.sh test again to reinstall: {mismatched}"


def test_engine_imports_without_qt():
    code = """
import importlib, pkgutil, sys
import engine
names = [m.name for m in pkgutil.walk_packages(engine.__path__, "engine.") if not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
banned = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph", "gui"})
print(len(names), banned)
sys.exit(1 if banned else 0)
"""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"engine pulled in Qt modules or failed to import:\n{result.stdout}{result.stderr}"
