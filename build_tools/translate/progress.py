"""A plain-text progress bar for translation runs: done/total, segments per second, time left (on stderr).

On a terminal the bar is redrawn in place; otherwise (a log, CI) a line is written every few seconds.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ProgressBar:
    def __init__(self, total: int, label: str = "translating", stream: TextIO | None = None, width: int = 30,
                 every: float = 5.0, clock=time.monotonic):
        self.total, self.label, self.width, self.every, self.clock = total, label, width, every, clock
        self.stream = stream or sys.stderr
        self.done = 0
        self.start = clock()
        self.last = float("-inf")
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())

    def line(self) -> str:
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = self.done / elapsed
        filled = int(self.width * self.done / self.total) if self.total else self.width
        left = (self.total - self.done) / rate if rate > 0 else None
        return (f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} segments"
                f" · {rate:.1f} segments/s · " + (f"{_clock(left)} left" if left is not None else "time left unknown"))

    def update(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if self.live:
            self.stream.write("\r" + self.line())
            self.stream.flush()
        elif now - self.last >= self.every or self.done >= self.total:
            self.stream.write(self.line() + "\n")
            self.stream.flush()
            self.last = now

    def close(self) -> None:
        elapsed = self.clock() - self.start
        summary = f"{self.label}: {self.done} segments in {_clock(elapsed)}"
        if elapsed > 0 and self.done:
            summary += f" ({self.done / elapsed:.1f} segments/s)"
        self.stream.write(("\r" + self.line() + "\n" if self.live else "") + summary + "\n")
        self.stream.flush()
