"""Refusing jobs whose renaming stages would write two files to one target name.

`a.txt` and `a.txt.gz` under gzip both become `a.txt.gz`; without this check the second
would silently replace the first. The check walks the source (names only, nothing written)
before the job starts, but only when some stage renames or writes a job-level artifact.
"""

from __future__ import annotations

import queue
import threading

from engine.errors import JobError
from engine.job import Job
from engine.names import printable
from engine.scan import ScanDone, ScanItem, Scanner
from engine.stages import Stage
from engine.stages.chain import ChainCache
from engine.tasks import Batch


def check_outputs(job: Job, stages: tuple[Stage, ...]) -> None:
    """Raise JobError naming the first two entries that would share a target name."""
    artifacts = {name: stage.name for stage in stages for name in stage.artifacts()}
    if not artifacts and not any(stage.renames for stage in stages):
        return
    items: queue.Queue[ScanItem] = queue.Queue(maxsize=64)
    stop = threading.Event()
    scanner = Scanner(
        job.source,
        job.target,
        job.path_filter,
        follow_symlinks=job.follow_symlinks,
        create_dirs=False,
        out=items,
        stop=stop,
    )
    thread = threading.Thread(target=scanner.run, name="conveyor-collisions", daemon=True)
    thread.start()
    chains = ChainCache(stages)
    owners: dict[str, str] = {}
    try:
        while not isinstance(item := items.get(), ScanDone):
            if not isinstance(item, Batch):
                continue
            for task in item.tasks:
                out = chains(task.rel).output_name(task.rel) if task.kind == "file" else task.rel
                if out in owners:
                    raise _collision(owners[out], task.rel, out)
                if out in artifacts:
                    raise JobError(
                        f"'{printable(task.rel)}' would be written over the '{out}' that "
                        f"stage '{artifacts[out]}' writes; exclude it or rename it"
                    )
                owners[out] = task.rel
    finally:
        stop.set()
        thread.join(timeout=5)
    for entry in scanner.totals.directories:
        if entry.rel in owners:
            raise _collision(owners[entry.rel], entry.rel + "/", entry.rel)
        if entry.rel in artifacts:
            raise JobError(
                f"the folder '{printable(entry.rel)}' is in the way of the '{entry.rel}' that "
                f"stage '{artifacts[entry.rel]}' writes; exclude it or rename it"
            )


def _collision(first: str, second: str, out: str) -> JobError:
    return JobError(
        f"'{printable(first)}' and '{printable(second)}' would both be written to "
        f"'{printable(out)}' in the target; exclude one of them or narrow the stage with match="
    )
