"""Recognise stage: find mentions of entities in a segmented document with spaCy.

The pipeline is a blank ``zh`` model with:

* ``graphkit_cjk`` tokenizer: one token per CJK character, Latin/digit runs as one token, so
  ``EDA`` never matches inside ``NEDA`` while Chinese names match anywhere;
* ``lexicon`` SpanRuler: phrase patterns from the lexicon files under ``schema/lexicons``;
* ``learned`` SpanRuler: phrase patterns from terms learned from the document being loaded
  (glossary rows, in-text definitions, directory rows, programme names), cleared per document;
* ``graphkit_patterns``: regular-expression rules from ``schema/rules/recognise.json``.

Matching is case-insensitive (``LOWER``) and whitespace-insensitive between tokens. All spans
are kept (overlaps included); choosing between overlapping spans is the resolver's job.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any


def _import_spacy_without_torch() -> None:
    """Import spaCy without letting thinc import torch.

    thinc imports torch, when it is installed, only to offer it as a model backend; the blank
    ``zh`` pipeline never uses one, and the import cost about a second of CPU of every build
    (``import spacy``: 1.6 s with torch installed, 0.5 s without). torch stays importable
    afterwards (the CKIP backend imports it itself); once imported, nothing changes.
    """
    if "torch" in sys.modules or "thinc" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # "not installed", for thinc
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


_import_spacy_without_torch()

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import registry  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from .chunkwords import in_marked, marked, sector  # noqa: E402
from .documentwide import known_first, outside_names, scope_kinds, spread  # noqa: E402
from .knowledge import all_lexicon_terms, rules  # noqa: E402
from .normalise import normalise  # noqa: E402
from .records import BlockKind, Label, Mention, Segmented, Term  # noqa: E402
from .rulefile import RulesFile  # noqa: E402
from .vocabulary import vocabulary  # noqa: E402

LEXICON_KEY = "graphkit_lexicon"
LEARNED_KEY = "graphkit_learned"
PATTERN_KEY = "graphkit_patterns"

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+[A-Za-z]*)?|\S")


class CJKTokenizer:
    """CJK characters one by one; runs of Latin letters and digits as single tokens."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        starts = [s for s, _ in spans]
        words = [text[s:e] for s, e in spans]
        # A token is followed by a space when the next token (or the end) is further on.
        follows = [*starts[1:], len(text)] if spans else []
        spaces = [e < nxt for (_, e), nxt in zip(spans, follows, strict=True)]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # Token offsets in the original text (doc.text folds whitespace runs to one space).
        doc.user_data["starts"] = starts
        return doc

    # spaCy serialises tokenizers; this one has no state beyond the vocab.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> CJKTokenizer:
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> CJKTokenizer:
        return self


@registry.tokenizers("graphkit_cjk.v1")  # type: ignore[untyped-decorator]
def create_cjk_tokenizer() -> Any:
    def make(nlp: Language) -> CJKTokenizer:
        return CJKTokenizer(nlp.vocab)

    return make


class PatternRecogniser:
    """Regular-expression rules over the text; found spans go to ``doc.spans[PATTERN_KEY]``."""

    def __init__(
        self,
        rule_set: Sequence[dict[str, Any]],
        not_names: Sequence[str] = (),
        variants: Mapping[str, str] | None = None,
    ) -> None:
        self.rules = [(r["id"], Label(r["label"]), re.compile(r["regex"])) for r in rule_set]
        # Spellings the rules read as another of the same length (計劃 as 計畫): the rules are
        # written once, and a name keeps the spelling it is printed with.
        self.variants = RulesFile("rules/recognise.json", {"variants": variants or {}}).spellings(
            "variants"
        )
        # A rule with "kinds" reads only blocks of those kinds (a list line, not a table row).
        self.kinds = {r["id"]: frozenset(r["kinds"]) for r in rule_set if "kinds" in r}
        # ... and one with "unless_document_has" skips blocks whose scope (their article, or the
        # document outside articles: scope_kinds) has blocks of those kinds.
        self.unless = {
            r["id"]: frozenset(r["unless_document_has"])
            for r in rule_set
            if "unless_document_has" in r
        }
        # Generic heads (「解決方案」) are quoted like names but name nothing in particular;
        # a rule's "keeps" are endings that name its kind all the same (…合作補助計畫).
        self.not_names = tuple(not_names)
        self.keeps = {r["id"]: tuple(r["keeps"]) for r in rule_set if "keeps" in r}
        # A rule with "canonical" [pattern, replacement] names its matches by one spelling
        # (ISO42001, ISO 42001 → ISO 42001); the printed form stays an alias.
        self.canonical = {
            r["id"]: (re.compile(r["canonical"][0]), r["canonical"][1])
            for r in rule_set
            if "canonical" in r
        }

    def key(self, rule_id: str, text: str) -> str | None:
        """The canonical name of a match of rule ``rule_id``, or None to name it as printed."""
        rule = self.canonical.get(rule_id)
        return rule[0].sub(rule[1], text) if rule is not None else None

    def _kept(self, rule_id: str, name: str) -> bool:
        """Whether a name ending in a generic head still names the rule's kind: it ends in one
        of the rule's 'keeps' and is more than the bare head (「…推動方案」, not 「推動方案」)."""
        return name.endswith(self.keeps.get(rule_id, ())) and name not in self.not_names

    def find(self, doc: Doc) -> list[tuple[int, int, Label, str]]:
        """Character spans (start, end, label, rule id) of every rule match's ``name`` group."""
        if not doc.user_data.get("starts"):
            return []
        text = _source_text(doc)
        for printed, read in self.variants.items():
            text = text.replace(printed, read)
        kind = doc.user_data.get("kind")
        present = doc.user_data.get("document_kinds", frozenset())
        found = [
            (m.start("name"), m.end("name"), label, rule_id)
            for rule_id, label, regex in self.rules
            if rule_id not in self.kinds or kind in self.kinds[rule_id]
            if not self.unless.get(rule_id, frozenset()) & present
            for m in regex.finditer(text)
            if not m.group("name").endswith(self.not_names) or self._kept(rule_id, m.group("name"))
        ]
        # Two rules may find one name (「晶創臺灣方案」 by its head and after 推動; a quoted
        # 補助計畫 as a grant and as a programme): the first rule's span and label are kept.
        seen: set[tuple[int, int]] = set()
        out = []
        for start, end, label, rule_id in found:
            if (start, end) not in seen:
                seen.add((start, end))
                out.append((start, end, label, rule_id))
        return out

    def annotate(self, doc: Doc, found: Iterable[tuple[int, int, Label, str]]) -> None:
        spans = []
        for start, end, label, rule_id in found:
            span = _char_span(doc, start, end, label.value)
            if span is not None:
                span.id_ = rule_id
                spans.append(span)
        doc.spans[PATTERN_KEY] = spans

    def __call__(self, doc: Doc) -> Doc:
        self.annotate(doc, self.find(doc))
        return doc


@Language.factory(
    "graphkit_patterns", default_config={"rule_set": None, "not_names": None, "variants": None}
)
def make_pattern_recogniser(
    nlp: Language,
    name: str,
    rule_set: list[dict[str, Any]] | None,
    not_names: list[str] | None,
    variants: dict[str, str] | None,
) -> PatternRecogniser:
    spec = rules("recognise")
    return PatternRecogniser(
        rule_set if rule_set is not None else spec["patterns"],
        not_names if not_names is not None else spec["not_names"],
        variants if variants is not None else spec.get("variants", {}),
    )


def _source_text(doc: Doc) -> str:
    text = doc.user_data.get("text")
    return text if isinstance(text, str) else doc.text


def _char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """The span of tokens covering original-text offsets [start, end)."""
    starts: list[int] = doc.user_data["starts"]
    first = next((i for i, s in enumerate(starts) if s >= start), None)
    if first is None:
        return None
    last = first
    while last + 1 < len(starts) and starts[last + 1] < end:
        last += 1
    return Span(doc, first, last + 1, label=label)


def short_forms(form: str, heads: Mapping[str, str]) -> set[str]:
    """The shorter spellings of a body's name that drop a word of its head (``short_heads`` of
    rules/recognise.json: X研究所 printed X所), four characters or more left before it.

    >>> sorted(short_forms("金屬材料綜合研究所", {"研究所": "所"}))
    ['金屬材料綜合所']
    >>> short_forms("化工研究所", {"研究所": "所"})
    set()
    """
    return {
        form[: -len(head)] + short
        for head, short in heads.items()
        if form.endswith(head) and len(form) - len(head) >= 4
    }


def patterns_for(terms: Iterable[Term]) -> list[dict[str, str]]:
    """SpanRuler phrase patterns for terms: every surface form, normalised, id = canonical name.

    A Latin form with inner spaces also gets its spaceless spelling (``Micro LED``/``MicroLED``);
    an agency's or an organisation's name its short spellings (:func:`short_forms`).
    """
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    heads: Mapping[str, str] = rules("recognise")["short_heads"]
    for term in terms:
        canonical = normalise(term.name)
        for form in term.surface_forms:
            variants = {normalise(form).strip()}
            if " " in form and form.isascii():
                variants.add(normalise(form).replace(" ", ""))
            if term.label in (Label.AGENCY, Label.ORGANIZATION):
                variants |= short_forms(normalise(form).strip(), heads)
            for v in variants:
                key = (term.label.value, v.lower(), canonical)
                if len(v) < 2 or key in seen:
                    continue
                seen.add(key)
                out.append({"label": term.label.value, "pattern": v, "id": canonical})
    return out


def build_pipeline(lexicon: Sequence[Term] | None = None) -> Language:
    """The recogniser's spaCy pipeline, with the lexicon loaded into its ``lexicon`` ruler."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "graphkit_cjk.v1"}}})
    ruler_cfg = {"phrase_matcher_attr": "LOWER", "validate": False}
    lex = nlp.add_pipe("span_ruler", name="lexicon", config={**ruler_cfg, "spans_key": LEXICON_KEY})
    nlp.add_pipe("span_ruler", name="learned", config={**ruler_cfg, "spans_key": LEARNED_KEY})
    nlp.add_pipe("graphkit_patterns")
    terms = all_lexicon_terms() if lexicon is None else lexicon
    lex.add_patterns(patterns_for(terms))  # type: ignore[attr-defined]
    return nlp


def is_abbreviation(form: str) -> bool:
    """A Latin abbreviation, matched only with its exact case (NET ≠ Net, GaN ≠ Gan).

    >>> [is_abbreviation(f) for f in ("SiC", "NET", "IoT", "5G", "Silicon Carbide", "laser")]
    [True, True, True, False, False, False]
    """
    short = len(form) <= 5  # NVIDIA and Nvidia are one company's spellings
    return short and form.isascii() and " " not in form and sum(c.isupper() for c in form) >= 2


def exact_forms(terms: Iterable[Term]) -> dict[str, frozenset[str]]:
    """Lower-cased abbreviation → the spellings terms give it (matching is case-insensitive)."""
    out: dict[str, set[str]] = {}
    for term in terms:
        for form in term.surface_forms:
            form = normalise(form).strip()
            if is_abbreviation(form):
                out.setdefault(form.lower(), set()).add(form)
    return {k: frozenset(v) for k, v in out.items()}


#: Characters around a Latin match that put it inside a URL, an e-mail or LaTeX.
_LATIN_GLUE = frozenset(".@\\$_")


def exact_match(text: str, start: int, end: int, exact: Mapping[str, frozenset[str]]) -> bool:
    """Whether a match of ``text[start:end]`` keeps: abbreviations in their own case, and
    Latin names not glued into a URL, e-mail or formula (www.oica.net, $Ar$).

    >>> exact = {"gan": frozenset({"GaN"})}
    >>> exact_match("GaN元件", 0, 3, exact), exact_match("Gan, P. (2020)", 0, 3, exact)
    (True, False)
    >>> exact_match("www.oica.net", 9, 12, {})
    False
    """
    surface = text[start:end]
    if not surface.isascii():
        return True
    spellings = exact.get(surface.lower())
    if spellings is not None and surface not in spellings:
        return False
    before = text[start - 1] if start else " "
    after = text[end : end + 2] if end < len(text) else " "
    # A full stop after a name ends a sentence unless a letter or digit follows (oica.net).
    glued_after = after[:1] in _LATIN_GLUE and (after[:1] != "." or after[1:2].isalnum())
    return before not in _LATIN_GLUE and not glued_after


#: A capitalised Latin word and a space before a Latin name: it ends a longer English one.
_ENGLISH_BEFORE = re.compile(r"[A-Z][A-Za-z0-9\-]* $")


def firm_suffixes(data: Mapping[str, Any], field: str = "organization_suffixes") -> tuple[str, ...]:
    """What a known firm's name is printed with (``field`` of ``data``, the settings of
    rules/recognise.json): ``organization_suffixes`` for the firm itself (公司),
    ``group_suffixes`` for the group it heads (集團, 企業).

    Raises:
        SchemaError: The field is missing, empty or not a list of words (the message names
            the file and the field).
    """
    return RulesFile("rules/recognise.json", data).words(field, non_empty=True)


class Recogniser:
    """Runs the pipeline over a segmented document and returns its mentions."""

    def __init__(self, nlp: Language | None = None, lexicon: Sequence[Term] | None = None) -> None:
        terms = all_lexicon_terms() if lexicon is None else lexicon
        self.nlp = nlp if nlp is not None else build_pipeline(terms)
        self.exact = exact_forms(terms)
        #: Labels whose names, once a pattern finds them, are names all through the document.
        self.spread_labels = frozenset(Label(v) for v in rules("recognise")["spread_labels"])
        #: A paragraph holding HTML or LaTeX (a table's cells, a formula: the shared
        #: vocabulary's 'markup') names only these labels (a programme table lists programmes).
        self.markup = re.compile(vocabulary().markup)
        self.markup_labels = frozenset(Label(v) for v in rules("recognise")["markup_labels"])
        #: What a technique's name is printed with (X技術): part of a known name's mention.
        self.technique: str = rules("recognise")["technique_suffix"]
        #: Words after a known technology that make it a sector (IC|設計公司, 半導體|產業).
        self.sectors = tuple(rules("recognise")["sector_words"])
        #: What a known firm's name is printed with (中鋼公司): part of its mention.
        self.firm_suffixes = firm_suffixes(rules("recognise"))
        #: What a known firm's name is printed with to name its group (臺塑企業, 臺聚集團).
        self.group_suffixes = firm_suffixes(rules("recognise"), "group_suffixes")
        #: ... and a known policy's short name (三加一產業創新計畫, 新南向政策).
        self.policy_suffixes = tuple(rules("recognise")["policy_suffixes"])
        #: What a policy's name qualifies when it names places (新南向國家): no mention.
        self.policy_places = tuple(rules("recognise")["policy_places"])
        self.policy_abroad = tuple(rules("recognise")["policy_abroad"])

    def recognise(self, seg: Segmented, learned: Sequence[Term] = ()) -> list[Mention]:
        """Mentions in every block of ``seg``; ``learned`` are the document's own terms."""
        ruler = self.nlp.get_pipe("learned")
        ruler.clear()  # type: ignore[attr-defined]
        # SpanRuler.add_patterns runs the pipes before it over the patterns; only the tokenizer
        # matters for LOWER matching, and an empty lexicon ruler would warn (W036).
        with self.nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns_for(learned))  # type: ignore[attr-defined]
        exact = {**self.exact}
        for k, v in exact_forms(learned).items():
            exact[k] = exact.get(k, frozenset()) | v
        mentions: list[Mention] = []
        texts = ((b.text, (i, str(b.kind))) for i, b in enumerate(seg.blocks))
        present = scope_kinds(seg)
        # An empty ruler warns (W036) on every doc: leave it out when there is nothing to match.
        empty = [name for name in ("lexicon", "learned") if not len(self.nlp.get_pipe(name))]  # type: ignore[arg-type]
        with self.nlp.select_pipes(disable=empty):
            docs = self._docs(texts, present)
            for doc, (index, _) in self.nlp.pipe(docs, batch_size=256, as_tuples=True):
                found = self._mentions(doc, index)
                text = seg.blocks[index].text
                if seg.blocks[index].kind == BlockKind.PARAGRAPH and self.markup.search(text):
                    # The sentences holding markup name programmes and agencies only.
                    marks = marked(text, self.markup)
                    found = [m for m in found if m.label in self.markup_labels
                             or not in_marked(marks, m.start, m.end)]  # fmt: skip
                mentions.extend(
                    self._as_printed(m, text)
                    for m in found
                    if exact_match(text, m.start, m.end, exact)
                    and not self._sector(m, text)
                    and not self._places_of(m, text)
                )
        mentions = known_first(mentions)
        return outside_names(mentions + spread(seg, mentions, self.spread_labels))

    def _key(self, rule_id: str, start: int, end: int, text: str) -> str | None:
        patterns = self.nlp.get_pipe("graphkit_patterns")
        return (
            patterns.key(rule_id, text[start:end])
            if isinstance(patterns, PatternRecogniser)
            else None
        )

    def _docs(
        self, texts: Iterable[tuple[str, tuple[int, str]]], present: Sequence[frozenset[str]]
    ) -> Iterable[tuple[Doc, tuple[int, str]]]:
        for text, (index, kind) in texts:
            doc = self.nlp.make_doc(text)
            doc.user_data["text"] = text
            doc.user_data["kind"] = kind
            doc.user_data["document_kinds"] = present[index]
            yield doc, (index, kind)

    def _sector(self, m: Mention, text: str) -> bool:
        """Whether a technology's mention names something else: a sector (ICT業者) or the
        end of a longer English name (Humanoid Robot, AI PC: no 機器人, no 聚碳酸酯)."""
        if m.label is not Label.TECHNOLOGY:
            return False
        inside = m.text.isascii() and _ENGLISH_BEFORE.search(text, 0, m.start) is not None
        return inside or sector(text, m.start, m.end, self.sectors)

    def _places_of(self, m: Mention, text: str) -> bool:
        """Whether a policy's name qualifies places after it (新南向|國家: the countries the
        policy targets, ``policy_places``), no mention of the policy; nor is one right after a
        place abroad (歐盟2050淨零排放: ``policy_abroad``), which names that place's goal."""
        if m.label is not Label.POLICY:
            return False
        abroad = text.endswith(self.policy_abroad, 0, m.start)  # 歐盟2050淨零排放: a goal abroad
        return abroad or text.startswith(self.policy_places, m.end)

    def _as_printed(self, m: Mention, text: str) -> Mention:
        """A known technology printed as X技術 (半導體技術) is mentioned with its 技術, a known
        firm's Chinese name printed with 公司 (中鋼公司) with it, and a known policy's short
        name printed with 計畫, 方案 or 政策 (三加一產業創新計畫) with it: the printed form
        becomes an alias of X. A known firm's name printed with 集團 or 企業 (臺塑企業) names
        the group it heads: another organisation, no alias of the firm."""
        suffix = self.technique
        if m.label is Label.TECHNOLOGY and m.key and text.startswith(suffix, m.end):
            return replace(m, text=m.text + suffix, end=m.end + len(suffix))
        if m.label is Label.ORGANIZATION and m.key and not m.text.isascii():
            group = next((g for g in self.group_suffixes if text.startswith(g, m.end)), None)
            if group is not None:
                stop = m.end + len(group)
                named = text[m.start : stop]
                return replace(m, text=named, end=stop, key=None, source="pattern", kind="company")
        suffixes = {Label.ORGANIZATION: self.firm_suffixes, Label.POLICY: self.policy_suffixes}
        if m.label in suffixes and m.key and not m.text.isascii():
            end = next((f for f in suffixes[m.label] if text.startswith(f, m.end)), "")
            return replace(m, text=m.text + end, end=m.end + len(end))
        return m

    def _mentions(self, doc: Doc, block: int) -> list[Mention]:
        starts: list[int] = doc.user_data["starts"]
        text: str = doc.user_data["text"]
        out = []
        for key, source in (
            (LEXICON_KEY, "lexicon"),
            (LEARNED_KEY, "learned"),
            (PATTERN_KEY, "pattern"),
        ):
            for span in doc.spans.get(key, []):
                start = starts[span.start]
                end = starts[span.end - 1] + len(doc[span.end - 1].text)
                out.append(
                    Mention(
                        label=Label(span.label_),
                        text=text[start:end],
                        block=block,
                        start=start,
                        end=end,
                        key=span.id_
                        if source != "pattern"
                        else self._key(span.id_, start, end, text),
                        source=source,
                    )
                )
        return out
