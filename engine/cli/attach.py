"""`engine attach JOB`: the live display of a job started elsewhere (another terminal, cron,
the app), fed by the events the job streams over its control socket (`engine.registry`).
Ctrl-C detaches: the job goes on."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from engine.cli.parser import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from engine.errors import JobError
from engine.names import printable

if TYPE_CHECKING:
    from engine.registry import Entry


def attach(args: argparse.Namespace) -> int:
    from engine import registry

    try:
        entry = registry.find(args.job)
    except JobError as exc:
        sys.stderr.write(f"engine: error: {printable(str(exc))}\n")
        return EXIT_USAGE
    if registry.stopped(entry):
        sys.stderr.write(
            f"engine: error: job {entry.id} is stopped (Ctrl-Z); continue it with fg or bg "
            f"in its terminal, or 'engine resume {entry.id}'\n"
        )
        return EXIT_FAILED
    try:
        return _show(entry, args)
    except KeyboardInterrupt:
        sys.stderr.write(
            f"engine: detached from job {entry.id}; it goes on ('engine attach {entry.id}' "
            "to watch it again)\n"
        )
        return EXIT_OK
    except OSError as exc:
        sys.stderr.write(f"engine: error: lost job {entry.id}: {exc.strerror or exc}\n")
        return EXIT_FAILED


def _show(entry: Entry, args: argparse.Namespace) -> int:
    """Feed the job's events to the display `engine run` would show; the job's exit status
    once it ends."""
    from engine import registry
    from engine.cli.display import Reporter, choose_reporter
    from engine.cli.run import ended
    from engine.events import JobFinished, JobStarted, from_json

    reporter: Reporter | None = None
    watching = registry.Watching(entry)
    try:
        for body in watching:
            if "error" in body:
                sys.stderr.write(f"engine: error: {printable(str(body['error']))}\n")
                return EXIT_FAILED
            event = from_json(body)
            if reporter is None:
                dry_run = isinstance(event, JobStarted) and event.dry_run
                reporter = choose_reporter(
                    json=args.json, quiet=False, verbose=args.verbose, dry_run=dry_run
                )
            reporter(event)
            if isinstance(event, JobFinished):
                reporter.close()
                return ended(event.summary)
    finally:
        watching.close()
        if reporter is not None:
            reporter.close()
    sys.stderr.write(
        f"engine: error: job {entry.id} ended without a summary ('engine history' shows how)\n"
    )
    return EXIT_FAILED
