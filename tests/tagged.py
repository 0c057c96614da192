"""Hand-tagged jieba tokens for the chunker's shape tests: ``(word, flag, start)``."""

from __future__ import annotations


def tagged(*words: tuple[str, str]) -> list[tuple[str, str, int]]:
    """Tokens of ``(word, flag)`` pairs, each starting where the one before ends."""
    out, at = [], 0
    for word, flag in words:
        out.append((word, flag, at))
        at += len(word)
    return out
