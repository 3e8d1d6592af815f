"""`engine check SRC DST`: a copy compared with its source through the job's chain, with
nothing written. Real files, real CLI runs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import (
    assert_usage_error,
    json_events,
    run_engine,
    snapshot,
    tmpfs,
    unprivileged,
    write_tree,
)


def copied(src: Path, dst: Path, *options: str) -> None:
    result = run_engine("run", src, dst, "-q", *options)
    assert result.returncode == 0, result.stderr


def check(src: Path, dst: Path, *options: str, code: int, **kwargs: object):
    result = run_engine("check", src, dst, *options, **kwargs)
    assert result.returncode == code, result.stdout + result.stderr
    return result


def lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The difference lines, without the summary."""
    return result.stdout.splitlines()[:-1]


def test_a_faithful_copy_matches(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b", "empty/": ""})
    (src / "link").symlink_to("a.txt")
    os.mkfifo(src / "fifo")
    copied(src, dst)

    result = check(src, dst, code=0)

    assert result.stdout == "no differences; 4 matching\n"
    assert result.stderr == ""


def test_a_file_the_target_lacks_is_missing(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    copied(src, dst)
    (dst / "sub/b.txt").unlink()

    result = check(src, dst, code=1)

    assert lines(result) == ["missing: sub/b.txt"]
    assert result.stdout.splitlines()[-1] == "1 missing; 1 matching"


def test_a_file_of_another_size_is_changed_in_size(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst)
    stat = (dst / "a.txt").stat()
    (dst / "a.txt").write_text("longer")
    os.utime(dst / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))

    assert lines(check(src, dst, code=1)) == ["changed: a.txt (size)"]


def test_a_file_of_another_time_is_changed_in_time(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst)
    os.utime(dst / "a.txt", (1_000_000_000, 1_000_000_000))

    assert lines(check(src, dst, code=1)) == ["changed: a.txt (time)"]


def test_other_bytes_behind_the_same_size_and_time_are_found_with_checksum(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "same size", "b.txt": "untouched"})
    copied(src, dst)
    stat = (dst / "a.txt").stat()
    (dst / "a.txt").write_text("SAME SIZE")
    os.utime(dst / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))

    check(src, dst, code=0)  # size and time alone cannot tell
    result = check(src, dst, "--checksum", code=1)

    assert lines(result) == ["changed: a.txt (content)"]


def test_a_mode_that_differs_is_changed_in_metadata(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    (src / "a.txt").chmod(0o644)
    copied(src, dst)
    (dst / "a.txt").chmod(0o600)

    assert lines(check(src, dst, code=1)) == ["changed: a.txt (metadata)"]


def test_extended_attributes_count_unless_the_job_does_not_keep_them(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst)
    os.setxattr(dst / "a.txt", "user.note", b"added")

    assert lines(check(src, dst, code=1)) == ["changed: a.txt (metadata)"]
    check(src, dst, "--no-preserve", "xattrs", code=0)


def test_what_no_source_entry_leads_to_is_extra(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst)
    write_tree(dst, {"old.txt": "o", "gone/deep/x.txt": "x"})

    assert lines(check(src, dst, code=1)) == [
        "extra: gone",
        "extra: gone/deep",
        "extra: gone/deep/x.txt",
        "extra: old.txt",
    ]


def test_a_folder_where_the_source_has_a_file_is_changed_in_kind(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"a.txt/inside": "x"})

    assert lines(check(src, dst, code=1)) == ["changed: a.txt (kind)"]


def test_a_symlink_with_other_text_is_changed_in_content(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    (src / "link").symlink_to("a.txt")
    copied(src, dst)
    (dst / "link").unlink()
    (dst / "link").symlink_to("elsewhere")

    assert lines(check(src, dst, code=1)) == ["changed: link (content)"]


def test_times_within_the_modify_window_count_as_equal(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst)
    mtime = (src / "a.txt").stat().st_mtime_ns
    os.utime(dst / "a.txt", ns=(mtime, mtime + 1_500_000_000))

    check(src, dst, code=1)
    check(src, dst, "--modify-window", "2", code=0)


def test_outputs_are_found_under_the_names_the_chain_gives_them(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})
    copied(src, dst, "--stage", "gzip")

    check(src, dst, "--stage", "gzip", code=0)
    plain = check(src, dst, code=1)  # without the chain, other names are expected

    assert "missing: a.txt" in lines(plain) and "extra: a.txt.gz" in lines(plain)


def test_a_stale_transformed_output_is_changed(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    copied(src, dst, "--stage", "gzip")
    write_tree(src, {"a.txt": "edited"})
    os.utime(src / "a.txt", (2_000_000_000, 2_000_000_000))

    result = check(src, dst, "--stage", "gzip", "--json", code=1)

    differences = [event for event in json_events(result) if event["event"] == "difference"]
    assert differences == [
        {
            "event": "difference",
            "path": "a.txt",
            "difference": "changed",
            "detail": "time",
            "output": "a.txt.gz",
        }
    ]


def test_an_output_made_by_other_stage_options_is_changed_in_stages(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst, "--stage", "gzip")

    result = check(src, dst, "--stage", "gzip:level=9", code=1)

    assert lines(result) == ["changed: a.txt (stages)"]


def test_the_manifest_a_stage_writes_is_not_extra(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst, "--stage", "checksum")
    assert (dst / "SHA256SUMS").exists()

    check(src, dst, "--stage", "checksum", code=0)


def test_temporary_files_of_conveyor_are_not_extra(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    copied(src, dst)
    write_tree(dst, {".conveyor-tmp-1.2-w0-3.part": "half"})

    check(src, dst, code=0)


def test_an_unreadable_source_folder_is_reported_and_its_target_side_not_called_extra(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"open/a.txt": "a", "locked/b.txt": "b"})
    copied(src, dst)
    write_tree(dst, {"locked/extra.txt": "x"})
    (src / "locked").chmod(0)
    try:
        result = check(src, dst, code=1, **unprivileged())
    finally:
        (src / "locked").chmod(0o755)

    assert lines(result) == ["unreadable: locked (permission denied)"]
    assert result.stdout.splitlines()[-1] == "1 unreadable; 1 matching"


def test_a_bad_invocation_exits_2_and_compares_nothing(tmp_path: Path, dst: Path) -> None:
    result = run_engine("check", tmp_path / "nowhere", dst)

    assert_usage_error(result, "does not exist")


def test_a_check_without_folders_says_how_to_give_them() -> None:
    assert_usage_error(run_engine("check"), "engine check SRC DST")


def test_json_gives_one_event_per_difference_and_a_summary(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    copied(src, dst)
    (dst / "a.txt").unlink()
    write_tree(dst, {"new.txt": "n"})

    events = json_events(check(src, dst, "--json", code=1))

    assert events == [
        {"event": "difference", "path": "a.txt", "difference": "missing", "detail": ""},
        {"event": "difference", "path": "new.txt", "difference": "extra", "detail": ""},
        {
            "event": "summary",
            "missing": 1,
            "changed": 0,
            "extra": 1,
            "unreadable": 0,
            "matching": 1,
            "ok": False,
        },
    ]


def test_a_check_writes_nothing_in_the_target(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b", "new/c.txt": "c"})
    copied(src, dst, "--exclude", "new")
    os.utime(dst / "a.txt", (1_000_000_000, 1_000_000_000))
    (dst / "sub/b.txt").chmod(0o600)
    before = snapshot(dst)

    check(src, dst, "--checksum", code=1)

    assert snapshot(dst) == before


def test_a_missing_target_makes_every_source_entry_missing_and_is_not_created(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"a.txt": "a", "sub/b.txt": "b"})

    result = check(src, dst, code=1)

    assert lines(result) == ["missing: a.txt", "missing: sub", "missing: sub/b.txt"]
    assert not dst.exists()


# The run's selection: a check of a job compares what its run copies.


def listing(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "list"
    path.write_text(text)
    return path


def test_files_outside_the_size_limits_are_not_compared_and_their_namesakes_not_extra(
    src: Path, dst: Path
) -> None:
    write_tree(src, {"small": b"x" * 10, "middle": b"x" * 2048, "large": b"x" * 5000})
    write_tree(dst, {"large": "an older, shorter copy"})
    limits = ("--min-size", "1k", "--max-size", "4k")
    copied(src, dst, *limits, "--delete")
    assert (dst / "large").exists()  # the mirror keeps it

    result = check(src, dst, *limits, code=0)

    assert result.stdout == "no differences; 1 matching\n"
    assert lines(check(src, dst, code=1)) == ["changed: large (size)", "missing: small"]


def test_the_outputs_of_a_file_the_job_leaves_out_are_not_extra(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    write_tree(dst, {"a.txt.gz": "from an earlier run"})
    job = ("--stage", "gzip", "--exclude", "a.txt")
    copied(src, dst, *job, "--delete")
    assert (dst / "a.txt.gz").exists()  # the mirror keeps it

    check(src, dst, *job, code=0)


def test_one_file_system_compares_nothing_on_another_file_system(src: Path, dst: Path) -> None:
    write_tree(src, {"a.txt": "a"})
    write_tree(dst, {"mnt/old.txt": "from before the mount"})
    with tmpfs(src / "mnt") as mnt:
        write_tree(mnt, {"inside.txt": "i"})
        copied(src, dst, "-x")

        result = check(src, dst, "-x", code=0)
        whole = check(src, dst, code=1)

    assert result.stdout == "no differences; 1 matching\n"
    assert lines(whole) == ["missing: mnt/inside.txt", "extra: mnt/old.txt"]


def test_files_from_compares_only_the_listed_paths(src: Path, dst: Path, tmp_path: Path) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b", "sub/c.txt": "c", "sub/deep/d.txt": "d"})
    names = listing(tmp_path, "a.txt\n./sub/deep/d.txt\n")
    copied(src, dst, "--files-from", names)

    result = check(src, dst, "--files-from", names, code=0)

    assert result.stdout == "no differences; 2 matching\n"
    assert "missing: b.txt" in lines(check(src, dst, code=1))


def test_files_from_reports_extras_only_inside_listed_folders(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a", "top/sub/c.txt": "c", "top/sub/deep/d.txt": "d"})
    names = listing(tmp_path, "top/sub/\n")
    copied(src, dst, "--files-from", names)
    write_tree(
        dst,
        {"stray.txt": "s", "top/stray.txt": "s", "top/sub/x.txt": "x", "top/sub/deep/y.txt": "y"},
    )

    result = check(src, dst, "--files-from", names, code=1)

    assert lines(result) == ["extra: top/sub/x.txt", "extra: top/sub/deep/y.txt"]


def test_a_listed_path_missing_from_the_source_is_unreadable_as_the_run_fails_it(
    src: Path, dst: Path, tmp_path: Path
) -> None:
    write_tree(src, {"a.txt": "a", "b.txt": "b"})
    names = listing(tmp_path, "a.txt\nnot/there.txt\nb.txt/below\n")
    run = run_engine("run", src, dst, "-q", "--files-from", names)
    assert run.returncode == 1, run.stderr

    result = check(src, dst, "--files-from", names, code=1)

    reason = "listed in --files-from but not in the source"
    assert lines(result) == [
        f"unreadable: b.txt/below ({reason} ('b.txt' is not a folder))",
        f"unreadable: not/there.txt ({reason})",
    ]
    assert result.stdout.splitlines()[-1] == "2 unreadable; 1 matching"
