"""Turning engine values into text for terminals, logs and JSON Lines: one line per event
kind, shared by the plain and the live display."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from engine.events import FileEvent, LogMessage, Progress, Summary
from engine.names import printable
from engine.quantities import counted
from engine.quantities import human_bytes as human_bytes  # the CLI's modules take it from here
from engine.records import Status

if TYPE_CHECKING:
    from engine.check import Difference, Tally

_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What json.dumps leaves raw but a terminal or a line reader could act on (DEL, C1 controls,
line separators, bidirectional overrides), and surrogates (undecodable name bytes)."""


def json_line(obj: dict[str, Any]) -> str:
    """One JSON Lines record, readable UTF-8; undecodable name bytes kept as \\udcNN escapes,
    and control characters as \\uNNNN, so `json.loads` gives back every name exactly."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_line(p: Progress) -> str:
    total = f"{p.files_total}{'+' if p.scanning else ''}"
    left_out = f" ({p.files_left_out} left out)" if p.files_left_out else ""
    return (
        f"{p.files_finished}/{total} files{left_out}, {human_bytes(p.bytes_done)}/"
        f"{human_bytes(p.bytes_total)}, {human_bytes(p.rate)}/s, ETA {human_duration(p.eta_s)}"
        f"{' (paused)' if p.paused else ''}"
    )


def file_line(event: FileEvent, dry_run: bool) -> str:
    verb = {
        Status.DONE: "would copy" if dry_run else "moved" if event.moved else "copied",
        Status.UPDATED: "would update" if dry_run else "updated",
        Status.SKIPPED: "skipped",
        Status.DELETED: "would delete" if dry_run else "deleted",
    }.get(event.status, "FAILED")
    line = f"{verb:>10}  {printable(event.path)}"
    if event.output:
        line += f" -> {printable(event.output)}"
    if event.reason:
        line += f"  ({printable(event.reason)})"
    return line


def log_line(event: LogMessage) -> str:
    where = f"{printable(event.path)}: " if event.path else ""
    return f"engine: {event.level}: {where}{printable(event.message)}"


def summary_line(s: Summary) -> str:
    rate = s.bytes_done / s.elapsed_s if s.elapsed_s > 0 else 0.0
    verb = "Would copy" if s.dry_run else "Copied"
    head = "Cancelled. " if s.cancelled else ""
    updated = ""
    if s.files_updated:
        updated = f", {'would update' if s.dry_run else 'updated'} metadata of {s.files_updated}"
    if s.files_moved:
        updated += f", moved {s.files_moved}"
    if s.files_deleted:
        updated += f", {'would delete' if s.dry_run else 'deleted'} {s.files_deleted}"
    return (
        f"{head}{verb} {s.files_done} files ({human_bytes(s.bytes_done)}){updated}, skipped "
        f"{s.files_skipped}, failed {s.files_failed} in {s.elapsed_s:.1f} s "
        f"({human_bytes(rate)}/s).{left_out_sentence(s)}"
    )


def left_out_sentence(s: Summary) -> str:
    """` Not copied: ...`: what the folders that failed left out beneath them, or ""."""
    parts = []
    if s.files_left_out:
        files = counted(s.files_left_out, "file")
        parts.append(f"{files} ({human_bytes(s.bytes_left_out)}) beneath folders that failed")
    if s.folders_unlisted:
        parts.append(f"whatever could not be listed in {counted(s.folders_unlisted, 'folder')}")
    return f" Not copied: {', and '.join(parts)}." if parts else ""


def difference_line(found: Difference) -> str:
    """`engine check`: `missing: PATH`, `changed: PATH (size)`, `extra: PATH`,
    `unreadable: PATH (why)`."""
    line = f"{found.verdict.value}: {printable(found.path)}"
    return f"{line} ({printable(found.detail)})" if found.detail else line


def difference_json(found: Difference) -> dict[str, Any]:
    """`engine check --json`: one `difference` event; `output` only when the chain renames."""
    event: dict[str, Any] = {
        "event": "difference",
        "path": found.path,
        "difference": found.verdict.value,
        "detail": found.detail,
    }
    if found.output:
        event["output"] = found.output
    return event


def check_summary_line(tally: Tally) -> str:
    """`12 missing, 3 changed, 1 extra; 4,210 matching`, or `no differences; 5 matching`."""
    found = ", ".join(
        f"{count:,} {verdict.value}" for verdict, count in tally.found.items() if count
    )
    return f"{found or 'no differences'}; {tally.matching:,} matching"


def check_summary_json(tally: Tally) -> dict[str, Any]:
    counts = {verdict.value: count for verdict, count in tally.found.items()}
    return {"event": "summary", **counts, "matching": tally.matching, "ok": tally.ok}
