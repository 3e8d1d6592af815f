"""Conveyor's engine: copy and transform folder trees on a pool of worker processes.

    from engine import Job, run
    summary = run(Job(source=Path("in"), target=Path("out"), workers=4), on_event=print)

The engine never imports Qt or the app; front-ends consume its plain event values. Names
are imported on first use (PEP 562), so a worker process, which imports `engine.worker`,
does not pay for the pipeline, the collector and the CLI it never runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.lazy import lazy_getattr

__version__ = "0.1.0"

_EXPORTS = {
    "EngineError": "engine.errors",
    "JobError": "engine.errors",
    "Event": "engine.events",
    "FileEvent": "engine.events",
    "JobFinished": "engine.events",
    "JobStarted": "engine.events",
    "LogMessage": "engine.events",
    "Progress": "engine.events",
    "Summary": "engine.events",
    "WorkerInfo": "engine.events",
    "WorkerStatus": "engine.events",
    "to_json": "engine.events",
    "JobHandle": "engine.handle",
    "run": "engine.handle",
    "start": "engine.handle",
    "IfExists": "engine.job",
    "Job": "engine.job",
    "dump_job_file": "engine.job",
    "load_job_file": "engine.job",
    "parse_stage": "engine.job",
    "Reflink": "engine.job",
    "Option": "engine.stages",
    "Stage": "engine.stages",
    "StageSpec": "engine.stages",
    "Status": "engine.records",
}

__all__ = [
    "EngineError",
    "Event",
    "FileEvent",
    "IfExists",
    "Job",
    "JobError",
    "JobFinished",
    "JobHandle",
    "JobStarted",
    "LogMessage",
    "Option",
    "Progress",
    "Reflink",
    "Stage",
    "StageSpec",
    "Status",
    "Summary",
    "WorkerInfo",
    "WorkerStatus",
    "__version__",
    "dump_job_file",
    "load_job_file",
    "parse_stage",
    "run",
    "start",
    "to_json",
]


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from engine.errors import EngineError, JobError
    from engine.events import (
        Event,
        FileEvent,
        JobFinished,
        JobStarted,
        LogMessage,
        Progress,
        Summary,
        WorkerInfo,
        WorkerStatus,
        to_json,
    )
    from engine.handle import JobHandle, run, start
    from engine.job import IfExists, Job, Reflink, dump_job_file, load_job_file, parse_stage
    from engine.records import Status
    from engine.stages import Option, Stage, StageSpec
