"""Checksum manifests in the coreutils format, and checking a folder against them.

The checksum stage writes `SHA256SUMS` (or `SHA1SUMS`, `MD5SUMS`, `B2SUMS`) so that the
standard `sha256sum -c` can check a copy anywhere; `engine verify` reads the same files,
re-hashes every listed file in threads (hashlib releases the GIL) and also reports the
files nobody listed, which `sha256sum -c` cannot see.

Verify never follows a symbolic link: a target made of links to the source would otherwise
check as a complete copy while holding nothing. Each listed name is reached folder by
folder from DIR without following links, and only a regular file found there is hashed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Self

from engine.folders import folder, open_folder
from engine.names import printable
from engine.temps import process_token, temp_name

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class Hash(Protocol):
    """A hash object as hashlib's constructors make it. OpenSSL's digests and BLAKE2 are
    classes of their own with no common base, so the table below is typed by what they share
    (what `hashlib.file_digest` asks of the digest it is given)."""

    @property
    def digest_size(self) -> int: ...
    @property
    def block_size(self) -> int: ...
    @property
    def name(self) -> str: ...
    def copy(self) -> Self: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...
    def update(self, data: ReadableBuffer, /) -> None: ...


ALGORITHMS: dict[str, Callable[[], Hash]] = {
    "sha256": hashlib.sha256,
    "sha1": hashlib.sha1,
    "md5": hashlib.md5,
    "blake2b": hashlib.blake2b,  # BLAKE2b-512, what `b2sum` computes by default
}
MANIFESTS: dict[str, str] = {
    "SHA256SUMS": "sha256",
    "SHA1SUMS": "sha1",
    "MD5SUMS": "md5",
    "B2SUMS": "blake2b",
}
"""Manifest file name at the folder root -> algorithm, in the order `verify` looks for them."""
MANIFEST_OF = {algo: name for name, algo in MANIFESTS.items()}
HEX_LENGTH = {algo: ALGORITHMS[algo]().digest_size * 2 for algo in ALGORITHMS}
_ALGO_BY_LENGTH = {64: "sha256", 40: "sha1", 32: "md5", 128: "blake2b"}

_HEX = frozenset(b"0123456789abcdefABCDEF")
_ESCAPES = {b"\\": b"\\\\", b"\n": b"\\n", b"\r": b"\\r"}
_UNESCAPES = {ord("\\"): b"\\", ord("n"): b"\n", ord("r"): b"\r"}


def new_hash(algo: str) -> Hash:
    return ALGORITHMS[algo]()


def format_line(digest: str, name: bytes) -> bytes:
    """One manifest line as coreutils writes it: `<hex>  <name>\\n`; a name holding a
    backslash, newline or carriage return is escaped and the line starts with a backslash."""
    if any(char in name for char in b"\\\n\r"):
        escaped = b"".join(_ESCAPES.get(name[i : i + 1], name[i : i + 1]) for i in range(len(name)))
        return b"\\" + digest.encode() + b"  " + escaped + b"\n"
    return digest.encode() + b"  " + name + b"\n"


def parse_line(line: bytes) -> tuple[str, bytes] | None:
    """`(lowercase hex, raw name)` from one manifest line (text or `*` binary mode, plain or
    backslash-escaped), or None if the line is not in that format."""
    line = line.removesuffix(b"\n").removesuffix(b"\r")
    escaped = line.startswith(b"\\")
    if escaped:
        line = line[1:]
    digest, sep, rest = line.partition(b" ")
    if not sep or not digest or not all(c in _HEX for c in digest) or len(rest) < 2:
        return None
    if rest[:1] not in (b" ", b"*"):
        return None
    name = rest[1:]
    if escaped:
        unescaped = _unescape(name)
        if unescaped is None:
            return None
        name = unescaped
    return digest.decode().lower(), name


def _unescape(name: bytes) -> bytes | None:
    out = bytearray()
    i = 0
    while i < len(name):
        if name[i] == ord("\\"):
            replacement = _UNESCAPES.get(name[i + 1]) if i + 1 < len(name) else None
            if replacement is None:
                return None
            out += replacement
            i += 2
        else:
            out.append(name[i])
            i += 1
    return bytes(out)


def _relative(name: bytes) -> bytes | None:
    """The name relative to the folder (`./a` -> `a`), or None if it could leave the folder
    or could not be a file name (a NUL byte)."""
    while name.startswith(b"./"):
        name = name[2:]
    if not name or name.startswith(b"/") or b".." in name.split(b"/") or b"\0" in name:
        return None
    return name


@dataclass(frozen=True)
class Manifest:
    """The entries of one manifest file: raw name -> hex digest, plus lines that did not parse."""

    path: Path
    algo: str
    entries: dict[bytes, str]
    malformed: tuple[int, ...]


def read_manifest(path: Path, algo: str | None = None) -> Manifest:
    """Parse a manifest; the algorithm comes from its name, else from the digests' length.
    Raises OSError if it cannot be read."""
    algo = algo or MANIFESTS.get(path.name)
    entries: dict[bytes, str] = {}
    malformed: list[int] = []
    with open(path, "rb") as file:
        for number, line in enumerate(file, 1):
            if not line.strip():
                continue
            parsed = parse_line(line)
            name = _relative(parsed[1]) if parsed else None
            if parsed is None or name is None:
                malformed.append(number)
                continue
            digest = parsed[0]
            algo = algo or _ALGO_BY_LENGTH.get(len(digest))
            if algo is None or len(digest) != HEX_LENGTH[algo]:
                malformed.append(number)
                continue
            entries[name] = digest
    return Manifest(path, algo or "sha256", entries, tuple(malformed))


def write_manifest(path: Path, entries: Mapping[bytes, str]) -> None:
    """Write entries sorted by name (as bytes) to a temporary file beside `path`, then
    rename it over `path`, so a reader sees the old manifest or the new one, never half."""
    # A temporary name of this process's job (see `engine.temps`): a stray left by a
    # killed run is removed by the next, and another job's clean-up leaves it alone.
    tmp = path.with_name(temp_name(process_token(), "manifest", secrets.randbelow(1 << 30)))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as file:
            file.writelines(format_line(entries[name], name) for name in sorted(entries))
            file.flush()
            os.fsync(file.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC
_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class NotAFile(Exception):
    """A listed name that is there but is no regular file to hash (a symbolic link, a FIFO,
    a folder), or is reached through a symbolic link: the listed file is not what is there."""


def _kind(mode: int) -> str:
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def hash_file(path: Path, algo: str) -> str:
    """Hex digest of a regular file; anything else (a FIFO would block) raises OSError."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return _digest(fd, algo)
    finally:
        os.close(fd)


def _digest(fd: int, algo: str) -> str:
    """Hex digest of what the descriptor reads, from its start; the descriptor stays open."""
    with open(fd, "rb", closefd=False) as file:
        return hashlib.file_digest(file, ALGORITHMS[algo]).hexdigest()


def hash_listed(root: int, name: bytes, algo: str) -> str:
    """Hex digest of the regular file `name` below the folder `root`, reached as
    `open_listed` reaches it (no symbolic link followed)."""
    fd = open_listed(root, name)
    try:
        return _digest(fd, algo)
    finally:
        os.close(fd)


def is_listed_file(root: int, name: bytes) -> bool:
    """Whether `name` below the folder `root` is a regular file, reached as `open_listed`
    reaches it (no symbolic link followed), without opening it."""
    parent, _, base = name.rpartition(b"/")
    try:
        with folder(root, os.fsdecode(parent)) as parent_fd:
            mode = os.stat(base, dir_fd=parent_fd, follow_symlinks=False).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode)


def open_listed(root: int, name: bytes) -> int:
    """A descriptor of the regular file `name` below the folder `root` (a descriptor),
    reached name by name without following a symbolic link anywhere on the way. Raises
    NotAFile for a link (at the name or on the way) or anything but a regular file,
    FileNotFoundError if it is not there, OSError if it cannot be read. The caller closes it."""
    parent, _, base = name.rpartition(b"/")
    try:
        parent_fd = open_folder(root, os.fsdecode(parent))
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # open_folder says which folder is the link
            raise NotAFile(exc.strerror) from None
        if exc.errno == errno.ENOTDIR:  # a file where a folder was: the name is not there
            raise FileNotFoundError(errno.ENOENT, "no such file", os.fsdecode(name)) from None
        raise
    try:
        # Looked at before opening: opening a device can act on it (a tape rewinds).
        mode = os.stat(base, dir_fd=parent_fd, follow_symlinks=False).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(_kind(mode))
        # O_NOFOLLOW and O_NONBLOCK: if the name was swapped for a link or a FIFO since.
        fd = os.open(base, _OPEN_FLAGS | os.O_NOFOLLOW, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(_kind(stat.S_IFLNK)) from None
        raise
    finally:
        os.close(parent_fd)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotAFile(_kind(mode))
    return fd


def find_manifests(folder: Path) -> list[Path]:
    """The manifests at the folder's root, in the order of `MANIFESTS`."""
    return [folder / name for name in MANIFESTS if (folder / name).is_file()]


@dataclass
class Findings:
    """What `verify` found; names are relative to the folder, as `os.fsdecode` gives them."""

    checked: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    """(name, why): why is "" when the content differs, else what is there instead."""
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    malformed: list[tuple[str, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.unreadable or self.extra or self.malformed)

    def lines(self) -> Iterator[str]:
        """One line per problem, then the summary line."""
        for manifest, number in self.malformed:
            yield f"malformed: {printable(manifest)} line {number}"
        for name in self.missing:
            yield f"missing: {printable(name)}"
        for name, why in self.changed:
            yield f"changed: {printable(name)}" + (f" ({printable(why)})" if why else "")
        for name, reason in self.unreadable:
            yield f"unreadable: {printable(name)}: {printable(reason)}"
        for name in self.extra:
            yield f"extra: {printable(name)}"
        counts = [
            (len(self.missing), "missing"),
            (len(self.changed), "changed"),
            (len(self.unreadable), "unreadable"),
            (len(self.extra), "extra"),
            (len(self.malformed), "malformed lines"),
        ]
        found = ", ".join(f"{n} {what}" for n, what in counts if n)
        files = f"{self.checked} file{'' if self.checked == 1 else 's'}"
        yield f"verified {files}: {found or 'all match'}"


def verify(folder: Path, manifests: Iterable[Path], workers: int | None = None) -> Findings:
    """Re-hash every file the manifests list and look for files under `folder` they do not
    list (symlinks and special files are not files to check). A listed name that is a
    symbolic link, lies under one, or is not a regular file is changed. Raises OSError if a
    manifest cannot be read."""
    parsed = [read_manifest(path) for path in manifests]
    report = Findings()
    jobs: dict[bytes, list[tuple[str, str]]] = {}
    for manifest in parsed:
        report.malformed += [(manifest.path.name, n) for n in manifest.malformed]
        for name, digest in manifest.entries.items():
            jobs.setdefault(name, []).append((manifest.algo, digest))
    skip = {os.fsencode(name) for name in MANIFESTS}
    for manifest in parsed:
        with contextlib.suppress(ValueError):
            skip.add(os.fsencode(manifest.path.resolve().relative_to(folder.resolve())))

    def check(name: bytes) -> tuple[str, str]:
        try:
            fd = open_listed(root, name)
        except NotAFile as exc:
            return "changed", str(exc)
        except FileNotFoundError:
            return "missing", ""
        except OSError as exc:
            return "unreadable", exc.strerror or str(exc)
        try:
            for algo, digest in jobs[name]:
                os.lseek(fd, 0, os.SEEK_SET)
                if _digest(fd, algo) != digest:
                    return "changed", ""
        except OSError as exc:
            return "unreadable", exc.strerror or str(exc)
        finally:
            os.close(fd)
        return "ok", ""

    names = sorted(jobs)
    threads = workers or min(16, (os.cpu_count() or 1) * 2)
    root = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        with ThreadPoolExecutor(threads, thread_name_prefix="conveyor-verify") as pool:
            results = list(pool.map(check, names))
    finally:
        os.close(root)
    report.checked = len(names)
    for name, (verdict, reason) in zip(names, results, strict=True):
        text = os.fsdecode(name)
        if verdict == "missing":
            report.missing.append(text)
        elif verdict == "changed":
            report.changed.append((text, reason))
        elif verdict == "unreadable":
            report.unreadable.append((text, reason))
    listed = set(jobs) | skip
    report.extra = [os.fsdecode(n) for n in sorted(walk_files(folder)) if n not in listed]
    return report


def walk_files(folder: Path) -> Iterator[bytes]:
    """Relative names (bytes, '/'-separated) of the regular files under folder; symlinks
    are not followed."""
    stack = [b""]
    root = os.fsencode(folder)
    while stack:
        rel = stack.pop()
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as entries:
                for entry in entries:
                    name = rel + b"/" + entry.name if rel else entry.name
                    try:
                        mode = entry.stat(follow_symlinks=False).st_mode
                    except OSError:
                        continue
                    if stat.S_ISDIR(mode):
                        stack.append(name)
                    elif stat.S_ISREG(mode):
                        yield name
        except OSError:
            continue
