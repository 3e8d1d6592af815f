"""The live terminal display of `engine run`, built on rich.

Every name reaches rich as a `Text` of `printable` text: rich then neither interprets markup
in it (`[red]`, `[link=...]`) nor passes control sequences to the terminal.
"""

from __future__ import annotations

import time

import psutil
from rich.console import Console, Group, JustifyMethod
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from engine.cli.streams import silence
from engine.cli.terminal import in_foreground
from engine.cli.text import file_line, human_bytes, log_line, progress_line, summary_line
from engine.events import Event, FileEvent, JobFinished, LogMessage, Progress, WorkerStatus
from engine.names import printable


class QuietConsole(Console):
    """A console that falls silent when its reader goes away, instead of rich's default of
    raising SystemExit, which in the job's thread would end the copy half-way."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # rich writes nothing more, and drops what it holds
        silence(self.file)  # the real stream, even while Live redirects sys.stdout


_WORKER_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    ("PID", "right"),
    ("S", "left"),
    ("CPU%", "right"),
    ("MEM", "right"),
    ("FILE", "left"),
)
_STATE_LETTERS = {
    "running": "R",
    "sleeping": "S",
    "disk-sleep": "D",
    "stopped": "T",
    "tracing-stop": "t",
    "zombie": "Z",
    "dead": "X",
    "idle": "I",
}
SAMPLE_EVERY_S = 1.0


class ProcessTable:
    """What `top` shows of each worker process: state letter, CPU % since the last look,
    resident memory; looked up at most once a second per process."""

    def __init__(self) -> None:
        self._processes: dict[int, psutil.Process] = {}
        self._rows: dict[int, tuple[float, tuple[str, str, str, str]]] = {}

    def row(self, pid: int) -> tuple[str, str, str, str]:
        now = time.monotonic()
        cached = self._rows.get(pid)
        if cached is not None and now - cached[0] < SAMPLE_EVERY_S:
            return cached[1]
        try:
            process = self._processes.get(pid) or psutil.Process(pid)
            self._processes[pid] = process
            with process.oneshot():
                state = _STATE_LETTERS.get(process.status(), "?")
                cpu = process.cpu_percent()  # since the last look; 0.0 the first time
                memory = human_bytes(process.memory_info().rss)
            row = (str(pid), state, f"{cpu:.0f}", memory)
        except psutil.Error:
            self._processes.pop(pid, None)
            row = (str(pid), "-", "", "")
        self._rows[pid] = (now, row)
        return row


class LiveReporter:
    """On a terminal: a bar by bytes, counts, rate, ETA and a line per worker, redrawn live."""

    def __init__(self, *, verbose: bool, dry_run: bool) -> None:
        self._console = QuietConsole()
        self._errors = QuietConsole(stderr=True)
        self._verbose = verbose
        self._dry_run = dry_run
        self._progress: Progress | None = None
        self._workers: WorkerStatus = WorkerStatus(())
        self._processes = ProcessTable()
        self._closed = False
        self._live = Live(console=self._console, refresh_per_second=8, transient=True)
        if in_foreground(self._console.file):  # started with `&`: silent until `fg`
            self._live.start()

    def __call__(self, event: Event) -> None:
        if isinstance(event, FileEvent):
            if self._verbose:
                self._console.print(Text(file_line(event, self._dry_run)))
            return
        if isinstance(event, Progress):
            self._progress = event
        elif isinstance(event, WorkerStatus):
            self._workers = event
        elif isinstance(event, LogMessage):
            self._errors.print(Text(log_line(event), style="yellow"))
            return
        elif isinstance(event, JobFinished):
            self.close()
            self._console.print(Text(summary_line(event.summary)))
            return
        self._live.update(self._render())

    def _render(self) -> Group:
        p = self._progress
        if p is None:
            return Group(Text("Starting…"))
        grid = Table.grid(padding=(0, 1))
        grid.add_row(
            ProgressBar(total=max(p.bytes_total, 1), completed=p.bytes_done, width=40),
            Text(f"{100 * p.bytes_done / max(p.bytes_total, 1):5.1f}%"),
            Text(progress_line(p)),
        )
        workers = Table(box=None, padding=(0, 1), header_style="dim", expand=False)
        for column, justify in _WORKER_COLUMNS:
            workers.add_column(column, justify=justify, no_wrap=column != "FILE")
        for info in self._workers.workers:
            current = printable(info.current) if info.current else "waiting for work"
            if info.current and info.file_size and info.file_done:
                current += f" ({100 * info.file_done / info.file_size:.0f}%)"
            if info.stopping:
                current += " (finishing this file, then stopping)"
            if info.stuck_s:
                current += f" (no progress for {info.stuck_s:.0f} s)"
            if info.host:  # a Dask worker on another machine: no process of ours to look at
                row = (f"{info.pid}@{printable(info.host)}", "", "", "")
            else:
                row = self._processes.row(info.pid)
            workers.add_row(*row, Text(current, overflow="ellipsis", no_wrap=True))
        return Group(grid, workers)

    def hide(self) -> None:
        """Take the display off the terminal (the job was stopped or sent to the
        background)."""
        if self._live.is_started:
            self._live.stop()

    def show(self) -> None:
        """Draw it again (the job is back in the foreground)."""
        if not self._live.is_started and not self._closed:
            self._live.start()
            self._live.update(self._render())

    def close(self) -> None:
        self._closed = True
        if self._live.is_started:
            self._live.stop()
