"""Errors graphkit raises, with numbered messages (as spaCy does).

Library code raises these; the CLI turns them into a message on stderr and a non-zero exit.
Every input error names the file it is about.
"""

from __future__ import annotations

import os
import re

#: ``scheme://user:password@`` in any text: the password part is what :func:`redact` hides.
_URI_SECRET = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s/:@]*):[^\s/@]*@")


def redact(text: str) -> str:
    """Hide passwords in ``text``: inside URIs, and the value of ``NEO4J_PASSWORD``.

    Every message graphkit prints goes through this, including a driver's error text that
    quotes a URI.

    >>> redact("cannot reach neo4j://neo4j:s3cret@db:7687 (refused)")
    'cannot reach neo4j://neo4j:***@db:7687 (refused)'
    """
    text = _URI_SECRET.sub(r"\1:***@", text)
    password = os.environ.get("NEO4J_PASSWORD", "")
    if len(password) >= 4:
        text = text.replace(password, "***")
    return text


class Errors:
    """Numbered message templates. Format them with ``str.format``."""

    E001 = "{path}: no such file or directory"
    E002 = "{path}: is a directory, not a file (pass the files inside it, e.g. {path}/*.txt)"
    E003 = "{path}: the file is empty"
    E004 = "{path}: looks binary ({detail}); graphkit reads UTF-8/UTF-16/Big5 text and PDF files"
    E005 = (
        "{path}: cannot tell the text encoding ({detail}); "
        "say it with --encoding (e.g. --encoding big5)"
    )
    E006 = "{path}: cannot be decoded as {encoding}: {detail}"
    E007 = "{path}: contains NUL bytes or control characters at offset {offset}; {detail}"
    E008 = "{path}: a single line of {length:,} characters exceeds the limit of {limit:,}"
    E009 = "{path}: PDF has no usable text layer ({detail}); run OCR first"
    E010 = "{path}: reading PDF files needs the 'pdf' extra: pip install 'graphkit[pdf]'"
    E011 = "{path}: {detail}"
    E012 = "{path}: {detail}: refusing it (a decompression bomb?)"
    E020 = "schema file {path}: {detail}"
    E021 = "unknown saved query {name!r}; `graphkit queries` lists them"
    E022 = "saved query file {path}: {detail}"
    E023 = "parameter {detail}"
    E030 = "store at {path}: {detail}"
    E031 = "store at {path} is in use by another graphkit process (pid {pid}); try again later"
    E032 = "the store refused the query: {detail}"
    E033 = "write to the store failed, nothing was committed for this build: {detail}"
    E034 = (
        "no graphkit store at {path}; build one first (graphkit build FILES --store {path}) "
        "or check the --store path"
    )
    E035 = "the query stopped: {detail}"
    E040 = "the ckip NER backend needs the 'ckip' extra: pip install 'graphkit[ckip]'"
    E041 = "ckip model {path}: {detail}"
    E042 = "NER model {path}: {detail}"
    E050 = "gold directory {path}: {detail}"


class GraphkitError(Exception):
    """Base class for errors graphkit reports to users."""


class InputError(GraphkitError):
    """A document cannot be read or understood. The message names the file."""


class SchemaError(GraphkitError):
    """A file under schema/ or queries/ is malformed."""


class QueryError(GraphkitError):
    """A saved or ad-hoc query cannot be run."""


class StoreError(GraphkitError):
    """The graph store cannot be started, reached or written."""


class BackendError(GraphkitError):
    """An optional backend (ckip, pdf) is missing or misconfigured."""
