"""Rate limit of the classroom tabletop service: a token bucket per user.

A participant's notebook can run code, so nothing stops it from calling the service in a loop;
the bucket keeps one such participant from crowding out the class. ``burst`` requests may come
at once (a panel refresh is two requests, a move three), then ``rate`` per second on average.
Over any interval of ``t`` seconds a key is allowed at most ``burst + rate * t`` requests.
"""

from __future__ import annotations

import time

__all__ = ["TokenBucket"]


class TokenBucket:
    """Per-key token bucket: ``burst`` requests at once, refilled at ``rate`` per second.

    Args:
        rate: Tokens added per second (> 0).
        burst: Bucket size, the most requests allowed at once (>= 1).
    """

    def __init__(self, rate: float = 5.0, burst: int = 20) -> None:
        if not rate > 0 or burst < 1:
            raise ValueError(f"rate must be > 0 and burst >= 1, not {rate!r}, {burst!r}")
        self.rate, self.burst = float(rate), float(burst)
        self.state: dict[str, tuple[float, float]] = {}

    def take(self, key: str, now: float | None = None) -> float:
        """Take one token for ``key``; return 0 when allowed, else the seconds until one is available.

        Args:
            key: Whose bucket (the hub user name).
            now: Monotonic time in seconds (default: :func:`time.monotonic`); for tests.
        """
        now = time.monotonic() if now is None else now
        tokens, last = self.state.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + max(0.0, now - last) * self.rate)
        if tokens >= 1:
            self.state[key] = (tokens - 1, now)
            return 0.0
        self.state[key] = (tokens, now)
        return (1 - tokens) / self.rate
