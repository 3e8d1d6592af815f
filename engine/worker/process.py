"""The body of one local worker process: take batches from the inbox, run each file, report
back.

A reader thread drains the inbox. When it reads end-of-file the coordinator is gone (even
if it was killed with SIGKILL and could clean nothing up), so it removes the temporary
file being written and ends the process at once: no worker outlives its coordinator.

The worker opens the job's two root folders once, by their paths, and checks that they are
the folders the coordinator holds (device and inode): from then on it reaches every file
from those descriptors. The time limit per file is kept by the coordinator, which sees the
position this worker records in shared memory (`position.SharedPosition`), so it holds even
for a stopped worker.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from engine.control import Control
from engine.records import Batch, FileTask, Outcome
from engine.roots import RootReplaced, open_verified
from engine.stages import Stage, build
from engine.stages.base import run_worker_exit_hooks
from engine.worker.inflight import TempFiles
from engine.worker.messages import (
    REPORT_EVERY_S,
    Assignment,
    Began,
    Command,
    Fatal,
    Partial,
    Results,
)
from engine.worker.pacing import Pacer
from engine.worker.position import SharedPosition
from engine.worker.runtime import run_batch
from engine.worker.settings import TransferSettings
from engine.worker.transfer import Transfer

ORPHAN_EXIT = 75
"""How a worker ends when its coordinator is gone, or never sent it a job (EX_TEMPFAIL)."""


def main(
    control: Control, inbox: Connection, outbox: Connection, temp_tag: str, position: Any
) -> None:
    """Wait for the job, then run its batches until told to stop (see `messages`).
    `position` is the shared array of a `SharedPosition`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The coordinator decides what a closed terminal means for the job (`engine run` goes
    # on to the end); its workers must not die of the hangup the terminal sends them all.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # A file over RLIMIT_FSIZE must fail with EFBIG, not kill the worker with SIGXFSZ.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    temps = TempFiles()

    def on_term(_signum: int, _frame: object) -> None:
        temps.discard()
        run_worker_exit_hooks()
        os._exit(128 + signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_term)
    try:
        assignment: Assignment | None = inbox.recv()
    except (EOFError, OSError):
        os._exit(ORPHAN_EXIT)  # started early for a job that never came
    if assignment is None:
        return
    settings = assignment.settings
    commands: queue.SimpleQueue[Command] = queue.SimpleQueue()
    threading.Thread(target=_read_inbox, args=(inbox, commands, temps), daemon=True).start()
    try:
        roots = _open_roots(settings)
    except OSError as exc:
        outbox.send(Fatal(str(exc) if isinstance(exc, RootReplaced) else _root_text(exc)))
        return
    if any(spec.name == "exec" for spec in assignment.stages):
        from engine.stages.exec import become_subreaper  # only chains that run commands

        become_subreaper()
    try:
        stages = tuple(build(spec) for spec in assignment.stages)
    except Exception:
        import traceback  # only here: a worker that works never needs it

        detail = traceback.format_exc().strip().splitlines()[-1]
        outbox.send(Fatal("a worker could not start its stages", detail))
        return
    worker = _Worker(
        settings, stages, control, temps, outbox, temp_tag, SharedPosition(position), roots
    )
    worker.serve(commands)
    # Everything the coordinator needs has been sent (pipe writes are not buffered), and it
    # waits for this process to end: skip the interpreter's tear-down (~20 ms of freeing
    # modules), which would only delay the end of every run.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.flush()
    os._exit(0)


def _read_inbox(inbox: Connection, commands: queue.SimpleQueue[Command], temps: TempFiles) -> None:
    while True:
        try:
            command = inbox.recv()
        except (EOFError, OSError):
            temps.discard()
            run_worker_exit_hooks()
            os._exit(ORPHAN_EXIT)
        commands.put(command)
        if command is None:
            return


def _open_roots(settings: TransferSettings) -> tuple[int, int | None]:
    """The source and target folders, checked to be the ones the coordinator holds."""
    assert settings.source_id is not None
    source = open_verified(settings.source, settings.source_id, "source")
    if settings.target_id is None:
        return source, None
    try:
        return source, open_verified(settings.target, settings.target_id, "target")
    except BaseException:
        os.close(source)
        raise


def _root_text(exc: OSError) -> str:
    return f"a worker cannot open the job's folders: {exc.strerror or exc} ({exc.filename})"


class _Worker:
    """Runs batches as they come and sends back what happened, batched (see `messages`)."""

    def __init__(
        self,
        settings: TransferSettings,
        stages: tuple[Stage, ...],
        control: Control,
        temps: TempFiles,
        outbox: Connection,
        temp_tag: str,
        position: SharedPosition,
        roots: tuple[int, int | None],
    ) -> None:
        self.control = control
        self.position = position
        self.outbox = outbox
        self.pending: list[Outcome] = []
        self.batch_id = 0
        self.last_report = 0.0
        pacer = Pacer(control, self._partial)
        self.transfer = Transfer(
            settings,
            stages,
            control,
            temps,
            pacer,
            temp_tag,
            source_root=roots[0],
            target_root=roots[1],
        )

    def serve(self, commands: queue.SimpleQueue[Command]) -> None:
        while (batch := commands.get()) is not None:
            if not self._run(batch):
                return

    def _run(self, batch: Batch) -> bool:
        """Run one batch; False when the job was cancelled and the worker should stop."""
        self.batch_id = batch.id
        finished = run_batch(
            batch, self.transfer, self.control, self.position, self._began, self._done
        )
        self._flush(complete=True)
        return finished

    def _began(self, index: int, task: FileTask, now: float) -> None:
        if task.size >= 1 << 20 or now - self.last_report >= REPORT_EVERY_S:
            self._flush()
            self.outbox.send(Began(self.batch_id, index))
            self.last_report = now

    def _done(self, outcome: Outcome) -> None:
        # Into whatever `pending` is now: a progress report during the file flushed and
        # replaced the list the file began with.
        self.pending.append(outcome)

    def _flush(self, complete: bool = False) -> None:
        if self.pending or complete:
            self.outbox.send(Results(self.batch_id, tuple(self.pending), complete))
            self.pending = []

    def _partial(self, nbytes: int) -> None:
        self._flush()
        self.outbox.send(Partial(self.batch_id, nbytes))
