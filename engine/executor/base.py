"""The executor interface: where batches run. The pipeline talks to nothing else.

The local process pool implements it today; a distributed backend can implement the same
few calls without the scanner, the stages, the collector or any front-end changing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from engine.events import WorkerInfo
from engine.executor.protocol import Halt, Notice, Unfinished, WorkerLost
from engine.records import Batch
from engine.stages import StageSpec
from engine.wakeup import Wakeup
from engine.worker.messages import Began, Partial, Results
from engine.worker.settings import TransferSettings

Report = Began | Partial | Results | Unfinished | WorkerLost | Notice | Halt


class Executor(ABC):
    @abstractmethod
    def start(
        self,
        settings: TransferSettings,
        stages: tuple[StageSpec, ...],
        size: int,
        target_root: int | None = None,
    ) -> None:
        """Bring up `size` workers ready to run batches of this job. `target_root` is the
        target folder the coordinator holds (None before it exists, in a dry run), for the
        clean-up after a worker that died."""

    @abstractmethod
    def has_capacity(self) -> bool:
        """Whether `submit` would hand the batch to a worker without queueing deep."""

    @abstractmethod
    def submit(self, batch: Batch) -> None: ...

    @abstractmethod
    def poll(self, timeout: float, wakeup: Wakeup | None = None) -> list[Report]:
        """Wait for news from the workers, for `wakeup` to be poked, or `timeout` seconds,
        whichever comes first; never longer."""

    @abstractmethod
    def idle(self) -> bool:
        """True when no submitted batch is still outstanding."""

    @abstractmethod
    def partial_bytes(self) -> int:
        """Bytes of files still in progress, for a smooth progress bar on big files."""

    @abstractmethod
    def workers(self) -> tuple[WorkerInfo, ...]: ...

    @abstractmethod
    def resize(self, size: int) -> None:
        """Grow or shrink the pool while it runs; shrinking lets workers finish their batches."""

    @abstractmethod
    def set_bwlimit(self, rate: int) -> None:
        """Hold every worker to `rate` bytes per second from its next chunk (0: no limit)."""

    @abstractmethod
    def pause(self) -> None: ...

    @abstractmethod
    def resume(self) -> None: ...

    @abstractmethod
    def cancel(self) -> None:
        """Ask every worker to abandon its file (removing the temporary) and stop."""

    @abstractmethod
    def shutdown(self, grace_s: float) -> list[Report]:
        """Stop all workers, waiting up to `grace_s` before killing; return the last reports."""
