"""Chains of stages: collisions refused up front, renamed outputs kept up to date, listings."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from helpers import Engine, assert_usage_error, file_events, write_tree

from engine.worker.stamp import STAMP_XATTR


def statuses(result) -> dict[str, str]:
    return {path: event["status"] for path, event in file_events(result).items()}


def test_two_sources_that_gzip_maps_to_one_name_are_refused_before_writing(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "plain", "a.txt.gz": "already compressed?"})
    result = engine("run", src, dst, "--stage", "gzip")
    assert_usage_error(result, "would both be written to 'a.txt.gz'")
    assert not dst.exists()


def test_a_renamed_output_colliding_with_a_folder_is_refused(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"notes": "a file", "notes.gz/inside.txt": "in a folder"})
    result = engine("run", src, dst, "--stage", "gzip:match=notes")
    assert_usage_error(result, "'notes.gz'")
    assert not dst.exists()


def test_excluding_one_of_the_pair_resolves_the_collision(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "plain", "a.txt.gz": "left out"})
    result = engine("run", src, dst, "--stage", "gzip", "--exclude", "*.gz")
    assert result.returncode == 0, result.stderr
    assert gzip.decompress((dst / "a.txt.gz").read_bytes()) == b"plain"


def test_rerunning_a_gzip_job_skips_files_already_compressed(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "alpha " * 100, "sub/b.txt": "beta " * 100})
    first = engine("run", src, dst, "--stage", "gzip", "--json")
    assert statuses(first) == {"a.txt": "done", "sub/b.txt": "done"}
    again = engine("run", src, dst, "--stage", "gzip", "--json")
    assert statuses(again) == {"a.txt": "skipped", "sub/b.txt": "skipped"}
    assert file_events(again)["a.txt"]["output"] == "a.txt.gz"


def test_changing_a_stage_option_redoes_the_files(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha " * 100})
    engine("run", src, dst, "--stage", "gzip:level=6")
    again = engine("run", src, dst, "--stage", "gzip:level=9", "--json")
    assert statuses(again) == {"a.txt": "done"}


def test_adding_a_stage_to_the_chain_redoes_the_files(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha " * 100})
    engine("run", src, dst, "--stage", "gzip")
    again = engine("run", src, dst, "--stage", "gzip", "--stage", "checksum", "--json")
    assert statuses(again) == {"a.txt": "done"}


def test_a_changed_source_is_compressed_again(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha " * 100, "b.txt": "beta " * 100})
    engine("run", src, dst, "--stage", "gzip")
    (src / "a.txt").write_text("changed " * 100)
    again = engine("run", src, dst, "--stage", "gzip", "--json")
    assert statuses(again) == {"a.txt": "done", "b.txt": "skipped"}


def test_an_output_without_its_stamp_is_redone_rather_than_trusted(
    engine: Engine, src: Path, dst: Path
) -> None:
    """Where the stamp is lost (copied by a tool that drops extended attributes), redo it."""
    write_tree(src, {"a.txt": "alpha " * 100})
    engine("run", src, dst, "--stage", "gzip")
    os.removexattr(dst / "a.txt.gz", STAMP_XATTR)
    again = engine("run", src, dst, "--stage", "gzip", "--json")
    assert statuses(again) == {"a.txt": "done"}


def test_the_target_holds_only_the_outputs(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "alpha", "b/c.txt": "gamma"})
    engine("run", src, dst, "--stage", "gzip")
    engine("run", src, dst, "--stage", "gzip")
    found = sorted(p.relative_to(dst).as_posix() for p in dst.rglob("*"))
    assert found == ["a.txt.gz", "b", "b/c.txt.gz"]


def test_stages_listing_shows_every_stage_with_options_defaults_and_an_example(
    engine: Engine,
) -> None:
    result = engine("stages")
    assert result.returncode == 0, result.stderr
    for name in ("copy", "gzip", "zstd", "checksum", "resize", "reencode", "exec"):
        assert f"\n{name}: " in "\n" + result.stdout
    assert "level=int 1..9, default 6" in result.stdout
    assert "algo=sha256|sha1|md5|blake2b, default sha256" in result.stdout
    assert result.stdout.count("example: --stage") >= 6
