"""Turning engine values into text for terminals, logs and JSON Lines."""

from __future__ import annotations

import json
import re
from typing import Any

_ESCAPED = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What json.dumps leaves raw but a terminal or a line reader could act on (DEL, C1 controls,
line separators, bidirectional overrides), and surrogates (undecodable name bytes)."""


def json_line(obj: dict[str, Any]) -> str:
    """One JSON Lines record, readable UTF-8; undecodable name bytes kept as \\udcNN escapes,
    and control characters as \\uNNNN, so `json.loads` gives back every name exactly."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
