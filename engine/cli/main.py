"""`engine`: run a copy/transform job from the command line, list the stages, compare a
copy with its source, or verify a copy against its checksum manifest.

Exit status: 0 every file done or skipped; 1 some files failed (listed on stderr) or the job
could not finish; 2 bad invocation or job, nothing written; 130 interrupted (Ctrl-C);
143 terminated (SIGTERM).
`engine verify`: 0 every listed file matches and nothing is unlisted; 1 some file is missing,
changed, unreadable or unlisted (or a manifest line is malformed); 2 no such folder, no
manifest, or a manifest that cannot be read.
`engine check`: 0 the target matches the source; 1 something is missing, changed, extra or
unreadable; 2 bad invocation or job, nothing compared; 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.parser import EXIT_FAILED, EXIT_OK, EXIT_USAGE, build_parser
from engine.cli.terminal import hold_hangups
from engine.errors import JobError
from engine.executor.launch import EarlyWorkers

if TYPE_CHECKING:
    from engine.job import Job


def main(argv: list[str] | None = None) -> int:
    # `kill -USR1` asks a running job for a progress line; until the job can answer, it must
    # not end the process (the signal's default action).
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)
    args = build_parser().parse_args(argv)
    if args.command == "stages":
        return list_stages()
    if args.command == "verify":
        return verify_folder(Path(args.folder), args.manifest)
    if args.command in ("jobs", "pause", "resume", "cancel", "workers", "limit"):
        from engine.cli.jobs import jobs_command

        return jobs_command(args)
    if args.command == "attach":
        from engine.cli.attach import attach

        return attach(args)
    if args.command == "schedule":
        from engine.cli.schedule import schedule_command

        return schedule_command(args)
    if args.command == "history":
        from engine.cli.history import show_history

        return show_history(args)
    if args.command == "check":
        from engine.cli.check import check_folders

        return check_folders(args)
    # The whole job is checked first: a refused job must cost no worker process (300 of
    # them for `-w 300`) and write nothing. Checking loads only the job module.
    from engine.cli.run import checked_job, refuse, run

    try:
        job = checked_job(args)
    except JobError as exc:
        return refuse(exc)
    # From here the job's processes start: they inherit an ignored SIGHUP, and the job
    # decides what a closed terminal means (`engine.cli.terminal`).
    hold_hangups()
    early = start_workers_early(args, job)
    try:
        # `run` loads the rest of the engine only now, while the early workers load it too.
        return run(args, job, early)
    finally:
        if early is not None:
            early.close()


def start_workers_early(args: argparse.Namespace, job: Job) -> EarlyWorkers | None:
    """Start the workers of a checked job that certainly has work: a copy of a folder into a
    new target, on this machine, given wholly on the command line. Anything else (a job file,
    Dask, a dry run, a queued job, an existing target that may be complete) starts its
    workers when its first batch is ready, as the app does. Only a job `checked_job`
    accepted gets here, so its worker count is within bounds and a refused job starts none."""
    if args.job is not None or job.backend != "local" or job.scheduler or job.dry_run or job.queue:
        return None
    if os.path.lexists(job.target):
        return None
    return EarlyWorkers(job.workers)


def list_stages() -> int:
    from engine.stages import available, plugin_problems

    for name, cls in sorted(available().items()):
        print(f"{name}: {cls.description}")
        for option in cls.all_options():
            print(f"    {option.name}={option.describe_type()}  {option.help}")
        if cls.example:
            print(f"    example: --stage '{cls.example}'")
    for problem in plugin_problems():
        sys.stderr.write(f"engine: warning: {problem}\n")
    return EXIT_OK


def verify_folder(folder: Path, manifest: str | None) -> int:
    """Print one line per problem and a summary; the exit status says whether all matched.
    Paths are printed through `printable`; a reader that leaves early (`| head`) does not
    change the exit status."""
    from engine.cli.streams import Outlet  # `engine run` needs none of these here
    from engine.names import printable
    from engine.verify import MANIFESTS, find_manifests, verify

    if not folder.is_dir():
        sys.stderr.write(
            f"engine: error: folder '{printable(str(folder))}' does not exist or is not a folder\n"
        )
        return EXIT_USAGE
    manifests = [Path(manifest)] if manifest else find_manifests(folder)
    if not manifests:
        names = ", ".join(MANIFESTS)
        sys.stderr.write(
            f"engine: error: no checksum manifest ({names}) in '{printable(str(folder))}'; "
            "run the job with --stage checksum, or give --manifest FILE\n"
        )
        return EXIT_USAGE
    try:
        report = verify(folder, manifests)
    except OSError as exc:
        where = printable(os.fsdecode(exc.filename)) if exc.filename is not None else "?"
        why = printable(str(exc.strerror or exc))
        sys.stderr.write(f"engine: error: cannot read manifest '{where}': {why}\n")
        return EXIT_USAGE
    out = Outlet(sys.stdout)
    for line in report.lines():
        out.write(line + "\n")
    out.flush()
    return EXIT_OK if report.ok else EXIT_FAILED
