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
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .delta import Fingerprints
from .errors import Errors, StoreError
from .knowledge import extractor_fingerprint
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
#: The path index: Document id -> the resolved path of the file it was loaded from.
PATHS_NAME = "paths.json"
#: The fingerprints of the graph last written, with the store marker they belong to.
STATE_NAME = "graph-state.json.gz"
#: The same for the graph last pushed to Neo4j (:func:`graphkit.pipeline.push`).
PUSH_STATE_NAME = "push-state.json.gz"
#: The names the ledger writes: entries and their temporary files. Nothing else in the
#: folder is ever deleted.
_OWN_NAME = re.compile(r"[0-9a-f]{16}-[0-9a-f]{16}\.json(\.gz|\.tmp[0-9]+)")
#: The key of an entry's extractor fingerprint (:func:`graphkit.knowledge.extractor_fingerprint`).
_EXTRACTOR = "extractor"
#: An entry's start, where its extractor fingerprint is (:meth:`Ledger.made_by`).
_MADE_BY = re.compile(r'\{"extractor": "([0-9a-f]+)"')
_HEAD = 64
#: A durable entry's name; group 1 is the start of its file's sha256.
_ENTRY_NAME = re.compile(r"[0-9a-f]{16}-([0-9a-f]{16})\.json\.gz")


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
    # Enum calls are slow in Python 3.11, and one entry names each endpoint many times: look
    # labels and types up in plain dicts, and make each NodeRef once (every build reads the
    # whole ledger; measured about a quarter faster on a white-paper entry).
    labels = {lab.value: lab for lab in Label}
    types = {typ.value: typ for typ in RelType}
    refs: dict[tuple[str, str], NodeRef] = {}

    def ref(pair: list[str]) -> NodeRef:
        key = (pair[0], pair[1])
        found = refs.get(key)
        if found is None:
            found = refs[key] = NodeRef(labels[pair[0]], pair[1])
        return found

    nodes = tuple(
        Node(labels[lab], nid, name, tuple(aliases), props)
        for lab, nid, name, aliases, props in data["nodes"]
    )
    relations = tuple(
        Relation(types[typ], ref(src), ref(dst), Evidence(ev[0], int(ev[1]), ev[2], ev[3]), props)
        for typ, src, dst, ev, props in data["relations"]
    )
    return Extraction(DocumentInfo(**data["info"]), data["document_id"], nodes, relations)


class Ledger:
    """Extractions of loaded documents, in ``<store>/ledger``.

    The folder must be a real directory (a symlink is refused: pruning would empty its
    target), and only files named like ledger entries are ever deleted from it.
    """

    def __init__(self, path: str | Path, extractor: str | None = None) -> None:
        """``extractor``: the fingerprint of what extracts (default
        :func:`graphkit.knowledge.extractor_fingerprint` of the rules alone); each entry keeps
        the one that made it, and an entry of another counts as missing (:meth:`has`)."""
        self.path = Path(path)
        self._extractor = extractor

    @property
    def extractor(self) -> str:
        """The fingerprint this ledger's entries are written with and compared to; the default
        hashes graphkit's code and schema once, when first asked (a push or a removal never
        asks)."""
        if self._extractor is None:
            self._extractor = extractor_fingerprint()
        return self._extractor

    def _file(self, document_id: str, sha256: str) -> Path:
        return self.path / f"{_stem(document_id)}-{sha256[:16]}.json.gz"

    def _check_folder(self) -> bool:
        """Whether the folder exists; refuse it when it is a symlink or not a directory."""
        try:
            info = self.path.lstat()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreError(Errors.E030.format(path=self.path, detail=exc)) from exc
        if not stat.S_ISDIR(info.st_mode):
            what = "a symlink" if stat.S_ISLNK(info.st_mode) else "not a directory"
            raise StoreError(
                Errors.E030.format(
                    path=self.path,
                    detail=f"the ledger folder is {what}; graphkit never follows it: "
                    "remove it if you did not put it there",
                )
            )
        return True

    def has(self, document_id: str, sha256: str) -> bool:
        """Whether a readable entry exists that this ledger's extractor made (a damaged one,
        or one an earlier graphkit made, counts as missing: it is redone)."""
        if not self._check_folder() or not self._file(document_id, sha256).is_file():
            return False
        try:
            made_by, _ = self.entry(document_id, sha256)
        except StoreError:
            return False
        return made_by == self.extractor

    def knows(self, *sha256: str) -> bool:
        """Whether entries of files with all these contents are kept (of any documents).

        The folder is listed once, however many contents are asked about.
        """
        if not self._check_folder():
            return not sha256
        kept = {
            found.group(1)
            for entry in self.path.iterdir()
            if (found := _ENTRY_NAME.fullmatch(entry.name))
        }
        return all(sha[:16] in kept for sha in sha256)

    def _make_folder(self) -> None:
        if not self._check_folder():
            try:
                self.path.mkdir(parents=True, mode=0o700)
            except FileExistsError:  # another process (an extraction worker) made it meanwhile
                self._check_folder()
            except OSError as exc:
                raise StoreError(
                    Errors.E030.format(path=self.path, detail=f"cannot make the ledger: {exc}")
                ) from exc

    def save(self, ex: Extraction) -> Path:
        """Store an extraction durably (written to a temporary name, fsynced, renamed)."""
        self._make_folder()
        target = self._file(ex.document_id, ex.info.sha256)
        entry = {_EXTRACTOR: self.extractor, **to_json(ex)}
        data = json.dumps(entry, ensure_ascii=False).encode("utf-8")
        self._write(target, gzip.compress(data, mtime=0))
        return target

    def _write(self, target: Path, data: bytes) -> None:
        """Write a file of the ledger durably: a temporary name, fsynced, renamed."""
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        try:
            tmp.unlink(missing_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            with os.fdopen(os.open(tmp, flags, 0o600), "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(
                Errors.E030.format(path=self.path, detail=f"cannot write the ledger: {exc}")
            ) from exc

    def paths(self) -> dict[str, str]:
        """Document id -> resolved path of its file, for the documents whose path is known.

        Raises:
            StoreError: the index is damaged (it names the file and what to do).
        """
        index = self.path / PATHS_NAME
        if not self._check_folder() or not os.path.lexists(index):
            return {}
        try:
            with os.fdopen(os.open(index, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC), "rb") as fh:
                data = json.loads(fh.read())
            if not (
                isinstance(data, dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
            ):
                raise ValueError("not an object of strings")
        except (OSError, ValueError) as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self.path,
                    detail=f"the path index {PATHS_NAME} is unreadable ({exc}); delete it: "
                    "documents are then known by their file names until loaded again",
                )
            ) from exc
        return data

    def save_paths(self, paths: dict[str, str]) -> None:
        """Replace the path index (durably, like an entry)."""
        self._make_folder()
        text = json.dumps(dict(sorted(paths.items())), ensure_ascii=False, indent=1)
        self._write(self.path / PATHS_NAME, text.encode("utf-8"))

    def save_state(self, token: str, prints: Fingerprints, name: str = STATE_NAME) -> None:
        """Keep the fingerprints of the graph just written, under the store's marker ``token``.

        A later build diffs against them instead of reading the whole store, but only when
        the store still carries ``token`` (:meth:`graphkit.store.base.GraphStore.marker`).
        """
        self._make_folder()
        data = {
            "format": FORMAT,
            "token": token,
            "nodes": [[*key, value] for key, value in prints.nodes.items()],
            "edges": [[*key, value] for key, value in prints.edges.items()],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._write(self.path / name, gzip.compress(text, compresslevel=1, mtime=0))

    def state(self, token: str | None, name: str = STATE_NAME) -> Fingerprints | None:
        """The fingerprints kept by :meth:`save_state` with ``token``; None if there are none.

        Missing, unreadable or of another token: None (the caller reads the store instead).
        """
        target = self.path / name
        if token is None or not self._check_folder() or not os.path.lexists(target):
            return None
        try:
            flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
            with os.fdopen(os.open(target, flags), "rb") as fh:
                data = json.loads(gzip.decompress(fh.read()))
            if data.get("format") != FORMAT or data.get("token") != token:
                return None
            nodes = {(row[0], row[1]): row[2] for row in data["nodes"]}
            edges = {(row[0], row[1], row[2], row[3], row[4]): row[5] for row in data["edges"]}
        except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        return Fingerprints(nodes, edges)

    def load(self, document_id: str, sha256: str) -> Extraction:
        """The extraction of a loaded document."""
        return self.entry(document_id, sha256)[1]

    def made_by(self, document_id: str, sha256: str) -> str | None:
        """The extractor fingerprint an entry was written with, read from its first bytes (it
        is the first key); None for a missing or unreadable entry, or one of before they were
        kept."""
        try:
            with gzip.open(self._file(document_id, sha256), "rb") as fh:
                head = fh.read(_HEAD).decode("utf-8", errors="replace")
        except (OSError, EOFError):
            return None
        found = _MADE_BY.match(head)
        return found.group(1) if found else None

    def entry(self, document_id: str, sha256: str) -> tuple[str | None, Extraction]:
        """An entry's extractor fingerprint (None in an entry written before they were kept)
        and its extraction."""
        path = self._file(document_id, sha256)
        try:
            data = json.loads(gzip.decompress(path.read_bytes()))
            return data.get(_EXTRACTOR), from_json(data)
        except FileNotFoundError as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self.path,
                    detail=f"no ledger entry for {document_id}; load its file again to rebuild it",
                )
            ) from exc
        except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise StoreError(
                Errors.E030.format(
                    path=self.path,
                    detail=f"ledger entry {path.name} (of {document_id}) is unreadable "
                    f"({type(exc).__name__}: {exc}); load that document's file again "
                    "(graphkit build FILE) to rewrite it",
                )
            ) from exc

    def prune(self, keep: Iterable[tuple[str, str]]) -> None:
        """Delete entries no loaded document refers to (and stray temporary files).

        Only files named like entries are deleted; anything else in the folder is left.
        """
        wanted = {self._file(d, s).name for d, s in keep}
        if not self._check_folder():
            return
        for entry in self.path.iterdir():
            if entry.name not in wanted and _OWN_NAME.fullmatch(entry.name):
                entry.unlink(missing_ok=True)
