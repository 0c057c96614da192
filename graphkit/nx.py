"""The graph as networkx graphs, ranking and plotting, under one name for notebooks.

The code lives in :mod:`graphkit.graphs` (conversion, neighbourhoods), :mod:`graphkit.ranking`
and :mod:`graphkit.plotting`; this module gathers their public names, so
``import graphkit.nx as gnx`` keeps working.
"""

from __future__ import annotations

from .graphs import HUB_TYPES, MAX_HOPS, neighbourhood, to_networkx
from .plotting import LABEL_COLOURS, find_cjk_font, plot
from .ranking import MEASURES, rank

__all__ = [
    "HUB_TYPES",
    "LABEL_COLOURS",
    "MAX_HOPS",
    "MEASURES",
    "find_cjk_font",
    "neighbourhood",
    "plot",
    "rank",
    "to_networkx",
]
