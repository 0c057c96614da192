"""Resolve stage: map every name to one canonical entity.

工研院, ITRI and 財團法人工業技術研究院 all resolve to 工業技術研究院; 碳化矽, SiC and Silicon
Carbide to one Technology. Terms (lexicon first, then what the document defines) that share
a surface form within a label are merged into one entity whose canonical name is the first
term's. Truncated agency names from 執行單位 lines (工業技術研究) are completed to the unique
known name they begin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from .forms import bare, firm_stem, policy_stem
from .glosses import glossed_otherwise
from .knowledge import all_lexicon_terms, lexicon_parents, rules
from .normalise import name_key, normalise_name
from .records import FOREIGN_BODY, Label, Mention, Term
from .rulefile import RulesFile

#: A truncated name must keep at least this many characters to be completed.
MIN_TRUNCATED = 4
#: Mention sources whose unknown names become new entities (lexicon names are known already).
NEW_ENTITY_SOURCES = frozenset(
    {"pattern", "ckip", "ner", "crf", "chunk", "list", "worklist", "org-head", "org-context"}
)
#: The labels a table row's name is looked up under, in order.
ROW_LABELS = (
    Label.TECHNOLOGY,
    Label.AGENCY,
    Label.ORGANIZATION,
    Label.POLICY,
    Label.SUBSIDY_SCHEME,
    Label.PROGRAMME,
)
#: A known organisation's name after a place has at least this many characters (三星 does).
MIN_PLACED = 2
#: Labels of bodies: a place (日本, 歐洲) named alone is none of them.
BODY_LABELS = frozenset({Label.AGENCY, Label.ORGANIZATION})


@cache
def place_names() -> frozenset[str]:
    """The places of ``schema/rules/orgs.json`` (home and foreign), as name keys."""
    spec = rules("orgs")
    return frozenset(name_key(p) for p in (*spec["home_places"], *spec["foreign_places"]))


@cache
def _places_longest_first() -> tuple[str, ...]:
    """:func:`place_names`, the longest first (美國 before 美), sorted once."""
    return tuple(sorted(place_names(), key=len, reverse=True))


#: Looks a name a relation rule reads off the text up under a label (:meth:`Resolver.known`).
Known = Callable[[Label, str], "Term | None"]


def known_term(label: Label, surface: str) -> Term | None:
    """The lexicons' entity of ``label`` a surface form names (AI → 人工智慧): the lookup of a
    caller that has no document's resolver (:meth:`Resolver.known`)."""
    return _lexicon_resolver().known(label, surface)


def known_body(surface: str, known: Known = known_term) -> Term | None:
    """The Agency or Organization a surface form names (航港局 → 交通部航港局)."""
    return known(Label.AGENCY, surface) or known(Label.ORGANIZATION, surface)


@cache
def _lexicon_resolver() -> Resolver:
    return Resolver(all_lexicon_terms())


@cache
def event_heads() -> frozenset[str]:
    """Last words of Latin names of events and awards (``event_heads`` of orgs.json)."""
    return frozenset(RulesFile.packaged("orgs").words("event_heads", non_empty=True))


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention and the entity it names."""

    mention: Mention
    term: Term


class Resolver:
    """Canonical entities of one document: the lexicon plus the document's own terms."""

    def __init__(
        self,
        lexicon: Iterable[Term],
        learned: Iterable[Term] = (),
        places: frozenset[str] | None = None,
        first_word: Callable[[str], str] | None = None,
    ) -> None:
        self._places = place_names() if places is None else places
        self._first_word = first_word  # a word segmenter's first word of a name
        self._groups: list[Term] = []
        self._index: dict[tuple[Label, str], int] = {}
        self._any_label: dict[str, Label] = {}
        self._apart: set[int] = set()  # entities kept apart for a clashing abbreviation
        self._home: tuple[str, ...] | None = None  # Taiwanese name starts (_home_prefixes)
        for term in lexicon:
            self._add(term)
        for term in learned:
            self._add(term)

    # ---------------------------------------------------------------- registry

    def _copy(self) -> Resolver:
        """A working copy: :meth:`resolve` adds new entities to it, never to ``self``."""
        other = Resolver.__new__(Resolver)
        other._groups = list(self._groups)
        other._index = dict(self._index)
        other._any_label = self._any_label  # only ever read after construction
        other._apart = set(self._apart)
        other._home = self._home
        other._places = self._places
        other._first_word = self._first_word
        return other

    def _add(self, term: Term) -> Term:
        """Register a term, merging it into an entity it shares a surface form with.

        Two names merge only when they share a surface form and do not disagree on their
        abbreviation: 國家衛生研究院(NIH) defined by a document is not the lexicon's
        國家衛生研究院 (NHRI), and 科技部(DST) is not 科技部(MOST). Such a term becomes an entity
        of its own, named with its abbreviation (國家衛生研究院 NIH: brackets would be trimmed
        off a name); one that clashes with a Taiwanese agency of the lexicon is a foreign body
        (Organization). So is a government body a document defines with a Latin gloss
        (能源部(DOE)) that the agencies lexicon, which lists Taiwan's, does not know, and one a
        directory row places abroad (kind foreign body) that shares its name with a Taiwanese
        agency (India's 科技部(DST)). Nor do two names merge that share only an abbreviation
        spelled out as two different things (:func:`graphkit.glosses.glossed_otherwise`: PLC).
        """
        name = normalise_name(term.name)
        if not name:
            return term
        # A body the document places abroad (a directory row of another country) keeps its
        # label: it is no Taiwanese agency of the lexicon it shares a name with (India's 科技部).
        abroad = term.kind == FOREIGN_BODY
        label = (
            self._any_label.get(name_key(name), term.label)
            if term.origin != "lexicon" and not abroad
            else term.label
        )
        term = replace(term, name=name, label=label)
        if abroad and term.abbr and self._any_label.get(key := name_key(name)) is Label.AGENCY:
            return self._add_apart(term, self._index[(Label.AGENCY, key)])
        if term.label is Label.TECHNOLOGY and term.origin != "lexicon":
            term = bare(term, self._first_word)
        foreign = _glossed_unknown_agency(term, self._any_label, self._home_prefixes)
        if foreign:
            term = replace(term, label=Label.ORGANIZATION, kind=FOREIGN_BODY)
            label = Label.ORGANIZATION
        keys = [name_key(f) for f in term.surface_forms if name_key(f)]
        hit = next((self._index[(label, k)] for k in keys if (label, k) in self._index), None)
        if hit is not None and _clash(self._groups[hit], term):
            return self._add_apart(term, hit)
        if foreign and hit is not None and keys[0] not in self._forms(hit):
            # Known by its gloss only (能源部(DOE) is the lexicon's 美國能源部): its short name
            # stays unclaimed, for another country's body of that name (Israel's 能源部).
            return self._groups[hit]
        if hit is not None and glossed_otherwise(self._groups[hit], term):
            # PLC: 可程式邏輯控制器 is not 平面光波導製程技術 (Planar Lightwave Circuit)
            term, hit = self._unclaimed(term, label), None
        if hit is None:
            self._groups.append(term)
            hit = len(self._groups) - 1
        else:
            self._groups[hit] = _merge(self._groups[hit], term)
        for form in self._groups[hit].surface_forms:
            key = name_key(form)
            self._index.setdefault((label, key), hit)
            if term.origin == "lexicon":
                self._any_label.setdefault(key, label)
                self._home = None
        return self._groups[hit]

    def _home_prefixes(self) -> tuple[str, ...]:
        """:func:`_home_prefixes` of the lexicon's names, worked out once per lexicon."""
        if self._home is None:
            self._home = _home_prefixes(self._any_label)
        return self._home

    def _forms(self, at: int) -> set[str]:
        return {name_key(f) for f in self._groups[at].surface_forms}

    def _add_apart(self, term: Term, clash: int) -> Term:
        """Register ``term`` apart from the entity it clashes with, named ``name ABBR``."""
        other = self._groups[clash]
        label, kind = term.label, term.kind
        if other.label is Label.AGENCY and other.origin == "lexicon":
            label, kind = Label.ORGANIZATION, FOREIGN_BODY
        if other.origin != "lexicon" and other.abbr and other.name == term.name:
            # Two bodies a document names alike (India's and Israel's 科技部): neither owns the
            # bare name any more.
            renamed = replace(other, name=f"{other.name} {other.abbr}")
            self._groups[clash] = renamed
            self._apart.add(clash)
            for key in (name_key(other.name), name_key(renamed.name)):
                self._index[(other.label, key)] = clash
            self._index.pop((other.label, name_key(other.name)), None)
        qualified = replace(
            term,
            name=f"{term.name} {term.abbr}",
            label=label,
            kind=kind,
            aliases=tuple(a for a in term.aliases if name_key(a) != name_key(term.name)),
        )
        at = self._index.get((label, name_key(qualified.name)))
        if at is not None:  # the same definition again
            self._groups[at] = _merge(self._groups[at], qualified)
            return self._groups[at]
        qualified = self._unclaimed(qualified, label)
        self._groups.append(qualified)
        at = len(self._groups) - 1
        self._apart.add(at)
        # Its printed form, name(ABBR), names it too (a directory row's cell: 科技部(DST)).
        printed = (*qualified.surface_forms, f"{term.name}({term.abbr})")
        for form in printed:
            if name_key(form) != name_key(term.name):
                self._index.setdefault((label, name_key(form)), at)
        return qualified

    def _unclaimed(self, term: Term, label: Label) -> Term:
        """``term`` without an abbreviation another entity of ``label`` has (China's and
        Israel's MOST, the two PLCs): one key, one node; the first keeps it."""
        if term.abbr is None or (label, name_key(term.abbr)) not in self._index:
            return term
        aliases = tuple(a for a in term.aliases if name_key(a) != name_key(term.abbr))
        return replace(term, abbr=None, aliases=aliases)

    def lookup(self, label: Label, surface: str) -> Term | None:
        """The entity a surface form names within a label, if known."""
        i = self._index.get((label, name_key(surface)))
        return self._groups[i] if i is not None else None

    def known(self, label: Label, surface: str) -> Term | None:
        """The entity of ``label`` a name names that a relation rule reads off the text without
        a mention (a covered item, a partner): the lexicons' and the document's own terms
        (AI → 人工智慧). Latin names match in their own case (GaN is no gan, AR no Ar)."""
        term = self.lookup(label, surface)
        if term is not None and surface.isascii() and surface.strip() not in term.surface_forms:
            return None
        return term

    def lookup_any(self, surface: str, apart: bool = False) -> Term | None:
        """The entity a surface form names under any label (in :data:`ROW_LABELS` order);
        with ``apart``, only an entity kept apart for a clashing abbreviation."""
        for label in ROW_LABELS:
            i = self._index.get((label, name_key(surface)))
            if i is not None and (not apart or i in self._apart):
                return self._groups[i]
        return None

    def terms(self) -> list[Term]:
        """Every entity known, merged."""
        return list(self._groups)

    def agency(self, surface: str) -> Term:
        """Resolve an executing agency's name, completing truncated names (changes nothing).

        An unknown name is an agency of its own, named as written.
        """
        known = self.lookup(Label.AGENCY, surface)
        if known is not None:
            return known
        key = name_key(surface)
        if len(key) >= MIN_TRUNCATED:
            candidates = {
                i
                for (label, k), i in self._index.items()
                if label is Label.AGENCY and k.startswith(key) and k != key
            }
            names = {name_key(self._groups[i].name) for i in candidates}
            if len(names) == 1:
                return self._groups[candidates.pop()]
        return Term(Label.AGENCY, normalise_name(surface), origin="executing-agency")

    # ---------------------------------------------------------------- mentions

    def resolve(self, mentions: Sequence[Mention]) -> list[Resolved]:
        """Resolve mentions to entities; the resolver itself is not changed.

        Names found by patterns or by a NER model that no lexicon knows become entities (of
        this resolution only); a name the lexicon knows under another label (an ORG that is a
        known Agency) takes that entity. A place named alone (日本 in a list of bodies) becomes
        no Agency or Organization: a country is where a body is, not a body. Executing agencies
        (``executing-agency``) are completed when truncated; a table row's name (``table-row``)
        takes the entity it names under any label, or none.
        """
        work = self._copy()
        mentions = work._joined_units(mentions)
        headed = work._headed_policies(mentions)
        out: list[Resolved] = []
        for m in mentions:
            surface = m.key or m.text
            if m.label is Label.POLICY and work.lookup(m.label, surface) is None:
                surface = work._policy_name(surface, headed)
                m = replace(m, key=surface) if surface != (m.key or m.text) else m
            if m.label is Label.ORGANIZATION and (stem := firm_stem(surface)):
                surface = stem
                m = replace(m, key=stem)
            if m.source == "executing-agency":
                out.append(Resolved(m, work.agency(surface)))
                continue
            if m.source == "table-row":
                found = work.lookup_any(m.text) or work.lookup_any(surface)
                if found is not None:
                    out.append(Resolved(m, found))
                continue
            # The printed form first: NIH is the entity kept apart for it, though a learned
            # pattern keyed it with the name it shares (國家衛生研究院).
            term = work.lookup(m.label, m.text) or work.lookup_any(m.text, apart=True)
            term = term or work.lookup(m.label, surface)
            if term is None and m.label is Label.AGENCY:
                term = work._sub_body(surface)
            if term is None and m.label is Label.AGENCY:  # a body relabelled foreign (_add)
                term = work.lookup(Label.ORGANIZATION, surface)
            if term is None and m.label in BODY_LABELS:
                term = work._placed_body(surface)
            if term is None and m.source in NEW_ENTITY_SOURCES and not work._no_body(m):
                other = work._any_label.get(name_key(m.text))
                term = work.lookup(other, m.text) if other else None
                # ... or one the document defined under another label (the English name of
                # 委託開發暨製造服務 is no organisation for ending in Organization).
                term = term or (work.lookup_any(m.text) if m.text.isascii() else None)
                aliases = (m.text,) if m.key and m.key != m.text else ()
                term = term or work._add(
                    Term(m.label, m.key or m.text, aliases=aliases, kind=m.kind, origin=m.source)
                )
            if term is not None:
                out.append(Resolved(m, term))
        return out

    def _joined_units(self, mentions: Sequence[Mention]) -> list[Mention]:
        """``mentions`` and one more for each known agency printed right before a known body
        of its own (工研院|材料與化工研究所: the lexicon gives 工研院 as its parent): the body,
        printed with its parent's name as one name, as 經濟部產業發展署 is."""
        out = list(mentions)
        spans = {(m.block, m.start, m.end) for m in mentions}
        starts = {(m.block, m.start): m for m in mentions if m.label is Label.AGENCY}
        for a in mentions:
            b = starts.get((a.block, a.end))
            if a.label is not Label.AGENCY or b is None or (a.block, a.start, b.end) in spans:
                continue
            parent = self.lookup(Label.AGENCY, a.key or a.text)
            body = self.lookup(Label.AGENCY, b.key or b.text)
            if parent and body and body != parent and _belongs(body, name_key(a.text), parent.name):
                joined = Mention(Label.AGENCY, a.text + b.text, a.block, a.start, b.end,
                                 key=body.name, source=b.source)  # fmt: skip
                out.append(joined)
                spans.add((a.block, a.start, b.end))
        return out

    def _sub_body(self, surface: str) -> Term | None:
        """The agency ``surface`` names as its ministry's name before a name of one of the
        ministry's bodies (經濟部中企署 is the lexicon's 經濟部中小及新創企業署, short 中企署;
        國科會竹科管理局 its 新竹科學園區管理局, whose "parent" is 國科會); None when that
        name names no body of that ministry."""
        key = name_key(surface)
        for head in self._home_prefixes():
            if key.startswith(head):  # the ministry alone leaves no short name to look up
                body = self.lookup(Label.AGENCY, key[len(head) :])
                parent = self.lookup(Label.AGENCY, head)  # 國研院: the 國家實驗研究院
                if body is not None and _belongs(body, head, parent.name if parent else ""):
                    return body
        return None

    def _placed_body(self, surface: str) -> Term | None:
        """The organisation ``surface`` names as a place before its known name (美國麻省理工學院
        is the lexicon's 麻省理工學院); never an agency (美國國防部 is no 國防部)."""
        key = name_key(surface)
        for place in _places_longest_first():
            rest = key[len(place) :] if key.startswith(place) else ""
            if len(rest) >= MIN_PLACED and (body := self.lookup(Label.ORGANIZATION, rest)):
                return body
        return None

    def _policy_name(self, surface: str, headed: dict[str, str]) -> str:
        """The name of the policy ``surface`` names with or without a generic head: the policy
        the same document prints with one (晶創臺灣 → 晶創臺灣方案), else a known policy it adds
        one to (臺灣2050淨零排放路徑藍圖 → 2050淨零排放路徑), else ``surface`` itself."""
        if name_key(surface) in headed:
            return headed[name_key(surface)]
        stem = policy_stem(surface)
        known = self.lookup(Label.POLICY, stem) if stem else None
        return known.name if known is not None else surface

    @staticmethod
    def _headed_policies(mentions: Sequence[Mention]) -> dict[str, str]:
        """A policy's name without its generic head (晶創臺灣 for 晶創臺灣方案, 新南向 for
        新南向政策) → the name with it, for the policies one document prints both ways (one
        policy, one node, named with its head). Not from the lexicons: a bare concept
        (「循環經濟」) is not the plan a lexicon names with a head (循環經濟推動方案)."""
        out: dict[str, str] = {}
        for m in mentions:
            name = m.key or m.text
            stem = policy_stem(name) if m.label is Label.POLICY else ""
            if stem:
                out.setdefault(name_key(stem), name)
        return out

    def _no_body(self, m: Mention) -> bool:
        """Whether ``m`` names a body by a place's name alone (日本, 臺北), or an event or an
        award by a Latin name (AutoTech Breakthrough Awards: ``event_heads`` of orgs.json)."""
        if m.label not in BODY_LABELS:
            return False
        name = m.key or m.text
        words = name.split() if m.source != "org-head" else []  # …公司: a firm by its head word
        return name_key(name) in self._places or (len(words) > 1 and words[-1] in event_heads())


def _belongs(body: Term, head: str, named: str = "") -> bool:
    """Whether ``body`` is one of the bodies of the ministry named ``head`` (a name key; the
    agency it names is ``named``): its own name starts with it (經濟部中小及新創企業署), or the
    lexicon gives that ministry as its ``parent`` (新竹科學園區管理局: 國科會; 國研院國網中心: the
    國家實驗研究院 國研院 names)."""
    parents = {name_key(p) for p in lexicon_parents().get(body.name, ())}
    return name_key(body.name).startswith(head) or bool({head, name_key(named)} & parents)


def _glossed_unknown_agency(
    term: Term, known: dict[str, Label], home: Callable[[], tuple[str, ...]]
) -> bool:
    """Whether ``term`` is a foreign body: an Agency a document defined with a Latin gloss
    (name or abbreviation) under names no lexicon entry has, and whose name starts with no
    agency of the lexicon and no Taiwanese place. Taiwan's ministries and councils are the
    lexicon's, and their sub-bodies start with them (國防部軍備局, 行政院公共工程委員會), as a
    city's do with the city (臺北市政府產業發展局); the white paper glosses foreign ones
    (能源部(DOE), 牛津經濟研究院(Oxford Economics))."""
    if not (term.label is Label.AGENCY and term.origin == "definition"):
        return False
    if not (term.abbr or term.name_en):
        return False
    if any(known.get(name_key(f)) is Label.AGENCY for f in term.surface_forms):
        return False
    key = name_key(term.name)
    return not key.startswith(home())


def _home_prefixes(known: dict[str, Label]) -> tuple[str, ...]:
    """Names a Taiwanese body's name starts with: the lexicon's agencies (two characters or
    more, CJK) and Taiwan's places (``home_places`` in ``schema/rules/orgs.json``)."""
    agencies = (k for k, label in known.items() if label is Label.AGENCY)
    cjk = (k for k in agencies if len(k) >= 2 and not k.isascii())
    return (*cjk, *(name_key(p) for p in rules("orgs")["home_places"]))


def _clash(known: Term, new: Term) -> bool:
    """Whether a new term names another body than ``known`` although they share a name:
    both have abbreviations, they differ, and neither is a form of the other."""
    if new.origin == "lexicon" or not (known.abbr and new.abbr):
        return False
    if name_key(known.abbr) == name_key(new.abbr):
        return False
    forms = {name_key(f) for f in known.surface_forms}
    return name_key(new.abbr) not in forms


def _merge(a: Term, b: Term) -> Term:
    """``a`` with what ``b`` adds: more aliases and any missing English name, abbr or URL."""
    aliases = tuple(dict.fromkeys([*a.aliases, *(f for f in b.surface_forms if f != a.name)]))
    return replace(
        a,
        aliases=aliases,
        name_en=a.name_en or b.name_en,
        abbr=a.abbr or b.abbr,
        short_name=a.short_name or b.short_name,
        url=a.url or b.url,
        kind=a.kind or b.kind,
    )
