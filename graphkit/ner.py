"""The statistical NER model: a small spaCy ``ner`` trained on the article gold (issue 10).

The model is a spaCy pipeline on a blank ``zh`` language with the recogniser's own tokenizer
(``graphkit_cjk.v1``: one token per CJK character, a Latin or digit run as one token), so its
tokens are the tokens the lexicon rulers match on and an entity never starts inside ``NEDA``.
It is data made by a documented command (``python -m graphkit.ner_train``, ``make ner-model``),
never edited by hand. :class:`NerRecogniser` runs it over the prose blocks of a document and
turns its entities into :class:`~graphkit.records.Mention` records with ``source="ner"`` and no
key; they are resolved like every other recogniser's mentions.

Settings are ``schema/rules/ner.json`` (:func:`load_settings`): whether the pipeline runs the
model, where the model is, which block kinds it reads, which labels it may give. The pipeline
keeps only the spans :func:`candidates` accepts beside the rules' mentions. The setting ships
off: cross-validated over the gold articles, the model adds too little on held-out articles for
what it costs (README, "The statistical NER option").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import recognise  # noqa: F401  (registers the graphkit_cjk.v1 tokenizer)
from .chunk import Chunker
from .errors import BackendError, Errors
from .knowledge import NER_MODEL_ENV, ner_model_path
from .normalise import name_key, trim_span
from .records import Label, Mention, Segmented
from .rulefile import RulesFile

if TYPE_CHECKING:  # spaCy is imported through graphkit.recognise, which keeps torch out
    from spacy.language import Language
    from spacy.tokens import Doc

#: Name of the settings file under ``schema/rules``.
RULES = "ner"
#: Environment variable naming a model directory instead of the settings' ``model``.
MODEL_ENV = NER_MODEL_ENV


@dataclass(frozen=True, slots=True)
class Training:
    """Hyperparameters of :func:`graphkit.ner_train.train` (``training`` in the settings)."""

    epochs: int
    dropout: float
    batch_size: int
    width: int
    depth: int
    window: int
    embed_size: int
    seed: int


@dataclass(frozen=True, slots=True)
class NerSettings:
    """What ``schema/rules/ner.json`` holds, checked.

    Attributes:
        enabled: Whether the pipeline runs the model beside the rules.
        model: The model directory (relative paths are under the installed package).
        kinds: Block kinds the model reads and is trained on.
        labels: Labels the model is trained to give.
        keep: Labels whose spans the pipeline keeps (as candidates, see :func:`candidates`).
        min_chars: Shortest span kept, after trimming.
        trim: Characters taken off both ends of a span.
        not_in_names: Characters no name holds (clause punctuation, comparison signs, %).
        min_count: Times a name must be printed in the document to be kept.
        min_tagged: Times the model must tag a name (same text, same label) in the document.
        training: Hyperparameters of ``python -m graphkit.ner_train``.
    """

    enabled: bool
    model: str
    kinds: frozenset[str]
    labels: tuple[Label, ...]
    keep: frozenset[Label]
    min_chars: int
    trim: str
    not_in_names: str
    min_count: int
    min_tagged: int
    training: Training


def load_settings(rf: RulesFile | None = None) -> NerSettings:
    """The settings: ``schema/rules/ner.json`` unless another rules file is given.

    Raises:
        SchemaError: A field is missing, has the wrong type or names no contract label.
    """
    rf = rf or RulesFile.packaged(RULES)
    enabled = rf.flag("enabled")
    labels = []
    for value in rf.words("labels", non_empty=True):
        try:
            labels.append(Label(value))
        except ValueError:
            raise rf.error("labels", f"{value!r} is not a contract label") from None
    keep = set()
    for value in rf.words("keep"):
        if value not in {label.value for label in labels}:
            raise rf.error("keep", f"{value!r} is not one of 'labels'")
        keep.add(Label(value))
    t = rf.section("training")
    training = Training(
        epochs=t.integer("epochs", 1),
        dropout=t.number("dropout", 0.0, 0.9),
        batch_size=t.integer("batch_size", 1),
        width=t.integer("width", 8),
        depth=t.integer("depth", 1),
        window=t.integer("window", 1),
        embed_size=t.integer("embed_size", 100),
        seed=t.integer("seed", 0),
    )
    return NerSettings(
        enabled=enabled,
        model=rf.text("model", non_empty=True),
        kinds=frozenset(rf.words("kinds", non_empty=True)),
        labels=tuple(labels),
        keep=frozenset(keep),
        min_chars=rf.integer("min_chars", 1),
        trim=rf.text("trim"),
        not_in_names=rf.text("not_in_names"),
        min_count=rf.integer("min_count", 1),
        min_tagged=rf.integer("min_tagged", 1),
        training=training,
    )


def model_path(settings: NerSettings) -> Path:
    """Where the model is: ``$GRAPHKIT_NER_MODEL``, else the setting (package-relative)."""
    return ner_model_path(settings.model)


def load_model(path: Path) -> Language:
    """The trained spaCy pipeline in ``path``.

    Raises:
        BackendError: E042 when ``path`` holds no model this graphkit can load.
    """
    import spacy

    if not (path / "config.cfg").is_file():
        detail = "no config.cfg: train one with `make ner-model` (python -m graphkit.ner_train)"
        raise BackendError(Errors.E042.format(path=path, detail=detail))
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise BackendError(Errors.E042.format(path=path, detail=str(exc).splitlines()[0])) from exc
    if "ner" not in nlp.pipe_names:
        raise BackendError(Errors.E042.format(path=path, detail="the pipeline has no 'ner'"))
    return nlp


def from_settings(settings: NerSettings | None = None) -> NerRecogniser | None:
    """The recogniser of the settings' model when the settings enable it, else ``None``."""
    settings = settings or load_settings()
    return NerRecogniser(settings=settings) if settings.enabled else None


class NerRecogniser:
    """Finds entity mentions in prose blocks with the trained model.

    Args:
        nlp: A trained pipeline (:func:`load_model`); the settings' model when not given.
        settings: ``schema/rules/ner.json`` when not given.
    """

    def __init__(self, nlp: Language | None = None, settings: NerSettings | None = None) -> None:
        self.settings = settings or load_settings()
        self.nlp = nlp if nlp is not None else load_model(model_path(self.settings))
        self.labels = frozenset(label.value for label in self.settings.labels)

    def recognise(self, seg: Segmented) -> list[Mention]:
        """Mentions in every block of a kind the settings name, in block and text order."""
        kinds = self.settings.kinds
        items = [(b.text, i) for i, b in enumerate(seg.blocks) if b.kind in kinds and b.text]
        docs = ((self.nlp.make_doc(text), i) for text, i in items)
        out: list[Mention] = []
        for doc, index in self.nlp.pipe(docs, as_tuples=True, batch_size=64):
            out.extend(self._mentions(doc, seg.blocks[index].text, index))
        return out

    def candidates(
        self, seg: Segmented, known: Sequence[Mention], chunker: Chunker
    ) -> list[Mention]:
        """The model's mentions kept beside the rules' ``known`` ones (:func:`candidates`)."""
        return candidates(seg, self.recognise(seg), known, chunker, self.settings)

    def _mentions(self, doc: Doc, text: str, block: int) -> list[Mention]:
        starts: Sequence[int] = doc.user_data["starts"]
        out = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            start = starts[ent.start]
            end = starts[ent.end - 1] + len(doc[ent.end - 1].text)
            start, end = trim_span(text, start, end, self.settings.trim)
            if end - start >= self.settings.min_chars:
                label = Label(ent.label_)
                out.append(Mention(label, text[start:end], block, start, end, None, "ner"))
        return out


#: Bracket pairs a name holds balanced, if at all.
_BRACKETS = (("(", ")"), ("（", "）"), ("「", "」"), ("《", "》"), ("[", "]"), ("【", "】"))


def candidates(
    seg: Segmented,
    found: Sequence[Mention],
    known: Sequence[Mention],
    chunker: Chunker,
    settings: NerSettings,
) -> list[Mention]:
    """The model's mentions the pipeline keeps beside the rules' ``known`` mentions.

    A model span is a candidate, kept when: its label is one the settings keep; it holds none
    of ``not_in_names`` and its brackets are balanced; both its ends are word boundaries of the
    segmenter (矽光子元 cuts 元件); it crosses no rule mention's edge and overlaps no rule
    mention of another label (rules win); the document prints it ``min_count`` times or more.
    """
    by_block: dict[int, list[Mention]] = {}
    for m in known:
        by_block.setdefault(m.block, []).append(m)
    # A name the rules give another label anywhere in the document is theirs (TSMC).
    elsewhere: dict[str, set[Label]] = {}
    for k in known:
        elsewhere.setdefault(name_key(k.text), set()).add(k.label)
    tagged = Counter((m.text, m.label) for m in found)
    out = []
    for m in found:
        if m.label not in settings.keep or not _clean(m.text, settings.not_in_names):
            continue
        if tagged[m.text, m.label] < settings.min_tagged:
            continue
        key = name_key(m.text)
        if elsewhere.get(key, {m.label}) - {m.label}:
            continue
        if any(_conflict(m, k) for k in by_block.get(m.block, ())):
            continue
        if settings.min_count > 1 and seg.text.count(m.text) < settings.min_count:
            continue
        if _on_words(seg.blocks[m.block].text, m, chunker):
            out.append(m)
    return out


def _clean(name: str, banned: str) -> bool:
    if any(ch in banned for ch in name):
        return False
    return all(name.count(a) == name.count(b) for a, b in _BRACKETS)


def _conflict(m: Mention, k: Mention) -> bool:
    """Whether a rule mention ``k`` overlaps ``m`` with another label, or crosses its edge."""
    if k.end <= m.start or m.end <= k.start:
        return False
    if k.label is not m.label:
        return True
    nested = (k.start <= m.start and m.end <= k.end) or (m.start <= k.start and k.end <= m.end)
    return not nested


def _on_words(text: str, m: Mention, chunker: Chunker) -> bool:
    """Whether both ends of ``m`` fall between the segmenter's words of its clause."""
    start = max(text.rfind(ch, 0, m.start) for ch in _CLAUSE_ENDS) + 1
    ends = [e for e in (text.find(ch, m.end) for ch in _CLAUSE_ENDS) if e >= 0]
    end = min(ends, default=len(text))
    edges = {start}
    for word, _, at in chunker.tag(text[start:end]):
        edges.add(start + at + len(word))
    return m.start in edges and m.end in edges


#: Characters that end a clause (the segmenter reads one clause at a time).
_CLAUSE_ENDS = "，。；：、！？,;:!?\n"


__all__ = [
    "NerRecogniser",
    "NerSettings",
    "Training",
    "candidates",
    "from_settings",
    "load_model",
    "load_settings",
    "model_path",
]
