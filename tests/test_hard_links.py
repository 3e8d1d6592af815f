"""Hard links: names that share an inode in the source share one in the target, by default."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path

import pytest
from helpers import Engine, file_events, summary_of, write_tree


def run(engine: Engine, src: Path, dst: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = engine("run", src, dst, "-w", "2", "--json", *options)
    assert result.returncode == 0, result.stderr
    return result


def linked_tree(src: Path) -> None:
    """a.txt with a second name b.txt, and an unrelated solo.txt."""
    write_tree(src, {"a.txt": "shared content\n", "solo.txt": "alone\n"})
    os.link(src / "a.txt", src / "b.txt")


def test_two_names_of_one_file_arrive_as_one_inode(src: Path, dst: Path, engine: Engine):
    linked_tree(src)

    run(engine, src, dst)

    a, b = (dst / "a.txt").stat(), (dst / "b.txt").stat()
    assert a.st_ino == b.st_ino
    assert a.st_nlink == 2
    assert (dst / "b.txt").read_text() == "shared content\n"
    assert (dst / "solo.txt").stat().st_nlink == 1


def test_three_names_across_folders_share_one_inode(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"one/a.bin": os.urandom(50_000), "two/": "", "three/deep/": ""})
    os.link(src / "one/a.bin", src / "two/b.bin")
    os.link(src / "one/a.bin", src / "three/deep/c.bin")

    run(engine, src, dst)

    names = [dst / "one/a.bin", dst / "two/b.bin", dst / "three/deep/c.bin"]
    assert len({path.stat().st_ino for path in names}) == 1
    assert names[0].stat().st_nlink == 3
    assert names[2].read_bytes() == (src / "one/a.bin").read_bytes()


def test_with_no_preserve_hard_links_each_name_is_copied_as_its_own_file(
    src: Path, dst: Path, engine: Engine
):
    linked_tree(src)

    result = run(engine, src, dst, "--no-preserve", "hard-links")

    a, b = (dst / "a.txt").stat(), (dst / "b.txt").stat()
    assert a.st_ino != b.st_ino
    assert a.st_nlink == b.st_nlink == 1
    assert (dst / "a.txt").read_bytes() == (dst / "b.txt").read_bytes() == b"shared content\n"
    assert file_events(result)["b.txt"]["bytes"] == len("shared content\n")


def test_json_prints_one_file_event_per_name(src: Path, dst: Path, engine: Engine):
    linked_tree(src)
    os.link(src / "a.txt", src / "c.txt")

    result = run(engine, src, dst)

    events = file_events(result)  # fails on a name reported twice
    assert set(events) == {"a.txt", "b.txt", "c.txt", "solo.txt"}
    assert all(e["status"] == "done" for e in events.values())
    linked = {name for name, e in events.items() if e["reason"] == "hard link to 'a.txt'"}
    assert linked == {"b.txt", "c.txt"}
    assert summary_of(result)["files_done"] == 4


def test_a_rerun_with_hard_links_skips_every_name_as_unchanged(
    src: Path, dst: Path, engine: Engine
):
    linked_tree(src)
    run(engine, src, dst)
    inode = (dst / "a.txt").stat().st_ino

    result = run(engine, src, dst)

    events = file_events(result)
    assert set(events) == {"a.txt", "b.txt", "solo.txt"}
    assert all(e["status"] == "skipped" and e["reason"] == "unchanged" for e in events.values())
    assert (dst / "b.txt").stat().st_ino == inode


def test_a_separate_copy_from_a_run_without_links_becomes_a_link(
    src: Path, dst: Path, engine: Engine
):
    linked_tree(src)
    run(engine, src, dst, "--no-preserve", "hard-links")

    result = run(engine, src, dst)

    assert file_events(result)["b.txt"]["status"] == "done"
    assert (dst / "a.txt").stat().st_ino == (dst / "b.txt").stat().st_ino
    assert list(dst.glob(".conveyor-*")) == []


def test_with_gzip_the_compressed_outputs_are_linked(src: Path, dst: Path, engine: Engine):
    linked_tree(src)

    result = run(engine, src, dst, "--stage", "gzip")

    a, b = dst / "a.txt.gz", dst / "b.txt.gz"
    assert a.stat().st_ino == b.stat().st_ino
    assert gzip.decompress(b.read_bytes()) == b"shared content\n"
    assert file_events(result)["b.txt"]["output"] == "b.txt.gz"
    assert not (dst / "b.txt").exists()


def test_names_that_different_stages_apply_to_are_not_linked(src: Path, dst: Path, engine: Engine):
    write_tree(src, {"a.log": "log line\n"})
    os.link(src / "a.log", src / "b.txt")

    run(engine, src, dst, "--stage", "gzip:match=*.log")

    assert gzip.decompress((dst / "a.log.gz").read_bytes()) == b"log line\n"
    assert (dst / "b.txt").read_text() == "log line\n"
    assert (dst / "b.txt").stat().st_nlink == 1


def test_a_later_name_fails_with_a_clear_reason_when_its_first_name_failed(
    src: Path, dst: Path, engine: Engine
):
    linked_tree(src)
    write_tree(dst, {"a.txt/in the way": "a folder where the file should go"})

    result = engine("run", src, dst, "-w", "2", "--json")

    assert result.returncode != 0
    events = file_events(result)
    assert events["a.txt"]["status"] == "failed"
    assert events["b.txt"]["status"] == "failed"
    assert "'a.txt', another name of this file, failed" in events["b.txt"]["error"]
    assert not (dst / "b.txt").exists()


def test_a_dry_run_with_hard_links_writes_nothing(src: Path, dst: Path, engine: Engine):
    linked_tree(src)

    result = run(engine, src, dst, "--dry-run")

    assert not dst.exists()
    events = file_events(result)
    assert set(events) == {"a.txt", "b.txt", "solo.txt"}
    assert events["b.txt"]["status"] == "done"
    assert events["b.txt"]["reason"] == "hard link to 'a.txt'"


def test_with_the_rename_policy_a_differing_target_stays_and_the_link_lands_beside_it(
    src: Path, dst: Path, engine: Engine
):
    linked_tree(src)
    write_tree(dst, {"b.txt": "someone else's file\n"})

    result = run(engine, src, dst, "--if-exists", "rename")

    assert (dst / "b.txt").read_text() == "someone else's file\n"
    assert (dst / "b (1).txt").stat().st_ino == (dst / "a.txt").stat().st_ino
    assert file_events(result)["b.txt"]["output"] == "b (1).txt"


def test_with_the_skip_policy_an_existing_later_target_is_left_alone(
    src: Path, dst: Path, engine: Engine
):
    linked_tree(src)
    write_tree(dst, {"b.txt": "someone else's file\n"})

    result = run(engine, src, dst, "--if-exists", "skip")

    assert file_events(result)["b.txt"]["reason"] == "target exists"
    assert (dst / "b.txt").read_text() == "someone else's file\n"


def test_the_old_hard_links_option_is_still_accepted(src: Path, dst: Path, engine: Engine):
    linked_tree(src)

    run(engine, src, dst, "--hard-links")

    assert (dst / "a.txt").stat().st_ino == (dst / "b.txt").stat().st_ino


@pytest.mark.parametrize("old", ["true", "false"])
def test_an_old_job_files_hard_links_key_is_read_and_links_are_kept(
    src: Path, dst: Path, engine: Engine, tmp_path: Path, old: str
):
    linked_tree(src)
    job = tmp_path / "old.toml"
    job.write_text(f'source = "{src}"\ntarget = "{dst}"\nhard_links = {old}\n')

    result = engine("run", "--job", job)

    assert result.returncode == 0, result.stderr
    assert (dst / "a.txt").stat().st_ino == (dst / "b.txt").stat().st_ino
