"""One file's failure is reported with its path and reason and never stops the others."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from helpers import ENGINE, temp_files, write_tree


def test_a_file_that_vanishes_after_the_scan_fails_alone(src: Path, dst: Path) -> None:
    """The scan lists b.txt; it is deleted while the only worker is still busy with a.bin."""
    write_tree(src, {"a.bin": b"a" * 600_000, "b.txt": "gone soon", "c.txt": "stays"})
    cli = subprocess.Popen(
        [*ENGINE, "run", src, dst, "-w", "1", "--bwlimit", "300k", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not temp_files(dst):
            assert time.monotonic() < deadline, "a.bin never started copying"
            assert cli.poll() is None, "the run ended before a.bin was copied"
            time.sleep(0.01)
        (src / "b.txt").unlink()
        stdout, stderr = cli.communicate(timeout=30)
    finally:
        cli.kill()
        cli.wait()
    assert cli.returncode == 1
    files = {e["path"]: e for e in map(json.loads, stdout.splitlines()) if e["event"] == "file"}
    assert files["b.txt"]["status"] == "failed"
    assert "vanished" in files["b.txt"]["error"]
    assert files["a.bin"]["status"] == files["c.txt"]["status"] == "done"
    assert "engine: failed: b.txt: the source file vanished" in stderr
    assert sorted(p.name for p in dst.iterdir()) == ["a.bin", "c.txt"]
