"""A character CRF that proposes Technology names in prose (python-crfsuite), beside the rules.

The rules find what a lexicon, a head word or a sentence shape states; a name printed once,
with a head no rule lists, in a field the rules were not written for, is missed. A linear-chain
CRF over the characters of a prose block, with features of the segmenter's words around each
character (:class:`Featuriser`), tags such names (B/I/O). It is trained on the article gold
(:mod:`graphkit.crf_train`, by default folds 0 and 1, so fold 2 stays held out) and shipped as
one small file under ``schema/`` (``model`` in ``schema/rules/crf.json``), so the extractor's
fingerprint holds it.

A tagged span is only a candidate, kept (:func:`graphkit.ner.candidates`) when the model is
sure of every one of its characters (the lowest marginal probability reaches ``threshold``),
it spans at least ``min_words`` of the segmenter's words (a lone word is mostly a generic one),
both its ends are word boundaries, it holds no clause punctuation, and it crosses no rule
mention nor names what the rules gave another label: the rules win.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from .articlework import sentence_at
from .chunk import Chunker
from .chunkwords import CLAUSE
from .errors import BackendError, Errors
from .knowledge import schema_root
from .ner import NerSettings, candidates
from .ner import load_settings as ner_settings
from .normalise import trim_span
from .records import Label, Mention, Segmented
from .rulefile import RulesFile
from .workers import die_with

#: Name of the settings file under ``schema/rules``.
RULES = "crf"
#: The tags of the chain: a name's first character, its others, outside.
TAGS = ("B", "I", "O")


@dataclass(frozen=True, slots=True)
class Training:
    """What :mod:`graphkit.crf_train` trains on and with (``training`` in the settings)."""

    folds: tuple[int, ...]
    c1: float
    c2: float
    max_iterations: int


@dataclass(frozen=True, slots=True)
class CrfSettings:
    """What ``schema/rules/crf.json`` holds, checked (each field explained in its ``_doc``).

    Attributes:
        enabled: Whether the pipeline runs the model beside the rules.
        model: The model file, relative to ``schema/`` unless absolute.
        label: The label of the names it tags.
        kinds: Block kinds it reads and is trained on.
        threshold: Lowest marginal probability, over a span's characters, of a kept span.
        min_words: Fewest segmenter words a kept span spans.
        window: Characters each side whose identity is a feature.
        fork_chars: Characters of prose from which a document is read in a forked child
            process beside the rules (:meth:`CrfRecogniser.start`).
        markup: HTML or LaTeX (the shared vocabulary's ``markup``): a sentence holding some is
            not read (a table or a formula flattened into text).
        not_last: Endings of a span that names no technology (a field, a market, a goal of
            making at home, a firm, a disease: 復健醫療, 甲基丙二酸血症).
        sector_after: Words that make the span right before them (or before the list's end
            word and them) a sector of the economy or a field (車用電子|等產業).
        sector_between: Words between the span and the sector word (技術, 應用: AI智慧系統|
            應用|生態系).
        list_end: The word closing a list (等; the shared vocabulary's ``list_end``).
        candidates: The candidate filter (``schema/rules/ner.json``'s trim, clause characters
            and shortest span, with this label kept and this file's counts).
        training: What ``python -m graphkit.crf_train`` uses.
    """

    enabled: bool
    model: str
    label: Label
    kinds: frozenset[str]
    threshold: float
    min_words: int
    window: int
    fork_chars: int
    markup: re.Pattern[str]
    not_last: tuple[str, ...]
    sector_after: tuple[str, ...]
    sector_between: tuple[str, ...]
    list_end: str
    candidates: NerSettings
    training: Training


def load_settings(rf: RulesFile | None = None) -> CrfSettings:
    """The settings: ``schema/rules/crf.json`` unless another rules file is given.

    Raises:
        SchemaError: A field is missing, has the wrong type or names no contract label.
    """
    rf = rf or RulesFile.packaged(RULES)
    enabled = rf.flag("enabled")
    label = rf.label("label")
    t = rf.section("training")
    folds = t.get("folds")
    if (
        not folds
        or not all(type(f) is int and f >= 0 for f in folds)
        or len(set(folds)) < len(folds)
    ):
        raise t.error("folds", f"expected distinct fold numbers, got {folds!r}")
    training = Training(
        folds=tuple(folds),
        c1=t.number("c1", 0.0, 100.0),
        c2=t.number("c2", 0.0, 100.0),
        max_iterations=t.integer("max_iterations", 1),
    )
    candidates = dataclasses.replace(
        ner_settings(),
        keep=frozenset({label}),
        min_count=rf.integer("min_count", 1),
        min_tagged=rf.integer("min_tagged", 1),
    )
    return CrfSettings(
        enabled=enabled,
        model=rf.text("model", non_empty=True),
        label=label,
        kinds=frozenset(rf.words("kinds", non_empty=True)),
        threshold=rf.number("threshold", 0.0, 1.0),
        min_words=rf.integer("min_words", 1),
        window=rf.integer("window", 1),
        fork_chars=rf.integer("fork_chars", 1),
        markup=rf.pattern("markup"),
        not_last=rf.words("not_last"),
        sector_after=rf.words("sector_after"),
        sector_between=rf.words("sector_between"),
        list_end=rf.text("list_end", non_empty=True),
        candidates=candidates,
        training=training,
    )


def meta_path(model: Path) -> Path:
    """Where what a model was trained with is written: beside it, ``.json`` for its suffix."""
    return model.with_suffix(".json")


def model_path(settings: CrfSettings) -> Path:
    """Where the model file is: the setting, relative to ``schema/`` unless absolute."""
    path = Path(settings.model).expanduser()
    return path if path.is_absolute() else Path(str(schema_root())) / path


def char_class(ch: str) -> str:
    """A character's class: ``D`` digit, ``U``/``L`` Latin upper/lower, ``C`` CJK, ``S`` space,
    ``A`` other letter or digit, ``P`` anything else, ``<``/``>`` outside the text.

    >>> "".join(char_class(c) for c in ["<", "S", "i", "C", "3", "碳", " ", "、"])
    '<ULUDCSP'
    """
    if ch in ("<", ">"):
        return ch
    if ch.isascii() and ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "U" if ch.isupper() else "L"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "C"
    if ch.isspace():
        return "S"
    return "A" if ch.isalnum() else "P"


class Featuriser:
    """Features of each character of a text: the characters around it and their classes, and
    the segmenter's word it is in (its place in the word, the word, its tag, its neighbours' tags
    and words, whether it is one of the chunker's heads).

    Args:
        chunker: Whose segmenter (jieba, as the rules use it) and heads give the word features.
        window: Characters each side whose identity is a feature.
    """

    def __init__(self, chunker: Chunker, window: int = 2) -> None:
        self.chunker = chunker
        self.window = window
        settings = chunker.settings
        self.heads = frozenset(settings.heads) | frozenset(settings.tails)

    def __call__(self, text: str) -> list[list[str]]:
        """One list of feature strings per character of ``text`` (built a column at a time:
        the features of the characters, then those of the words)."""
        n, w = len(text), self.window
        padded = "<" * w + text + ">" * w
        kinds = [char_class(ch) for ch in padded]
        at = [padded[w + d : w + d + n] for d in range(-w, w + 1)]  # at[w + d][i]: text[i + d]
        columns = [[f"c{d}=" + ch for ch in at[w + d]] for d in range(-w, w + 1)]
        for d in range(1, w + 1):  # pairs reaching d characters out
            columns.append(
                [f"b-{d}=" + x + y for x, y in zip(at[w - d], at[w - d + 1], strict=True)]
            )
            columns.append(
                [f"b{d}=" + x + y for x, y in zip(at[w + d - 1], at[w + d], strict=True)]
            )
        columns.append(["k0=" + k for k in kinds[w : w + n]])
        columns.append(
            [f"k-1={x}{y}" for x, y in zip(kinds[w - 1 :], kinds[w : w + n], strict=False)]
        )
        columns.append(
            [f"k1={x}{y}" for x, y in zip(kinds[w : w + n], kinds[w + 1 :], strict=False)]
        )
        out = [["b", *row] for row in zip(*columns, strict=True)]
        self._add_word_features(text, out)
        return out

    def tokens(self, text: str) -> list[tuple[str, str, int]]:
        """The segmenter's words of ``text``, a clause at a time (as the rules segment it, so
        a clause is segmented once), each punctuation mark between clauses a word of its own.

        >>> Featuriser(Chunker()).tokens("開發晶片，並量產")
        [('開發', 'v', 0), ('晶片', 'n', 2), ('，', 'x', 4), ('並', 'c', 5), ('量產', 'n', 6)]
        """
        out: list[tuple[str, str, int]] = []
        at = 0
        for m in CLAUSE.finditer(text):
            out += [(text[i], "x", i) for i in range(at, m.start())]
            out += [(w, f, s + m.start()) for w, f, s in self.chunker.tag(m.group())]
            at = m.end()
        return out + [(text[i], "x", i) for i in range(at, len(text))]

    def _add_word_features(self, text: str, out: list[list[str]]) -> None:
        """Add to each character's features those of its word: its place in the word
        (``B``/``M``/``E``, ``S`` for a one-character word), the word, its tag and its
        neighbours'."""
        tokens = self.tokens(text)
        for k, (word, flag, at) in enumerate(tokens):
            before = tokens[k - 1] if k > 0 else ("<", "<", 0)
            after = tokens[k + 1] if k + 1 < len(tokens) else (">", ">", 0)
            shared = [f"fl={flag}", f"pfl={before[1]}", f"nfl={after[1]}"]
            shared += ["w=" + (word if len(word) <= 6 else "LONG"), f"wl={min(len(word), 5)}"]
            head = word in self.heads
            last = len(word) - 1
            for j in range(min(len(word), len(text) - at)):
                place = "S" if not last else "B" if not j else "E" if j == last else "M"
                mine = [*shared, f"tp={place}", f"tpfl={place}{flag}"]
                if place in ("B", "S"):
                    mine.append("pw=" + before[0])
                if place in ("E", "S"):
                    mine.append("nw=" + after[0])
                    if after[0] in self.heads:
                        mine.append("before_head")
                if head:
                    mine += ["head", "head" + place]
                out[at + j] += mine


def spans(tags: Sequence[str]) -> list[tuple[int, int]]:
    """The tagged names of a chain as (start, end): a name starts at ``B``, or at an ``I`` after
    ``O``, and runs over the ``I`` after it.

    >>> spans(["O", "B", "I", "O", "I", "I", "B"])
    [(1, 3), (4, 6), (6, 7)]
    """
    out = []
    i = 0
    while i < len(tags):
        if tags[i] == "B" or (tags[i] == "I" and (i == 0 or tags[i - 1] == "O")):
            j = i + 1
            while j < len(tags) and tags[j] == "I":
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


class CrfRecogniser:
    """Proposes names of the settings' label in prose with the trained CRF.

    Args:
        chunker: The pipeline's chunker (its segmenter and heads give the features).
        settings: ``schema/rules/crf.json`` when not given.
        path: The model file; the settings' when not given.

    Raises:
        BackendError: E042 when the file is no model python-crfsuite can open.
    """

    def __init__(
        self, chunker: Chunker, settings: CrfSettings | None = None, path: Path | None = None
    ) -> None:
        import pycrfsuite  # type: ignore[import-untyped]

        self.settings = settings or load_settings()
        self.featurise = Featuriser(chunker, self.settings.window)
        self.path = path or model_path(self.settings)
        self.tagger = pycrfsuite.Tagger()
        #: Whether the last :meth:`start` read its document in a child process.
        self.from_child = False
        if not self.path.is_file():
            detail = "no such file: train one with `make crf-model` (python -m graphkit.crf_train)"
            raise BackendError(Errors.E042.format(path=self.path, detail=detail))
        try:
            self.tagger.open(str(self.path))
        except (OSError, ValueError) as exc:
            raise BackendError(Errors.E042.format(path=self.path, detail=str(exc))) from exc

    def tag(self, text: str) -> list[tuple[int, int, float]]:
        """The names the model tags in ``text``, with the lowest marginal of their characters."""
        if not text:
            return []
        tags = self.tagger.tag(self.featurise(text))
        sure = self.tagger.marginal
        return [(i, j, min(sure(tags[k], k) for k in range(i, j))) for i, j in spans(tags)]

    def recognise(self, seg: Segmented) -> list[Mention]:
        """The model's sure names in every block of a kind the settings name, in text order."""
        s = self.settings
        out: list[Mention] = []
        for b, block in enumerate(seg.blocks):
            if block.kind not in s.kinds or not block.text:
                continue
            for start, end, sure in self.tag(block.text):
                start, end = trim_span(block.text, start, end, s.candidates.trim)
                if sure < s.threshold or end - start < s.candidates.min_chars:
                    continue
                if not self._named(block.text[start:end]):
                    continue
                if self._sector(block.text, end):
                    continue
                if s.markup.search(sentence_at(block, start)[0]):
                    continue  # a table or a formula flattened into a sentence
                out.append(Mention(s.label, block.text[start:end], b, start, end, None, "crf"))
        return out

    def _sector(self, text: str, end: int) -> bool:
        """Whether the span ending at ``end`` names a sector of the economy or a field: a word
        of ``sector_after`` right after it, or after the 等 closing a list (PCB、光電與車用電子|
        等|產業, 奠基電鍍|產業處理模式), perhaps after one of ``sector_between`` (AI智慧系統|
        應用|生態系)."""
        after = text[end : end + 12].lstrip()
        after = after[1:] if after.startswith(self.settings.list_end) else after
        between = next((w for w in self.settings.sector_between if after.startswith(w)), "")
        return after[len(between) :].startswith(self.settings.sector_after)

    def _named(self, name: str) -> bool:
        """Whether a tagged span may name a technology: at least ``min_words`` of the
        segmenter's words (spaces are none), not opening with a word no name opens with (the
        chunker's ``not_first``: 市售, 相關 …), and no English phrase (Latin words only, with a
        space: a gloss, a role, a title; the rules read English names: Chief Digital Officer,
        Scaling Law), nor ending in one of ``not_last`` (a field, a market, a disease)."""
        chunker = self.featurise.chunker
        words = [w for w, _, _ in chunker.tag(name) if w.strip()]
        if len(words) < self.settings.min_words or words[0] in chunker.settings.not_first:
            return False
        if name.endswith(self.settings.not_last):
            return False
        return " " not in name or any(char_class(ch) == "C" for ch in name)

    def start(self, seg: Segmented) -> Callable[[], list[Mention]]:
        """Begin :meth:`recognise` on ``seg``; the call returned gives its mentions.

        A document of at least ``fork_chars`` characters of prose, on a machine with more than
        one core, is read in a forked child process while the rules read it here: the CRF then
        costs a large document no time. Elsewhere, or when the child fails, it is read here
        (the mentions are the same either way).
        """
        prose = sum(len(b.text) for b in seg.blocks if b.kind in self.settings.kinds)
        if prose < self.settings.fork_chars or len(os.sched_getaffinity(0)) < 2:
            return lambda: self.recognise(seg)
        self.featurise.chunker.is_word("")  # the segmenter's dictionary, loaded before the fork
        read, write = os.pipe()
        parent = os.getpid()
        child = os.fork()
        if child == 0:  # pragma: no cover  (the child reports only through the pipe)
            _child_recognise(self, seg, (read, write), parent)
        os.close(write)

        def result() -> list[Mention]:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(child, 0)
            self.from_child = status == 0 and bool(data)
            if not self.from_child:
                return self.recognise(seg)
            mentions: list[Mention] = pickle.loads(data)
            return mentions

        return result

    def candidates(
        self,
        seg: Segmented,
        known: Sequence[Mention],
        chunker: Chunker,
        found: Sequence[Mention] | None = None,
    ) -> list[Mention]:
        """The model's names (``found``, or :meth:`recognise`'s) kept beside the rules'
        ``known`` ones (:func:`graphkit.ner.candidates`)."""
        found = self.recognise(seg) if found is None else found
        return candidates(seg, found, known, chunker, self.settings.candidates)


def _child_recognise(
    recogniser: CrfRecogniser, seg: Segmented, pipe: tuple[int, int], parent: int
) -> NoReturn:
    """In a forked child: write the pickled mentions to the pipe's write end and end, whatever
    happens (never returning into the parent's code). It holds no read end of its own, so a
    parent gone breaks the pipe, and it ends with the parent (killed too, with SIGKILL)."""
    read, write = pipe
    code = 1
    try:
        os.close(read)
        die_with(parent)
        data = pickle.dumps(recogniser.recognise(seg))
        with os.fdopen(write, "wb") as out:
            out.write(data)
        code = 0
    finally:
        os._exit(code)


def from_settings(chunker: Chunker, settings: CrfSettings | None = None) -> CrfRecogniser | None:
    """The recogniser of the settings' model when the settings enable it, else ``None``."""
    settings = settings or load_settings()
    return CrfRecogniser(chunker, settings) if settings.enabled else None


__all__ = [
    "CrfRecogniser",
    "CrfSettings",
    "Featuriser",
    "Training",
    "char_class",
    "from_settings",
    "load_settings",
    "meta_path",
    "model_path",
    "spans",
]
