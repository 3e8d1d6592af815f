"""`engine`: run a copy/transform job from the command line, list the stages, or verify a
copy against its checksum manifest.

Exit status: 0 every file done or skipped; 1 some files failed (listed on stderr) or the job
could not finish; 2 bad invocation or job, nothing written; 130 interrupted (Ctrl-C);
143 terminated (SIGTERM).
`engine verify`: 0 every listed file matches and nothing is unlisted; 1 some file is missing,
changed, unreadable or unlisted (or a manifest line is malformed); 2 no such folder, no
manifest, or a manifest that cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from engine.cli.parser import EXIT_FAILED, EXIT_OK, EXIT_USAGE, build_parser
from engine.executor.launch import EarlyWorkers, cpu_count


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "stages":
        return list_stages()
    if args.command == "verify":
        return verify_folder(Path(args.folder), args.manifest)
    early = start_workers_early(args)
    try:
        # Loaded only now, while the early workers load the same modules.
        from engine.cli.run import run

        return run(args, early)
    finally:
        if early is not None:
            early.close()


def start_workers_early(args: argparse.Namespace) -> EarlyWorkers | None:
    """Start the workers of a run that certainly has work: a copy of a folder into a new
    target, on this machine, given wholly on the command line. Anything else (a job file,
    Dask, a dry run, an existing target that may be complete) starts its workers when its
    first batch is ready, as the app does."""
    if args.job or args.backend not in (None, "local") or args.scheduler or args.dry_run:
        return None
    workers = cpu_count() if args.workers is None else args.workers
    if args.source is None or args.target is None or workers < 1:
        return None
    if not os.path.isdir(args.source) or os.path.lexists(args.target):
        return None
    return EarlyWorkers(workers)


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
    """Print one line per problem and a summary; the exit status says whether all matched."""
    from engine.verify import MANIFESTS, find_manifests, verify  # `engine run` needs none of it

    if not folder.is_dir():
        sys.stderr.write(f"engine: error: folder '{folder}' does not exist or is not a folder\n")
        return EXIT_USAGE
    manifests = [Path(manifest)] if manifest else find_manifests(folder)
    if not manifests:
        names = ", ".join(MANIFESTS)
        sys.stderr.write(
            f"engine: error: no checksum manifest ({names}) in '{folder}'; "
            "run the job with --stage checksum, or give --manifest FILE\n"
        )
        return EXIT_USAGE
    try:
        report = verify(folder, manifests)
    except OSError as exc:
        sys.stderr.write(
            f"engine: error: cannot read manifest '{exc.filename}': {exc.strerror or exc}\n"
        )
        return EXIT_USAGE
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_FAILED
