"""`--delete`: the target becomes a mirror of the source seen through the stage chain, and
deletion cannot go wrong: nothing outside the target, nothing where the source could not be
listed, nothing above --max-delete, nothing before the copies are done. Real files, real
CLI runs, real faults."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from helpers import (
    BackendCase,
    Engine,
    Launch,
    file_events,
    json_events,
    logs,
    run_engine,
    summary_of,
    unprivileged,
    wait_for,
    write_tree,
)

from engine.filters import PathFilter
from engine.mirror import Mirror
from engine.records import Outcome
from engine.roots import Roots
from engine.scan import Scanner
from engine.stages import StageSpec, build

KiB = 1024


def tree(root: Path) -> set[str]:
    """Every entry below `root`, links not followed, as relative paths."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def mirrored(src: Path, dst: Path, *options: str, code: int = 0, **kwargs: object):
    result = run_engine("run", src, dst, "--json", "--delete", *options, **kwargs)
    assert result.returncode == code, result.stderr
    return result


def deleted(result) -> set[str]:
    return {rel for rel, event in file_events(result).items() if event["status"] == "deleted"}


def test_what_the_source_no_longer_has_is_removed_and_the_rest_stays(
    src: Path, dst: Path, engine: Engine
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    assert engine("run", src, dst).returncode == 0
    write_tree(dst, {"old.txt": "old", "sub/old.txt": "old", "gone/deep/x.txt": "x"})

    result = engine("run", src, dst, "--json", "--delete")

    assert result.returncode == 0, result.stderr
    assert deleted(result) == {"old.txt", "sub/old.txt", "gone", "gone/deep", "gone/deep/x.txt"}
    assert tree(dst) == {"a.txt", "sub", "sub/b.txt"}
    assert summary_of(result)["files_deleted"] == 5


def test_a_second_mirror_run_does_nothing(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    write_tree(dst, {"extra.txt": "x"})
    mirrored(src, dst)

    result = mirrored(src, dst)

    assert deleted(result) == set()
    assert {event["status"] for event in file_events(result).values()} == {"skipped"}


def test_a_symlink_in_the_target_is_removed_as_a_link_and_what_it_points_to_stays(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    outside = write_tree(tmp_path / "outside", {"precious.txt": "keep me", "d/deep.txt": "me too"})
    mirrored(src, dst)
    (dst / "link-to-folder").symlink_to(outside)
    (dst / "sub/link-to-file").symlink_to(outside / "precious.txt")

    result = mirrored(src, dst)

    assert deleted(result) == {"link-to-folder", "sub/link-to-file"}
    assert tree(outside) == {"precious.txt", "d", "d/deep.txt"}
    assert (outside / "precious.txt").read_text() == "keep me"


def test_a_target_folder_swapped_for_a_link_is_removed_as_a_link(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    outside = write_tree(tmp_path / "outside", {"x.txt": "x"})
    write_tree(dst, {"gone/y.txt": "y"})
    (dst / "gone2").symlink_to(outside, target_is_directory=True)

    result = mirrored(src, dst)

    assert "gone2" in deleted(result)
    assert tree(outside) == {"x.txt"}


def test_outputs_of_renaming_stages_and_their_artifacts_are_expected(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a" * 1000, "b.txt": "b" * 1000})
    stages = ("--stage", "gzip", "--stage", "checksum")
    mirrored(src, dst, *stages)
    (src / "b.txt").unlink()

    result = mirrored(src, dst, *stages)

    assert deleted(result) == {"b.txt.gz"}
    assert tree(dst) == {"a.txt.gz", "SHA256SUMS"}


def test_excluded_entries_stay_unless_delete_excluded(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"cache.tmp": "t", "old.txt": "o"})

    kept = mirrored(src, dst, "--exclude", "*.tmp")
    assert deleted(kept) == {"old.txt"}
    assert (dst / "cache.tmp").exists()

    gone = mirrored(src, dst, "--exclude", "*.tmp", "--delete-excluded")
    assert deleted(gone) == {"cache.tmp"}


def test_nothing_is_deleted_where_the_source_folder_could_not_be_listed(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"open/a.txt": "a", "locked/b.txt": "b"})
    mirrored(src, dst)
    write_tree(dst, {"open/extra.txt": "x", "locked/extra.txt": "x"})
    (src / "locked").chmod(0)
    try:
        result = mirrored(src, dst, code=1, **unprivileged())
    finally:
        (src / "locked").chmod(0o755)

    assert deleted(result) == {"open/extra.txt"}
    assert (dst / "locked/extra.txt").exists() and (dst / "locked/b.txt").exists()
    warnings = [event["message"] for event in logs(json_events(result), "warning")]
    assert any("deletions skipped in 'locked'" in message for message in warnings), warnings


def test_nothing_is_deleted_in_a_folder_with_an_entry_that_could_not_be_read(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"sub/a.txt": "a", "sub/inner/b.txt": "b"})
    mirrored(src, dst)
    write_tree(dst, {"sub/extra.txt": "x"})
    (src / "sub").chmod(0o644)  # listable names, but no entry can be looked at
    try:
        result = mirrored(src, dst, code=1, **unprivileged())
    finally:
        (src / "sub").chmod(0o755)

    assert deleted(result) == set()
    assert (dst / "sub/extra.txt").exists()


def test_an_empty_source_is_refused_and_the_target_is_untouched(tmp_path: Path, dst: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_tree(dst, {"a.txt": "a"})

    result = run_engine("run", empty, dst, "--delete")

    assert result.returncode == 2
    assert "is empty: a mirror would delete everything" in result.stderr
    assert tree(dst) == {"a.txt"}


def test_a_missing_source_is_refused(tmp_path: Path, dst: Path) -> None:
    write_tree(dst, {"a.txt": "a"})

    result = run_engine("run", tmp_path / "not-mounted", dst, "--delete")

    assert result.returncode == 2
    assert tree(dst) == {"a.txt"}


def test_above_max_delete_nothing_is_deleted_the_copies_are_made_and_the_job_fails(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"x1": "x", "x2": "x", "x3": "x"})

    result = mirrored(src, dst, "--max-delete", "2", code=1)

    assert deleted(result) == set()
    assert tree(dst) == {"a.txt", "x1", "x2", "x3"}
    assert summary_of(result)["deletions_held"] == 3
    errors = [event["message"] for event in logs(json_events(result), "error")]
    assert errors == ["3 entries were not deleted: more than --max-delete 2 would have been"]


def test_at_max_delete_the_deletions_are_made(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"x1": "x", "x2": "x"})

    result = mirrored(src, dst, "--max-delete", "2")

    assert deleted(result) == {"x1", "x2"}


def test_a_dry_run_lists_every_deletion_and_deletes_nothing(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"old/x.txt": "x", "y.txt": "y"})

    result = mirrored(src, dst, "--dry-run")

    assert deleted(result) == {"old", "old/x.txt", "y.txt"}
    summary = summary_of(result)
    assert summary["dry_run"] and summary["files_deleted"] == 3
    assert tree(dst) == {"old", "old/x.txt", "y.txt"}


def test_delete_with_the_rename_policy_is_refused(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"old.txt": "o"})

    result = run_engine("run", src, dst, "--delete", "--if-exists", "rename")

    assert result.returncode == 2
    assert "contradict" in result.stderr
    assert tree(dst) == {"old.txt"}


def test_a_job_killed_before_its_end_deleted_nothing(launch: Launch, src: Path, dst: Path) -> None:
    write_tree(src, {f"f{i}.bin": os.urandom(128 * KiB) for i in range(8)})
    write_tree(dst, {"extra.txt": "x", "old/y.txt": "y"})
    running = launch("run", src, dst, "-w", "1", "--bwlimit", "256K", "--json", "--delete")
    wait_for(
        lambda: any(e.get("event") == "file" for e in running.events()),
        "a first file done",
        timeout=20,
    )
    assert running.proc.poll() is None, "the job ended before it could be killed"

    os.killpg(running.proc.pid, signal.SIGKILL)
    running.finish()

    assert {"extra.txt", "old", "old/y.txt"} <= tree(dst)


@pytest.mark.parametrize("policy", ["changed", "overwrite", "skip", "newer"])
def test_every_other_policy_mirrors(src: Path, dst: Path, policy: str) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"old.txt": "o"})

    mirrored(src, dst, "--if-exists", policy)

    assert tree(dst) == {"a.txt"}


def _metadata(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry's kind, mode, size, mtime and contents (or link text), links not followed."""
    found: dict[str, tuple[object, ...]] = {}
    for rel in tree(root):
        path = root / rel
        info = path.lstat()
        if path.is_symlink():
            body: object = os.readlink(path)
        elif path.is_file():
            body = path.read_bytes()
        else:
            body = None
        mtime = None if path.is_dir() else info.st_mtime_ns
        found[rel] = (stat.S_IFMT(info.st_mode), info.st_mode & 0o7777, mtime, body)
    return found


def test_a_mirror_of_a_real_tree_equals_rsyncs_and_a_second_run_does_nothing(
    tmp_path: Path,
) -> None:
    rsync = shutil.which("rsync")
    if rsync is None:
        pytest.skip("rsync is not installed (apt-get install rsync)")
    docs = Path("/usr/share/doc")
    packages = sorted(p for p in docs.iterdir() if p.is_dir() and not p.is_symlink())[:150]
    if len(packages) < 20:
        pytest.skip("too little in /usr/share/doc to make a realistic tree of")
    src = tmp_path / "src"
    for package in packages:
        shutil.copytree(package, src / package.name, symlinks=True)
    by_conveyor, by_rsync = tmp_path / "conveyor", tmp_path / "rsync"
    mirrored(src, by_conveyor)
    subprocess.run([rsync, "-a", "--delete", f"{src}/", f"{by_rsync}/"], check=True)
    files = sorted(p for p in src.rglob("*") if p.is_file() and not p.is_symlink())
    for gone in files[::7]:
        gone.unlink()
    for moved in files[3::11]:
        if moved.exists():
            moved.rename(moved.with_name(moved.name + ".renamed"))
    shutil.rmtree(src / packages[5].name)
    write_tree(src, {"new/added.txt": "added", f"{packages[1].name}/extra.txt": "more"})

    mirrored(src, by_conveyor)
    subprocess.run([rsync, "-a", "--delete", f"{src}/", f"{by_rsync}/"], check=True)

    assert _metadata(by_conveyor) == _metadata(by_rsync)
    again = mirrored(src, by_conveyor)
    assert deleted(again) == set()
    assert {event["status"] for event in file_events(again).values()} == {"skipped"}


def test_with_followed_links_a_links_transformed_output_is_expected(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a" * 1000})
    (src / "link.txt").symlink_to("a.txt")
    options = ("--follow-symlinks", "--stage", "gzip")
    mirrored(src, dst, *options)

    result = mirrored(src, dst, *options)

    assert deleted(result) == set()
    assert (dst / "link.txt.gz").exists()


def test_a_mirror_behaves_the_same_on_every_backend(
    src: Path, dst: Path, backend: BackendCase
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    write_tree(dst, {"old.txt": "o", "sub/old/x.txt": "x"})

    result = backend.run_engine("run", src, dst, "--json", "--delete", "-w", "2")

    assert result.returncode == 0, result.stderr
    assert deleted(result) == {"old.txt", "sub/old", "sub/old/x.txt"}
    assert tree(dst) == {"a.txt", "sub", "sub/b.txt"}


class _VanishingOnVisit(PathFilter):
    """Takes everything, but removes one source folder right after the scan has listed it in
    its parent and before the scan enters it: a folder vanishing mid-scan, for real."""

    def __init__(self, source: Path, victim: str) -> None:
        super().__init__()
        object.__setattr__(self, "_victim", (source, victim))

    def wants_dir(self, rel: str) -> bool:
        source, victim = self.__dict__["_victim"]
        if rel == victim:
            shutil.rmtree(source / victim)
        return super().wants_dir(rel)


def test_nothing_is_deleted_in_a_folder_that_vanished_mid_scan(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    mirrored(src, dst)
    write_tree(dst, {"sub/extra.txt": "x", "gone.txt": "g"})
    stages = (build(StageSpec("copy")),)
    mirror = Mirror(stages, PathFilter(), delete_excluded=False, max_delete=-1, dry_run=False)
    items: queue.Queue[object] = queue.Queue()
    roots = Roots(src, dst)
    try:
        Scanner(
            roots.source,
            roots.target,
            _VanishingOnVisit(src, "sub"),
            follow_symlinks=False,
            create_dirs=True,
            out=items,  # type: ignore[arg-type]
            stop=threading.Event(),
            mirror=mirror,
        ).run()
        outcomes: list[Outcome] = []
        mirror.apply(roots.target, outcomes.append)
    finally:
        roots.close()

    assert mirror.skipped == ["sub"]
    assert {outcome.rel for outcome in outcomes} == {"gone.txt"}
    assert (dst / "sub/extra.txt").exists() and (dst / "sub/b.txt").exists()
