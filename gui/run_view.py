"""The run view, which takes the setup view's place from Start to the end of the job.

Top to bottom: which folders, the pool size and the speed limit per worker (both can be
changed while the job runs) with Pause and Cancel; at the end, the result with what to do
next (Retry failed, Open target, Back to setup); how far the job has got (the large bar with
its speed behind it, and the totals); what each worker is doing now; and the problems,
folded under a badge that counts them, which opens by itself at the end when there are any.
A comparison (Job → Compare) shows here too, as its differences.

The view lays these out and switches between running, ended and comparing; the run
controller (gui/controller.py) feeds it and acts on its buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from engine import Job
from engine.job import max_workers
from gui.formatting import spoken
from gui.tab_order import set_tab_order
from gui.widgets import Fold
from gui.widgets.buttons import push_button
from gui.widgets.now_copying import NowCopying
from gui.widgets.problems_panel import ProblemsPanel
from gui.widgets.progress_panel import ProgressPanel
from gui.widgets.result_banner import ResultBanner
from gui.widgets.speed_limit_field import SpeedLimitField


class RunView(QWidget):
    """A job running, or its result; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runView")
        self.job_label = QLabel()
        self.job_label.setObjectName("runJob")
        self.job_label.setTextFormat(Qt.TextFormat.PlainText)
        self.job_label.setWordWrap(True)

        self.pool = QSpinBox()
        self.pool.setObjectName("pool")
        self.pool.setToolTip(
            self.tr(
                "How many files are worked on at once; a smaller pool is reached as workers "
                "finish the file they are on"
            )
        )
        self.pool.setAccessibleName(self.tr("Worker processes"))
        self.pool_label = QLabel(self.tr("&Workers:"))
        self.pool_label.setBuddy(self.pool)
        self.limit = SpeedLimitField()
        self.limit.setObjectName("runBwlimit")
        self.limit.setToolTip(
            self.tr(
                "Bytes per second each worker may copy, e.g. 500k or 10M; empty: no limit. "
                "A change applies to the running job at once (Enter or leaving the field)"
            )
        )
        metrics = self.limit.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(t) for t in (self.limit.placeholderText(), "1023.5M")
        )
        self.limit.setMaximumWidth(widest + 2 * metrics.height())  # room for the frame
        self.limit_label = QLabel(self.tr("Speed l&imit per worker:"))
        self.limit_label.setBuddy(self.limit)
        self.pause_button = push_button(
            "", "pauseButton", self.tr("Pause or resume the running job (Ctrl+P)")
        )
        self.cancel_button = push_button(
            self.tr("&Cancel"),
            "cancelButton",
            self.tr("Stop the job; files being written are removed, finished ones stay"),
        )

        self.banner = ResultBanner()
        self.progress = ProgressPanel()
        self.now_copying = NowCopying()
        self.now_caption = QLabel(self.tr("&Now copying"))
        self.now_caption.setObjectName("nowCopyingCaption")
        self.now_caption.setBuddy(self.now_copying.table)
        font = self.now_caption.font()
        font.setBold(True)
        self.now_caption.setFont(font)
        self.problems = ProblemsPanel()
        self.problems_fold = Fold(self.tr("Prob&lems"), self.problems, "problems", grows=True)
        self.problems_fold.header.setToolTip(self.tr("Show or hide the problems of the run"))
        self.problems.counted.connect(self.problems_fold.set_badge)

        header = QHBoxLayout()
        header.addWidget(self.job_label, 1)
        header.addWidget(self.pool_label)
        header.addWidget(self.pool)
        header.addWidget(self.limit_label)
        header.addWidget(self.limit)
        header.addWidget(self.pause_button)
        header.addWidget(self.cancel_button)
        self.now_section = QWidget()
        self.now_section.setObjectName("nowCopyingSection")
        now_layout = QVBoxLayout(self.now_section)
        now_layout.setContentsMargins(0, 0, 0, 0)
        now_layout.addWidget(self.now_caption)
        now_layout.addWidget(self.now_copying, 1)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress, 1)
        layout.addWidget(self.now_section)
        layout.addWidget(self.problems_fold, 1)
        self._layout = layout
        set_tab_order(
            (
                self.pool,
                self.limit,
                self.pause_button,
                self.cancel_button,
                *self.banner.buttons(),
                self.now_copying.table,
                self.problems_fold.header,
                self.problems.filter_edit,
                self.problems.level_combo,
                self.problems.view,
            )
        )
        self.banner.hide()
        self.show_paused(False)
        for button in (self.cancel_button, *self.banner.buttons()):
            button.setAccessibleName(spoken(button.text()))

    def show_paused(self, paused: bool) -> None:
        """Pause, or Resume while paused; a screen reader says which."""
        text = self.tr("Res&ume") if paused else self.tr("&Pause")
        self.pause_button.setText(text)
        self.pause_button.setAccessibleName(spoken(text))

    def show_running(self, job: Job) -> None:
        """A fresh view for `job`, which has just started."""
        self._show_route(str(job.source), str(job.target), self.tr("{source} → {target}"))
        self.pool.setRange(1, max_workers(job.backend, job.scheduler))
        self.pool.setValue(job.workers)
        self.limit.set_rate(job.bwlimit)
        self._show_fresh(tunable=True)

    def show_following(self, source: str, target: str) -> None:
        """A fresh view for a job started elsewhere (the command line, cron), which the
        window follows: Pause and Cancel steer it, its pool and speed limit are not shown
        (they are its own, set where it was started)."""
        self._show_route(source, target, self.tr("Following {source} → {target}"))
        self._show_fresh(tunable=False)

    def _show_fresh(self, *, tunable: bool) -> None:
        self.progress.reset()
        self.now_copying.clear()
        self.problems.clear()
        self.show_paused(False)
        self._show_controls(running=True, tunable=tunable)
        self.banner.hide()
        self.progress.show()
        self.now_section.show()
        self.problems_fold.set_open(False)
        self._give_room_to_problems(False)

    def show_comparing(self, job: Job) -> None:
        """A fresh view for a comparison of `job`'s folders: only its differences."""
        self._show_route(
            str(job.source), str(job.target), self.tr("Comparing {source} with {target}")
        )
        self.problems.clear()
        self._show_controls(running=False)
        self.banner.hide()
        self.progress.hide()
        self.now_section.hide()
        self.problems_fold.set_open(True)
        self._give_room_to_problems(True)

    def show_ended(self) -> None:
        """The job or comparison is over: the workers' rows go, the problems open if there
        are any; the controller has put the result in the banner."""
        self._show_controls(running=False)
        self.now_copying.clear()
        self.now_section.hide()
        if self.problems.model.rowCount():
            self.problems_fold.set_open(True)
            self._give_room_to_problems(self.problems.wants_room())
        self.take_focus()

    def take_focus(self) -> None:
        """Give the keyboard to what is most likely wanted next: Pause while a job runs,
        the result's first action at the end."""
        wanted = (self.pause_button, *self.banner.buttons(), self.problems_fold.header)
        shown = [w for w in wanted if w.isVisibleTo(self) and w.isEnabled()]
        if shown:
            shown[0].setFocus()

    def _give_room_to_problems(self, problems: bool) -> None:
        """The room to spare goes to the problems, when they are more than a short list
        shows, or to the progress: a few problems leave no empty list below them."""
        self._layout.setStretchFactor(self.progress, 0 if problems else 1)
        self._layout.setStretchFactor(self.problems_fold, 1 if problems else 0)

    def _show_controls(self, *, running: bool, tunable: bool = False) -> None:
        """Pause and Cancel while a job runs; the pool and the speed limit as well when
        the job is the app's own (`tunable`)."""
        tuning: tuple[QWidget, ...] = (self.pool_label, self.pool, self.limit_label, self.limit)
        for widget in tuning:
            widget.setVisible(running and tunable)
        for button in (self.pause_button, self.cancel_button):
            button.setVisible(running)

    def _show_route(self, source: str, target: str, pattern: str) -> None:
        self.job_label.setText(pattern.format(source=source, target=target))
        self.job_label.setToolTip(
            self.tr("From {source}\nTo {target}").format(source=source, target=target)
        )
