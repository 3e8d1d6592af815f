"""Include/exclude globs on relative POSIX paths, with `**` spanning folders.

A pattern without a slash matches a name at any depth (`*.tmp`, `node_modules`), as users of
rsync and .gitignore expect; a pattern with a slash is anchored at the source root
(`docs/**/*.md`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


def glob_to_regex(pattern: str) -> str:
    """Translate one glob to a regex: `**` crosses folders, `*` and `?` stay within one name."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and (bracket := _bracket(pattern, i)) is not None:
            regex, i = bracket
            out.append(regex)
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


def _bracket(pattern: str, start: int) -> tuple[str, int] | None:
    """The regex of the character class that opens at `start`, and where the glob goes on;
    None when the `[` is never closed, which makes it a literal `[`.

    The rules are fnmatch's, so that no glob is an error: `!` right after `[` negates the
    class; a `]` right after `[` or `[!` is a member, not the end; `a-z` is a range, and a
    `-` first or last is itself; a reversed range (`z-a`) holds nothing, and a class of
    nothing matches nothing (negated: any one character). Other characters, `\\` and `[`
    included, are themselves. Like `?`, a class matches one character within a name, never
    the `/` between folders.
    """
    first = start + 1
    negated = pattern.startswith("!", first)
    if negated:
        first += 1
    end = pattern.find("]", first + 1)
    if end == -1:
        return None
    body = pattern[first:end]
    members: list[str] = []
    k = 0
    while k < len(body):
        if k + 2 < len(body) and body[k + 1] == "-":
            low, high = body[k], body[k + 2]
            if low <= high:
                members.append(f"{re.escape(low)}-{re.escape(high)}")
            k += 3
        else:
            members.append(re.escape(body[k]))
            k += 1
    if negated:
        return "[^/" + "".join(members) + "]", end + 1
    if not members:
        return "(?!)", end + 1
    return "(?!/)[" + "".join(members) + "]", end + 1


def glob_problem(pattern: str) -> str | None:
    """What makes this include or exclude glob unusable, as the end of a sentence, or None."""
    if "\0" in pattern:
        return "holds a NUL character, which no path can"
    if not _normalized(pattern)[0]:
        return "names no file or folder; leave it out"
    try:
        compile_globs((pattern,))
    except (re.error, RecursionError, OverflowError, MemoryError) as exc:
        return f"cannot be used ({exc})"
    return None


def _normalized(raw: str) -> tuple[str, bool]:
    """The glob without surrounding blanks and slashes, and whether it is anchored at the
    source root (it holds a slash)."""
    pattern = raw.strip().rstrip("/")
    return pattern.lstrip("/"), "/" in pattern


def escape_glob(path: str) -> str:
    """A glob matching exactly this relative path (for "retry the failed files")."""
    special = "*?["
    escaped = "".join(f"[{c}]" if c in special else c for c in path)
    return "/" + escaped if "/" not in escaped else escaped


def compile_globs(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex matching a relative path when any of `patterns` does; None for no patterns."""
    if not patterns:
        return None
    parts = []
    for raw in patterns:
        pattern, anchored = _normalized(raw)
        if not pattern:
            continue
        parts.append(glob_to_regex(pattern) if anchored else "(?:.*/)?" + glob_to_regex(pattern))
    if not parts:
        return None
    return re.compile("(?:" + "|".join(parts) + r")\Z", re.DOTALL)


@dataclass(frozen=True)
class PathFilter:
    """Decides which relative paths a job takes: includes select files, excludes prune anything."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @cached_property
    def _include(self) -> re.Pattern[str] | None:
        return compile_globs(self.include)

    @cached_property
    def _exclude(self) -> re.Pattern[str] | None:
        return compile_globs(self.exclude)

    def wants_dir(self, rel: str) -> bool:
        """Folders are walked unless excluded; includes apply to the files inside them."""
        return self._exclude is None or not self._exclude.match(rel)

    def wants_file(self, rel: str) -> bool:
        if self._exclude is not None and self._exclude.match(rel):
            return False
        return self._include is None or bool(self._include.match(rel))
