"""Where a local worker process begins.

The launcher names `run` as the new process's target, and naming it means importing this
module: so it imports nothing, and the worker's code (`process`) is imported in the new
process, while the coordinator goes on starting up.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.control import Control


def run(control: Control, inbox: Connection, outbox: Connection, tag: str, position: Any) -> None:
    """A worker process's entry: see `process.main`."""
    from engine.worker import process

    process.main(control, inbox, outbox, tag, position)
