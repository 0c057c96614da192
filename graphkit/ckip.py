"""Optional NER backend: CKIP Lab's BERT named-entity chunker (``pip install 'graphkit[ckip]'``).

The rule recogniser finds the names the lexicons and the document itself define, and the
names its patterns catch. :class:`CkipRecogniser` adds what a trained model finds in free
prose: organisations, laws and products no lexicon lists. It wraps
``ckip_transformers.nlp.CkipNerChunker`` and turns its entities into :class:`Mention` records
with ``source="ckip"`` and no key, through the type map in ``schema/rules/ckip.json`` (ORG →
Organization, LAW → Regulation, PRODUCT → Technology; types the contract has no label for are
dropped).

How CKIP reads text, and what this module does about it:

* every character of the input string is one model token (``convert_tokens_to_ids`` on the
  single character; unknown characters become ``[UNK]``, nothing is dropped), so ``NerToken.idx``
  is a pair of character offsets into the string given. An uppercase Latin letter missing from
  the model's vocabulary is given to the model in lowercase, as the uncased Chinese BERT
  vocabularies hold it; offsets do not move because one character stays one character.
* a string longer than the model's input is cut by CKIP into rows of exactly ``max_length``
  tokens, which can cut a name in two. This module cuts long blocks itself first, after a
  sentence end or else a clause end (``breaks`` in the settings) that keeps a piece within
  ``max_length``, and cuts hard only where a piece has neither (see :func:`split_text`);
  offsets are shifted back into the block.
* CKIP pads every row of one call to the longest row of that call, so pieces are sorted by
  length and sent ``batch_size`` at a time.

``import graphkit.ckip`` imports neither torch nor transformers: they load when a
:class:`CkipRecogniser` is made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import BackendError, Errors, SchemaError
from .knowledge import rules
from .normalise import trim_span
from .records import Label, Mention, Segmented

#: Name of the settings file under ``schema/rules``.
RULES = "ckip"

_PREFIXES = frozenset("BIES")
#: Without one of these, transformers makes a tokenizer that knows only [UNK] and friends.
_TOKENIZER_FILES = ("vocab.txt or tokenizer.json", ["vocab.txt", "tokenizer.json"])


@dataclass(frozen=True, slots=True)
class CkipSettings:
    """What ``schema/rules/ckip.json`` holds, checked.

    Attributes:
        labels: CKIP entity type → contract label, or ``None`` to drop the type.
        trim: Characters taken off both ends of a span.
        min_chars: Shortest span kept, after trimming.
        breaks: Tiers of characters after which a long block is preferably cut, best first.
    """

    labels: Mapping[str, Label | None]
    trim: str
    min_chars: int
    breaks: tuple[str, ...]


def load_settings(data: Mapping[str, Any] | None = None) -> CkipSettings:
    """The backend's settings: ``schema/rules/ckip.json`` unless ``data`` is given.

    Args:
        data: The settings as parsed JSON; read from the schema file when ``None``.

    Returns:
        The checked settings.

    Raises:
        SchemaError: A label is not a contract label, or a field has the wrong type.
    """
    path = f"rules/{RULES}.json"
    raw = rules(RULES) if data is None else data
    labels: dict[str, Label | None] = {}
    table = raw.get("labels")
    if not isinstance(table, Mapping):
        raise SchemaError(Errors.E020.format(path=path, detail="'labels' must be an object"))
    for ner, value in table.items():
        if value is None:
            labels[str(ner)] = None
            continue
        try:
            labels[str(ner)] = Label(value)
        except ValueError:
            known = ", ".join(label.value for label in Label)
            detail = f"labels.{ner}: {value!r} is not a contract label ({known}) or null"
            raise SchemaError(Errors.E020.format(path=path, detail=detail)) from None
    trim, min_chars, breaks = raw.get("trim", ""), raw.get("min_chars", 1), raw.get("breaks", [])
    if not isinstance(trim, str):
        raise SchemaError(Errors.E020.format(path=path, detail="'trim' must be a string"))
    if not (isinstance(breaks, list) and all(isinstance(b, str) for b in breaks)):
        raise SchemaError(Errors.E020.format(path=path, detail="'breaks' is a list of strings"))
    if not isinstance(min_chars, int) or isinstance(min_chars, bool) or min_chars < 1:
        raise SchemaError(Errors.E020.format(path=path, detail="'min_chars' is a positive int"))
    return CkipSettings(MappingProxyType(labels), trim, min_chars, tuple(breaks))


def split_text(text: str, limit: int, breaks: Sequence[str] = ()) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at breaks where possible.

    ``breaks`` are tiers of characters a piece may end with, best first (sentence ends, then
    clause ends). A piece ends after the last character of the first tier that leaves it more
    than half of ``limit`` long; failing that, after the last break of any tier; failing that,
    at ``limit`` characters, which is what CKIP does everywhere.

    Args:
        text: The text to cut.
        limit: Most characters in a piece (at least 1).
        breaks: Tiers of break characters, best first.

    Returns:
        ``(offset, piece)`` pairs whose pieces, joined, give ``text`` back.

    >>> split_text("一二,三四。五六七", 7, ["。", ","])
    [(0, '一二,三四。'), (6, '五六七')]
    >>> split_text("一。二三四,五六七", 7, ["。", ","])
    [(0, '一。二三四,'), (6, '五六七')]
    >>> split_text("一二三,四五六七", 6, ["。", ","])
    [(0, '一二三,'), (4, '四五六七')]
    >>> split_text("一二三四五六七", 4)
    [(0, '一二三四'), (4, '五六七')]
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        end = start + _cut(text[start : start + limit], breaks)
        pieces.append((start, text[start:end]))
        start = end
    if start < len(text) or not pieces:
        pieces.append((start, text[start:]))
    return pieces


def _cut(window: str, breaks: Sequence[str]) -> int:
    """Where a piece of ``window`` ends (see :func:`split_text`)."""
    cuts = [max((window.rfind(ch) for ch in tier), default=-1) + 1 for tier in breaks]
    for cut in cuts:
        if cut > len(window) // 2:
            return cut
    return max(cuts, default=0) or len(window)


def _looks_local(model: str | Path) -> bool:
    """Whether ``model`` names a directory rather than a model-hub id (``owner/name``)."""
    if isinstance(model, Path):
        return True
    name = str(model)
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


class CkipRecogniser:
    """Finds entity mentions with a CKIP NER model (ckip-transformers).

    Args:
        model: A directory holding a downloaded CKIP NER model (``config.json``, the weights,
            ``vocab.txt``), e.g. ``ckiplab/bert-base-chinese-ner`` saved locally; or a model-hub
            name, which is downloaded when the hub is reachable.
        device: ``-1`` for the CPU, ``n >= 0`` for CUDA device ``n``.
        batch_size: Pieces of text sent to the model at once.
        max_length: Most characters in one piece; lowered to what the model accepts
            (512 positions less ``[CLS]`` and ``[SEP]`` for the BERT models).
        labels: CKIP type → contract label (``None`` drops it); ``schema/rules/ckip.json``
            when not given.

    Raises:
        BackendError: E040 when ckip-transformers, transformers or torch is not installed;
            E041 when the model cannot be loaded or is not a CKIP-style NER model.
        ValueError: ``batch_size`` or ``max_length`` is below 1.

    Example:
        >>> rec = CkipRecogniser("/models/bert-base-chinese-ner")  # doctest: +SKIP
        >>> rec.recognise(segmented)  # doctest: +SKIP
        [Mention(label=<Label.ORGANIZATION: 'Organization'>, text='工業技術研究院', ...)]
    """

    def __init__(
        self,
        model: str | Path,
        *,
        device: int = -1,
        batch_size: int = 16,
        max_length: int = 510,
        labels: Mapping[str, Label | None] | None = None,
    ) -> None:
        if batch_size < 1 or max_length < 1:
            raise ValueError(f"batch_size and max_length must be >= 1 ({batch_size}, {max_length})")
        settings = load_settings()
        self.labels: Mapping[str, Label | None] = MappingProxyType(
            dict(settings.labels if labels is None else labels)
        )
        self.settings = settings
        self.batch_size = batch_size
        self.model_name = str(model)
        try:
            # Imported here, not at the top: torch takes seconds to import and is optional.
            import torch
            from ckip_transformers.nlp import CkipNerChunker
        except ImportError as exc:
            raise BackendError(Errors.E040) from exc

        source = self._locate(model)
        if device >= 0 and not torch.cuda.is_available():
            detail = f"device {device} is a CUDA device, but torch finds none (use -1, the CPU)"
            raise BackendError(Errors.E041.format(path=model, detail=detail))
        try:
            chunker = CkipNerChunker(model_name=source, device=device)
        except Exception as exc:
            # transformers reports a bad model directory with whatever the failing step raised
            # (OSError, ValueError, KeyError, safetensors' and torch's own errors ...); all of
            # them mean the same to the user: this is not a model graphkit can load.
            raise BackendError(Errors.E041.format(path=model, detail=_detail(exc))) from exc
        self._chunker: Any = chunker
        self._check_tags(model, chunker.model.config.id2label)
        tokens, embedded = len(chunker.tokenizer), chunker.model.config.vocab_size
        if not len(chunker.tokenizer.all_special_tokens) < tokens <= embedded:
            detail = (
                f"its tokenizer has {tokens} tokens for a model that embeds {embedded}: "
                "the tokenizer files are missing or do not belong to these weights"
            )
            raise BackendError(Errors.E041.format(path=model, detail=detail))
        limits = [max_length, chunker.model.config.max_position_embeddings - 2]
        limits.append(chunker.tokenizer.model_max_length - 2)
        #: Most characters given to the model in one piece.
        self.max_length: int = max(1, min(limits))
        self._vocab: frozenset[str] = frozenset(chunker.tokenizer.get_vocab())

    @staticmethod
    def _locate(model: str | Path) -> str:
        """What to hand to ``from_pretrained``: a checked directory, or a model-hub name."""
        path = Path(model).expanduser()
        if path.is_dir():
            missing = [
                what
                for what, names in (("config.json", ["config.json"]), _TOKENIZER_FILES)
                if not any((path / name).is_file() for name in names)
            ]
            if missing:
                detail = f"no {' or '.join(missing)}: download the whole model repository"
                raise BackendError(Errors.E041.format(path=model, detail=detail))
            return str(path)
        if path.exists():
            detail = "is a file; give the directory that holds the model"
            raise BackendError(Errors.E041.format(path=model, detail=detail))
        if _looks_local(model):
            raise BackendError(Errors.E041.format(path=model, detail="no such directory"))
        return str(model)  # a model-hub name such as ckiplab/bert-base-chinese-ner

    @staticmethod
    def _check_tags(model: str | Path, id2label: Mapping[int, str]) -> None:
        """Refuse models whose tags CKIP's decoder cannot read (it splits ``B-ORG`` on ``-``)."""
        bad = [
            tag
            for tag in id2label.values()
            if tag != "O" and (tag.count("-") != 1 or tag.split("-")[0] not in _PREFIXES)
        ]
        if bad or len(id2label) < 2:
            shown = ", ".join(repr(t) for t in (bad or list(id2label.values()))[:5])
            detail = (
                f"its labels ({shown}) are not CKIP's NER tags (O, and B-/I-/E-/S- before an "
                "entity type); is it a CKIP NER model, not a word-segmentation or POS one?"
            )
            raise BackendError(Errors.E041.format(path=model, detail=detail))

    def recognise(self, seg: Segmented) -> list[Mention]:
        """Mentions of entities in every block of ``seg``, in block and text order.

        Args:
            seg: The segmented document.

        Returns:
            Mentions with ``source="ckip"`` and ``key=None``; ``start``/``end`` are character
            offsets in the block text, and ``text == seg.blocks[block].text[start:end]``.
        """
        pieces = [
            (index, offset, piece)
            for index, block in enumerate(seg.blocks)
            for offset, piece in split_text(block.text, self.max_length, self.settings.breaks)
            if piece.strip()  # CKIP fails on an empty string and finds nothing in blanks
        ]
        # CKIP pads each call to its longest row: batch pieces of like length together.
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][2]))
        mentions: list[Mention] = []
        for first in range(0, len(order), self.batch_size):
            batch = [pieces[k] for k in order[first : first + self.batch_size]]
            found = self._chunker(
                [self._as_vocab(piece) for _, _, piece in batch],
                batch_size=len(batch),
                show_progress=False,
            )
            for (index, offset, _), entities in zip(batch, found, strict=True):
                text = seg.blocks[index].text
                for entity in entities:
                    mention = self._mention(text, index, offset, entity.ner, *entity.idx)
                    if mention is not None:
                        mentions.append(mention)
        mentions.sort(key=lambda m: (m.block, m.start, m.end, m.label.value))
        return mentions

    def _as_vocab(self, text: str) -> str:
        """``text`` with letters the vocabulary lacks in their lowercase form, when it has that."""
        vocab = self._vocab
        return "".join(
            low if ch not in vocab and len(low := ch.lower()) == 1 and low in vocab else ch
            for ch in text
        )

    def _mention(
        self, text: str, block: int, offset: int, ner: str, start: int, end: int
    ) -> Mention | None:
        label = self.labels.get(ner)
        if label is None:
            return None
        start, end = trim_span(text, offset + start, offset + end, self.settings.trim)
        if end - start < self.settings.min_chars:
            return None
        return Mention(label, text[start:end], block, start, end, key=None, source="ckip")


def _detail(exc: BaseException) -> str:
    """The first line of an exception's message, with its type when the message is empty."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


__all__ = ["CkipRecogniser", "CkipSettings", "load_settings", "split_text"]
