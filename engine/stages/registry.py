"""Where stages are found: the built-ins plus any package's `conveyor.stages` entry points."""

from __future__ import annotations

from functools import cache

from engine.errors import JobError
from engine.stages.base import Stage, StageSpec
from engine.stages.checksum import ChecksumStage
from engine.stages.copy import CopyStage
from engine.stages.exec import ExecStage
from engine.stages.gzip import GzipStage
from engine.stages.reencode import ReencodeStage
from engine.stages.resize import ResizeStage
from engine.stages.zstd import ZstdStage

ENTRY_POINT_GROUP = "conveyor.stages"
BUILTIN: tuple[type[Stage], ...] = (
    CopyStage,
    GzipStage,
    ZstdStage,
    ChecksumStage,
    ResizeStage,
    ReencodeStage,
    ExecStage,
)


_BY_NAME = {cls.name: cls for cls in BUILTIN}


@cache
def _discover() -> tuple[dict[str, type[Stage]], tuple[str, ...]]:
    stages = dict(_BY_NAME)
    problems: list[str] = []
    from importlib.metadata import entry_points  # slow to import; plugins only

    for point in entry_points(group=ENTRY_POINT_GROUP):
        if point.name in stages:
            problems.append(f"stage '{point.name}' from {point.value} clashes with another")
            continue
        try:
            cls = point.load()
        except Exception as exc:
            problems.append(f"stage '{point.name}' from {point.value} failed to load: {exc!r}")
            continue
        if isinstance(cls, type) and issubclass(cls, Stage):
            stages[point.name] = cls
        else:
            problems.append(f"stage '{point.name}' from {point.value} is not a Stage subclass")
    return stages, tuple(problems)


def available() -> dict[str, type[Stage]]:
    """Every stage by name; plugins that fail to load are left out rather than break the app."""
    return _discover()[0]


def plugin_problems() -> tuple[str, ...]:
    """Why installed plugins were left out, as sentences for `engine stages` and the app."""
    return _discover()[1]


def build(spec: StageSpec) -> Stage:
    """Construct a stage from its spec, validating every option (plugins are looked up
    only for names that are not built in, so workers start without scanning packages)."""
    cls = _BY_NAME.get(spec.name) or available().get(spec.name)
    if cls is None:
        names = ", ".join(sorted(available()))
        raise JobError(f"unknown stage '{spec.name}' (available: {names})")
    return cls(spec.options)
