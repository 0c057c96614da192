"""Whether two definitions sharing an abbreviation spell it out as two different things.

A document may gloss one abbreviation twice (PLC: Programmable Logic Controller in one
article, Planar Lightwave Circuit in another); the resolve stage merges names by a shared
surface form, so the abbreviation alone would make the two one node. Variants of one English
name (IoT technology, Data Centre and Center, & for and) are no such case.
"""

from __future__ import annotations

import re

from .normalise import name_key
from .records import Term


def glossed_otherwise(known: Term, new: Term) -> bool:
    """Whether ``new`` shares only its abbreviation with ``known`` while the two spell it out
    as different things: both English names spell the abbreviation with the initials of their
    words and have no word in common (PLC: Programmable Logic Controller, Planar Lightwave
    Circuit). Variants of one name merge (IoT technology, Data Centre/Center, & and and)."""
    if not (new.abbr and new.name_en and _spells(new.name_en, new.abbr)):
        return False
    shared = {name_key(f) for f in known.surface_forms} & {name_key(f) for f in new.surface_forms}
    if shared != {name_key(new.abbr)}:
        return False  # a name or an English name in common (Open RAN): the same thing
    spelled = [f for f in known.surface_forms if _spells(f, new.abbr)]
    return bool(spelled) and not any(_words(f) & _words(new.name_en) for f in spelled)


def _spells(english: str, abbr: str) -> bool:
    """Whether the capitals starting the words of ``english`` spell ``abbr``'s letters."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", english) if w[0].isupper())
    return initials == re.sub(r"[^A-Za-z]", "", abbr).upper()


def _words(english: str) -> set[str]:
    """The words of an English name, lower case, without function words."""
    return {w for w in re.findall(r"[a-z]+", english.lower()) if w not in _FUNCTION_WORDS}


#: Words an English name's spelled-out abbreviation skips or shares without meaning.
_FUNCTION_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"})
