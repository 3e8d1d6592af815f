"""A column of job cards, one per job in the order given, with a note in their place when
there are none. Cards of jobs still listed are kept and updated, so polling every second
never takes the keyboard focus away from the card it is on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.jobs.job_card import JobCard
from gui.jobs.running import RunningJob
from gui.widgets.side_notes import NoteLabel


class JobCards(QWidget):
    """Cards of running or of queued jobs; `steer` and `attach` are their cards' signals."""

    steer = Signal(object, object)
    attach = Signal(object)
    rearranged = Signal()
    """Cards came or went: the tab order is to be made again."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards: dict[str, JobCard] = {}
        self._empty_text = empty_text
        self.note = NoteLabel()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.note)

    def cards(self) -> list[JobCard]:
        """The cards in the order shown."""
        return sorted(self._cards.values(), key=self._layout.indexOf)

    def show_jobs(self, jobs: list[RunningJob], *, queue: bool = False) -> None:
        """One card per job, in this order; with `queue`, each says its place in line."""
        wanted = [job.entry.id for job in jobs]
        changed = [card.job.entry.id for card in self.cards() if card.job] != wanted
        for ident in set(self._cards) - set(wanted):
            gone = self._cards.pop(ident)
            self._layout.removeWidget(gone)
            gone.deleteLater()
        for place, job in enumerate(jobs, start=1):
            card = self._cards.get(job.entry.id)
            if card is None:
                card = JobCard()
                card.steer.connect(self.steer)
                card.attach.connect(self.attach)
                self._cards[job.entry.id] = card
            card.show_job(job, place if queue else 0)
        self.note.setText(self._empty_text)
        self.note.setVisible(not jobs)
        if changed:
            for card in self._cards.values():
                self._layout.removeWidget(card)
            for place, ident in enumerate(wanted, start=1):  # after the note, in order
                self._layout.insertWidget(place, self._cards[ident])
            self.rearranged.emit()
