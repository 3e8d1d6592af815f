"""`engine schedule add|list|remove`: jobs in the user's crontab (`engine.schedule`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.cli.parser import EXIT_OK, EXIT_USAGE
from engine.cli.streams import Outlet
from engine.errors import JobError
from engine.names import printable


def schedule_command(args: argparse.Namespace) -> int:
    from engine import schedule

    out = Outlet(sys.stdout)
    try:
        if args.action == "add":
            if not args.job or not args.cron:
                raise JobError('give both: engine schedule add --job FILE.toml --cron "0 2 * * *"')
            entry = schedule.add(Path(args.job), args.cron)
            out.write(f"scheduled {entry.id}: {entry.cron}\n")
            for when in entry.next_runs():
                out.write(f"  next: {when:%Y-%m-%d %H:%M}\n")
        elif args.action == "list":
            for entry in schedule.scheduled():
                if args.json:
                    times = [when.isoformat() for when in entry.next_runs()]
                    body = {"id": entry.id, "cron": entry.cron, "command": entry.command}
                    out.write(json.dumps({**body, "next": times}) + "\n")
                else:
                    out.write(f"{entry.id}  {entry.cron:<15}  {printable(entry.command)}\n")
        else:
            if not args.id:
                raise JobError("give the id to remove: engine schedule remove ID")
            schedule.remove(args.id)
            out.write(f"removed {args.id}\n")
    except JobError as exc:
        sys.stderr.write(f"engine: error: {printable(str(exc))}\n")
        return EXIT_USAGE
    return EXIT_OK
