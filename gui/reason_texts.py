"""The engine's sentences in the app's language: why a file failed or was left alone, the
warnings and errors of a run, and why a job cannot start.

The engine words them in English, for the command line, log files and the history. The app
translates them through a table of its own: each entry is one of the engine's sentences with
its variable parts as named placeholders ("cannot create folder: {reason}"), marked for
pyside6-lupdate, so the translation holds the whole sentence with the same placeholders. A
sentence takes the first entry it fits, and the entry's translation gets the values back; a
value in one of the `NESTED` placeholders is itself an engine sentence (a folder's failure
holds the OS error, "permission denied") and is translated the same way. A sentence no entry
fits (a plugin's, or one the engine has newly made) shows as the engine wrote it.

Tests check the table against the engine both ways: each entry must fit a sentence the
engine produces (in real runs of faulty jobs, from its wording functions, or among its string
constants), and the sentences of those runs must all fit an entry, so a reworded engine
sentence fails a test rather than showing in English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from string import Formatter

from PySide6.QtCore import QCoreApplication

from gui.stage_texts import QT_TRANSLATE_NOOP

CONTEXT = "EngineTexts"

NESTED = frozenset(("reason", "kind", "cause", "what", "why"))
"""Placeholders whose value is itself an engine sentence, translated in turn."""

_PATTERNS = {
    "count": r"\d+",
    "pid": r"\d+",
    "status": r"-?\d+",
    "offset": r"\d+",
    "line": r"\d+",
    "signal": r"SIG[A-Z0-9]+|signal \d+",
    "seconds": r"\d+(?:\.\d+)?",
}
"""What a placeholder's value looks like, where that is narrower than any text: it keeps a
value from swallowing the words around it ("crashed (segmentation fault) (SIGSEGV)")."""

TEMPLATES = (
    # How the engine words OS errors (engine/errors.py), and the system's own words for
    # the errors it leaves as they are.
    QT_TRANSLATE_NOOP("EngineTexts", "permission denied"),
    QT_TRANSLATE_NOOP("EngineTexts", "operation not permitted"),
    QT_TRANSLATE_NOOP("EngineTexts", "no space left on the target device"),
    QT_TRANSLATE_NOOP("EngineTexts", "disk quota exceeded on the target"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target is a folder"),
    QT_TRANSLATE_NOOP("EngineTexts", "a folder on the way is a file"),
    QT_TRANSLATE_NOOP("EngineTexts", "the name is too long for the target file system"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target file system is read-only"),
    QT_TRANSLATE_NOOP("EngineTexts", "input/output error (failing disk or medium?)"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "the file is too large for the target (its file system or a size limit)"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "too many open files (this process's limit, see ulimit -n)"),
    QT_TRANSLATE_NOOP("EngineTexts", "No such file or directory"),
    QT_TRANSLATE_NOOP("EngineTexts", "File exists"),
    QT_TRANSLATE_NOOP("EngineTexts", "Directory not empty"),
    QT_TRANSLATE_NOOP("EngineTexts", "Too many levels of symbolic links"),
    QT_TRANSLATE_NOOP("EngineTexts", "Invalid argument"),
    QT_TRANSLATE_NOOP("EngineTexts", "Operation not supported"),
    QT_TRANSLATE_NOOP("EngineTexts", "Device or resource busy"),
    QT_TRANSLATE_NOOP("EngineTexts", "Text file busy"),
    QT_TRANSLATE_NOOP("EngineTexts", "Invalid cross-device link"),
    QT_TRANSLATE_NOOP("EngineTexts", "Stale file handle"),
    QT_TRANSLATE_NOOP("EngineTexts", "Connection timed out"),
    # Files and folders that failed
    QT_TRANSLATE_NOOP("EngineTexts", "the source file vanished before it could be read"),
    QT_TRANSLATE_NOOP("EngineTexts", "vanished during the scan"),
    QT_TRANSLATE_NOOP("EngineTexts", "broken symbolic link"),
    QT_TRANSLATE_NOOP("EngineTexts", "no longer a regular file"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target folder is missing"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "verification failed: the written file differs from what was read"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "took longer than {seconds} s; abandoned"),
    QT_TRANSLATE_NOOP("EngineTexts", "took longer than the file timeout and was abandoned"),
    QT_TRANSLATE_NOOP("EngineTexts", "could not be cloned ({reason}); use --reflink auto"),
    QT_TRANSLATE_NOOP("EngineTexts", "could not be cloned (its stages change its bytes)"),
    QT_TRANSLATE_NOOP("EngineTexts", "the source and target are on different file systems"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target file system cannot clone files"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target file system cannot clone this file"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target file system refused the clone"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "the source is a swap file or in use in a way that forbids sharing it"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot create folder: {reason}"),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot create folder: a file is in the way"),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot create folder: a symbolic link is in the way"),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot list folder: {reason}"),
    QT_TRANSLATE_NOOP("EngineTexts", "{reason}; 1 file ({size}) beneath it not copied"),
    QT_TRANSLATE_NOOP("EngineTexts", "{reason}; {count} files ({size}) beneath it not copied"),
    QT_TRANSLATE_NOOP("EngineTexts", "{reason}, and more in folders that could not be listed"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "{reason}; its contents could not be listed, so how many files were not copied is unknown",
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "its target folder is the source folder itself (the source lies inside the target): "
        "nothing is written into it",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "listed in --files-from but not in the source"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "listed in --files-from but not in the source ('{name}' is not a folder)"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "not copied: {reason}"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "{reason}: stopped taking new work; run the job again once the target has room, to "
        "copy the rest",
    ),
    # Entries left alone, and why
    QT_TRANSLATE_NOOP("EngineTexts", "unchanged"),
    QT_TRANSLATE_NOOP("EngineTexts", "metadata updated"),
    QT_TRANSLATE_NOOP("EngineTexts", "target exists"),
    QT_TRANSLATE_NOOP("EngineTexts", "target is as new or newer"),
    QT_TRANSLATE_NOOP("EngineTexts", "symbolic link loop: leads back to a parent"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "the same folder as one of its parents (a bind mount): not walked again",
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "is the target folder itself (reached through a symbolic link): not copied into itself",
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "on another file system than the source (one-file-system): not entered"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "{kind}: never opened or copied"),
    QT_TRANSLATE_NOOP("EngineTexts", "a FIFO (named pipe)"),
    QT_TRANSLATE_NOOP("EngineTexts", "a socket"),
    QT_TRANSLATE_NOOP("EngineTexts", "a character device"),
    QT_TRANSLATE_NOOP("EngineTexts", "a block device"),
    # Mirrors and moves
    QT_TRANSLATE_NOOP("EngineTexts", "cannot delete: {reason}"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "deletions skipped in '{path}': its source side could not be listed completely",
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "{count} entries were not deleted: more than --max-delete {limit} would have been",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "the job did not run to its end: nothing was deleted"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "the source folder '{path}' is empty: a mirror would delete everything in the target "
        "(is a disk not mounted?); copy without delete",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "the source changed after it was copied, so it stays"),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot set folder owner, attributes, time or mode: {reason}"),
    # What a copy could not keep
    QT_TRANSLATE_NOOP("EngineTexts", "{what} could not be kept ({example}): {why}"),
    QT_TRANSLATE_NOOP("EngineTexts", "owners and groups"),
    QT_TRANSLATE_NOOP("EngineTexts", "permission bits"),
    QT_TRANSLATE_NOOP("EngineTexts", "extended attributes and ACLs"),
    QT_TRANSLATE_NOOP("EngineTexts", "extended attributes"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target's file system does not support them"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target's file system cannot hold them"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target refused them (operation not permitted)"),
    QT_TRANSLATE_NOOP("EngineTexts", "the target refused them (permission denied)"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "the target's file system keeps modification times to {step}; times less than "
        "{step} apart count as equal",
    ),
    # The run and its workers
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "queued: waiting for job {id} (PID {pid}) writing to '{target}' on the same disk",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "the disk is free: starting"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "removed {count} unfinished temporary file(s) of an interrupted run"
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "worker process {pid} {cause} ({signal}); the file was not copied"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "killed, perhaps by the out-of-memory killer"),
    QT_TRANSLATE_NOOP("EngineTexts", "crashed in native code (segmentation fault)"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "crashed on a bus error (a file shrank while mapped, or bad memory)"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "aborted by a native library"),
    QT_TRANSLATE_NOOP("EngineTexts", "terminated"),
    QT_TRANSLATE_NOOP("EngineTexts", "ended by a signal"),
    QT_TRANSLATE_NOOP("EngineTexts", "worker process {pid} exited unexpectedly (exit code {code})"),
    QT_TRANSLATE_NOOP("EngineTexts", "{reason}; trying the file again"),
    # Stages
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "cannot be decoded as {codec} at byte {offset}: {detail} (give the right encoding "
        "with from=...)",
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "cannot be encoded as {codec}: '{char}' (U+{code}) on line {line} has no equivalent "
        "there (choose an encoding that can hold it, such as utf-8)",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "'{program}' exited with status {status}"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{program}' exited with status {status}: {output}"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{program}' was killed by {signal}"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{program}' was killed by {signal}: {output}"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{program}' timed out after {seconds} s"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{program}' wrote no output to {{out}}"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "resize left this file unchanged: it is not an image Pillow can read"
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot decode the image (truncated or corrupt?): {detail}"),
    QT_TRANSLATE_NOOP("EngineTexts", "not enough memory to decode the image"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "the image is {size} = {pixels} pixels, over the limit of {limit} (option "
        "max_pixels); not decoded, as a possible decompression bomb",
    ),
    # Jobs that cannot start
    QT_TRANSLATE_NOOP("EngineTexts", "source folder '{path}' does not exist"),
    QT_TRANSLATE_NOOP("EngineTexts", "source '{path}' is not a folder"),
    QT_TRANSLATE_NOOP("EngineTexts", "source folder '{path}' cannot be read (permission denied)"),
    QT_TRANSLATE_NOOP("EngineTexts", "target '{path}' exists and is not a folder"),
    QT_TRANSLATE_NOOP(
        "EngineTexts", "target folder is the source folder; choose a different target"
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "target folder '{path}' is inside the source folder; choose a target outside it",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "cannot create target folder '{path}': {reason}"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "the source folder lies inside the target folder (as '{inside}'), so '{path}' would "
        "be written into the source itself; choose a target outside the source, or exclude it",
    ),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "'{first}' and '{second}' would both be written to '{output}' in the target; exclude "
        "one of them or narrow the stage with match=",
    ),
    QT_TRANSLATE_NOOP("EngineTexts", "another job is writing into '{path}'; wait for it to finish"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{text}' is not a size (use e.g. 500k, 10M, 1G)"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{text}' is not a size (it must be a finite number)"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{text}' is not a size (it must not be negative)"),
    QT_TRANSLATE_NOOP("EngineTexts", "'{text}' is less than one byte (0 means no limit)"),
    QT_TRANSLATE_NOOP(
        "EngineTexts",
        "bwlimit must be at most 1024G per second per worker (0: no limit), not {rate}",
    ),
)
"""The engine's sentences the app translates, in the engine's words, grouped by where users
meet them."""

Translate = Callable[[str], str]


def _in_app_language(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def engine_text(text: str, translate: Translate = _in_app_language) -> str:
    """`text`, one of the engine's sentences, in the app's language; as it is when no entry
    of the table fits it. `translate` gives an entry's translation (tests pass their own)."""
    found = _fitting(text)
    if found is None:
        return text
    template, values = found
    shown = {
        name: engine_text(value, translate) if name in NESTED else value
        for name, value in values.items()
    }
    try:
        return translate(template).format(**shown)
    except (KeyError, IndexError, ValueError):  # a translation with broken placeholders
        return template.format(**shown)


@functools.lru_cache(maxsize=4096)
def _fitting(text: str) -> tuple[str, dict[str, str]] | None:
    """The first entry `text` fits, with its placeholders' values. Cached: a run reports the
    same few sentences for many files."""
    if text in _EXACT:
        return text, {}
    for template, pattern in _COMPILED:
        match = pattern.fullmatch(text)
        if match is not None:
            return template, match.groupdict()
    return None


def _compiled(template: str) -> re.Pattern[str]:
    """The entry as a regular expression: its words as they are, each placeholder a named
    group (a repeated one must repeat its value)."""
    parts: list[str] = []
    seen: set[str] = set()
    for literal, name, _spec, _conversion in Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            parts.append(f"(?P<{name}>{_PATTERNS.get(name, '.+?')})")
            seen.add(name)
    return re.compile("".join(parts), re.DOTALL)


def _wraps(template: str) -> bool:
    """Whether the entry adds to the end of another sentence ("{reason}; trying the file
    again"). Those are tried first: the engine adds them last, so they are the outermost
    part, and the sentence inside may be an entry of its own ("cannot create folder: a file
    is in the way; 1 file (1 B) beneath it not copied")."""
    literal, name, _spec, _conversion = next(iter(Formatter().parse(template)))
    return literal == "" and name in NESTED


_EXACT = frozenset(t for t in TEMPLATES if "{" not in t)
_COMPILED = tuple(
    (t, _compiled(t)) for t in sorted((t for t in TEMPLATES if "{" in t), key=_wraps, reverse=True)
)
