"""Third-party stages: the example plugin in examples/stage-plugin, installed as a package.

`make test` installs it into .venv (`pip install -e examples/stage-plugin`); Conveyor must
find it through its `conveyor.stages` entry point and run it like a built-in stage.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import Engine, file_events, write_tree

from engine.stages import Stage, available, plugin_problems

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "examples" / "stage-plugin"
ONE_WORKER = ("-w", "1")
INSTALL_HINT = "install the example plugin: .venv/bin/pip install -e examples/stage-plugin"


@pytest.fixture(autouse=True)
def plugin_installed() -> None:
    if "upper" not in available():
        pytest.fail(f"stage 'upper' not found; {INSTALL_HINT} (make test does)")


def test_available_stages_include_the_plugins_class() -> None:
    import conveyor_upper

    assert available()["upper"] is conveyor_upper.UpperStage
    assert issubclass(available()["upper"], Stage)
    assert not [p for p in plugin_problems() if "upper" in p]


def test_engine_stages_lists_the_plugin_with_its_options_and_example(engine: Engine) -> None:
    result = engine("stages")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("upper: ")))
    entry = lines[start : start + 3]
    assert "Upper-case" in entry[0]
    assert entry[1].split()[0] == "match=glob,"
    assert "default *.txt" in entry[1]
    assert entry[2].strip() == "example: --stage 'upper:match=*.txt;*.md'"
    assert "upper" not in result.stderr


def test_the_plugin_stage_transforms_the_files_it_matches(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"notes/a.txt": "héllo, wörld 42\n", "b.bin": b"lower \xff bytes"})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", "upper", "--json")
    assert result.returncode == 0, result.stderr
    assert (dst / "notes/a.txt").read_text() == "HéLLO, WöRLD 42\n"
    assert (dst / "b.bin").read_bytes() == b"lower \xff bytes"
    assert set(file_events(result)) == {"notes/a.txt", "b.bin"}


def test_the_plugins_match_option_overrides_its_default(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.md": "md", "b.txt": "txt"})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", "upper:match=*.md")
    assert result.returncode == 0, result.stderr
    assert (dst / "a.md").read_text() == "MD"
    assert (dst / "b.txt").read_text() == "txt"


def test_the_plugin_stage_transforms_every_chunk_of_a_large_file(
    engine: Engine, src: Path, dst: Path
) -> None:
    data = os.urandom(3 << 20) + b"the end"
    write_tree(src, {"big.txt": data})
    result = engine("run", src, dst, *ONE_WORKER, "--stage", "upper")
    assert result.returncode == 0, result.stderr
    expected = data.translate(
        bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    )
    assert (dst / "big.txt").read_bytes() == expected


def test_an_unknown_option_of_the_plugin_is_a_usage_error(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    result = engine("run", src, dst, "--stage", "upper:shout=yes")
    assert result.returncode == 2
    assert "stage 'upper' has no option shout" in result.stderr
    assert not dst.exists()


@pytest.mark.parametrize("name", ["conveyor_upper.py", "pyproject.toml"])
def test_the_readme_shows_the_example_plugins_files_verbatim(name: str) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Writing a stage plugin", 1)[1].split("\n## ", 1)[0]
    assert f"`examples/stage-plugin/{name}`:" in section
    assert (PLUGIN / name).read_text() in section
