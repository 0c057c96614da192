"""What one query, and the store's server, may cost: limits the server enforces.

Read from the environment (``GRAPHKIT_QUERY_TIMEOUT``, ``GRAPHKIT_QUERY_MEMORY``) by
:meth:`Limits.from_env`; :mod:`graphkit.store.server` passes them to the server it starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import Errors, StoreError

__all__ = ["Limits", "env_number"]


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may cost, enforced by the server.

    Attributes:
        timeout: Seconds a query may run by default.
        max_timeout: Seconds any query may run (writes use this one).
        query_memory_mb: Memory one query may use, in MiB.
        server_memory_mb: Memory the whole server may use, in MiB.
    """

    timeout: float = 30.0
    max_timeout: float = 120.0
    query_memory_mb: int = 1024
    server_memory_mb: int = 4096

    def __post_init__(self) -> None:
        if not 0 < self.timeout <= self.max_timeout:
            raise StoreError(
                Errors.E030.format(
                    path="-",
                    detail=f"query timeout {self.timeout} s must be in (0, {self.max_timeout}]",
                )
            )
        if self.query_memory_mb <= 0 or self.server_memory_mb < self.query_memory_mb:
            raise StoreError(
                Errors.E030.format(
                    path="-", detail="memory limits must be positive, the server's ≥ a query's"
                )
            )

    @classmethod
    def from_env(cls) -> Limits:
        """Limits from ``GRAPHKIT_QUERY_TIMEOUT`` (s) and ``GRAPHKIT_QUERY_MEMORY`` (MiB)."""
        default = cls()
        timeout = env_number("GRAPHKIT_QUERY_TIMEOUT", default.timeout)
        memory = int(env_number("GRAPHKIT_QUERY_MEMORY", default.query_memory_mb))
        return cls(
            timeout=timeout,
            max_timeout=max(default.max_timeout, timeout),
            query_memory_mb=memory,
            server_memory_mb=max(default.server_memory_mb, 2 * memory),
        )


def env_number(name: str, default: float) -> float:
    """The positive number in environment variable ``name``, or ``default`` when unset.

    Raises:
        StoreError: The variable is set to something that is not a positive number.
    """
    text = os.environ.get(name)
    if text is None or not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 1e7:
        raise StoreError(
            Errors.E030.format(path="-", detail=f"{name}={text!r} is not a positive number")
        )
    return value
