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
        elif c == "[":
            end = pattern.find("]", i + 2 if pattern.startswith("[!", i) else i + 1)
            if end == -1:
                out.append(re.escape(c))
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\").replace("[", "\\[") + "]")
            i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


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
        pattern = raw.strip().rstrip("/")
        anchored = "/" in pattern
        pattern = pattern.lstrip("/")
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
