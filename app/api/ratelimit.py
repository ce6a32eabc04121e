"""Per-interview rate limiting: a flood on one interview harms no other."""

from __future__ import annotations

import time


class RateLimiter:
    """A token bucket per interview: `burst` messages at once, `per_minute` sustained."""

    def __init__(self, burst: int, per_minute: float):
        self.burst = burst
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        return True
