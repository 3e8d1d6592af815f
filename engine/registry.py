"""Running jobs, findable and steerable from any terminal of their user, as `ps` and `kill`
find and signal processes.

Each job (CLI, app, library) registers itself in the user's runtime folder (mode 0700): a
small JSON file saying what it is, and a Unix socket (mode 0600) that answers one JSON line
per request: `status`, `pause`, `resume`, `cancel`, `workers`; to `watch` it streams the
job's events (`engine.events.to_json`), one line each, until the job ends or the watcher
leaves (`engine attach`). The socket also checks the peer's credentials: a process of
another user (root included) is turned away. An entry whose process is gone is removed by
whoever finds it. A job stopped by Ctrl-Z or SIGSTOP cannot answer; `stopped` tells so
without asking it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from engine.errors import JobError
from engine.events import Progress
from engine.system import disk_of
from engine.temps import owner_running, process_token

REQUEST_BYTES = 4096
"""The longest request a job reads: a request is one short JSON line."""
TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Entry:
    """A registered job: what `engine jobs` lists before asking it how it is doing."""

    id: str
    pid: int
    started: float
    source: str
    target: str
    disk: str = ""
    """The disk the target is on (`engine.system.disk_of`): what `--queue` waits for."""
    queue: bool = False
    """Whether it waits for the jobs registered before it onto the same disk."""


def runtime_folder() -> Path:
    """This user's folder of running jobs, made private (0700) if need be; a folder that
    is not this user's alone is refused."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime):  # /run/user/UID of a login session
        base = Path(runtime) / "conveyor"
    else:  # cron, a container, su: a private folder in the temporary folder
        base = Path(tempfile.gettempdir()) / f"conveyor-{os.getuid()}"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(base)
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise JobError(f"the folder of running jobs '{base}' is not yours alone; remove it")
    return base


Control = Callable[[dict[str, Any]], dict[str, Any]]
"""Answers one request of the user's other processes."""
Watch = Callable[[], Iterator[dict[str, Any]]]
"""The job's events from now on, as `to_json` gives them, until it ends."""


class Registration:
    """A job's entry and control socket, served on threads of its own until `close`: one
    accepting, and one per client, so that a watcher does not hold up a `status`."""

    def __init__(self, entry: Entry, control: Control, watch: Watch) -> None:
        self.entry = entry
        self._control = control
        self._watch = watch
        self._peers: set[socket.socket] = set()
        self._peers_lock = threading.Lock()
        folder = runtime_folder()
        self._socket_path = folder / f"{entry.id}.sock"
        self._entry_path = folder / f"{entry.id}.json"
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)
        try:
            self._server.bind(os.fspath(self._socket_path))
        finally:
            os.umask(old)
        self._server.listen(8)
        partial = self._entry_path.with_suffix(".json.part")
        partial.write_text(json.dumps(asdict(entry)))
        partial.chmod(0o600)
        partial.replace(self._entry_path)
        self._open = True
        self._thread = threading.Thread(target=self._serve, name="conveyor-control", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while self._open:
            try:
                peer, _ = self._server.accept()
            except OSError:
                return
            with self._peers_lock:
                self._peers.add(peer)
            threading.Thread(
                target=self._serve_one, args=(peer,), name="conveyor-client", daemon=True
            ).start()

    def _serve_one(self, peer: socket.socket) -> None:
        with peer, contextlib.suppress(OSError, ValueError):
            self._answer(peer)
        with self._peers_lock:
            self._peers.discard(peer)

    def _answer(self, peer: socket.socket) -> None:
        creds = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", creds)
        if uid != os.getuid():
            peer.sendall(b'{"error": "not your job"}\n')
            return
        peer.settimeout(TIMEOUT_S)
        request = json.loads(peer.recv(REQUEST_BYTES).decode())
        if request.get("op") != "watch":
            peer.sendall(json.dumps(self._control(request)).encode() + b"\n")
            return
        # A watcher may fall behind (a stopped `engine attach`): the job's side drops what
        # it cannot take (see `JobHandle.watch`), so no time limit on sending to it.
        peer.settimeout(None)
        events = self._watch()
        try:
            for event in events:
                peer.sendall(json.dumps(event, ensure_ascii=True).encode() + b"\n")
        finally:
            events.close()  # type: ignore[attr-defined]

    def close(self) -> None:
        self._open = False
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        with self._peers_lock:
            for peer in self._peers:  # watchers see the end of the stream
                with contextlib.suppress(OSError):
                    peer.shutdown(socket.SHUT_RDWR)
        for path in (self._entry_path, self._socket_path):
            with contextlib.suppress(OSError):
                path.unlink()


def new_entry(source: Path, target: Path, *, queue: bool) -> Entry:
    """The entry of a job starting now in this process."""
    return Entry(
        process_token(),
        os.getpid(),
        time.time(),
        str(source),
        str(target),
        disk_of(target),
        queue,
    )


def ahead_of(entry: Entry) -> Entry | None:
    """The oldest job registered before `entry` that writes to the same disk, which a job
    started with `--queue` waits for; None when the disk is free for it."""
    for other in entries():
        if other.started >= entry.started:
            break
        if other.disk == entry.disk and other.id != entry.id:
            return other
    return None


def entries() -> list[Entry]:
    """The registered jobs whose process still runs (stale entries removed), oldest first."""
    folder = runtime_folder()
    found = []
    for path in folder.glob("*.json"):
        try:
            entry = Entry(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            continue
        if owner_running(entry.id):
            found.append(entry)
        else:
            for stale in (path, path.with_suffix(".sock")):
                with contextlib.suppress(OSError):
                    stale.unlink()
    return sorted(found, key=lambda entry: entry.started)


def find(reference: str) -> Entry:
    """The running job with this id or PID; JobError naming what was looked for."""
    for entry in entries():
        if reference in (entry.id, str(entry.pid)):
            return entry
    raise JobError(f"no running job '{reference}' of yours; 'engine jobs' lists them")


def stopped(entry: Entry) -> bool:
    """Whether the job's process is stopped (Ctrl-Z, SIGSTOP): it cannot answer until it is
    continued (`fg`, `bg`, `kill -CONT`)."""
    import psutil  # here: only the steering commands need it

    try:
        return psutil.Process(entry.pid).status() == psutil.STATUS_STOPPED
    except psutil.Error:
        return False


def ask(entry: Entry, request: dict[str, Any]) -> dict[str, Any]:
    """Send one request to a running job and return its answer."""
    path = runtime_folder() / f"{entry.id}.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(TIMEOUT_S)
        client.connect(os.fspath(path))
        with contextlib.suppress(BrokenPipeError):  # a job that turns us away answers first
            client.sendall(json.dumps(request).encode() + b"\n")
        answer = b""
        while not answer.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                break
            answer += chunk
    if not answer:
        raise ConnectionResetError("the job closed the connection without answering")
    result: dict[str, Any] = json.loads(answer.decode())
    return result


def status(entry: Entry) -> dict[str, Any]:
    """How the job is doing (its answer to `status`); a stopped job is not asked, and is
    `{"state": "stopped"}`."""
    return {"state": "stopped"} if stopped(entry) else ask(entry, {"op": "status"})


def steer(entry: Entry, request: dict[str, Any]) -> None:
    """Ask the job to pause, resume, cancel, resize its pool or change its speed limit;
    JobError with its answer when it refuses. A stopped job (Ctrl-Z) cannot answer: `resume`
    continues it (as `bg` would; it continues its workers itself), anything else is refused
    until it runs."""
    if stopped(entry):
        if request.get("op") == "resume":
            os.kill(entry.pid, signal.SIGCONT)
            return
        raise JobError(
            f"job {entry.id} is stopped (Ctrl-Z); continue it first with fg or bg in its "
            f"terminal, or 'engine resume {entry.id}'"
        )
    answer = ask(entry, request)
    if "error" in answer:
        raise JobError(str(answer["error"]))


class Watching:
    """The running job's events, as `to_json` gave them, until it ends (an answer with an
    `error` key when it turns us away); `close`, from any thread, ends the iteration at once."""

    def __init__(self, entry: Entry) -> None:
        self._client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._client.settimeout(TIMEOUT_S)
        self._client.connect(os.fspath(runtime_folder() / f"{entry.id}.sock"))
        with contextlib.suppress(BrokenPipeError):  # a job that turns us away answers first
            self._client.sendall(b'{"op": "watch"}\n')
        self._client.settimeout(None)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        pending = b""
        with contextlib.suppress(OSError):  # closed: by us, or the job went
            while chunk := self._client.recv(65536):
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    yield json.loads(line.decode())

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._client.shutdown(socket.SHUT_RDWR)
        self._client.close()


def status_of(
    progress: Progress | None, *, paused: bool, queued: bool, workers: int
) -> dict[str, Any]:
    """What a job answers to `status`."""
    if queued:
        state = "queued"
    elif paused:
        state = "paused"
    else:
        state = "scanning" if progress is None or progress.scanning else "running"
    body: dict[str, Any] = {"state": state, "workers": workers}
    if progress is not None:
        body.update(
            files_done=progress.files_finished,
            files_total=progress.files_total,
            bytes_done=progress.bytes_done,
            bytes_total=progress.bytes_total,
            rate=progress.rate,
            eta_s=progress.eta_s,
        )
    return body
