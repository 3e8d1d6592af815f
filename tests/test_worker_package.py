"""The worker side stands alone: a worker process loads nothing of the coordinator's.

Each check runs in a fresh interpreter, so nothing this test process imported hides what a
worker really loads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

IMPORT_TIMEOUT_S = 60

COORDINATOR = (
    "engine.pipeline",
    "engine.scan",
    "engine.job",
    "engine.collector",
    "engine.handle",
    "engine.cli",
    "engine.executor",
)
"""Modules (and packages, with everything in them) that only the coordinator runs."""
HEAVY = ("rich", "tomllib")
"""What the coordinator's front-ends load, and a worker has no use for."""


def loaded_after(*modules: str) -> list[str]:
    """Which of the coordinator's modules a fresh interpreter holds after importing these."""
    code = textwrap.dedent(
        f"""
        import importlib, json, sys
        for name in {list(modules)!r}:
            importlib.import_module(name)
        banned = {list(COORDINATOR + HEAVY)!r}
        print(json.dumps(sorted(
            name for name in sys.modules
            if any(name == ban or name.startswith(ban + ".") for ban in banned)
        )))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=IMPORT_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_local_worker_entry_point_loads_nothing_of_the_coordinator() -> None:
    # What a spawned worker imports: its entry (the process target), then the worker's body.
    assert loaded_after("engine.worker.entry", "engine.worker.process") == []


def test_the_dask_worker_module_loads_nothing_of_the_coordinator() -> None:
    pytest.importorskip("distributed")
    loaded = loaded_after("engine.worker.dask")
    assert [name for name in loaded if name.startswith("engine.")] == []
