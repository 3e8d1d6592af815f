"""Executors run batches of file tasks on workers; the pipeline sees only `Executor`."""

from engine.executor.base import Executor, Report
from engine.executor.local import LocalExecutor

__all__ = ["Executor", "LocalExecutor", "Report"]
