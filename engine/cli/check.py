"""`engine check SRC DST`: compare a copy with its source through the job's chain, on stdout.

The job is built from the arguments as `engine run` builds it (`run.job_from_args`) and
checked whole, so a check refuses what a run would refuse, with the same sentence. Nothing
is written: no worker, no probe, no target folder.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from engine.cli.parser import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from engine.cli.run import job_from_args, refuse
from engine.cli.streams import Outlet
from engine.cli.text import (
    check_summary_json,
    check_summary_line,
    difference_json,
    difference_line,
    json_line,
)
from engine.errors import JobError, describe
from engine.job import Backend
from engine.names import printable
from engine.system import cpu_count


def check_folders(args: argparse.Namespace) -> int:
    """One line (or JSON event) per difference as found, then the summary; the exit status
    says whether the target matches. A reader that leaves early (`| head`) does not change
    it."""
    from engine.check import Comparison  # loads the stages and the worker's comparisons

    try:
        # A mirror's own checks (an empty source is refused) are for deleting: a check of
        # a job file that mirrors compares all the same.
        job = replace(job_from_args(args), delete=False).validated()
    except JobError as exc:
        return refuse(exc)
    threads = job.workers if job.backend is Backend.LOCAL and job.workers > 0 else cpu_count()
    comparison = Comparison(job, checksum=args.checksum, threads=threads)
    out = Outlet(sys.stdout)
    try:
        for found in comparison.differences():
            out.write(
                (json_line(difference_json(found)) if args.json else difference_line(found)) + "\n"
            )
    except KeyboardInterrupt:
        out.flush()
        return EXIT_INTERRUPTED
    except OSError as exc:  # a root that went away since it was checked
        out.flush()
        sys.stderr.write(f"engine: error: {printable(describe(exc))}\n")
        return EXIT_FAILED
    tally = comparison.tally
    out.write(
        (json_line(check_summary_json(tally)) if args.json else check_summary_line(tally)) + "\n"
    )
    out.flush()
    return EXIT_OK if tally.ok else EXIT_FAILED
