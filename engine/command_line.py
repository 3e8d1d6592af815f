"""The `engine run ...` command line that runs a given job, for scripts and crontab lines (the
app's "Copy command line" uses it). Its options follow from the job's declared settings."""

from __future__ import annotations

import shlex
from dataclasses import fields

from engine.job import DEFAULT_STAGES, SETTINGS, Job
from engine.stages import StageSpec


def stage_argument(spec: StageSpec) -> str:
    """`NAME:key=value,...` as `--stage` parses it; values holding , or quotes are quoted."""
    if not spec.options:
        return spec.name
    parts = []
    for key, value in spec.options.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if any(c in text for c in ",\"'\\") or text != text.strip():
            escaped = text.replace("\\", "\\\\").replace('"', '\\"')
            text = f'"{escaped}"'
        parts.append(f"{key}={text}")
    return f"{spec.name}:{','.join(parts)}"


def command_line(job: Job, program: str = "engine") -> str:
    """The shell command that runs `job`; options at their defaults are left out, except the
    workers, whose default depends on the machine."""
    args = [program, "run", str(job.source), str(job.target)]
    settings = {each.key: each for each in SETTINGS}
    for key in _option_order():
        if key in settings:
            args += settings[key].to_args(getattr(job, key))
        elif key == "stages" and job.stages != DEFAULT_STAGES:
            for spec in job.stages:
                args += ["--stage", stage_argument(spec)]
    return shlex.join(args)


def _option_order() -> list[str]:
    """The Job's fields after the folders, in their order, but with the switches together
    where the first one stands (`--verify --dry-run --fsync`), as this line has always
    listed them."""
    keys = [each.name for each in fields(Job) if each.name not in ("source", "target")]
    switches = [each.key for each in SETTINGS if each.kind is bool]
    if not switches:
        return keys
    first = keys.index(switches[0])
    others = [key for key in keys if key not in switches]
    return others[:first] + switches + others[first:]
