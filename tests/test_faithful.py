"""A copy made by Conveyor keeps what `cp -a` keeps: the same tree is copied by both, and a
metadata walk of the two targets (kind, mode, owner, times, extended attributes, ACLs,
device numbers, hard-link groups, holes) must agree. Also: transformed outputs keep their
source's metadata, an unprivileged runner keeps what it may, and a re-run after a change of
metadata alone updates the target in place. Real files, the real CLI, `cp -a` itself."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    BackendCase,
    Engine,
    file_events,
    json_events,
    logs,
    run_engine,
    summary_of,
    write_tree,
)

KiB = 1 << 10
MiB = 1 << 20
BASE_NS = 1_600_000_000_123_456_789
FUTURE_NS = (time.time_ns() // 10**9 + 7 * 86_400) * 10**9 + 987_654_321
"""The atime given to every source entry: a week ahead, so that reading a source (with
`relatime`) never moves it and both copies see the same one."""
SLACK_BLOCKS = 128
"""How many 512-byte blocks more than `cp -a`'s a copy of a sparse file may allocate."""

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="owners, trusted.* and devices need root")

KINDS = {
    stat.S_IFREG: "file",
    stat.S_IFDIR: "folder",
    stat.S_IFLNK: "symlink",
    stat.S_IFIFO: "FIFO",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
}
ACL_XATTRS = {"system.posix_acl_access": "access", "system.posix_acl_default": "default"}
ACL_TAGS = {0x01: "user", 0x02: "user", 0x04: "group", 0x08: "group", 0x10: "mask", 0x20: "other"}
ACL_UNDEFINED_ID = 0xFFFFFFFF
CAPABILITY = struct.pack("<IIIII", 0x02000001, 1 << 10, 0, 0, 0)
"""security.capability as `setcap cap_net_bind_service=ep` writes it (a change of owner
after it is set clears it, as it clears the setuid bit)."""


# Tools


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"the '{name}' tool is not installed (apt-get install {package})")
    return path


def _setfacl(*args: str | Path) -> None:
    result = subprocess.run(
        [_tool("setfacl", "acl"), *map(os.fspath, args)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"setfacl failed (no ACLs here?): {result.stderr.strip()}")


def _setxattr(path: Path, name: str, value: bytes) -> None:
    try:
        os.setxattr(path, name, value, follow_symlinks=False)
    except OSError as exc:
        pytest.skip(f"cannot set {name} on {path.name} here: {exc.strerror}")


def _mknod(path: Path, kind: int, device: tuple[int, int]) -> None:
    try:
        os.mknod(path, kind | 0o600, os.makedev(*device))
    except PermissionError as exc:
        pytest.skip(f"this system refuses to make device files: {exc.strerror}")


def _make_socket(path: Path) -> None:
    """A Unix socket at `path`, bound by a relative name (the 108-byte limit), then closed."""
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(path.name)
    finally:
        os.chdir(here)


def _cp_a(src: Path, dst: Path) -> None:
    result = subprocess.run(
        [_tool("cp", "coreutils"), "-a", os.fspath(src), os.fspath(dst)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _set_times(root: Path, *, seen: set[int] | None = None) -> None:
    """Give every entry under root (root too) its own mtime in ns and the future atime,
    deepest first, since making or changing an entry moves its folder's mtime."""
    entries = [Path(d) / n for d, dirs, files in os.walk(root) for n in dirs + files]
    for number, path in enumerate(sorted(entries, key=lambda p: -len(p.parts)), 1):
        ino = path.lstat().st_ino
        if seen is not None and ino in seen:
            continue  # a hard link's second name: one inode, one time
        if seen is not None:
            seen.add(ino)
        os.utime(path, ns=(FUTURE_NS, BASE_NS + number * 1_000_003), follow_symlinks=False)
    os.utime(root, ns=(FUTURE_NS, BASE_NS - 1))


# The metadata walk


def _acl_text(value: bytes) -> list[str]:
    """A system.posix_acl_* value as getfacl prints its entries: `user:1234:rw-`."""
    entries = []
    for offset in range(4, len(value), 8):
        tag, perm, qualifier = struct.unpack_from("<HHI", value, offset)
        who = "" if qualifier == ACL_UNDEFINED_ID or tag not in (0x02, 0x08) else str(qualifier)
        bits = "".join(c if perm & b else "-" for c, b in (("r", 4), ("w", 2), ("x", 1)))
        entries.append(f"{ACL_TAGS.get(tag, hex(tag))}:{who}:{bits}")
    return entries


def _xattrs(path: Path) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """The extended attributes (but Conveyor's own user.conveyor.*) and the ACLs of path."""
    xattrs: dict[str, bytes] = {}
    acls: dict[str, list[str]] = {}
    try:
        names = os.listxattr(path, follow_symlinks=False)
    except OSError:
        return xattrs, acls
    for name in sorted(names):
        value = os.getxattr(path, name, follow_symlinks=False)
        if name in ACL_XATTRS:
            acls[ACL_XATTRS[name]] = _acl_text(value)
        elif not name.startswith("user.conveyor."):
            xattrs[name] = value
    return xattrs, acls


def metadata_walk(root: Path) -> dict[str, dict[str, Any]]:
    """What `cp -a` keeps, per relative path ('.' for root itself): one field per kept
    thing, each extended attribute as `xattr NAME` and each ACL as getfacl's entries
    (`access ACL`, `default ACL`), so that a difference reads as one line. Every entry is
    lstat-ed before any file is read, so that the walk does not move the atimes it records;
    a folder's atime is left out (listing it moves it)."""
    paths = [root] + [Path(d) / n for d, dirs, files in os.walk(root) for n in dirs + files]
    walk: dict[str, dict[str, Any]] = {}
    for path in paths:
        info = path.lstat()
        kind = KINDS[stat.S_IFMT(info.st_mode)]
        xattrs, acls = _xattrs(path)
        entry: dict[str, Any] = {
            "kind": kind,
            "mode": oct(stat.S_IMODE(info.st_mode)),
            "owner": f"{info.st_uid}:{info.st_gid}",
            "mtime_ns": info.st_mtime_ns,
            **{f"xattr {name}": value for name, value in xattrs.items()},
            **{f"{which} ACL": ",".join(acl) for which, acl in acls.items()},
        }
        if kind != "folder":
            entry["atime_ns"] = info.st_atime_ns
            entry["links"] = info.st_nlink
            entry["inode"] = info.st_ino  # turned into the names sharing it, below
        if kind in ("file", "symlink"):
            entry["size"] = info.st_size
        if kind == "file":
            entry["blocks"] = info.st_blocks
        if kind.endswith("device"):
            entry["device"] = f"{os.major(info.st_rdev)},{os.minor(info.st_rdev)}"
        walk[path.relative_to(root).as_posix()] = entry
    names_of: dict[int, list[str]] = {}
    for rel, entry in walk.items():
        if "inode" in entry:
            names_of.setdefault(entry["inode"], []).append(rel)
    for rel, entry in walk.items():
        if "inode" in entry:
            entry["same_inode_as"] = sorted(names_of[entry.pop("inode")])
        if entry["kind"] == "file":
            entry["sha256"] = hashlib.sha256((root / rel).read_bytes()).hexdigest()[:16]
        elif entry["kind"] == "symlink":
            entry["target"] = os.readlink(root / rel)
    return walk


def differences(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]], *, skip: set[str]
) -> list[str]:
    """One line per path or field where Conveyor's copy (ours) differs from `cp -a`'s."""
    lines = []
    for rel in sorted(ours.keys() | theirs.keys()):
        if rel not in ours:
            lines.append(f"{rel}: missing from Conveyor's copy (cp -a: {theirs[rel]['kind']})")
        elif rel not in theirs:
            lines.append(f"{rel}: only in Conveyor's copy ({ours[rel]['kind']})")
        else:
            for key in sorted(ours[rel].keys() | theirs[rel].keys()):
                mine, cps = ours[rel].get(key), theirs[rel].get(key)
                if key not in skip and mine != cps:
                    lines.append(f"{rel}: {key}: Conveyor {mine!r} != cp -a {cps!r}")
    return lines


def assert_same_as_cp_a(
    ours: Path, theirs: Path, *, sparse: tuple[str, ...] = (), sockets: tuple[str, ...] = ()
) -> None:
    """The two walks agree, but for blocks (a sparse file may take a little more of them)
    and for the sockets `cp -a` makes and Conveyor skips."""
    mine, cps = metadata_walk(ours), metadata_walk(theirs)
    for rel in sockets:
        assert cps.pop(rel)["kind"] == "socket"
    lines = differences(mine, cps, skip={"blocks"})
    for rel in sparse:
        if rel in mine and mine[rel]["blocks"] > cps[rel]["blocks"] + SLACK_BLOCKS:
            lines.append(
                f"{rel}: blocks: Conveyor {mine[rel]['blocks']} > cp -a {cps[rel]['blocks']}"
                f" + {SLACK_BLOCKS}"
            )
    assert not lines, "Conveyor's copy differs from cp -a's:\n" + "\n".join(lines)


def _run(engine: Engine, src: Path, dst: Path, *options: str) -> subprocess.CompletedProcess[str]:
    result = engine("run", src, dst, "-w", "2", "--json", *options)
    assert result.returncode == 0, result.stderr
    return result


# 1. Every kind of entry, as cp -a copies it


def every_kind_of_entry(src: Path) -> None:
    """Files of many modes and owners with xattrs and ACLs, a sparse file, three names of one
    file across folders, symlinks, a FIFO, two devices, empty folders and a socket."""
    files = {
        "files/plain.txt": (0o644, 1234, 5678),
        "files/setuid": (0o4755, 1234, 5678),
        "files/setgid": (0o2750, 2345, 6789),
        "files/sticky": (0o1644, 0, 0),
        "files/private": (0o600, 4321, 8765),
        "files/read-only": (0o444, 1234, 0),
        "files/no-access": (0o000, 5555, 5555),
        "files/tagged.txt": (0o664, 1234, 5678),
        "locked/inside.txt": (0o644, 1234, 5678),
    }
    for rel, (mode, uid, gid) in files.items():
        path = src / rel
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(f"contents of {rel}\n".encode() * 3)
        os.chown(path, uid, gid)
        os.chmod(path, mode)
    _setxattr(src / "files/setuid", "security.capability", CAPABILITY)
    tagged = src / "files/tagged.txt"
    _setxattr(tagged, "user.colour", b"blue")
    _setxattr(tagged, "user.binary", bytes(range(256)))
    _setxattr(tagged, "trusted.note", b"for root's eyes")
    _setxattr(tagged, "security.label", b"top secret")
    _setxattr(tagged, "user.conveyor.source", b"1 0 0 forged tagged.txt")
    _setfacl("-m", "u:1234:rw-,g:5678:r--,u:4321:r--", tagged)

    with open(src / "sparse.img", "wb") as image:
        for offset in (0, 20 * MiB, 64 * MiB - 4 * KiB):
            image.seek(offset)
            image.write(os.urandom(4 * KiB))
        image.truncate(64 * MiB)
    if os.stat(src / "sparse.img").st_blocks * 512 > MiB:
        pytest.skip("the file system of the test's tmp folder does not make holes")

    (src / "linked/deeper").mkdir(parents=True)
    (src / "linked/one.bin").write_bytes(os.urandom(10_000))
    os.chown(src / "linked/one.bin", 1234, 5678)
    os.chmod(src / "linked/one.bin", 0o640)
    os.link(src / "linked/one.bin", src / "linked/deeper/two.bin")
    os.link(src / "linked/one.bin", src / "files/three.bin")

    os.symlink("../files/plain.txt", src / "linked/to-plain")
    os.symlink("files", src / "to-folder")
    os.symlink("nowhere", src / "dangling")
    os.chown(src / "linked/to-plain", 3456, 7890, follow_symlinks=False)
    os.chown(src / "dangling", 1234, 5678, follow_symlinks=False)

    (src / "specials").mkdir()
    os.mkfifo(src / "specials/pipe", 0o640)
    os.chown(src / "specials/pipe", 4321, 8765)
    _mknod(src / "specials/null", stat.S_IFCHR, (1, 3))
    os.chmod(src / "specials/null", 0o666)
    _mknod(src / "specials/loop", stat.S_IFBLK, (7, 0))
    os.chown(src / "specials/loop", 0, 6)
    os.chmod(src / "specials/loop", 0o660)
    _make_socket(src / "specials/sock")

    folders = {
        "empty/plain": (0o755, 0, 0),
        "empty/shared": (0o2775, 4321, 8765),
        "empty/sticky": (0o1777, 0, 0),
        "empty/private": (0o700, 5555, 5555),
    }
    for rel, (mode, uid, gid) in folders.items():
        (src / rel).mkdir(parents=True)
        os.chown(src / rel, uid, gid)
        os.chmod(src / rel, mode)
    _setxattr(src / "empty/shared", "user.purpose", b"drop box")
    _setxattr(src / "empty/shared", "trusted.note", b"folder note")
    _setfacl("-m", "u:1234:rwx,g:5678:r-x", src / "empty/shared")
    _setfacl("-d", "-m", "u:1234:rwx,g:5678:r-x,o::---", src / "empty/shared")
    _setfacl("-m", "u:1234:rwx", src / "files")
    _setfacl("-d", "-m", "u:1234:r-x", src / "files")
    os.chown(src / "files", 1234, 5678)
    os.chmod(src / "locked", 0o555)
    os.chown(src, 2222, 3333)
    os.chmod(src, 0o750)
    _set_times(src, seen=set())


@needs_root
def test_every_kind_of_entry_keeps_what_cp_a_keeps(
    src: Path, tmp_path: Path, backend: BackendCase
) -> None:
    every_kind_of_entry(src)

    result = _run(backend.run_engine, src, tmp_path / "conveyor")
    _cp_a(src, tmp_path / "cp")

    warnings = logs(json_events(result), "warning")
    assert [e.get("path") for e in warnings] == ["specials/sock"], warnings
    assert "socket" in warnings[0]["message"]
    assert not (tmp_path / "conveyor/specials/sock").exists()
    assert summary_of(result)["files_failed"] == 0
    assert_same_as_cp_a(
        tmp_path / "conveyor", tmp_path / "cp", sparse=("sparse.img",), sockets=("specials/sock",)
    )


@needs_root
def test_xattrs_of_symlinks_fifos_and_devices_are_kept_as_cp_a_keeps_them(
    src: Path, tmp_path: Path
) -> None:
    (src / "target.txt").write_text("pointed at\n")
    os.symlink("target.txt", src / "link")
    os.mkfifo(src / "pipe")
    _mknod(src / "null", stat.S_IFCHR, (1, 3))
    for name in ("link", "pipe", "null"):
        _setxattr(src / name, "trusted.note", f"on the {name}".encode())
    _set_times(src)

    _run(run_engine, src, tmp_path / "conveyor")
    _cp_a(src, tmp_path / "cp")

    assert_same_as_cp_a(tmp_path / "conveyor", tmp_path / "cp")


# 2. Transformed outputs


@needs_root
def test_a_gzip_output_carries_its_sources_owner_mode_times_xattrs_and_acls(
    src: Path, dst: Path
) -> None:
    source = src / "report.txt"
    source.write_text("a line worth compressing\n" * 200)
    os.chown(source, 1234, 5678)
    os.chmod(source, 0o2640)
    _setxattr(source, "user.colour", b"green")
    _setxattr(source, "trusted.note", b"kept by root")
    _setxattr(source, "user.conveyor.source", b"1 0 0 forged report.txt")
    _setfacl("-m", "u:4321:r--,g:8765:rw-", source)
    os.utime(source, ns=(FUTURE_NS, BASE_NS))

    result = _run(run_engine, src, dst, "--stage", "gzip")

    assert file_events(result)["report.txt"]["output"] == "report.txt.gz"
    output = dst / "report.txt.gz"
    made, was = output.stat(), source.stat()
    assert (made.st_uid, made.st_gid) == (1234, 5678)
    assert oct(stat.S_IMODE(made.st_mode)) == oct(stat.S_IMODE(was.st_mode))
    assert made.st_mtime_ns == BASE_NS
    assert _xattrs(output) == _xattrs(source)
    assert "user:4321:r--" in _xattrs(output)[1]["access"]
    assert os.getxattr(output, "user.conveyor.source") != b"1 0 0 forged report.txt"


# 3. An unprivileged runner


RUNNER_UID, THEIR_GROUP, OTHER_GROUP, STRANGER = 1234, 2000, 3000, 5555


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A fresh folder the unprivileged runner owns (tmp_path's parents may be 0700)."""
    path = Path(tempfile.mkdtemp(prefix="conveyor-faithful-"))
    try:
        os.chmod(path, 0o755)
        os.chown(path, RUNNER_UID, RUNNER_UID)
        yield path
    finally:
        shutil.rmtree(path)


SPAWN_PROBE = (
    "import multiprocessing, engine\n"
    "p = multiprocessing.get_context('spawn').Process(target=print)\n"
    "p.start(); p.join(); raise SystemExit(p.exitcode)"
)
"""Can the runner import the engine and start a worker process (which execs the
interpreter again)?"""


def as_runner(
    python: str, *args: str | os.PathLike[str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run `python` as uid 1234 in groups 1234 and 2000 with every capability gone, with
    this process's import path (the project and its packages)."""
    setpriv = _tool("setpriv", "util-linux")
    command = [
        setpriv,
        f"--reuid={RUNNER_UID}",
        f"--regid={RUNNER_UID}",
        f"--groups={RUNNER_UID},{THEIR_GROUP}",
        "--inh-caps=-all",
        "--bounding-set=-all",
        python,
        *map(os.fspath, args),
    ]
    path = [p for p in sys.path if p and not p.startswith(sys.base_prefix)]
    env = {
        **os.environ,
        "HOME": os.fspath(cwd),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join(path),
    }
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def runner_python(cwd: Path) -> str:
    """An interpreter the runner may execute: this one, unless it lives in a folder that
    user cannot enter (a pyenv under /root), then the system's of the same version."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    tried = []
    for python in (sys.executable, f"/usr/local/bin/{version}", f"/usr/bin/{version}"):
        if not os.path.exists(python):
            continue
        probe = as_runner(python, "-c", SPAWN_PROBE, cwd=cwd)
        if probe.returncode == 0:
            return python
        tried.append(f"{python}: exit {probe.returncode} {probe.stderr.strip()[-200:]}")
    pytest.skip(f"no interpreter uid {RUNNER_UID} may run the engine with: {'; '.join(tried)}")


@needs_root
def test_an_unprivileged_runner_keeps_the_groups_it_has_and_its_own_owner(
    shared_dir: Path,
) -> None:
    python = runner_python(shared_dir)
    src, dst = shared_dir / "src", shared_dir / "dst"
    owners = {
        "theirs.txt": (RUNNER_UID, THEIR_GROUP),
        "other-group.txt": (RUNNER_UID, OTHER_GROUP),
        "strangers.txt": (STRANGER, THEIR_GROUP),
        "strangers-other.txt": (STRANGER, OTHER_GROUP),
        "folder-theirs/in.txt": (RUNNER_UID, THEIR_GROUP),
        "folder-other/in.txt": (STRANGER, OTHER_GROUP),
        "folder-theirs": (RUNNER_UID, THEIR_GROUP),
        "folder-other": (STRANGER, OTHER_GROUP),
    }
    for rel in owners:
        if rel.endswith(".txt"):
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_text(f"{rel}\n")
            os.chmod(src / rel, 0o644)
    for rel, (uid, gid) in owners.items():
        os.chown(src / rel, uid, gid)
    os.chown(src, RUNNER_UID, THEIR_GROUP)
    os.chmod(src, 0o755)

    result = as_runner(python, "-m", "engine", "run", src, dst, "-w", "2", "--json", cwd=shared_dir)

    assert result.returncode == 0, result.stderr
    events = file_events(result)
    assert {rel: e["status"] for rel, e in events.items()} == {
        rel: "done" for rel in owners if rel.endswith(".txt")
    }
    assert logs(json_events(result), "warning") == []
    assert "warning" not in result.stderr
    for rel, (_, gid) in owners.items():
        info = (dst / rel).stat()
        expected = (RUNNER_UID, gid if gid == THEIR_GROUP else RUNNER_UID)
        assert (info.st_uid, info.st_gid) == expected, rel
        assert (dst / rel).is_dir() or (dst / rel).read_text() == f"{rel}\n"


# 4. A change of metadata alone

METADATA_UPDATED = ("updated", "metadata updated")
"""The file event's status and reason for a target whose bytes were up to date and whose
owner, mode, extended attributes or ACLs were brought to the source's."""


def _chmod(path: Path) -> None:
    os.chmod(path, 0o600)


def _chown(path: Path) -> None:
    if not ROOT:
        pytest.skip("giving a file another owner needs root")
    os.chown(path, 4321, 8765)


def _setfacl_change(path: Path) -> None:
    _setfacl("-m", "u:4321:rw-", path)


def _setfattr(path: Path) -> None:
    _setxattr(path, "user.colour", b"red")


@pytest.mark.parametrize(
    "change",
    [_chmod, _chown, _setfacl_change, _setfattr],
    ids=["chmod", "chown", "setfacl", "setfattr"],
)
def test_a_change_of_metadata_alone_updates_the_target_in_place(
    src: Path, dst: Path, change: Any
) -> None:
    source = src / "notes.txt"
    source.write_text("the same bytes before and after\n")
    (src / "bystander.txt").write_text("never touched\n")
    os.utime(source, ns=(FUTURE_NS, BASE_NS))
    _run(run_engine, src, dst)
    inode = (dst / "notes.txt").stat().st_ino

    change(source)
    result = _run(run_engine, src, dst)

    copy = dst / "notes.txt"
    assert copy.stat().st_ino == inode, "the file was rewritten"
    made, was = copy.stat(), source.stat()
    assert (oct(made.st_mode), made.st_uid, made.st_gid, made.st_mtime_ns) == (
        oct(was.st_mode),
        was.st_uid,
        was.st_gid,
        was.st_mtime_ns,
    )
    assert _xattrs(copy) == _xattrs(source)
    events = file_events(result)
    assert (events["bystander.txt"]["status"], events["bystander.txt"]["reason"]) == (
        "skipped",
        "unchanged",
    )
    assert (events["notes.txt"]["status"], events["notes.txt"]["reason"]) == METADATA_UPDATED


@needs_root
def test_root_without_the_chown_capability_keeps_its_own_groups_and_owner(
    src: Path, dst: Path
) -> None:
    """Root in a container or under setpriv may lack CAP_CHOWN: then the non-root rule
    holds (its own owner, the source's group only where it is one of root's), without a
    per-file error."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is missing (apt-get install util-linux)")
    groups = set(os.getgroups()) | {os.getegid()}
    other = next(gid for gid in range(3000, 4000) if gid not in groups)
    write_tree(src, {"mine.txt": "mine", "other.txt": "other"})
    os.chown(src / "mine.txt", STRANGER, os.getegid())
    os.chown(src / "other.txt", STRANGER, other)
    command = [setpriv, "--bounding-set=-chown", "--inh-caps=-chown", "--"]
    command += [sys.executable, "-m", "engine", "run", os.fspath(src), os.fspath(dst), "--json"]

    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    assert {rel: e["status"] for rel, e in file_events(result).items()} == {
        "mine.txt": "done",
        "other.txt": "done",
    }
    assert logs(json_events(result), "warning") == []
    mine, theirs = (dst / "mine.txt").stat(), (dst / "other.txt").stat()
    assert (mine.st_uid, mine.st_gid) == (0, os.getegid())
    assert (theirs.st_uid, theirs.st_gid) == (0, os.getegid())
