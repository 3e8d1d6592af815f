"""Throughput over a sliding window, with an injectable clock so tests are deterministic."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

WINDOW_S = 5.0


class RateMeter:
    """Bytes per second over the last `window_s` seconds of samples."""

    def __init__(self, clock: Callable[[], float], window_s: float = WINDOW_S) -> None:
        self._clock = clock
        self._window = window_s
        self._samples: deque[tuple[float, int]] = deque()

    def sample(self, total: int) -> float:
        """Record the running total now and return the current rate."""
        now = self._clock()
        self._samples.append((now, total))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self._window:
            self._samples.popleft()
        first_t, first_total = self._samples[0]
        span = now - first_t
        return (total - first_total) / span if span > 0 else 0.0


def eta(remaining: int, rate: float) -> float | None:
    """Seconds left at the current rate; None while there is no rate to go by."""
    if remaining <= 0:
        return 0.0
    return remaining / rate if rate > 0 else None
