"""Re-runs fix metadata without copying bytes, and a target that cannot hold something still
gets every file, with one warning per thing it lost. Real files, a real exFAT file system
through FUSE, the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import file_events, json_events, logs, run_engine, summary_of, write_tree

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="giving files another owner needs root")


def _json(src: Path, dst: Path, *options: str) -> str:
    result = run_engine("run", src, dst, "--json", *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _user_xattr(path: Path, name: str, value: bytes) -> None:
    try:
        os.setxattr(path, name, value)
    except OSError as exc:
        pytest.skip(f"no user extended attributes here ({exc.strerror})")


def test_a_dry_run_reports_differing_metadata_and_changes_nothing(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    _json(src, dst)
    (src / "a.txt").chmod(0o600)

    events = _json(src, dst, "--dry-run")

    event = file_events(events)["a.txt"]
    assert (event["status"], event["reason"]) == ("updated", "metadata differs")
    assert (dst / "a.txt").stat().st_mode & 0o777 == 0o644


def test_the_summary_counts_metadata_updates_apart(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    _json(src, dst)
    (src / "a.txt").chmod(0o600)

    summary = summary_of(_json(src, dst))

    assert (summary["files_done"], summary["files_updated"], summary["files_skipped"]) == (0, 1, 1)


def test_an_attribute_gone_from_the_source_is_removed_from_the_copy(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    _user_xattr(src / "a.txt", "user.colour", b"red")
    _json(src, dst)
    os.removexattr(src / "a.txt", "user.colour")

    _json(src, dst)

    assert "user.colour" not in os.listxattr(dst / "a.txt")


def test_after_an_update_the_next_rerun_finds_everything_unchanged(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    _json(src, dst)
    _user_xattr(src / "a.txt", "user.colour", b"red")
    assert file_events(_json(src, dst))["a.txt"]["status"] == "updated"

    event = file_events(_json(src, dst))["a.txt"]

    assert (event["status"], event["reason"]) == ("skipped", "unchanged")


def test_a_source_renamed_since_the_copy_is_still_unchanged(src: Path, dst: Path) -> None:
    """A rename moves the source's ctime on: its attributes are compared once, found equal,
    and the file is not reported as updated."""
    write_tree(src, {"old.txt": "a"})
    _json(src, dst)
    (dst / "old.txt").rename(dst / "new.txt")
    (src / "old.txt").rename(src / "new.txt")

    event = file_events(_json(src, dst))["new.txt"]

    assert (event["status"], event["reason"]) == ("skipped", "unchanged")


@needs_root
def test_a_target_without_owners_modes_attributes_or_links_gets_every_file_and_one_warning_each(
    src: Path, case_insensitive_dir: Path
) -> None:
    write_tree(src, {f"f{i}.txt": f"{i}" for i in range(6)})
    for i in range(6):
        path = src / f"f{i}.txt"
        os.chown(path, 1000 + i, 2000 + i)
        path.chmod(0o640 + i)
        _user_xattr(path, "user.tag", b"%d" % i)
    os.link(src / "f0.txt", src / "linked.txt")
    dst = case_insensitive_dir / "copy"

    result = run_engine("run", src, dst, "--json", "-w", "2")

    assert result.returncode == 0, result.stderr
    events = json_events(result)
    assert {rel: e["status"] for rel, e in file_events(result).items()} == dict.fromkeys(
        [*(f"f{i}.txt" for i in range(6)), "linked.txt"], "done"
    )
    warnings = [event["message"] for event in logs(events, "warning")]
    for lost in ("owners and groups", "permission bits", "extended attributes", "hard links"):
        said = [message for message in warnings if message.startswith(lost)]
        assert len(said) == 1, warnings
        assert "cannot hold them" in said[0]
    assert (dst / "linked.txt").read_text() == "0"
