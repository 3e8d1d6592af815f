"""Conveyor's engine: copy and transform folder trees on a pool of worker processes.

    from engine import Job, run
    summary = run(Job(source=Path("in"), target=Path("out"), workers=4), on_event=print)

The engine never imports Qt or the app; front-ends consume its plain event values.
"""

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
from engine.job import IfExists, Job, dump_job_file, load_job_file, parse_stage
from engine.stages import Option, Stage, StageSpec
from engine.tasks import Status

__version__ = "0.1.0"

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
