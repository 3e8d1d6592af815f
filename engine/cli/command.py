"""The `engine run ...` command line that runs a given job, for scripts and crontab lines."""

from __future__ import annotations

import shlex

from engine.job import Job
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
    """The shell command that runs `job`; options at their defaults are left out."""
    default = Job(job.source, job.target)
    args = [program, "run", str(job.source), str(job.target), "--workers", str(job.workers)]
    if job.stages != default.stages:
        for spec in job.stages:
            args += ["--stage", stage_argument(spec)]
    for glob in job.include:
        args += ["--include", glob]
    for glob in job.exclude:
        args += ["--exclude", glob]
    if job.if_exists != default.if_exists:
        args += ["--if-exists", job.if_exists.value]
    for flag in ("verify", "dry_run", "follow_symlinks", "fsync", "hard_links"):
        if getattr(job, flag):
            args.append("--" + flag.replace("_", "-"))
    if job.bwlimit:
        args += ["--bwlimit", str(job.bwlimit)]
    if job.retries != default.retries:
        args += ["--retries", str(job.retries)]
    if job.file_timeout:
        args += ["--file-timeout", f"{job.file_timeout:g}"]
    if job.backend != default.backend:
        args += ["--backend", job.backend.value]
    if job.scheduler:
        args += ["--scheduler", job.scheduler]
    return shlex.join(args)
