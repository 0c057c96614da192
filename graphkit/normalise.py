"""The one normaliser, and the one id function.

``normalise`` is applied to every document's text before anything else looks at it, and to
every name before it becomes a node. It does, in order:

1. Unicode NFKC (full-width letters, digits and punctuation become ASCII; ``⁺`` becomes ``+``);
2. simplified-variant folding: a CJK character that Big5/CP950 cannot encode but whose
   Traditional form (by OpenCC) it can, is replaced by that form (``氢`` → ``氫``). Characters that
   are valid Traditional Chinese are left alone, so ``布`` or ``群`` never turn into ``佈``/``羣``
   as a plain OpenCC conversion would do;
3. the folds listed in ``schema/normalise.json`` (``台`` → ``臺``).

Steps 2 and 3 replace one character with one character.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache

from .knowledge import load_json
from .records import Label

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


@cache
def _opencc_s2t() -> object:
    import opencc  # imported lazily: only documents with non-Big5 characters need it

    return opencc.OpenCC("s2t")


def _encodable_big5(ch: str) -> bool:
    try:
        ch.encode("cp950")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _fold_char(ch: str) -> str:
    """The Traditional form of a simplified-only character, or the character itself."""
    if _encodable_big5(ch):
        return ch
    converted: str = _opencc_s2t().convert(ch)  # type: ignore[attr-defined]
    if len(converted) == 1 and converted != ch and _encodable_big5(converted):
        return converted
    return ch


@cache
def _marks() -> dict[int, str]:
    """Footnote marks (superscript digits) to spaces (``footnote_marks``)."""
    return {ord(c): " " for c in load_json("normalise.json")["footnote_marks"]}


@cache
def _settings() -> tuple[dict[int, str], tuple[str, ...], str]:
    data = load_json("normalise.json")
    folds = {ord(k): v for k, v in data["folds"].items()}
    return folds, tuple(data["legal_prefixes"]), data["name_strip"]


#: Invisible format characters (Unicode category Cf): soft hyphen, zero-width space and
#: joiners, bidirectional controls, word joiner, BOM, interlinear annotation marks. They
#: change no visible text but would split one name into two nodes, or hide a heading.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def drop_invisible(text: str) -> str:
    """Remove invisible format characters (zero-width, bidi controls, BOM).

    >>> drop_invisible("工\u200b研\u202e院\ufeff")
    '工研院'
    """
    return _INVISIBLE.sub("", text)


def normalise(text: str) -> str:
    """Normalise text: invisible characters dropped, footnote marks made spaces, NFKC,
    simplified variants folded, 台→臺.

    >>> normalise("氢能（Hydrogen）與台灣"), normalise("FDA⁵核准")
    ('氫能(Hydrogen)與臺灣', 'FDA 核准')
    """
    text = unicodedata.normalize("NFKC", drop_invisible(text).translate(_marks()))
    folds, _, _ = _settings()
    table = dict(folds)
    for ch in set(_CJK.findall(text)):
        folded = _fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded
    return text.translate(table)


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Normalise a name for display: ``normalise``, trim quotes/brackets, drop legal prefixes.

    Whitespace between two CJK characters is removed (a PDF line break inside a name); other
    runs of whitespace become one space.

    >>> normalise_name("財團法人工業技術研究院")
    '工業技術研究院'
    >>> normalise_name("「晶創台灣方案」")
    '晶創臺灣方案'
    """
    _, prefixes, strip = _settings()
    text = _strip(normalise(name), strip)
    text = _CJK_SPACE.sub("", text)
    text = _SPACE.sub(" ", text)
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
    return _strip(text, strip)


#: Closing brackets and their openers (after NFKC, which folds the full-width ones).
_PAIRS = {")": "(", "]": "[", "】": "【", "」": "「", "』": "『", "》": "《", "〉": "〈"}


def _strip(text: str, chars: str) -> str:
    """``text`` without ``chars`` at either end, except a closing bracket whose opener is inside
    the name: 快速審查臨床試驗計畫(Fast track) keeps its bracket, 「晶創臺灣方案」 loses both.

    >>> _strip("計畫(Fast track)。", "()。"), _strip("(計畫)", "()")
    ('計畫(Fast track)', '計畫')
    """
    text = text.lstrip(chars)
    end = len(text)
    while end and text[end - 1] in chars:
        opener = _PAIRS.get(text[end - 1])
        if opener and opener in text[: end - 1]:  # it closes a bracket the name opened
            break
        end -= 1
    return text[:end]


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A comparison key for names: normalised, whitespace removed, case folded.

    ``碳化矽``, ``SiC``, ``sic`` and ``Silicon Carbide`` differ here: aliases are the resolver's
    job. This only makes spellings of one form equal.

    >>> name_key(" Micro LED ") == name_key("microled")
    True

    A run of long dashes is one dash (a PDF prints 創新——生成式 where another prints 創新—生成式,
    or a horizontal bar ―):

    >>> keys = {name_key(f"產業創新{d}生成式AI計畫") for d in ("——", "—", "―")}
    >>> len(keys)
    1
    """
    return _DASHES.sub("—", _SPACE.sub("", normalise_name(name))).casefold()


#: A long dash or a run of them (em dash, horizontal bar, box-drawing line): one em dash in a
#: name's key.
_DASHES = re.compile("[\u2014\u2015\u2500]+")


def shared_in_order(a: str, b: str) -> int:
    """How many characters of ``a`` ``b`` holds in the same order (difflib's matching blocks):
    how far two names are one spelt otherwise.

    >>> shared_in_order("企業永續報告指令", "企業永續報導指令")
    7
    """
    return sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def make_id(label: Label, name: str) -> str:
    """The deterministic id of a node: label plus the name key of its canonical name.

    Long names are shortened with a hash so ids stay readable and bounded.

    >>> make_id(Label.TECHNOLOGY, "碳化矽")
    'technology:碳化矽'
    """
    key = name_key(name)
    if len(key) > 80:
        key = key[:60] + "~" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    # Label is a StrEnum: the member is its value already (and .value is slow in Python 3.11).
    return f"{label.lower()}:{key}"


#: A year or an edition span in a title: 2025, 2025/2026, 2025-2026, 2025年, 2025年度, 2025年版.
_TITLE_EDITION = re.compile(r"\d{4}(?:\s*[/／~～-]\s*\d{2,4})?\s*(?:年度|年版|年)?")


def series_of(title: str | None, publisher: str | None, family: str) -> str:
    """The series a document is an edition of: its title without years, else its publisher.

    Editions of one series are compared with each other ("new in edition", ``diff``); two
    documents of different series never are.

    >>> series_of("2025/2026產業技術白皮書", "經濟部產業技術司", "moea-whitepaper")
    '產業技術白皮書'
    >>> series_of("2026全球製造業科技趨勢報告", "KPMG", "generic-report")
    '全球製造業科技趨勢報告'
    >>> series_of(None, None, "generic-report")
    'generic-report'
    """
    if title:
        bare = _SPACE.sub(" ", _TITLE_EDITION.sub("", normalise(title))).strip(" -:：")
        if bare:
            return bare
    return normalise(publisher).strip() if publisher else family


def trim_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``[start, end)`` of ``text`` narrowed past any of ``chars`` at either end.

    >>> trim_span("「碳化矽」", 0, 5, "「」")
    (1, 4)
    """
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
