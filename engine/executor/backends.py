"""Which executor runs a job: the job's backend names it."""

from __future__ import annotations

from engine.executor.base import Executor
from engine.executor.local import LocalExecutor
from engine.job import Backend, Job


def executor_for(job: Job) -> Executor:
    """The executor the job's backend names; Dask is imported only when it is chosen."""
    if job.backend is Backend.DASK:
        from engine.executor.dask_cluster import DaskExecutor

        return DaskExecutor(job.scheduler)
    return LocalExecutor()
