"""Progress of a long run on the terminal: done / total, rate, time left; silent when not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``update(done)`` redraws at most once a second; ``close()`` ends the line. Never touches outputs."""

    def __init__(self, label: str, total: int, unit: str = "records", stream: TextIO | None = None,
                 enabled: bool | None = None, clock=time.monotonic):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.clock = clock
        self.start = self.last = clock()
        self.done = 0

    def update(self, done: int) -> None:
        self.done = done
        now = self.clock()
        if self.enabled and now - self.last >= 1.0:
            self.last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = max((now if now is not None else self.clock()) - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        percent = 100.0 * self.done / self.total if self.total else 100.0
        return (f"{self.label}: {self.done:,}/{self.total:,} {self.unit} ({percent:.0f}%), "
                f"{rate:,.0f}/s, {_clock(left)} left")

    def close(self) -> float:
        """End the line; returns the seconds taken."""
        seconds = self.clock() - self.start
        if self.enabled:
            self.stream.write(f"\r{self.label}: {self.done:,} {self.unit} in {seconds:.1f} s" + " " * 30 + "\n")
            self.stream.flush()
        return seconds


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
