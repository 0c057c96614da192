"""The ledger: what each loaded document contributed, kept beside the store.

The graph is a pure function of the set of loaded documents: every build or removal merges the
extractions of all documents still loaded and replaces the stored graph in one step. The
ledger keeps each document's :class:`~graphkit.records.Extraction`, content-addressed by the
document id and the sha256 of the file, as gzipped JSON. An entry is written before the graph
that refers to it, so a crash at any point leaves a store whose every Document has its entry.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import Errors, StoreError
from .records import (
    DocumentInfo,
    Evidence,
    Extraction,
    Label,
    Node,
    NodeRef,
    Relation,
    RelType,
)

#: Bumped when the serialised form changes.
FORMAT = 1


def _stem(document_id: str) -> str:
    return hashlib.sha1(document_id.encode("utf-8")).hexdigest()[:16]


def to_json(ex: Extraction) -> dict[str, Any]:
    """An extraction as plain JSON data.

    Labels and types are written as they are: they are ``StrEnum`` members, so JSON sees
    strings (``.value`` would cost an enum property lookup per field, slow in Python 3.11).
    """
    return {
        "format": FORMAT,
        "document_id": ex.document_id,
        "info": {k: getattr(ex.info, k) for k in DocumentInfo.__slots__},
        "nodes": [[n.label, n.id, n.name, list(n.aliases), dict(n.props)] for n in ex.nodes],
        "relations": [
            [
                r.type,
                [r.source.label, r.source.id],
                [r.target.label, r.target.id],
                [r.evidence.document, r.evidence.offset, r.evidence.text, r.evidence.rule],
                dict(r.props),
            ]
            for r in ex.relations
        ],
    }


def from_json(data: dict[str, Any]) -> Extraction:
    """The inverse of :func:`to_json`."""
    if data.get("format") != FORMAT:
        raise ValueError(f"ledger entry format {data.get('format')!r}, expected {FORMAT}")
    nodes = tuple(
        Node(Label(lab), nid, name, tuple(aliases), props)
        for lab, nid, name, aliases, props in data["nodes"]
    )
    relations = tuple(
        Relation(
            RelType(typ),
            NodeRef(Label(src[0]), src[1]),
            NodeRef(Label(dst[0]), dst[1]),
            Evidence(ev[0], int(ev[1]), ev[2], ev[3]),
            props,
        )
        for typ, src, dst, ev, props in data["relations"]
    )
    return Extraction(DocumentInfo(**data["info"]), data["document_id"], nodes, relations)


class Ledger:
    """Extractions of loaded documents, in ``<store>/ledger``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _file(self, document_id: str, sha256: str) -> Path:
        return self.path / f"{_stem(document_id)}-{sha256[:16]}.json.gz"

    def has(self, document_id: str, sha256: str) -> bool:
        return self._file(document_id, sha256).is_file()

    def save(self, ex: Extraction) -> Path:
        """Store an extraction durably (written to a temporary name, fsynced, renamed)."""
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = self._file(ex.document_id, ex.info.sha256)
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        data = json.dumps(to_json(ex), ensure_ascii=False).encode("utf-8")
        try:
            with tmp.open("wb") as fh:
                fh.write(gzip.compress(data, mtime=0))
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(
                Errors.E030.format(path=self.path, detail=f"cannot write the ledger: {exc}")
            ) from exc
        return target

    def load(self, document_id: str, sha256: str) -> Extraction:
        """The extraction of a loaded document."""
        path = self._file(document_id, sha256)
        try:
            return from_json(json.loads(gzip.decompress(path.read_bytes())))
        except FileNotFoundError as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self.path,
                    detail=f"no ledger entry for {document_id}; load its file again to rebuild it",
                )
            ) from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self.path, detail=f"ledger entry {path.name} is unreadable: {exc}"
                )
            ) from exc

    def prune(self, keep: Iterable[tuple[str, str]]) -> None:
        """Delete entries no loaded document refers to (and stray temporary files)."""
        wanted = {self._file(d, s).name for d, s in keep}
        if not self.path.is_dir():
            return
        for entry in self.path.iterdir():
            if entry.name not in wanted:
                entry.unlink(missing_ok=True)
