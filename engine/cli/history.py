"""`engine history`: the jobs that ran, newest first, and one of them in full."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict

from engine.cli.parser import EXIT_OK, EXIT_USAGE
from engine.cli.streams import Outlet
from engine.cli.text import human_bytes
from engine.history import Failure, History, Record
from engine.names import printable


def show_history(args: argparse.Namespace) -> int:
    history = History()
    if args.action == "show":
        if args.id is None:
            sys.stderr.write("engine: error: give the id of a run: engine history show ID\n")
            return EXIT_USAGE
        record = history.get(args.id)
        if record is None:
            sys.stderr.write(
                f"engine: error: no run {args.id} in the history; 'engine history' lists them\n"
            )
            return EXIT_USAGE
        failures = history.failures(record.id)
        out = Outlet(sys.stdout)
        if args.json:
            body = {**asdict(record), "failures": [_failure_json(f) for f in failures]}
            out.write(json.dumps(body, ensure_ascii=True) + "\n")
        else:
            out.write(_details(record, failures))
        return EXIT_OK
    if args.id is not None:
        sys.stderr.write("engine: error: did you mean: engine history show ID\n")
        return EXIT_USAGE
    out = Outlet(sys.stdout)
    records = history.recent(args.last)
    if args.json:
        for record in records:
            out.write(json.dumps(asdict(record), ensure_ascii=True) + "\n")
    else:
        for record in records:
            out.write(_line(record) + "\n")
    return EXIT_OK


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(stamp))


def _line(record: Record) -> str:
    """One run as `engine history` lists it."""
    return (
        f"{record.id:>5}  {_when(record.started)}  {record.ended - record.started:7.1f} s  "
        f"{record.outcome.value:<9}  {record.files_done} copied, {record.files_failed} failed  "
        f"{printable(record.source)} -> {printable(record.target)}"
    )


def _failure_json(failure: Failure) -> dict[str, object]:
    """As `engine run --json` lists it in its summary: `folder` only for a folder."""
    body: dict[str, object] = {"path": failure.path, "error": failure.reason}
    if failure.folder:
        body["folder"] = True
    return body


def _details(record: Record, failures: list[Failure]) -> str:
    lines = [
        f"run {record.id}: {record.outcome.value}"
        + (f" ({printable(record.message)})" if record.message else ""),
        f"  source   {printable(record.source)}",
        f"  target   {printable(record.target)}",
        f"  started  {_when(record.started)}, took {record.ended - record.started:.1f} s",
        f"  files    {record.files_done} copied, {record.files_updated} updated, "
        f"{record.files_skipped} skipped, {record.files_failed} failed, "
        f"{record.files_deleted} deleted, {record.files_moved} moved"
        + (f", {record.files_left_out} left out" if record.files_left_out else "")
        + f"; {human_bytes(record.bytes)} copied",
        f"  again    engine run --again {record.id}"
        + (f"  (or --again {record.id} --failed-only)" if failures else ""),
    ]
    lines += [f"  failed   {printable(f.path)}: {printable(f.reason)}" for f in failures]
    return "\n".join(lines) + "\n"
