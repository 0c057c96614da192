"""Graph stores behind one interface: embedded FalkorDB (default) and Neo4j."""

from __future__ import annotations

from pathlib import Path

from .base import GraphStore, QueryResult
from .results import GraphValue, NodeValue, PathValue, RelationshipValue


def open_store(path: str | Path = "./graphkit-data") -> GraphStore:
    """Open (starting it if needed) the embedded FalkorDB store in directory ``path``."""
    from .falkordb import FalkorDBStore

    return FalkorDBStore(path)


def open_neo4j(uri: str | None = None, database: str | None = None) -> GraphStore:
    """Connect to Neo4j; user and password come from ``NEO4J_USER``/``NEO4J_PASSWORD``."""
    from .neo4j import open_neo4j as connect

    return connect(uri, database=database)


__all__ = [
    "GraphStore",
    "GraphValue",
    "NodeValue",
    "PathValue",
    "QueryResult",
    "RelationshipValue",
    "open_neo4j",
    "open_store",
]
