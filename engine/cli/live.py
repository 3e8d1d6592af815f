"""The live terminal display of `engine run`, built on rich.

Every name reaches rich as a `Text` of `printable` text: rich then neither interprets markup
in it (`[red]`, `[link=...]`) nor passes control sequences to the terminal.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from engine.cli.streams import silence
from engine.cli.text import file_line, log_line, progress_line, summary_line
from engine.events import Event, FileEvent, JobFinished, LogMessage, Progress, WorkerStatus
from engine.names import printable


class QuietConsole(Console):
    """A console that falls silent when its reader goes away, instead of rich's default of
    raising SystemExit, which in the job's thread would end the copy half-way."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # rich writes nothing more, and drops what it holds
        silence(self.file)  # the real stream, even while Live redirects sys.stdout


class LiveReporter:
    """On a terminal: a bar by bytes, counts, rate, ETA and a line per worker, redrawn live."""

    def __init__(self, *, verbose: bool, dry_run: bool) -> None:
        self._console = QuietConsole()
        self._errors = QuietConsole(stderr=True)
        self._verbose = verbose
        self._dry_run = dry_run
        self._progress: Progress | None = None
        self._workers: WorkerStatus = WorkerStatus(())
        self._live = Live(console=self._console, refresh_per_second=8, transient=True)
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
        workers = Table.grid(padding=(0, 2))
        for info in self._workers.workers:
            current = printable(info.current) if info.current else "idle"
            if info.stuck_s:
                current += f" (no progress for {info.stuck_s:.0f} s)"
            where = f"@{printable(info.host)}" if info.host else ""
            workers.add_row(
                Text(f"worker {info.pid}{where}", style="dim"), Text(current, overflow="ellipsis")
            )
        return Group(grid, workers)

    def close(self) -> None:
        if self._live.is_started:
            self._live.stop()
