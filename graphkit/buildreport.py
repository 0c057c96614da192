"""What a build or a removal reports: per-file status, warnings, count changes and renames."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BuildReport", "DocumentReport"]


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """What happened to one input file."""

    path: str
    document_id: str
    family: str
    edition: str | None
    status: str  # loaded | replaced | re-extracted | unchanged | duplicate | removed


@dataclass(slots=True)
class BuildReport:
    """The result of a build: per-file status, warnings and count changes.

    Defined apart from :mod:`graphkit.pipeline`, so that a build with nothing to do never
    imports the pipeline (and spaCy with it).
    """

    documents: list[DocumentReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    before: dict[str, dict[str, int]] = field(default_factory=dict)
    after: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    #: (old id, new id) of each node whose id left the store for another: a later document
    #: merged it (unify), or a removal undid a merge (the ids it splits into, joined by ", ")
    renamed: list[tuple[str, str]] = field(default_factory=list)

    def added(self) -> dict[str, dict[str, int]]:
        """Change in node counts per label and relationship counts per type."""
        out: dict[str, dict[str, int]] = {}
        for part in ("nodes", "relationships"):
            keys = set(self.before.get(part, {})) | set(self.after.get(part, {}))
            out[part] = {
                k: self.after.get(part, {}).get(k, 0) - self.before.get(part, {}).get(k, 0)
                for k in sorted(keys)
            }
        return out
