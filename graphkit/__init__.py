"""graphkit: an evidence-backed knowledge graph from Taiwan's industrial-policy documents.

The pipeline is stages passing typed records one way::

    read → segment → recognise → resolve → extract → build → store → query

``import graphkit`` needs no model, server or optional dependency.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
