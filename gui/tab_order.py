"""Tab takes the focus through a view's controls in reading order, whatever order they were
made in; each view lists its controls and hands the list here."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtWidgets import QWidget


def set_tab_order(widgets: Iterable[QWidget]) -> None:
    """Tab goes from each widget to the next; widgets that cannot take the focus at the
    moment (hidden, disabled, unchecked buttons of an exclusive group) are passed over."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
