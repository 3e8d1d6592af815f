"""A folder that fails hides no file: when a target folder cannot be created, or a source
folder cannot be listed, the folder is reported as a folder with what beneath it was left
out, the totals count those files as not copied, and `--again ID --failed-only` takes the
folder whole. Real trees, real faults (a file in the way of a folder, a read-only target
folder, an unreadable source folder, as root without the capabilities that override file
permissions), the real CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    file_events,
    final_files,
    json_events,
    run_engine,
    summary_of,
    tmpfs,
    unprivileged,
    write_tree,
)

BENEATH = {
    "docs/a.txt": "a" * 1000,
    "docs/b.txt": "b" * 1000,
    "docs/deep/c.txt": "c" * 1000,
    "docs/deep/deeper/d.txt": "d" * 1000,
}
"""Four files, 4,000 bytes, beneath the folder `docs`."""


@pytest.fixture(autouse=True)
def fresh_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A history of this test alone, so its run ids are its own."""
    monkeypatch.setenv("XDG_DATA_HOME", os.fspath(tmp_path / "data"))


def blocked_docs(src: Path, dst: Path, extra: dict[str, bytes | str] | None = None) -> None:
    """`docs` with four files beneath it in the source, and a file in the target where its
    folder should go: the folder cannot be created, whoever runs the job."""
    write_tree(src, {**BENEATH, "ok.txt": "ok", **(extra or {})})
    write_tree(dst, {"docs": "a file, not a folder"})


def last_run_id() -> int:
    listed = run_engine("history", "--json")
    assert listed.returncode == 0, listed.stderr
    newest: dict[str, Any] = json.loads(listed.stdout.splitlines()[0])
    return int(newest["id"])


def test_a_folder_that_cannot_be_created_is_reported_with_the_files_beneath_it(
    src: Path, dst: Path
) -> None:
    blocked_docs(src, dst)

    result = run_engine("run", src, dst, "--json")

    assert result.returncode == 1, result.stderr
    docs = file_events(result)["docs"]
    assert docs["status"] == "failed"
    assert (docs["folder"], docs["files_left_out"], docs["bytes_left_out"]) == (True, 4, 4000)
    assert docs["counted"] is True
    assert docs["error"] == (
        "cannot create folder: a file is in the way; 4 files (4.0 kB) beneath it not copied"
    )


def test_files_beneath_a_folder_that_failed_have_no_events_of_their_own(
    src: Path, dst: Path
) -> None:
    blocked_docs(src, dst)

    result = run_engine("run", src, dst, "--json")

    assert set(file_events(result)) == {"docs", "ok.txt"}


def test_the_summary_counts_the_files_left_out_beneath_failed_folders(src: Path, dst: Path) -> None:
    blocked_docs(src, dst)

    summary = summary_of(run_engine("run", src, dst, "--json"))

    assert (summary["files_done"], summary["files_failed"]) == (1, 1)
    assert (summary["files_left_out"], summary["bytes_left_out"]) == (4, 4000)
    assert summary["folders_unlisted"] == 0
    assert summary["failures"] == [
        {
            "path": "docs",
            "error": "cannot create folder: a file is in the way; "
            "4 files (4.0 kB) beneath it not copied",
            "folder": True,
        }
    ]


def test_stderr_lists_a_failed_folder_with_the_files_it_left_out(src: Path, dst: Path) -> None:
    blocked_docs(src, dst)

    result = run_engine("run", src, dst)

    assert result.returncode == 1
    assert result.stderr == (
        "engine: failed: docs: cannot create folder: a file is in the way; "
        "4 files (4.0 kB) beneath it not copied\n"
    )


def test_progress_never_reaches_its_total_while_files_are_left_out(src: Path, dst: Path) -> None:
    blocked_docs(src, dst)

    result = run_engine("run", src, dst, "--json")

    last = [e for e in json_events(result) if e["event"] == "progress"][-1]
    finished = sum(last[f"files_{kind}"] for kind in ("done", "updated", "skipped", "failed"))
    assert (last["files_left_out"], last["bytes_left_out"]) == (4, 4000)
    assert last["files_total"] == finished + 4
    assert last["bytes_total"] == last["bytes_done"] + 4000


def test_the_count_beneath_a_failed_folder_takes_only_what_the_filters_take(
    src: Path, dst: Path
) -> None:
    filtered = {"docs/skip.tmp": "t" * 1000, "docs/cache/e.txt": "e" * 1000, "docs/tiny.txt": "x"}
    blocked_docs(src, dst, filtered)

    result = run_engine(
        "run", src, dst, "--exclude", "*.tmp", "--exclude", "cache", "--min-size", "2", "--json"
    )

    docs = file_events(result)["docs"]
    assert (docs["files_left_out"], docs["bytes_left_out"]) == (4, 4000)


def test_the_count_beneath_a_failed_folder_stays_on_the_source_file_system(
    src: Path, dst: Path
) -> None:
    blocked_docs(src, dst)
    with tmpfs(src / "docs/mnt") as mounted:
        write_tree(mounted, {"elsewhere.txt": "e" * 1000})

        result = run_engine("run", src, dst, "--one-file-system", "--json")

    assert file_events(result)["docs"]["files_left_out"] == 4


def test_a_folder_that_cannot_be_listed_says_its_contents_are_unknown(src: Path, dst: Path) -> None:
    write_tree(src, {"ok.txt": "ok", "locked/inside.txt": "hidden"})
    os.chmod(src / "locked", 0)
    try:
        result = run_engine("run", src, dst, "--json", **unprivileged())
    finally:
        os.chmod(src / "locked", 0o755)

    assert result.returncode == 1, result.stderr
    locked = file_events(result)["locked"]
    assert (locked["folder"], locked["files_left_out"], locked["counted"]) == (True, 0, False)
    assert locked["error"] == (
        "cannot list folder: permission denied; its contents could not be listed, "
        "so how many files were not copied is unknown"
    )
    summary = summary_of(result)
    assert (summary["files_left_out"], summary["folders_unlisted"]) == (0, 1)


def test_an_unlisted_folder_beneath_a_failed_one_leaves_its_count_incomplete(
    src: Path, dst: Path
) -> None:
    blocked_docs(src, dst, {"docs/locked/hidden.txt": "hidden"})
    os.chmod(src / "docs/locked", 0)
    try:
        result = run_engine("run", src, dst, "--json", **unprivileged())
    finally:
        os.chmod(src / "docs/locked", 0o755)

    docs = file_events(result)["docs"]
    assert (docs["files_left_out"], docs["counted"]) == (4, False)
    assert docs["error"].endswith(
        "4 files (4.0 kB) beneath it not copied, and more in folders that could not be listed"
    )
    assert "docs/locked" not in file_events(result)


def read_only_target_folder(src: Path, dst: Path) -> set[str]:
    """A source `ro/sub` with 12 files (1,200 bytes) beneath it, and `ok.txt`; the target
    already has `ro`, read-only: `ro/sub` cannot be created in it. The 12 files are returned."""
    beneath = {f"ro/sub/{i // 4}/f{i}.txt": "x" * 100 for i in range(12)}
    write_tree(src, {"ok.txt": "ok", **beneath})
    (dst / "ro").mkdir(parents=True)
    os.chmod(dst / "ro", 0o555)
    return set(beneath)


def test_a_read_only_target_folder_s_files_left_out_are_in_the_json_summary(
    src: Path, dst: Path
) -> None:
    read_only_target_folder(src, dst)

    result = run_engine("run", src, dst, "--json", **unprivileged())

    assert result.returncode == 1, result.stderr
    summary = summary_of(result)
    assert (summary["files_left_out"], summary["bytes_left_out"]) == (12, 1200)
    assert summary["failures"] == [
        {
            "path": "ro/sub",
            "error": "cannot create folder: permission denied; "
            "12 files (1.2 kB) beneath it not copied",
            "folder": True,
        }
    ]


def test_a_read_only_target_folder_s_files_left_out_are_in_the_text_summary(
    src: Path, dst: Path
) -> None:
    read_only_target_folder(src, dst)

    result = run_engine("run", src, dst, **unprivileged())

    assert result.returncode == 1, result.stderr
    assert ", failed 1 in " in result.stdout
    assert result.stdout.endswith("Not copied: 12 files (1.2 kB) beneath folders that failed.\n"), (
        result.stdout
    )


def test_failed_only_copies_exactly_the_files_a_failed_folder_left_out(
    src: Path, dst: Path
) -> None:
    beneath = read_only_target_folder(src, dst)
    assert run_engine("run", src, dst, **unprivileged()).returncode == 1
    run = last_run_id()
    os.chmod(dst / "ro", 0o755)
    (dst / "ok.txt").unlink()

    again = run_engine("run", "--again", str(run), "--failed-only", "--json")

    assert again.returncode == 0, again.stderr
    assert again.stderr == f"engine: retrying 1 folder that failed in run {run}\n"
    copied = {path for path, e in file_events(again).items() if e["status"] == "done"}
    assert copied == beneath
    assert summary_of(again)["files_done"] == 12
    assert final_files(dst) == beneath


def test_failed_only_says_how_many_folders_and_files_it_retries(src: Path, dst: Path) -> None:
    blocked_docs(src, dst, {"locked.txt": "x"})
    os.chmod(src / "locked.txt", 0)
    assert run_engine("run", src, dst, **unprivileged()).returncode == 1
    run = last_run_id()
    os.chmod(src / "locked.txt", 0o644)
    (dst / "docs").unlink()

    again = run_engine("run", "--again", str(run), "--failed-only")

    assert again.returncode == 0, again.stderr
    assert again.stderr == f"engine: retrying 1 folder and 1 file that failed in run {run}\n"
    assert final_files(dst) == {"ok.txt", "locked.txt", *BENEATH}


def test_failed_only_takes_no_more_of_a_folder_than_the_run_s_own_list(
    src: Path, dst: Path
) -> None:
    blocked_docs(src, dst)
    listed = run_engine("run", src, dst, "--path", "docs/deep/c.txt", "--json")
    assert file_events(listed)["docs"]["files_left_out"] == 1
    run = last_run_id()
    (dst / "docs").unlink()

    again = run_engine("run", "--again", str(run), "--failed-only")

    assert again.returncode == 0, again.stderr
    assert final_files(dst) == {"docs/deep/c.txt"}


def test_the_history_keeps_which_failures_were_folders(src: Path, dst: Path) -> None:
    blocked_docs(src, dst)
    run_engine("run", src, dst)

    shown = json.loads(run_engine("history", "show", str(last_run_id()), "--json").stdout)

    assert shown["files_left_out"] == 4
    assert [(f["path"], f.get("folder")) for f in shown["failures"]] == [("docs", True)]
