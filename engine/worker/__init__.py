"""What runs inside a worker process: one file from source to target, and the loop around it.

A worker takes batches of file tasks, runs each through the stage chain into a temporary
file and renames it into place (`transfer`), deciding first what the if-exists policy wants
(`policy`). The same code serves a local worker process (`process`) and a Dask worker
(`dask`); the batch loop and the file watchdog they share are in `runtime`.

The rule: nothing here imports the coordinator (the pipeline, the scanner, the collector,
the job, the executors, the front-ends). A worker process then starts quickly and carries
only what it runs, and the coordinator's modules are free to change without touching what
runs on a remote machine. An import-linter contract in `pyproject.toml` keeps it so. The
coordinator may import from here; the worker knows the coordinator only by the messages in
`messages`.

Names are imported on first use (PEP 562): the launcher imports `entry` alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.lazy import lazy_getattr

_EXPORTS = {
    "IfExists": "engine.worker.policy",
    "Transfer": "engine.worker.transfer",
    "TransferSettings": "engine.worker.settings",
}

__all__ = ["IfExists", "Transfer", "TransferSettings"]


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from engine.worker.policy import IfExists
    from engine.worker.settings import TransferSettings
    from engine.worker.transfer import Transfer
