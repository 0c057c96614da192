"""The statistical NER model: a small spaCy ``ner`` trained on the article gold (issue 10).

The model is a spaCy pipeline on a blank ``zh`` language with the recogniser's own tokenizer
(``graphkit_cjk.v1``: one token per CJK character, a Latin or digit run as one token), so its
tokens are the tokens the lexicon rulers match on and an entity never starts inside ``NEDA``.
It is data made by a documented command (``graphkit train-ner``, :mod:`graphkit.ner_train`),
never edited by hand. :class:`NerRecogniser` runs it over the prose blocks of a document and
turns its entities into :class:`~graphkit.records.Mention` records with ``source="ner"`` and no
key; they are resolved like every other recogniser's mentions.

Settings are ``schema/rules/ner.json`` (:func:`load_settings`): whether the pipeline runs the
model, where the model is, which block kinds it reads, which labels it may give.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .errors import BackendError, Errors
from .knowledge import schema_root
from .recognise import CJKTokenizer, registry  # noqa: F401  (registers graphkit_cjk.v1)
from .records import Label, Mention, Segmented
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "ner"
#: Environment variable naming a model directory instead of the settings' ``model``.
MODEL_ENV = "GRAPHKIT_NER_MODEL"


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
        labels: Labels the model may give; spans of other labels are dropped.
        min_chars: Shortest span kept, after trimming.
        trim: Characters taken off both ends of a span.
        training: Hyperparameters of ``graphkit train-ner``.
    """

    enabled: bool
    model: str
    kinds: frozenset[str]
    labels: tuple[Label, ...]
    min_chars: int
    trim: str
    training: Training


def load_settings(rf: RulesFile | None = None) -> NerSettings:
    """The settings: ``schema/rules/ner.json`` unless another rules file is given.

    Raises:
        SchemaError: A field is missing, has the wrong type or names no contract label.
    """
    rf = rf or RulesFile.packaged(RULES)
    enabled = rf.get("enabled")
    if not isinstance(enabled, bool):
        raise rf.error("enabled", f"expected true or false, got {enabled!r}")
    labels = []
    for value in rf.words("labels", non_empty=True):
        try:
            labels.append(Label(value))
        except ValueError:
            raise rf.error("labels", f"{value!r} is not a contract label") from None
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
        min_chars=rf.integer("min_chars", 1),
        trim=rf.text("trim"),
        training=training,
    )


def model_path(settings: NerSettings) -> Path:
    """Where the model is: ``$GRAPHKIT_NER_MODEL``, else the setting (package-relative)."""
    named = os.environ.get(MODEL_ENV) or settings.model
    path = Path(named).expanduser()
    if path.is_absolute():
        return path
    return Path(str(schema_root())) / path


def load_model(path: Path) -> Language:
    """The trained spaCy pipeline in ``path``.

    Raises:
        BackendError: E042 when ``path`` holds no model this graphkit can load.
    """
    import spacy

    if not (path / "config.cfg").is_file():
        detail = "no config.cfg: train one with `graphkit train-ner --gold DIR --out DIR`"
        raise BackendError(Errors.E042.format(path=path, detail=detail))
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise BackendError(Errors.E042.format(path=path, detail=str(exc).splitlines()[0])) from exc
    if "ner" not in nlp.pipe_names:
        raise BackendError(Errors.E042.format(path=path, detail="the pipeline has no 'ner'"))
    return nlp


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

    def _mentions(self, doc: Doc, text: str, block: int) -> list[Mention]:
        starts: Sequence[int] = doc.user_data["starts"]
        out = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            start = starts[ent.start]
            end = starts[ent.end - 1] + len(doc[ent.end - 1].text)
            start, end = _trim(text, start, end, self.settings.trim)
            if end - start >= self.settings.min_chars:
                label = Label(ent.label_)
                out.append(Mention(label, text[start:end], block, start, end, None, "ner"))
        return out


def _trim(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``[start, end)`` narrowed past any of ``chars`` at either end."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


__all__ = ["NerRecogniser", "NerSettings", "Training", "load_model", "load_settings", "model_path"]
