"""Graph stores behind one interface: embedded FalkorDB (default) and Neo4j."""

from __future__ import annotations

from pathlib import Path

from .base import GraphStore, QueryResult


def open_store(path: str | Path = "./graphkit-data") -> GraphStore:
    """Open (starting it if needed) the embedded FalkorDB store in directory ``path``."""
    from .falkordb import FalkorDBStore

    return FalkorDBStore(path)


__all__ = ["GraphStore", "QueryResult", "open_store"]
