"""Where stages are found: the built-ins plus any package's `conveyor.stages` entry points."""

from __future__ import annotations

import importlib
from functools import cache

from engine.errors import JobError
from engine.stages.base import Stage, StageSpec

ENTRY_POINT_GROUP = "conveyor.stages"
BUILTIN: dict[str, str] = {
    "copy": "engine.stages.copy:CopyStage",
    "gzip": "engine.stages.gzip:GzipStage",
    "zstd": "engine.stages.zstd:ZstdStage",
    "checksum": "engine.stages.checksum:ChecksumStage",
    "resize": "engine.stages.resize:ResizeStage",
    "reencode": "engine.stages.reencode:ReencodeStage",
    "exec": "engine.stages.exec:ExecStage",
}
"""Built-in stages by name, imported on first use: a worker copying files need not load
Pillow, zstandard or the charset detector."""


@cache
def builtin(name: str) -> type[Stage] | None:
    target = BUILTIN.get(name)
    if target is None:
        return None
    module, _, attribute = target.partition(":")
    cls: type[Stage] = getattr(importlib.import_module(module), attribute)
    return cls


@cache
def _discover() -> tuple[dict[str, type[Stage]], tuple[str, ...]]:
    stages = {name: cls for name in BUILTIN if (cls := builtin(name)) is not None}
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
    cls = builtin(spec.name) or available().get(spec.name)
    if cls is None:
        names = ", ".join(sorted(available()))
        raise JobError(f"unknown stage '{spec.name}' (available: {names})")
    return cls(spec.options)
