"""graphkit: an evidence-backed knowledge graph from Taiwan's industrial-policy documents.

The pipeline is stages passing typed records one way::

    read → segment → recognise → resolve → extract → build → store → query

``import graphkit`` needs no model, server or optional dependency. The library API is
:class:`graphkit.Workspace` (one store directory: build, remove, push, query, eval).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .workspace import Workspace

__version__ = "0.1.0"

__all__ = ["Workspace", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Workspace":  # imported on first use: `import graphkit` stays light
        from .workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
