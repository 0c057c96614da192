"""Corrections an analyst makes without editing code (graph contract v2, "Corrections").

A corrections file is a JSON list; each entry is one correction of a node found by its label
and any of its names (compared as :func:`graphkit.normalise.name_key` does):

* ``{"action": "merge", "label": "Technology", "name": "人工智慧", "other": "AI技術"}`` — the
  node ``other`` becomes part of ``name`` (its names become aliases, its relationships move);
* ``{"action": "split", "label": "Agency", "name": "國家衛生研究院", "other": "NIH"}`` — the
  alias ``other`` is taken off ``name`` and becomes a node of its own;
* ``{"action": "relabel", "label": "Technology", "name": "CBAM", "other": "Regulation"}``;
* ``{"action": "reject", "label": "Technology", "name": "ADHD"}`` — the node and its
  relationships are removed.

The file lives in the store (``<store>/corrections.json``) and every build applies it after
merging the documents, in file order, so the result is deterministic. Every node or
relationship a correction touched lists it in ``corrected_by`` (``corrections.json#3``). A
correction naming no node in the graph is reported as a warning (the document may not be
loaded), never an error; a malformed file is an error naming the file and the entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors, InputError
from .normalise import make_id, name_key, normalise_name
from .records import ENTITY_LABELS, Graph, GraphEdge, GraphNode, Label, NodeRef, PropValue
from .store.directory import read_private, write_atomic

#: The file a store keeps its corrections in.
FILE_NAME = "corrections.json"
#: Where a store records the digest of the corrections file its graph has applied.
APPLIED_NAME = "corrections.applied"
ACTIONS = ("merge", "split", "relabel", "reject")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction: ``other`` is the merged name, the split alias or the new label."""

    action: str
    label: Label
    name: str
    other: str | None
    source: str  # file name and entry number, for corrected_by


def load_corrections(path: Path) -> tuple[Correction, ...]:
    """Read and check a corrections file.

    Raises:
        InputError: The file is not JSON, not a list, or an entry lacks or misuses a field
            (the message names the file, the entry number and the field).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(Errors.E011.format(path=path, detail=f"not a JSON file: {exc}")) from exc
    if not isinstance(data, list):
        raise InputError(Errors.E011.format(path=path, detail="expected a list of corrections"))
    out = []
    for number, entry in enumerate(data, start=1):

        def bad(detail: str, number: int = number) -> InputError:
            return InputError(Errors.E011.format(path=path, detail=f"entry {number}: {detail}"))

        if not isinstance(entry, dict):
            raise bad("expected an object")
        action = entry.get("action")
        if action not in ACTIONS:
            raise bad(f"'action' must be one of {', '.join(ACTIONS)}, not {action!r}")
        try:
            label = Label(str(entry.get("label")))
        except ValueError:
            raise bad(f"'label' {entry.get('label')!r} is not a contract label") from None
        if label not in ENTITY_LABELS:
            raise bad(f"'label' {label} is not an entity label")
        name, other = entry.get("name"), entry.get("other")
        if not isinstance(name, str) or not name.strip():
            raise bad("'name' must be a non-empty string")
        if action != "reject" and (not isinstance(other, str) or not other.strip()):
            raise bad(f"'other' is required for {action}")
        if action == "relabel":
            try:
                if Label(str(other)) not in ENTITY_LABELS:
                    raise ValueError
            except ValueError:
                raise bad(f"'other' {other!r} is not an entity label") from None
        out.append(Correction(action, label, name, other, f"{path.name}#{number}"))
    return tuple(out)


class _Work:
    """The graph as mutable dicts while corrections are applied (local to one call)."""

    def __init__(self, graph: Graph) -> None:
        self.nodes: dict[NodeRef, dict[str, PropValue]] = {
            NodeRef(n.label, n.id): dict(n.props) for n in graph.nodes
        }
        self.edges: list[GraphEdge] = list(graph.edges)

    def find(self, label: Label, name: str) -> NodeRef | None:
        key = name_key(name)
        hits = [
            ref
            for ref, props in self.nodes.items()
            if ref.label is label and key in _strings(props.get("keys"))
        ]
        return min(hits, key=lambda r: r.id) if hits else None

    def mark(self, props: dict[str, PropValue], source: str) -> None:
        props["corrected_by"] = [*_strings(props.get("corrected_by")), source]

    def move(self, old: NodeRef, new: NodeRef, source: str) -> None:
        """Point every relationship of ``old`` at ``new``; duplicates keep the first's props."""
        seen: dict[tuple[str, NodeRef, NodeRef], int] = {}
        out: list[GraphEdge] = []
        for e in self.edges:
            src = new if e.source == old else e.source
            dst = new if e.target == old else e.target
            props = dict(e.props)
            if (src, dst) != (e.source, e.target):
                self.mark(props, source)
            key = (str(e.type), src, dst)
            if key in seen:
                kept = out[seen[key]]
                merged = dict(kept.props)
                for k in ("sources", "editions", "corrected_by"):
                    merged[k] = _union(kept.props.get(k), props.get(k))
                out[seen[key]] = GraphEdge(kept.type, kept.source, kept.target, merged)
                continue
            seen[key] = len(out)
            out.append(GraphEdge(e.type, src, dst, props))
        self.edges = out

    def absorb(self, into: NodeRef, other: NodeRef, source: str) -> None:
        props, gone = self.nodes[into], self.nodes.pop(other)
        names = [str(gone.get("name")), *_strings(gone.get("aliases"))]
        props["aliases"] = _union(props.get("aliases"), names)
        for k in ("keys", "sources", "editions", "corrected_by"):
            props[k] = _union(props.get(k), gone.get(k))
        self.mark(props, source)
        self.move(other, into, source)

    def graph(self) -> Graph:
        nodes = tuple(GraphNode(r.label, r.id, p) for r, p in self.nodes.items())
        return Graph(nodes, tuple(self.edges))


def file_digest(store_dir: Path) -> str:
    """The sha256 of the store's corrections file, or ``""`` when it has none."""
    path = store_dir / FILE_NAME
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def applied_digest(store_dir: Path) -> str:
    """The digest :func:`record_applied` wrote last (``""`` when none); never via a symlink."""
    return read_private(store_dir / APPLIED_NAME) or ""


def record_applied(store_dir: Path, digest: str) -> None:
    """Record which corrections file the stored graph applied: atomically, and never through
    a symlink planted at ``corrections.applied`` (:func:`graphkit.store.directory.write_atomic`).
    """
    write_atomic(store_dir / APPLIED_NAME, digest)


def apply_corrections(graph: Graph, corrections: Sequence[Correction]) -> tuple[Graph, list[str]]:
    """The graph with ``corrections`` applied in order, and a warning per correction that
    found nothing to correct."""
    work = _Work(graph)
    warnings: list[str] = []
    for c in corrections:
        ref = work.find(c.label, c.name)
        if ref is None:
            warnings.append(f"{c.source}: no {c.label} named {c.name!r}; correction skipped")
            continue
        if c.action == "reject":
            del work.nodes[ref]
            work.edges = [e for e in work.edges if ref not in (e.source, e.target)]
        elif c.action == "merge":
            other = work.find(c.label, str(c.other))
            if other is None or other == ref:
                warnings.append(f"{c.source}: no other {c.label} named {c.other!r}; skipped")
                continue
            work.absorb(ref, other, c.source)
        elif c.action == "split":
            _split(work, ref, str(c.other), c.source, warnings)
        else:  # relabel
            label = Label(str(c.other))
            props = work.nodes.pop(ref)
            new = NodeRef(label, make_id(label, str(props["name"])))
            work.mark(props, c.source)
            if new in work.nodes:
                work.nodes[ref] = props
                work.absorb(new, ref, c.source)
            else:
                work.nodes[new] = props
                work.move(ref, new, c.source)
    return work.graph(), warnings


def _split(work: _Work, ref: NodeRef, alias: str, source: str, warnings: list[str]) -> None:
    props = work.nodes[ref]
    key = name_key(alias)
    if key == name_key(str(props["name"])):
        warnings.append(f"{source}: {alias!r} is the node's own name, not an alias; skipped")
        return
    props["aliases"] = [a for a in _strings(props.get("aliases")) if name_key(a) != key]
    props["keys"] = [k for k in _strings(props.get("keys")) if k != key]
    for k in ("abbr", "name_en", "short_name"):
        if isinstance(props.get(k), str) and name_key(str(props[k])) == key:
            del props[k]
    work.mark(props, source)
    name = normalise_name(alias)
    new = NodeRef(ref.label, make_id(ref.label, name))
    if new not in work.nodes:
        work.nodes[new] = {
            "name": name, "aliases": [], "keys": [key], "corrected_by": [source],
            "sources": list(_strings(props.get("sources"))),
            "editions": list(_strings(props.get("editions"))),
            "evidence": props.get("evidence", ""),
        }  # fmt: skip


def _strings(value: PropValue | None) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _union(a: PropValue | None, b: PropValue | Sequence[object] | None) -> list[str]:
    items = [*_strings(a), *(str(v) for v in (b if isinstance(b, list | tuple) else []) if v)]
    return list(dict.fromkeys(items))
