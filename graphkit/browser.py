"""The saved-query catalogue as Neo4j Browser favourites ("Saved Cypher" / local scripts).

Each saved query becomes one ``.cypher`` file::

    // agencies-by-technology: Agencies working on a technology, per year, …
    :param technology => '碳化矽';
    :param min_mentions => 1;
    // technology: a technology's name, abbreviation or English name (碳化矽, SiC, …)
    // min_mentions: least number of mentions of the technology in the programme's article
    MATCH (t:Technology) …

and all of them go into ``graphkit-queries.zip`` under a ``graphkit/`` folder, for a one-step
import: drop the zip on the Neo4j Browser window and a *graphkit* folder of favourites appears;
a single ``.cypher`` file dropped there offers "Save to favorites". Running a favourite sets its
parameters to the defaults and runs the query; edit the ``:param`` lines to ask about something
else.

What Neo4j Browser (4.x and 5.x, neo4j/neo4j-browser) does with these, from its source:

* ``src/browser/components/FileDrop/FileDrop.tsx``: one dropped file is accepted; ``.cyp``,
  ``.cypher``, ``.cql`` and ``.txt`` offer "Save to favorites" / "Paste in editor"; a ``.zip``
  is read by ``readZipFiles`` and every entry is saved as a favourite at once.
* ``src/browser/components/FileDrop/file-drop.utils.ts`` (``readZipFiles``): only entries
  ending in ``.cypher`` (outside ``__MACOSX``) are read; the directory of an entry becomes the
  favourites folder, created if missing.
* ``src/browser/components/SavedScripts/utils.ts`` (``defaultNameFromDisplayContent``): a
  favourite's name is its first line with the leading ``//`` removed.
* ``:param name => value`` sets one parameter; the right-hand side is evaluated by the server
  as Cypher with an implicit ``RETURN`` (Neo4j Browser manual, "Query parameters";
  ``:param name => 'Example'``), so strings must be quoted Cypher literals.
* Several statements (``:param`` lines and the query) separated by ``;`` run in order when the
  "Enable multi statement query editor" setting is on (the default); neo4j/neo4j-browser#961
  shows ``:param x => "…";`` followed by a ``MATCH`` working that way.
* ``src/shared/services/commandUtils.ts``: before the statements are split, ``cleanCommand``
  drops every line starting with ``//`` (so the title and help comments never reach the
  server); ``mapParamToCypherStatement`` takes the value of ``:param`` as everything after the
  *last* ``=>`` and only if it holds no ``$``. :func:`cypher_literal` therefore writes ``$`` as
  ``\\u0024`` and the ``>`` of ``=>`` as ``\\u003E`` inside strings, escapes Neo4j reads back as
  the same characters (openCypher string escapes; FalkorDB does not decode them, but these
  files are for Neo4j).

The same files run in ``cypher-shell`` with ``:source``, which also understands ``:param``.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from .catalog import Param, SavedQuery, catalogue

__all__ = ["ZIP_FILE", "ZIP_FOLDER", "cypher_literal", "export_browser", "favourite"]

#: The zip written beside the ``.cypher`` files.
ZIP_FILE: Final = "graphkit-queries.zip"
#: Folder the favourites land in when the zip is imported.
ZIP_FOLDER: Final = "graphkit"
#: Fixed timestamp of zip entries, so the same catalogue always gives the same bytes.
_ZIP_TIME: Final = (2025, 1, 1, 0, 0, 0)

_ESCAPES: Final = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    # Neo4j Browser's :param parser stops at "$" (module docs); "=>" is handled below.
    "$": "\\u0024",
}


def cypher_literal(value: Any) -> str:
    """``value`` written as a Cypher literal, for a ``:param name => <literal>`` line.

    Strings are single-quoted with ``\\`` escapes (Chinese kept as is; ``$`` and the ``>`` of
    ``=>`` as ``\\u`` escapes, see the module docs); numbers, booleans and null as Cypher writes
    them; lists and maps recursively.

    Raises:
        ValueError: the value has no Cypher literal (NaN, infinity, other types).

    Example:
        >>> cypher_literal("碳化矽")
        "'碳化矽'"
        >>> cypher_literal("O'Neil \\\\ co")
        "'O\\\\'Neil \\\\\\\\ co'"
        >>> cypher_literal(2025), cypher_literal(0.5), cypher_literal(True), cypher_literal(None)
        ('2025', '0.5', 'true', 'null')
        >>> cypher_literal(["SiC", 3])
        "['SiC', 3]"
        >>> print(cypher_literal("a => $b > c"))
        'a =\\u003E \\u0024b > c'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        text = "".join(_ESCAPES.get(ch, ch) for ch in value)
        # Neo4j Browser's :param parser splits at the last "=>" (module docs).
        return "'" + text.replace("=>", "=\\u003E") + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_key(str(k))}: {cypher_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    raise ValueError(f"{value!r} ({type(value).__name__}) has no Cypher literal")


def _key(name: str) -> str:
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"


def favourite(query: SavedQuery) -> str:
    """The text of one favourite: title line, ``:param`` lines, parameter help, the query.

    Example:
        >>> from graphkit.catalog import get
        >>> print(favourite(get("neighbourhood")).splitlines()[1])
        :param name => '碳化矽';
    """
    title = " ".join(f"{query.name}: {query.description}".split())  # one line, always
    lines = [f"// {title}"]
    # The values graphkit would send: a parameter naming an entity as its name key.
    values = query.bind()
    lines += [f":param {p.name} => {cypher_literal(values[p.name])};" for p in query.params]
    lines += [f"// {p.name}: {help_text}" for p in query.params if (help_text := param_help(p))]
    lines.append(query.cypher.strip())
    return "\n".join(lines) + "\n"


#: Said of a parameter naming an entity: the Browser sends what it is given, unlike graphkit.
NAME_KEY_HELP: Final = (
    "(matched against name keys: lower case, no spaces, no 財團法人 prefix; "
    "graphkit query makes the key from any spelling)"
)


def param_help(param: Param) -> str:
    """The help comment of a parameter, on one line; empty when it has none."""
    words = " ".join(param.help.split())
    if param.names_entity:
        words = f"{words} {NAME_KEY_HELP}".strip()
    return words


def export_browser(dir: Path, queries: Iterable[SavedQuery] | None = None) -> list[Path]:
    """Write every saved query as a Neo4j Browser favourite, plus a zip of them all.

    Args:
        dir: Directory to write into; created if missing. Files there are overwritten.
        queries: The queries to write; by default the whole catalogue
            (:func:`graphkit.catalog.catalogue`).

    Returns:
        The ``.cypher`` files, sorted by name, then the zip (:data:`ZIP_FILE`), whose
        entries are ``graphkit/<name>.cypher``.

    Example:
        >>> import tempfile
        >>> paths = export_browser(Path(tempfile.mkdtemp()))
        >>> paths[-1].name
        'graphkit-queries.zip'
    """
    out = Path(dir)
    out.mkdir(parents=True, exist_ok=True)
    chosen = sorted(catalogue().values() if queries is None else queries, key=lambda q: q.name)
    written: list[Path] = []
    for query in chosen:
        path = out / f"{_file_stem(query.name)}.cypher"
        path.write_text(favourite(query), encoding="utf-8")
        written.append(path)
    archive = out / ZIP_FILE
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in written:
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return [*written, archive]


def _file_stem(name: str) -> str:
    """A file name for a query name (saved-query names are already safe; this keeps a path
    separator or other odd character in a name from escaping the directory)."""
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip("._")
    return stem or "query"
