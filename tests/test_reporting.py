"""Every entry gets exactly one outcome, however its progress reports interleave."""

from __future__ import annotations

from pathlib import Path

from helpers import Engine, json_events, summary_of, write_tree


def test_every_file_is_reported_once_when_progress_reports_interleave(
    src: Path, dst: Path, engine: Engine
) -> None:
    """Slow files make workers send progress mid-file, between outcomes of one batch."""
    files = {f"d{i % 3}/f{i}.bin": bytes([i]) * 40_000 for i in range(30)}
    write_tree(src, files)
    result = engine("run", src, dst, "-w", "2", "--bwlimit", "400k", "--json")
    assert result.returncode == 0, result.stderr
    reported = sorted(e["path"] for e in json_events(result) if e["event"] == "file")
    assert reported == sorted(files)
    assert summary_of(result)["files_done"] == len(files)
