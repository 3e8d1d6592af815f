"""The engine stays importable without Qt or the app, and never forks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
LINT_TIMEOUT_S = 60

INI_CONTRACT = """\
[importlinter]
root_packages =
    engine
    gui
include_external_packages = True

[importlinter:contract:1]
name = The engine never imports Qt or the GUI
type = forbidden
source_modules =
    engine
forbidden_modules =
    PySide6
    gui
"""


def lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=LINT_TIMEOUT_S,
        check=False,
    )


def copy_of_packages(root: Path, *, leak: bool) -> dict[str, str]:
    """engine/ and gui/ under `root` with an INI contract; the env that makes them importable."""
    for package in ("engine", "gui"):
        shutil.copytree(
            REPO / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    (root / ".importlinter").write_text(INI_CONTRACT)
    if leak:
        (root / "engine" / "leak.py").write_text("import gui\n")
    return {**os.environ, "PYTHONPATH": str(root)}


def test_import_contract_is_kept_by_the_repository() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_import_contract_holds_for_a_copy_without_leaks(tmp_path: Path) -> None:
    """The control for the next test: the copied tree and INI config pass as they are."""
    env = copy_of_packages(tmp_path, leak=False)
    result = lint_imports(tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contract_breaks_when_the_engine_imports_the_gui(tmp_path: Path) -> None:
    env = copy_of_packages(tmp_path, leak=True)
    result = lint_imports(tmp_path, env)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "engine.leak" in result.stdout


@pytest.mark.parametrize(
    "needle", ['get_context("fork")', "get_context('fork')", "Manager(", "os.fork("]
)
def test_engine_never_uses_fork_or_a_manager(needle: str) -> None:
    offenders = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "engine").rglob("*.py"))
        if needle in path.read_text()
    ]
    assert offenders == []
