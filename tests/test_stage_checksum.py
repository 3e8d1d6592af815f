"""The checksum stage and `engine verify`: manifests the coreutils tools accept, kept up to
date across re-runs, and a checker that also finds what no manifest lists."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from helpers import ENGINE, Engine, assert_usage_error, file_events, wait_for, write_tree

from engine.verify import format_line, parse_line

pytestmark = pytest.mark.usefixtures("backend")

TOOL_TIMEOUT_S = 30
TREE = {
    "a.txt": "alpha\n",
    "b.bin": bytes(range(256)) * 300,
    "sub/c.txt": "gamma\n",
    "sub/deeper/d.txt": "",
}


def check_with(tool: str, manifest: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run `tool -c manifest` (sha256sum, b2sum, ...) inside folder, as a user would."""
    return subprocess.run(
        [tool, "--strict", "-c", manifest],
        cwd=folder,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=TOOL_TIMEOUT_S,
        check=False,
    )


def manifest_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def run_checksum(engine: Engine, src: Path, dst: Path, *stages: str) -> None:
    result = engine("run", src, dst, "-w", "1", *(a for s in stages for a in ("--stage", s)))
    assert result.returncode == 0, result.stderr


def test_sha256sum_accepts_the_manifest_of_a_copied_tree(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    names = [line.split(b"  ", 1)[1] for line in manifest_lines(dst / "SHA256SUMS")]
    assert names == [b"a.txt\n", b"b.bin\n", b"sub/c.txt\n", b"sub/deeper/d.txt\n"]
    checked = check_with("sha256sum", "SHA256SUMS", dst)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("algo", "manifest", "tool"),
    [("md5", "MD5SUMS", "md5sum"), ("sha1", "SHA1SUMS", "sha1sum"), ("blake2b", "B2SUMS", "b2sum")],
)
def test_each_algorithm_writes_a_manifest_its_coreutils_tool_accepts(
    engine: Engine, src: Path, dst: Path, algo: str, manifest: str, tool: str
) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    write_tree(src, TREE)
    run_checksum(engine, src, dst, f"checksum:algo={algo}")
    assert not (dst / "SHA256SUMS").exists()
    checked = check_with(tool, manifest, dst)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == len(TREE)


@pytest.mark.parametrize(
    "stages", [("gzip", "checksum"), ("checksum", "gzip")], ids=["after-gzip", "before-gzip"]
)
def test_a_checksum_given_anywhere_in_the_chain_hashes_the_compressed_output(
    engine: Engine, src: Path, dst: Path, stages: tuple[str, ...]
) -> None:
    write_tree(src, {"a.txt": "alpha\n" * 1000, "sub/b.txt": "beta\n"})
    run_checksum(engine, src, dst, *stages)
    names = [line.split(b"  ", 1)[1] for line in manifest_lines(dst / "SHA256SUMS")]
    assert names == [b"a.txt.gz\n", b"sub/b.txt.gz\n"]
    checked = check_with("sha256sum", "SHA256SUMS", dst)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_rerun_that_skips_every_file_keeps_the_manifest_intact(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    before = (dst / "SHA256SUMS").read_bytes()
    rerun = engine("run", src, dst, "-w", "1", "--stage", "checksum", "--json")
    assert rerun.returncode == 0, rerun.stderr
    assert {e["status"] for e in file_events(rerun).values()} == {"skipped"}
    assert (dst / "SHA256SUMS").read_bytes() == before


def test_a_rerun_after_one_source_changed_updates_just_its_line(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    before = manifest_lines(dst / "SHA256SUMS")
    (src / "sub/c.txt").write_text("gamma, revised\n")
    run_checksum(engine, src, dst, "checksum")
    after = manifest_lines(dst / "SHA256SUMS")
    assert [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new] == [2]
    assert after[2].endswith(b"  sub/c.txt\n")
    assert check_with("sha256sum", "SHA256SUMS", dst).returncode == 0


def test_a_rerun_after_a_source_was_deleted_keeps_the_line_of_the_target_file_that_stays(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    before = (dst / "SHA256SUMS").read_bytes()
    (src / "a.txt").unlink()
    run_checksum(engine, src, dst, "checksum")
    assert (dst / "a.txt").exists()
    assert (dst / "SHA256SUMS").read_bytes() == before


def test_a_rerun_drops_the_line_of_a_file_gone_from_the_target(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    (src / "a.txt").unlink()
    (dst / "a.txt").unlink()
    run_checksum(engine, src, dst, "checksum")
    assert not any(line.endswith(b"  a.txt\n") for line in manifest_lines(dst / "SHA256SUMS"))
    assert check_with("sha256sum", "SHA256SUMS", dst).returncode == 0


def test_chinese_and_space_names_are_listed_as_raw_utf8_and_check(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"照片/二〇二四 夏天.txt": "夏\n", "my file .txt": "x"})
    run_checksum(engine, src, dst, "checksum")
    names = {line.split(b"  ", 1)[1] for line in manifest_lines(dst / "SHA256SUMS")}
    assert names == {"照片/二〇二四 夏天.txt\n".encode(), b"my file .txt\n"}
    checked = check_with("sha256sum", "SHA256SUMS", dst)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_names_with_a_backslash_or_newline_get_coreutils_escaped_lines(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"back\\slash.txt": "b", "new\nline.txt": "n"})
    run_checksum(engine, src, dst, "checksum")
    lines = manifest_lines(dst / "SHA256SUMS")
    assert [line[:1] for line in lines] == [b"\\", b"\\"]
    assert {line[65:] for line in lines} == {b"  back\\\\slash.txt\n", b"  new\\nline.txt\n"}
    checked = check_with("sha256sum", "SHA256SUMS", dst)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_name_that_is_not_utf8_is_listed_byte_exact(engine: Engine, src: Path, dst: Path) -> None:
    (src / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"latin-1 name")
    run_checksum(engine, src, dst, "checksum")
    assert manifest_lines(dst / "SHA256SUMS")[0].endswith(b"  caf\xe9.txt\n")
    checked = check_with("sha256sum", "SHA256SUMS", dst)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_writing_the_manifest_keeps_the_target_root_time_of_the_source(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    os.utime(src, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    run_checksum(engine, src, dst, "checksum")
    assert dst.stat().st_mtime_ns == 1_600_000_000_000_000_000


def test_a_source_file_named_like_the_manifest_stops_the_job_before_writing(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"SHA256SUMS": "not ours\n", "a.txt": "a"})
    result = engine("run", src, dst, "--stage", "checksum")
    assert_usage_error(result, "SHA256SUMS")
    assert not dst.exists()


def test_a_source_folder_named_like_the_manifest_stops_the_job_before_writing(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, {"SHA256SUMS/inside.txt": "in the way", "a.txt": "a"})
    result = engine("run", src, dst, "--stage", "checksum")
    assert_usage_error(result, "the folder 'SHA256SUMS' is in the way")
    assert not dst.exists()


def slow_checksum_run(src: Path, dst: Path) -> subprocess.Popen[str]:
    """Eight files of 100 kB at 200 kB/s on one worker: about four seconds of work."""
    write_tree(src, {f"f{i}.bin": bytes([i]) * 100_000 for i in range(8)})
    return subprocess.Popen(
        [*ENGINE, "run", src, dst, "-w", "1", "--bwlimit", "200k", "--stage", "checksum", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished_outputs(dst: Path) -> list[str]:
    return sorted(p.name for p in dst.glob("f*.bin"))


def test_a_cancelled_run_lists_the_files_it_finished(src: Path, dst: Path) -> None:
    cli = slow_checksum_run(src, dst)
    try:
        wait_for(lambda: len(finished_outputs(dst)) >= 2, "two finished files", 20)
        cli.send_signal(signal.SIGINT)
        cli.communicate(timeout=20)
    finally:
        cli.kill()
        cli.wait()
    assert cli.returncode == 130
    listed = sorted(
        line.split(b"  ", 1)[1].strip().decode() for line in manifest_lines(dst / "SHA256SUMS")
    )
    assert listed == finished_outputs(dst)
    assert check_with("sha256sum", "SHA256SUMS", dst).returncode == 0


def test_a_rerun_after_a_killed_run_lists_every_file(engine: Engine, src: Path, dst: Path) -> None:
    """SIGKILL leaves finished files without manifest lines; the re-run skips them as up to
    date, and still lists them."""
    cli = slow_checksum_run(src, dst)
    try:
        wait_for(lambda: len(finished_outputs(dst)) >= 2, "two finished files", 20)
        cli.kill()
    finally:
        cli.kill()
        cli.wait()
    assert not (dst / "SHA256SUMS").exists()
    rerun = engine("run", src, dst, "-w", "1", "--stage", "checksum", "--json")
    assert rerun.returncode == 0, rerun.stderr
    assert "skipped" in {event["status"] for event in file_events(rerun).values()}
    assert len(manifest_lines(dst / "SHA256SUMS")) == 8
    assert check_with("sha256sum", "SHA256SUMS", dst).returncode == 0


def test_an_unknown_algorithm_is_a_usage_error_listing_the_choices(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    result = engine("run", src, dst, "--stage", "checksum:algo=crc32")
    assert_usage_error(result, "option 'algo' of stage 'checksum' must be one of sha256, sha1")
    assert not dst.exists()


def test_verify_passes_a_clean_copy(engine: Engine, src: Path, dst: Path) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    result = engine("verify", dst)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "verified 4 files: all match\n"


def test_verify_reports_missing_changed_and_extra_files(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum:algo=blake2b")
    (dst / "a.txt").unlink()
    (dst / "sub/c.txt").write_text("tampered\n")
    write_tree(dst, {"sub/deeper/stray.txt": "?"})
    result = engine("verify", dst)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "missing: a.txt",
        "changed: sub/c.txt",
        "extra: sub/deeper/stray.txt",
        "verified 4 files: 1 missing, 1 changed, 1 extra",
    ]


def test_verify_reads_binary_marked_and_escaped_lines_that_sha256sum_writes(
    engine: Engine, tmp_path: Path
) -> None:
    write_tree(tmp_path, {"x\\y.txt": "1", "plain.txt": "2", "new\nline": "3"})
    listing = subprocess.run(
        ["sha256sum", "-b", "x\\y.txt", "plain.txt", "new\nline"],
        cwd=tmp_path,
        capture_output=True,
        timeout=TOOL_TIMEOUT_S,
        check=True,
    ).stdout
    assert listing.count(b" *") == 3 and listing.startswith(b"\\")
    (tmp_path / "SHA256SUMS").write_bytes(listing)
    result = engine("verify", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "verified 3 files: all match\n"


def test_verify_uses_a_manifest_given_with_its_own_name_and_does_not_call_it_extra(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    (dst / "SHA256SUMS").rename(dst / "sub/listing.sha256")
    result = engine("verify", dst, "--manifest", dst / "sub/listing.sha256")
    assert result.returncode == 0, result.stdout + result.stderr


def test_verify_reports_a_malformed_manifest_line(engine: Engine, tmp_path: Path) -> None:
    write_tree(tmp_path, {"a": "a", "SHA256SUMS": "not a checksum line\n"})
    result = engine("verify", tmp_path)
    assert result.returncode == 1
    assert "malformed: SHA256SUMS line 1" in result.stdout.splitlines()


def test_verify_reports_a_listed_fifo_as_changed_without_blocking(
    engine: Engine, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "SHA256SUMS").write_bytes(format_line("00" * 32, b"pipe"))
    result = engine("verify", tmp_path)
    assert result.returncode == 1
    assert "changed: pipe (a FIFO)" in result.stdout.splitlines()


def test_verify_reports_a_file_replaced_by_a_symlink_to_identical_content_as_changed(
    engine: Engine, src: Path, dst: Path
) -> None:
    """A target of links into the source holds nothing of its own: it is no copy."""
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    (dst / "a.txt").unlink()
    (dst / "a.txt").symlink_to(src / "a.txt")
    result = engine("verify", dst)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "changed: a.txt (a symbolic link)",
        "verified 4 files: 1 changed",
    ]


def test_verify_reports_a_listed_file_under_a_symlinked_folder_as_changed(
    engine: Engine, src: Path, dst: Path
) -> None:
    write_tree(src, TREE)
    run_checksum(engine, src, dst, "checksum")
    shutil.rmtree(dst / "sub")
    (dst / "sub").symlink_to(src / "sub")
    result = engine("verify", dst)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "changed: sub/c.txt (the folder 'sub' on the way is a symbolic link)",
        "changed: sub/deeper/d.txt (the folder 'sub' on the way is a symbolic link)",
        "verified 4 files: 2 changed",
    ]


def test_verify_reports_a_listed_name_that_is_now_a_folder_as_changed(
    engine: Engine, tmp_path: Path
) -> None:
    (tmp_path / "was-a-file").mkdir()
    (tmp_path / "SHA256SUMS").write_bytes(format_line("00" * 32, b"was-a-file"))
    result = engine("verify", tmp_path)
    assert result.returncode == 1
    assert "changed: was-a-file (a folder)" in result.stdout.splitlines()


def test_verify_shows_control_characters_in_names_escaped(engine: Engine, tmp_path: Path) -> None:
    listed = b"gone\x1b[2J\tname"
    write_tree(tmp_path, {"stray\x1b]0;owned\x07": "?"})
    (tmp_path / "SHA256SUMS").write_bytes(format_line("00" * 32, listed))
    result = engine("verify", tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "missing: gone\\x1b[2J\\tname",
        "extra: stray\\x1b]0;owned\\x07",
        "verified 1 file: 1 missing, 1 extra",
    ]


def test_verify_without_a_manifest_is_a_usage_error(engine: Engine, tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "a"})
    assert_usage_error(engine("verify", tmp_path), "no checksum manifest")


def test_verify_of_a_missing_folder_is_a_usage_error(engine: Engine, tmp_path: Path) -> None:
    assert_usage_error(engine("verify", tmp_path / "nowhere"), "does not exist")


@pytest.mark.parametrize(
    "name", [b"plain.txt", b"sp ace", b"back\\slash", b"new\nline", b"cr\rname", b"\xff\xfe"]
)
def test_a_formatted_manifest_line_parses_back_to_the_same_name(name: bytes) -> None:
    digest = "ab" * 32
    assert parse_line(format_line(digest, name)) == (digest, name)
