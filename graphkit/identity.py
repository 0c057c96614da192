"""Which loaded document an input file is: the rule for "the same document, a new version".

A document is known by the resolved path of its file (recorded in the ledger's path index,
:meth:`graphkit.ledger.Ledger.paths`), and its Document id comes from its file name:

* a file at the path of a loaded document is that document: with other content it is a new
  version and replaces it;
* a file with the content (sha256) of a loaded document from another path is that document
  already loaded: it is reported and not loaded twice (unless that document gets new content
  in the same build: then the file keeps the old content as a document of its own);
* any other file is a new document. Its id comes from its file name, unless a document from
  another path already has that name: then the name gets the file's parent folder in front
  (``2025/whitepaper.txt``), and more folders until it is free.

Documents loaded before paths were recorded have no path: a file of the same name is taken to be
them (the earlier rule), and its path is recorded from then on. Files of one build are identified
in the order of their resolved paths, not the order given: of two files of one name, the one
whose path sorts first keeps the plain name, whichever order the command line lists them in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .normalise import make_id
from .records import Label, SourceText


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A document in the store: its name, content hash and path (None when not recorded)."""

    name: str
    sha256: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    """What an input file is.

    ``source`` is the file with its document name (``name`` given the parent folder when it is
    disambiguated); ``document_id`` its Document id; ``path`` its resolved path. ``same_as``
    is set when its content is that of a loaded document from another path (the file is then
    not loaded); ``document_id`` is then that document's id.
    """

    source: SourceText
    document_id: str
    path: str
    same_as: LoadedDocument | None = None


def loaded_documents(
    documents: Iterable[Mapping[str, object]], paths: Mapping[str, str]
) -> dict[str, LoadedDocument]:
    """The store's documents (rows of ``GraphStore.documents``) with their recorded paths."""
    return {
        str(d["id"]): LoadedDocument(
            str(d.get("name") or ""), str(d.get("sha256") or ""), paths.get(str(d["id"]))
        )
        for d in documents
    }


def resolved_path(source: SourceText) -> str:
    """The absolute path a file is known by (symlinks resolved)."""
    return str(Path(source.path).resolve())


def identify(sources: Sequence[SourceText], loaded: Mapping[str, LoadedDocument]) -> list[Identity]:
    """Identify each input file against the loaded documents (by id) and the earlier inputs.

    >>> src = SourceText("/a/2025/w.txt", "w.txt", "text", "sha-new", "utf-8")
    >>> old = {"document:w.txt": LoadedDocument("w.txt", "sha-old", "/a/2024/w.txt")}
    >>> identify([src], old)[0].document_id
    'document:2025/w.txt'
    """
    known = dict(loaded)
    by_path = {doc.path: doc_id for doc_id, doc in known.items() if doc.path}
    # A document getting new content in this build no longer holds its old content: a copy of
    # that old content from another path is then a document of its own, not a duplicate.
    renewed = {
        by_path[path]
        for s in sources
        if (path := resolved_path(s)) in by_path and known[by_path[path]].sha256 != s.sha256
    }
    by_sha = {doc.sha256: d for d, doc in sorted(known.items()) if d not in renewed}
    # Files are identified in the order of their paths, whatever the order they were given
    # in: of two same-named files (or two copies of one content) in one build, the one whose
    # path sorts first keeps the plain name (or is the one loaded).
    out: dict[int, Identity] = {}
    for index in sorted(range(len(sources)), key=lambda i: (resolved_path(sources[i]), i)):
        out[index] = _identify_one(sources[index], known, by_path, by_sha)
    return [out[index] for index in range(len(sources))]


def _identify_one(
    source: SourceText,
    known: dict[str, LoadedDocument],
    by_path: dict[str, str],
    by_sha: dict[str, str],
) -> Identity:
    """Identify one file, recording it in ``known``, ``by_path`` and ``by_sha`` when new."""
    path = resolved_path(source)
    if path in by_path:
        doc_id = by_path[path]
        return Identity(replace(source, name=known[doc_id].name), doc_id, path)
    same = by_sha.get(source.sha256)
    plain = make_id(Label.DOCUMENT, source.name)
    if same is not None and not (same == plain and known[same].path is None):
        return Identity(source, same, path, same_as=known[same])
    doc_id, named = plain, source
    folders = Path(path).parent.parts[1:]  # without the root
    names = [f"{'/'.join(folders[-n:])}/{source.name}" for n in range(1, len(folders) + 1)]
    for name in [*names, path]:
        if doc_id not in known or known[doc_id].path is None:
            break  # free, or a document of that name whose path was never recorded
        named = replace(source, name=name)
        doc_id = make_id(Label.DOCUMENT, name)
    known[doc_id] = LoadedDocument(named.name, source.sha256, path)
    by_path[path] = doc_id
    by_sha.setdefault(source.sha256, doc_id)
    return Identity(named, doc_id, path)
