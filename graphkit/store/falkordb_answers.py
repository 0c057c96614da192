"""Answers of the embedded store: FalkorDB client values as the typed values of store.results.

A relationship from the FalkorDB client knows its end nodes by internal ids only. Their graph
ids come from the answer itself when the query returned those nodes, else from a second read
(``id(n) IN $keys``). Internal ids mean something only in the graph that gave them, so a
read-only query runs on a connection that WATCHes the graph's key: a build replacing or
writing the graph between the query and the second read makes EXEC fail, and the query runs
again (:data:`READ_ATTEMPTS` times at most).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

import falkordb
import redis

from .base import QueryResult
from .results import Decoder

#: Tries of a read whose graph a build changed before the ends of its relationships were read.
READ_ATTEMPTS: Final = 3
T = TypeVar("T")
_IDS_OF: Final = "MATCH (n) WHERE id(n) IN $keys RETURN id(n) AS key, n.id AS id"


def read_watched(
    connection: redis.Redis, key: str, query: str, values: Mapping[str, Any], timeout: int
) -> QueryResult | None:
    """Run a read-only query on graph ``key``, or ``None`` if a build changed it every time."""
    return _watched(
        connection,
        key,
        lambda graph: answer(graph, graph.ro_query(query, dict(values) or None, timeout=timeout)),
    )


def read_watched_all(
    connection: redis.Redis, key: str, queries: list[str], timeout: int
) -> list[list[list[Any]]] | None:
    """The plain rows of read-only queries without parameters, all of one graph of ``key``;
    ``None`` if a build changed it every time."""
    return _watched(
        connection,
        key,
        lambda graph: [graph.ro_query(query, timeout=timeout).result_set for query in queries],
    )


def _watched(connection: redis.Redis, key: str, read: Callable[[Any], T]) -> T | None:
    """``read`` of graph ``key`` on a connection WATCHing it, tried again if a build changed
    the graph meanwhile; ``None`` if it did every time.

    Each try uses a fresh client graph, whose cache of label and property names is read from
    the server (another graphkit process may have written it meanwhile).
    """
    for _ in range(READ_ATTEMPTS):
        with connection.pipeline(transaction=True) as pipe:
            pipe.watch(key)  # type: ignore[no-untyped-call]  # redis-py leaves it untyped
            found = read(falkordb.Graph(pipe, key))
            pipe.multi()
            with contextlib.suppress(redis.exceptions.WatchError):
                pipe.execute()
                return found
    return None


def answer(graph: Any, result: Any) -> QueryResult:
    """Columns and typed rows of a client result; ends of relationships looked up in ``graph``."""
    decoder = Decoder()
    raw = [[_typed(value, decoder) for value in row] for row in result.result_set]
    columns = tuple(str(column[1]) for column in result.header)
    return QueryResult(columns, decoder.rows(raw, lambda keys: _graph_ids(graph, keys)))


def _graph_ids(graph: Any, keys: list[Any]) -> dict[Any, Any]:
    """Graph ids (``id`` properties) of the nodes whose internal ids are ``keys``."""
    return dict(graph.ro_query(_IDS_OF, {"keys": keys}).result_set)


def _typed(value: Any, decoder: Decoder) -> Any:
    """Client values (Node, Edge, Path, OrderedDict) as typed values, the rest as plain ones."""
    if isinstance(value, falkordb.Node):
        return decoder.node(value.id, value.labels or [], _typed(value.properties, decoder))
    if isinstance(value, falkordb.Edge):
        ends = (_key(value.src_node), _key(value.dest_node))
        return decoder.relationship(value.relation, *ends, _typed(value.properties, decoder))
    if isinstance(value, falkordb.Path):
        nodes = [_typed(node, decoder) for node in value.nodes()]
        return decoder.path(nodes, [_typed(edge, decoder) for edge in value.edges()])
    return decoder.nested(value, _typed)


def _key(node: falkordb.Node | int) -> int:
    return node if isinstance(node, int) else int(node.id)
