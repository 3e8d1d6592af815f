"""`engine jobs`, `pause`, `resume`, `cancel`, `workers`, `limit`: this user's running jobs,
from any terminal (`engine.registry`)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING

from engine.cli.parser import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from engine.cli.streams import Outlet
from engine.cli.text import human_bytes, human_duration
from engine.errors import JobError
from engine.names import printable

if TYPE_CHECKING:
    pass


def jobs_command(args: argparse.Namespace) -> int:
    from engine import registry

    try:
        if args.command == "jobs":
            return _list(args.json)
        entry = registry.find(args.job)
        request: dict[str, object] = {"op": args.command}
        if args.command == "workers":
            if args.count < 1:
                raise JobError(f"workers must be at least 1, not {args.count}")
            request["n"] = args.count
        if args.command == "limit":
            request = {"op": "bwlimit", "rate": args.rate}
    except JobError as exc:
        sys.stderr.write(f"engine: error: {printable(str(exc))}\n")
        return EXIT_USAGE
    try:
        registry.steer(entry, request)
    except JobError as exc:  # the job refused, or is stopped
        sys.stderr.write(f"engine: error: {printable(str(exc))}\n")
        return EXIT_FAILED
    except OSError as exc:
        sys.stderr.write(f"engine: error: the job did not answer: {exc.strerror or exc}\n")
        return EXIT_FAILED
    return EXIT_OK


def _list(as_json: bool) -> int:
    from engine import registry

    out = Outlet(sys.stdout)
    for entry in registry.entries():
        try:
            status = registry.status(entry)
        except OSError:
            continue  # ended meanwhile
        if as_json:
            out.write(json.dumps({**entry.__dict__, **status}, ensure_ascii=True) + "\n")
            continue
        done = status.get("files_done", 0)
        total = status.get("files_total", 0)
        eta = status.get("eta_s")
        out.write(
            f"{entry.id}  {entry.pid:>7}  {status['state']:<8}  "
            f"{time.strftime('%H:%M:%S', time.localtime(entry.started))}  "
            f"{done}/{total} files  {human_bytes(status.get('bytes_done', 0))}  "
            f"{human_bytes(status.get('rate', 0.0))}/s  ETA {human_duration(eta)}  "
            f"{printable(entry.source)} -> {printable(entry.target)}\n"
        )
    return EXIT_OK
