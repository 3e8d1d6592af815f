"""Executors run batches of file tasks on workers; the pipeline sees only `Executor`.

Names are imported on first use (PEP 562): importing one executor does not load the others.
What runs inside the workers is the package `engine.worker`, which imports nothing from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.lazy import lazy_getattr

_EXPORTS = {
    "Executor": "engine.executor.base",
    "Report": "engine.executor.base",
    "LocalExecutor": "engine.executor.local",
    "executor_for": "engine.executor.backends",
}

__all__ = ["Executor", "LocalExecutor", "Report", "executor_for"]


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from engine.executor.backends import executor_for
    from engine.executor.base import Executor, Report
    from engine.executor.local import LocalExecutor
