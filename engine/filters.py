"""What a job takes of its source: include/exclude globs on relative POSIX paths, with `**`
spanning folders; size limits; a list of paths (`--files-from`); one file system.

A pattern without a slash matches a name at any depth (`*.tmp`, `node_modules`), as users of
rsync and .gitignore expect; a pattern with a slash is anchored at the source root
(`docs/**/*.md`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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


def listed_path_problem(path: str) -> str | None:
    """What makes a path of a `--files-from` list unusable, as the end of a sentence, or
    None. A listed path must stay inside the source: a list is often made elsewhere (by
    `find`, by another program), and `/etc/shadow` or `../other` in it must not copy what
    lies outside SRC."""
    if not path:
        return "is empty; list paths relative to the source (. for all of it)"
    if "\0" in path:
        return "holds a NUL character, which no path can"
    if path.startswith("/"):
        return "is an absolute path; list paths relative to the source"
    if ".." in path.split("/"):
        return "leads out of the source (..); list paths relative to the source"
    return None


def listed_path(path: str) -> str:
    """A listed path as the walk writes relative paths: no `.` or empty parts, no trailing
    slash; "" for the source itself (`.`)."""
    return "/".join(part for part in path.split("/") if part not in ("", "."))


@dataclass
class Listed:
    """The paths of a `--files-from` list at and below one folder: the scan visits only the
    names in `below` (and their folders), and walks a folder that is itself listed
    (`whole`) completely."""

    whole: bool = False
    below: dict[str, Listed] = field(default_factory=dict)

    @classmethod
    def of(cls, paths: tuple[str, ...]) -> Listed:
        root = cls()
        for path in paths:
            node = root
            for part in filter(None, listed_path(path).split("/")):
                if node.whole:
                    break
                node = node.below.setdefault(part, cls())
            node.whole = True
            node.below.clear()
        return root

    def paths(self, rel: str) -> Iterator[str]:
        """The listed paths at and below `rel` (this node's path), for reporting them."""
        if self.whole:
            yield rel
        for name, node in sorted(self.below.items()):
            yield from node.paths(f"{rel}/{name}" if rel else name)

    def within(self, rel: str) -> tuple[str, ...]:
        """What the list takes of the folder `rel` (this being the list of the whole source):
        `rel` itself when it lies in (or is) a listed folder, else the listed paths below it."""
        node = self
        for part in filter(None, rel.split("/")):
            if node.whole:
                return (rel,)
            if part not in node.below:
                return ()
            node = node.below[part]
        return tuple(node.paths(rel))


@dataclass(frozen=True)
class PathFilter:
    """Decides which entries a job takes: includes select files, excludes prune anything,
    files outside the size limits are left out, a list of paths (`files_from`) narrows the
    walk to them, and `one_file_system` keeps it on the source's file system."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_size: int = 0
    """Regular files smaller than this are left out (0: no limit)."""
    max_size: int = 0
    """Regular files larger than this are left out (0: no limit)."""
    files_from: tuple[str, ...] = ()
    """Only these paths relative to the source, a folder with all below it (empty: all)."""
    one_file_system: bool = False
    """Folders on another file system than the source's are not entered."""

    @cached_property
    def listed(self) -> Listed | None:
        """What the walk visits of the source, or None for all of it."""
        if not self.files_from:
            return None
        listed = Listed.of(self.files_from)
        return None if listed.whole else listed

    def wants_size(self, size: int) -> bool:
        """Whether a regular file of `size` bytes is within the size limits."""
        return size >= self.min_size and (not self.max_size or size <= self.max_size)

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
