"""Drawing a graph with matplotlib: nodes coloured by label, named in Chinese.

matplotlib (the ``notebook`` extra) is imported only when a plot is made, and a font with
Chinese glyphs is looked for (:func:`find_cjk_font`); without them the functions here raise
:class:`~graphkit.errors.BackendError` saying what to install. Drawing lives apart from the
graph functions (:mod:`graphkit.graphs`), as networkx keeps its drawing in its own module.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import networkx as nx

from .errors import BackendError, Errors, QueryError
from .graphs import NEEDS_SCIPY
from .records import Label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Colour of each label in :func:`plot` (matplotlib's tab20 colours, fixed so that a label keeps
#: its colour from one plot to the next).
LABEL_COLOURS: Final[Mapping[str, str]] = MappingProxyType(
    {
        Label.PROGRAMME.value: "#1f77b4",
        Label.AGENCY.value: "#d62728",
        Label.TECHNOLOGY.value: "#2ca02c",
        Label.POLICY.value: "#9467bd",
        Label.SUBSIDY_SCHEME.value: "#ff7f0e",
        Label.REGULATION.value: "#8c564b",
        Label.ORGANIZATION.value: "#e377c2",
        Label.DOCUMENT.value: "#7f7f7f",
        Label.DOMAIN.value: "#bcbd22",
        Label.CHAPTER.value: "#17becf",
        Label.ARTICLE.value: "#aec7e8",
    }
)
_OTHER_COLOUR: Final = "#c7c7c7"

#: Text the default font search must be able to draw: names the notebook shows.
CJK_SAMPLE: Final = "碳化矽工業技術研究院臺灣"
#: Fonts tried first, Traditional Chinese ones before the others (a Japanese or Simplified
#: Chinese CJK font draws these names too, with regional glyph shapes).
PREFERRED_FONTS: Final[tuple[str, ...]] = (
    "Noto Sans CJK TC",
    "Noto Sans TC",
    "Source Han Sans TC",
    "Source Han Sans TW",
    "Microsoft JhengHei",
    "PingFang TC",
    "Heiti TC",
    "AR PL UMing TW",
    "AR PL UKai TW",
    "Noto Serif CJK TC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Source Han Sans",
    "Microsoft YaHei",
    "SimHei",
    "Droid Sans Fallback",
)
#: Fonts that map every character to a placeholder box (matplotlib ships one as its last
#: fallback since 3.10): they cover any text and draw none of it.
PLACEHOLDER_FONTS: Final[tuple[str, ...]] = ("Last Resort",)
NO_CJK_FONT: Final = (
    "no installed font can draw Chinese text ({missing}), so node names would be drawn as "
    "empty boxes. Install one and run again: `apt-get install fonts-noto-cjk` "
    "(Debian/Ubuntu; or fonts-wqy-zenhei), `dnf install google-noto-sans-cjk-ttc-fonts` "
    "(Fedora), `brew install --cask font-noto-sans-cjk-tc` (macOS); or pass font= the family "
    "name of a CJK font matplotlib knows"
)
NEEDS_MATPLOTLIB: Final = (
    "plotting needs matplotlib, from the 'notebook' extra: pip install 'graphkit[notebook]'"
)

# ------------------------------------------------------------------------------ Cypher


def find_cjk_font(text: str = CJK_SAMPLE) -> str:
    """The family name of an installed font that can draw ``text`` (Chinese), for matplotlib.

    Fonts matplotlib already knows are tried first, :data:`PREFERRED_FONTS` before the rest.
    matplotlib keeps a cache of system fonts, so one installed after the cache was written is
    then looked for with fontconfig (``fc-list :lang=zh``) and registered with matplotlib.

    Args:
        text: Characters the font must have glyphs for (whitespace ignored).

    Returns:
        A family name matplotlib resolves (``fontfamily=``, ``rcParams["font.family"]``).

    Raises:
        BackendError: matplotlib is missing, or no font has every character; the message says
            how to install one.

    Example:
        >>> find_cjk_font()  # doctest: +SKIP
        'Noto Sans CJK JP'
    """
    return _find_cjk(text)[0]


def _find_cjk(text: str) -> tuple[str, str]:
    """(family name, font file) of the first font that has a glyph for every character."""
    font_manager = _matplotlib().font_manager
    needed = frozenset(ord(ch) for ch in text if not ch.isspace())
    preference = {name: i for i, name in enumerate(PREFERRED_FONTS)}
    entries = sorted(
        font_manager.fontManager.ttflist,
        key=lambda e: (preference.get(e.name, len(preference)), e.name, e.fname),
    )
    for entry in entries:
        if entry.name.startswith(PLACEHOLDER_FONTS):
            continue
        if _covers(entry.fname, needed):
            return str(entry.name), str(entry.fname)
    for path in _fontconfig_files():
        if _covers(path, needed):
            font_manager.fontManager.addfont(path)
            return str(font_manager.FontProperties(fname=path).get_name()), path
    missing = "".join(sorted(chr(c) for c in needed))[:20]
    raise BackendError(NO_CJK_FONT.format(missing=missing))


@cache
def _charmap(path: str) -> frozenset[int]:
    """Code points a font file has glyphs for (empty if the file cannot be read)."""
    from matplotlib.ft2font import FT2Font

    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError, ValueError):
        return frozenset()


def _covers(path: str, needed: frozenset[int]) -> bool:
    return needed <= _charmap(path)


def _fontconfig_files() -> list[str]:
    """Font files fontconfig says cover Chinese, or none where there is no fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        done = subprocess.run(
            [fc_list, "--format=%{file}\\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip() for line in done.stdout.splitlines() if line.strip()})


def _matplotlib() -> Any:
    """matplotlib, imported only when a plot is made."""
    try:
        import matplotlib
        import matplotlib.figure
        import matplotlib.font_manager
        import matplotlib.lines
    except ImportError as exc:
        raise BackendError(NEEDS_MATPLOTLIB) from exc
    return matplotlib


Layout = Literal["auto", "rings", "spring"]


def plot(
    graph: nx.MultiDiGraph,
    path: str | Path | None = None,
    ax: Axes | None = None,
    *,
    title: str | None = None,
    layout: Layout = "auto",
    font: str | None = None,
    max_labels: int | None = 80,
    seed: int = 7,
    figsize: tuple[float, float] = (14.0, 11.0),
) -> Axes:
    """Draw a graph with matplotlib, nodes coloured by label and named in Chinese; return the axes.

    Nodes are sized by degree and coloured by label (:data:`LABEL_COLOURS`, with a legend).
    A :func:`neighbourhood` is drawn in rings: its centre (ringed in black) in the middle,
    nodes one step away on the first ring, two steps on the second, each ring grouped by label
    and ordered to follow its inner neighbours. Other graphs get a spring layout. Both are
    deterministic. The centre and the best-connected nodes, up to ``max_labels``, are named.

    Args:
        graph: A graph from :func:`to_networkx` or :func:`neighbourhood`.
        path: Also save the figure there (the format follows the suffix: ``.png``, ``.svg`` …).
        ax: Draw into these axes; by default a new figure is made (not registered with pyplot,
            so plotting in a loop keeps no figures open; a notebook shows ``ax.figure``).
        title: Figure title (may be Chinese).
        layout: ``"rings"``, ``"spring"``, or ``"auto"``: rings when the graph has a centre.
        font: Font family for names and title; by default :func:`find_cjk_font` finds one.
        max_labels: How many nodes to name; ``None`` names all.
        seed: Seed of the spring layout.
        figsize: Size in inches of a new figure.

    Raises:
        BackendError: matplotlib is missing, no font can draw the names, or a spring layout of
            500 nodes or more needs scipy.
        QueryError: ``layout`` is not one of the above.

    Example:
        >>> g = neighbourhood(store, "碳化矽", hops=2)  # doctest: +SKIP
        >>> ax = plot(g, "sic.png", title="碳化矽的兩步鄰域")  # doctest: +SKIP
    """
    if layout not in ("auto", "rings", "spring"):
        raise QueryError(
            Errors.E023.format(detail=f"layout={layout!r} must be auto, rings or spring")
        )
    mpl = _matplotlib()
    view = _view(graph, max_labels)
    rings = layout == "rings" or (layout == "auto" and bool(view.centre))
    pos = _rings(graph, view.simple, view.middle) if rings else _spring(view.simple, seed)
    text_font, title_font = _fonts(mpl, font, "".join(view.shown.values()) + (title or ""))
    if ax is None:
        ax = mpl.figure.Figure(figsize=figsize, layout="constrained").add_subplot()
    _draw_nodes(ax, graph, view, pos)
    hub = _ring_centre(view.middle, pos) if rings else None
    for node, name in view.shown.items():
        _draw_name(ax, name, pos[node], None if node in view.middle else hub, text_font)
    _draw_legend(ax, mpl, graph, view.simple)
    _finish(ax, path, rings, title, title_font)
    return ax


def _finish(ax: Axes, path: str | Path | None, rings: bool, title: str | None, font: Any) -> None:
    """Title, margins and axes off; save the figure when a path is given."""
    if title:
        ax.set_title(title, fontproperties=font)
    if rings:
        ax.margins(0.3)  # room for the names that point outwards from the outer ring
    ax.set_axis_off()
    if path is not None:
        figure: Any = ax.figure
        # ``figure`` of a Figure is itself; of a SubFigure, the Figure it belongs to.
        figure.figure.savefig(path, dpi=150, bbox_inches="tight")


@dataclass(frozen=True, slots=True)
class _View:
    """What a plot shows: the graph without directions, its centre, and the nodes it names."""

    simple: Any  # networkx.Graph: one line per linked pair, easier to read
    centre: list[Any]
    middle: list[Any]  # the centre, or the best-connected node when there is none
    degree: dict[Any, int]
    shown: dict[Any, str]  # node → name, for the nodes that get one


def _view(graph: nx.MultiDiGraph, max_labels: int | None) -> _View:
    simple = nx.Graph(graph)
    names = {node: str(graph.nodes[node].get("name", node)) for node in simple}
    centre = [n for n in graph.graph.get("centre", []) if n in simple]
    degree = dict(simple.degree())
    by_degree = sorted(simple, key=lambda n: (-degree[n], names[n]))
    limit = len(by_degree) if max_labels is None else max(max_labels, 0)
    named = list(dict.fromkeys([*centre, *by_degree]))[: max(limit, len(centre))]
    shown = {n: names[n] for n in named}
    return _View(simple, centre, centre or by_degree[:1], degree, shown)


def _spring(simple: Any, seed: int) -> dict[Any, Any]:
    try:
        return dict(nx.spring_layout(simple, seed=seed)) if len(simple) else {}
    except ImportError as exc:  # networkx lays out 500+ nodes with scipy sparse matrices
        raise BackendError(
            NEEDS_SCIPY.format(what=f"a spring layout of {len(simple)} nodes")
            + "; or use layout='rings', or plot a neighbourhood"
        ) from exc


def _fonts(mpl: Any, font: str | None, text: str) -> tuple[Any, Any]:
    """Font properties for names and for the title: the named family, or a CJK font file."""
    font_manager = mpl.font_manager
    if font is None:
        # A font file, not a family name: no lookup by name, so no silent fallback to a
        # font without Chinese glyphs.
        fname = _font_file(text)
        return (
            font_manager.FontProperties(fname=fname, size=7),
            font_manager.FontProperties(fname=fname, size=13),
        )
    return (
        font_manager.FontProperties(family=font, size=7),
        font_manager.FontProperties(family=font, size=13),
    )


def _colour(graph: nx.MultiDiGraph, node: Any) -> str:
    return LABEL_COLOURS.get(_label(graph, node), _OTHER_COLOUR)


def _draw_nodes(ax: Axes, graph: nx.MultiDiGraph, view: _View, pos: Mapping[Any, Any]) -> None:
    """Lines, then nodes sized by degree and coloured by label, then the centre ringed black."""
    simple = view.simple
    colours = [_colour(graph, n) for n in simple]
    sizes = [60 + 30 * min(view.degree[n], 30) for n in simple]
    nx.draw_networkx_edges(simple, pos, ax=ax, width=0.5, alpha=0.3, edge_color="#666666")
    nx.draw_networkx_nodes(
        simple, pos, ax=ax, node_color=colours, node_size=sizes, linewidths=0.5, edgecolors="white"
    )
    if view.centre:
        nx.draw_networkx_nodes(
            simple,
            pos,
            nodelist=view.centre,
            ax=ax,
            node_size=1000,
            node_color=[_colour(graph, n) for n in view.centre],
            linewidths=2.5,
            edgecolors="black",
        )


def _ring_centre(middle: Sequence[Any], pos: Mapping[Any, Any]) -> tuple[float, float]:
    """Where the rings are centred: on the one middle node, else on the origin."""
    if len(middle) == 1:
        x, y = (float(v) for v in pos[middle[0]])
        return x, y
    return 0.0, 0.0


def _draw_name(ax: Axes, name: str, at: Any, hub: tuple[float, float] | None, font: Any) -> None:
    """A node's name: centred on it, or, on a ring around ``hub``, along the radius."""
    x, y = (float(v) for v in at)
    box = {"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}
    if hub is None:
        ax.text(x, y, name, ha="center", va="center", fontproperties=font, bbox=box)
        return
    # Names on a ring read outwards along the radius, as in a chord diagram, so that
    # neighbours on the ring do not overprint one another.
    cx, cy = hub
    angle = math.degrees(math.atan2(y - cy, x - cx))
    right = -90 <= angle <= 90
    ax.text(
        x + 0.02 * math.cos(math.radians(angle)),
        y + 0.02 * math.sin(math.radians(angle)),
        name,
        rotation=angle if right else angle - 180,
        rotation_mode="anchor",
        ha="left" if right else "right",
        va="center",
        fontproperties=font,
        bbox=box,
        clip_on=False,
    )


def _draw_legend(ax: Axes, mpl: Any, graph: nx.MultiDiGraph, simple: Any) -> None:
    handles = [
        mpl.lines.Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=8,
            color=LABEL_COLOURS.get(lab, _OTHER_COLOUR),
            label=lab,
        )
        for lab in sorted({_label(graph, n) for n in simple})
    ]
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)


def _label(graph: nx.MultiDiGraph, node: Any) -> str:
    return str(graph.nodes[node].get("label"))


def _font_file(text: str) -> str:
    """A CJK font file for ``text``; one for the common sample if none has every character."""
    try:
        return _find_cjk(text or CJK_SAMPLE)[1]
    except BackendError:
        # A rare character no font has: draw with a CJK font anyway (matplotlib then warns
        # about that one glyph) rather than refuse the whole plot.
        return _find_cjk(CJK_SAMPLE)[1]


def _rings(graph: nx.MultiDiGraph, simple: Any, centre: Sequence[Any]) -> dict[Any, Any]:
    """Positions on concentric rings by distance from ``centre``.

    Ring 1 is grouped by label; on each outer ring a node sits near the mean angle of its
    neighbours on the ring inside (the barycentre heuristic), which keeps lines short.
    Nodes not connected to the centre go on an outermost ring.
    """
    distance: dict[Any, int] = {}
    for source in centre:
        for node, d in nx.single_source_shortest_path_length(simple, source).items():
            distance[node] = min(d, distance.get(node, d))
    outer = max(distance.values(), default=0) + 1
    rings: dict[int, list[Any]] = {}
    for node in simple:
        rings.setdefault(distance.get(node, outer), []).append(node)
    order: list[list[Any]] = []
    angle: dict[Any, float] = {}
    for level in sorted(rings):
        ring = rings[level]
        if level <= 1 or not order:
            ring.sort(key=lambda n: (_label(graph, n), str(graph.nodes[n].get("name", n)), n))
        else:

            def inner_angle(node: Any) -> float:
                seen = [angle[m] for m in simple[node] if m in angle]
                return sum(seen) / len(seen) if seen else 1.0

            ring.sort(key=lambda n: (inner_angle(n), _label(graph, n), n))
        for i, node in enumerate(ring):
            angle[node] = i / max(len(ring), 1)
        order.append(ring)
    return dict(nx.shell_layout(simple, nlist=order))
