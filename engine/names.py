"""File names as they appear in messages, whatever bytes they hold.

A file name may hold any byte but `/` and NUL, so a name is untrusted text: printed raw, an
escape sequence in it can clear a terminal, retitle its window or hide what follows, and a
newline or tab in it can forge a line of a log. Everything that shows a name (or a message
that may quote one) to a person or a log passes it through `printable` first.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 controls, DEL, C1 controls (ESC, CSI, NEL, OSC, ...)
    "\u2028\u2029"  # line and paragraph separators: line breaks to some readers
    "\u202a-\u202e\u2066-\u2069"  # bidirectional overrides and isolates: reorder what follows
    "\ud800-\udfff"  # surrogates: os.fsdecode keeps bytes that are not UTF-8 as U+DC80-U+DCFF
    "]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte: shown as the byte it stands for
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"  # a character, told apart from an undecodable byte by its form


def printable(text: str) -> str:
    """Text safe to write to a terminal or a log line: bytes that are not UTF-8 shown as
    \\xNN, tab, newline and carriage return as \\t, \\n, \\r, other C0 controls and DEL as
    \\xNN, and C1 controls, Unicode line separators, bidirectional overrides and any other
    surrogate as \\uNNNN. Everything else (any script, emoji, a backslash) is kept, so a
    name stays readable and the result is always one line; applying it twice changes
    nothing more."""
    return _UNSAFE.sub(_escape, text)
