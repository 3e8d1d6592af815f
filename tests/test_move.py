"""`--move`: each source file leaves the source only once its output is complete in the
target; killed at any moment, every file is complete in at least one place. Real files,
real file systems (a tmpfs beside the disk for moves across file systems), real kills."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import (
    ENGINE,
    BackendCase,
    file_events,
    run_engine,
    summary_of,
    temp_files,
    tmpfs,
    unprivileged,
    write_tree,
)

KiB = 1024


@pytest.fixture
def other_fs(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs: another file system than the tests' temporary folder."""
    with tmpfs(tmp_path / "tmpfs", size="64m") as at:
        yield at


def moved(src: Path, dst: Path, *options: str, code: int = 0, **kwargs: object):
    result = run_engine("run", src, dst, "--json", "--move", *options, **kwargs)
    assert result.returncode == code, result.stderr
    return result


def files(root: Path) -> dict[str, bytes]:
    return {
        os.path.relpath(os.path.join(folder, name), root): Path(folder, name).read_bytes()
        for folder, _, names in os.walk(root)
        for name in names
    }


def test_a_move_on_one_file_system_renames_each_file(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/deep/b.txt": "b"})
    inode = (src / "sub/deep/b.txt").stat().st_ino

    result = moved(src, dst)

    assert (dst / "sub/deep/b.txt").stat().st_ino == inode
    assert files(dst) == {"a.txt": b"a", "sub/deep/b.txt": b"b"}
    assert list(src.iterdir()) == []
    assert summary_of(result)["files_moved"] == 2
    assert all(event["moved"] for event in file_events(result).values())


def test_a_move_across_file_systems_copies_then_removes(src: Path, other_fs: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.bin": os.urandom(300 * KiB)})
    before = files(src)
    dst = other_fs / "dst"

    moved(src, dst)

    assert files(dst) == before
    assert list(src.iterdir()) == []
    assert src.is_dir()


def test_emptied_source_folders_go_and_the_source_folder_itself_stays(src: Path, dst: Path) -> None:
    write_tree(src, {"x/y/z/a.txt": "a"})
    (src / "empty").mkdir()

    moved(src, dst)

    assert src.is_dir() and list(src.iterdir()) == []
    assert (dst / "empty").is_dir()


def test_a_transformed_output_replaces_its_source(src: Path, other_fs: Path) -> None:
    write_tree(src, {"log.txt": "line\n" * 1000})
    dst = other_fs / "dst"

    moved(src, dst, "--stage", "gzip")

    assert (dst / "log.txt.gz").exists()
    assert not (src / "log.txt").exists()


def test_a_file_that_fails_stays_in_the_source(src: Path, other_fs: Path) -> None:
    """Across file systems a file must be read to be moved (on one, a rename needs no
    read access, as with `mv`)."""
    write_tree(src, {"ok.txt": "ok", "locked/secret.txt": "s"})
    (src / "locked/secret.txt").chmod(0)
    dst = other_fs / "dst"

    result = moved(src, dst, code=1, **unprivileged())

    assert file_events(result)["locked/secret.txt"]["status"] == "failed"
    assert (src / "locked/secret.txt").exists()
    assert not (src / "ok.txt").exists()


def test_a_file_the_policy_leaves_alone_stays_in_the_source(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "new"})
    write_tree(dst, {"a.txt": "a different file"})

    moved(src, dst, "--if-exists", "skip")

    assert (src / "a.txt").read_text() == "new"
    assert (dst / "a.txt").read_text() == "a different file"


def test_a_file_the_target_already_holds_leaves_the_source(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "same"})
    assert run_engine("run", src, dst).returncode == 0

    result = moved(src, dst)

    assert file_events(result)["a.txt"]["status"] == "skipped"
    assert not (src / "a.txt").exists()
    assert (dst / "a.txt").read_text() == "same"


def test_a_dry_run_lists_the_moves_and_moves_nothing(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})

    result = moved(src, dst, "--dry-run")

    assert file_events(result)["a.txt"]["moved"] is True
    assert summary_of(result)["files_moved"] == 1
    assert (src / "a.txt").exists()
    assert not dst.exists()


@pytest.mark.parametrize("across", [False, True], ids=["one-file-system", "two"])
def test_killed_at_any_moment_every_file_is_whole_in_one_place(
    src: Path, tmp_path: Path, other_fs: Path, across: bool
) -> None:
    originals = {f"d{i % 3}/f{i}.bin": os.urandom(64 * KiB) for i in range(24)}
    chance = random.Random(17)
    for attempt in range(4):
        source = tmp_path / f"src{attempt}"
        target = (other_fs if across else tmp_path) / f"dst{attempt}"
        write_tree(source, originals)
        options = ("-w", "2", "--bwlimit", "512K") if across else ("-w", "2")
        cli = subprocess.Popen(
            [*ENGINE, "run", source, target, "--move", *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(chance.uniform(0.05, 1.2 if across else 0.4))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(cli.pid, signal.SIGKILL)
        cli.wait()
        time.sleep(0.3)  # orphaned workers notice their coordinator is gone and end
        for rel, content in originals.items():
            places = [root / rel for root in (source, target) if (root / rel).is_file()]
            assert any(place.read_bytes() == content for place in places), (attempt, rel)
        for leftover in temp_files(target):
            assert leftover.stat().st_size <= 64 * KiB


def test_the_log_file_records_moves_and_deletions(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"extra.txt": "x"})
    log = tmp_path / "log.tsv"

    moved(src, dst, "--delete", "--log-file", str(log))

    lines = [line.split("\t")[1:3] for line in log.read_text().splitlines()]
    assert ["moved", "a.txt"] in lines
    assert ["deleted", "extra.txt"] in lines


def test_a_move_behaves_the_same_on_every_backend(
    src: Path, other_fs: Path, backend: BackendCase
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    dst = other_fs / "dst"

    result = backend.run_engine("run", src, dst, "--json", "--move", "-w", "2")

    assert result.returncode == 0, result.stderr
    assert files(dst) == {"a.txt": b"a", "sub/b.txt": b"b"}
    assert list(src.iterdir()) == []
    assert summary_of(result)["files_moved"] == 2
