"""Terms a document defines itself, learned before recognition.

A new edition's new terms are picked up without editing a lexicon: the 中英文名詞索引 rows,
in-text definitions such as ``碳化矽(Silicon Carbide, SiC)``, the agency tables and the
產業技術訊息相關連網 directory, ``(以下簡稱X)`` short names, and the programme names of
相關科技專案 blocks all become :class:`~graphkit.records.Term` records. How they are found is
configured in ``schema/rules/terms.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .knowledge import all_lexicon_terms, rules
from .normalise import name_key, normalise, normalise_name, shared_in_order
from .records import (
    FOREIGN_BODY,
    AgencyRow,
    Block,
    DirectoryRow,
    GlossaryRow,
    Label,
    ProgrammeLine,
    ProgrammeList,
    Segmented,
    Term,
)
from .termsettings import TermSettings, term_settings

_ABBR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9+.\-]{0,11}$")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
#: A clause's punctuation: a law's title has none.
_CLAUSE_MARK = re.compile(r"[,，。;；:：!?！？]")
_URL = re.compile(r"https?://\S+|www\.\S+")
_PAREN_ABBR = re.compile(r"^(?P<name>.+?)\((?P<abbr>[A-Za-z][A-Za-z0-9&*.\-]{1,15})\)$")


@dataclass(frozen=True, slots=True)
class Definition:
    """A term defined in running text, with where it was found."""

    term: Term
    block: int
    offset: int


#: What a programme term learned from a 相關科技專案 block says it came from (:attr:`Term.origin`).
PROGRAMME_BLOCK = "programme-block"


class TermLearner:
    """Learns terms from a segmented document's structure.

    Args:
        tag: The jieba segmenter a defined name's left edge is cut with
            (:meth:`graphkit.chunk.Chunker.tag`); the pipeline passes its chunker's, so the
            dictionary is loaded once.
    """

    def __init__(self, tag: Callable[[str], Sequence[tuple[str, str, int]]] | None = None) -> None:
        self._given_tag = tag

    @cached_property
    def _tag(self) -> Callable[[str], Sequence[tuple[str, str, int]]]:
        if self._given_tag is not None:
            return self._given_tag
        from .chunk import Chunker

        return Chunker().tag

    @cached_property
    def _settings(self) -> TermSettings:
        """rules/terms.json, checked (:mod:`graphkit.termsettings`)."""
        return term_settings()

    def legal_definitions(self, text: str, block: int = 0, offset: int = 0) -> list[Definition]:
        """A law's numbered definitions of things (三、新藥：指…之藥品。): Technology terms.

        >>> t = "三、新藥:指經審定之藥品。四、生技公司:指依法設立之公司。"
        >>> [d.term.name for d in TermLearner().legal_definitions(t)]
        ['新藥']
        """
        legal = self._settings.legal_definition
        found = (m for m in legal.regex.finditer(text) if m["genus"].endswith(legal.genus))
        return [
            Definition(Term(Label.TECHNOLOGY, normalise_name(m["name"]), origin="definition"),
                       block, offset + m.start("name"))
            for m in found
        ]  # fmt: skip

    @cached_property
    def _boundary(self) -> re.Pattern[str]:
        # the programme's subject too (本科技專案開發鈮(Tantalum, Ta): no 科技專案開發鈮)
        words = sorted(self._settings.boundary_words, key=len, reverse=True)
        return re.compile("|".join(re.escape(w) for w in words))

    @cached_property
    def _known_keys(self) -> dict[str, Term]:
        return {name_key(f): t for t in all_lexicon_terms() for f in t.surface_forms}

    # ----------------------------------------------------------------- public

    def learn(self, seg: Segmented) -> list[Term]:
        """Every term the document defines, in document order."""
        terms: list[Term] = []
        for index, block in enumerate(seg.blocks):
            terms.extend(self._from_block(block))
            if block.is_prose:
                found = self.definitions(block.text, index, block.offset)
                found += self.legal_definitions(block.text, index, block.offset)
                terms.extend(d.term for d in found)
        terms.extend(self._own_title(seg.info.title))
        return terms

    def _own_title(self, title: str | None) -> Iterable[Term]:
        """A law names itself 本條例, 本法: a document titled with a law's name (its head one of
        ``self_reference.heads``) defines that regulation with this alias."""
        spec = self._settings.self_reference
        name = normalise_name(title or "")
        head = next((h for h in spec.heads if name.endswith(h) and len(name) > len(h)), None)
        if head is None or len(name) > spec.max_chars or not _HAS_CJK.search(name):
            return
        if _CLAUSE_MARK.search(name) or name.endswith(tuple(rules("recognise")["not_names"])):
            return  # a sentence (…檢討目前的方法) or a method (分析法): no law's title
        if classify(name) is Label.REGULATION:
            yield Term(Label.REGULATION, name, aliases=(spec.prefix + head,), origin="title")

    def definitions(self, text: str, block: int = 0, offset: int = 0) -> list[Definition]:
        """In-text definitions ``中文(English, ABBR)`` and ``X(以下簡稱Y)`` in ``text``."""
        out: list[Definition] = []
        for m in self._settings.definition.finditer(text):
            en = m.group("en").strip()
            abbr = m.group("abbr")
            if en[0].isdigit() and " " not in en:
                continue  # 原生鋁合金(7XXX): a grade or a quantity, not a name (3D Memory is)
            if abbr is None and _ABBR.match(en) and " " not in en and en.isupper():
                en, abbr = "", en  # 中文(ABBR): an abbreviation only
            if not self._plausible_english(en, abbr):
                continue
            titled = text.startswith("》", m.end("zh"))  # 《晶片法》(CHIPS Act)
            if abbr is None and m.end("zh") + titled < m.start("en") - 1:
                continue  # 開放格式 (Open format): a space before it, a gloss, not a name
            zh = self._left_edge(m.group("zh"), en, abbr)
            if zh is None:
                continue
            label, kind = classified(zh, en)
            if label is Label.TECHNOLOGY:  # no ending said: a known term spelled otherwise?
                label, kind = self._respelled(zh, en, abbr) or (label, kind)
            if label is Label.TECHNOLOGY and self._not_technology(en, abbr, zh):
                continue
            if label is Label.TECHNOLOGY and (titled or self._in_event(text, m.end(), en)):
                continue  # 《巴黎協定》(Paris Agreement): a title names no technology
            if label is Label.TECHNOLOGY and zh.endswith(self._generic_phrases):
                # 多供應商5G系統整合(System Integration, SI): the gloss translates the generic
                # compound at the end, not the name; it would merge every …系統整合 into one.
                en, abbr = "", None
            # …(Nano-Porous Glass, NPG)，簡稱NaPoGlass: a short name said right after it.
            after = self._settings.short_after.match(text, m.end())
            short = normalise_name(after.group("short")) if after else None
            term = Term(
                label=label,
                name=zh,
                aliases=(short,) if short else (),
                name_en=en or None,
                abbr=abbr if abbr and _ABBR.match(abbr) else None,
                short_name=short,
                kind=kind,
                origin="definition",
            )
            out.append(Definition(term, block, offset + m.start("zh")))
        out.extend(self._full_names(text, block, offset))
        out.extend(self._short_names(text, block, offset))
        return out

    def _short_names(self, text: str, block: int, offset: int) -> Iterable[Definition]:
        """``X(以下簡稱Y)``: Y is another name of X, typed by X's ending."""
        for m in self._settings.short_name.finditer(text):
            name = self._left_edge(m.group("name"), "", None)
            if name is None:
                continue
            label = classify(name, "")
            if label is Label.TECHNOLOGY and self._not_technology("", None, name):
                continue  # 車輛型式(以下簡稱車型): a kind, as a definition's name would be none
            short = normalise_name(m.group("short"))
            term = Term(label=label, name=name, short_name=short, aliases=(short,), origin="short")
            yield Definition(term, block, offset + m.start("name"))

    def _full_names(self, text: str, block: int, offset: int) -> Iterable[Definition]:
        """``JSON：全名為 JavaScript Object Notation``: an abbreviation and its full name; so is
        ``TSN (Time-Sensitive Networking)`` when the words' initials spell the abbreviation."""
        said, glossed = self._settings.full_name, self._settings.abbr_gloss
        spelled = (m for m in glossed.finditer(text) if _initials(m.group("en")) == m["abbr"])
        for m in (*said.finditer(text), *spelled):
            abbr, en = m.group("abbr"), m.group("en").strip()
            label = classify("", en)
            if label is Label.TECHNOLOGY and self._not_technology(en, abbr):
                continue
            term = Term(label, abbr, name_en=en, abbr=abbr, origin="definition")
            yield Definition(term, block, offset + m.start("abbr"))

    # ---------------------------------------------------------------- helpers

    def _from_block(self, block: Block) -> Iterable[Term]:
        row = block.record
        if isinstance(row, GlossaryRow):
            yield from self._glossary(row.zh, row.en)
        elif isinstance(row, AgencyRow):
            name = normalise_name(row.name)
            if name:
                yield Term(Label.AGENCY, name, url=_url(row.url), origin="agency-table")
        elif isinstance(row, ProgrammeList):
            for line in row.lines:
                if isinstance(line, ProgrammeLine):
                    yield Term(Label.PROGRAMME, normalise_name(line.name), origin=PROGRAMME_BLOCK)
        elif isinstance(row, DirectoryRow):
            term = self._directory(row)
            if term is not None:
                yield term

    def _glossary(self, zh: str, en_cell: str) -> Iterable[Term]:
        name = normalise_name(zh)
        if not name:
            return
        head, _, tail = en_cell.rpartition(",")
        abbr = tail.strip() if head and _ABBR.match(tail.strip()) else None
        en = (head if abbr else en_cell).strip() or None
        if self._not_technology(en or "", abbr, name):
            return
        label = Label.TECHNOLOGY
        spec = self._settings.glossary_not_technology
        if name.endswith(spec.suffixes):
            label = spec.label
        yield Term(label, name, name_en=en, abbr=abbr, origin="glossary")

    def _directory(self, row: DirectoryRow) -> Term | None:
        spec = self._settings.directory
        country, raw, url = row.country, row.name, row.url
        name, abbr = split_abbr(raw)
        if not name or name.endswith(spec.skip_suffixes):
            return None
        label = classify(name, "")
        if label in (Label.TECHNOLOGY, Label.AGENCY, Label.ORGANIZATION):
            label = Label.AGENCY if country == spec.home_country else Label.ORGANIZATION
        kind = (
            None
            if label is Label.AGENCY
            else (FOREIGN_BODY if country != spec.home_country else None)
        )
        return Term(label, name, abbr=abbr, url=_url(url), kind=kind, origin="directory")

    def _left_edge(self, zh: str, en: str, abbr: str | None) -> str | None:
        """Cut a defined name's left edge.

        A suffix that is a known term counts only when the definition's English name or
        abbreviation agrees with that term (so ``特殊應用積體電路(ASIC)`` does not make ASIC an
        alias of 積體電路); otherwise the name starts after the last boundary word.
        """
        zh = normalise_name(zh)
        given = {name_key(x) for x in (en, abbr) if x}
        for start in range(len(zh) - 1):
            known = self._known_keys.get(name_key(zh[start:]))
            if known is not None and given & {name_key(f) for f in known.surface_forms}:
                return zh[start:]
        cut = 0
        # A boundary word inside a noun the segmenter keeps whole is part of it (像 in 影像:
        # 雙波段影像融合技術, not 融合技術); inside a verb or a function word it cuts after
        # that word (達到|影像, 如同|油電複合動力車).
        settings, tokens = self._settings, self._tag(zh)
        for m in self._boundary.finditer(zh):
            word, flag, at = next(t for t in tokens if t[2] + len(t[0]) >= m.end())
            if any(t[2] == m.start() for t in tokens) and at + len(word) == m.end():
                end = m.end()
            else:
                end = at + len(word) if flag in settings.cut_inside_flags else 0
            if 0 < end < len(zh):
                cut = max(cut, end)
        name = zh[cut:]
        # A date or clause particle left at the edge (2024年消費電子展 → 消費電子展).
        while name and name[0] in settings.strip_prefixes:
            if len(self._tag(name)[0][0]) > 1:
                break  # 中央處理單元: 中 starts a word here, it is no particle
            name = name[1:]
        name = self._tagged_edge(name)
        if not (settings.min_zh <= len(name) <= settings.max_zh):
            return None
        if not _HAS_CJK.search(name) or name in settings.not_terms:
            return None
        # A quantity with its unit (200千億位元每秒(200 Gbps)) names no entity.
        if name[0].isdigit():
            return None
        # Job titles and people (技術長(CTO), 分析師) are not entities of the contract.
        if name.endswith(settings.not_term_suffixes):
            return None
        return name

    def _tagged_edge(self, name: str) -> str:
        """``name`` from after the words the segmenter reads as the clause around it: after
        the last particle (航空零組件之|恆溫鍛造), then after leading conjunctions,
        prepositions, adverbs of two characters and cue words (開發|低流動性液態金屬,
        但|現行|熱介面材料); verbs not listed stay (合成液體燃料, 可解釋AI), and so do the
        verbs inside a name that starts with a noun (軟體定義無線電)."""
        spec = self._settings.left_edge
        tokens = list(self._tag(name))
        particle = max((k for k, t in enumerate(tokens) if t[0] in spec.particles), default=-1)
        tokens = tokens[particle + 1 :]
        lead, cues, adverbs = spec.lead_flags, spec.lead_words, spec.adverb_flags

        def leading(word: str, flag: str) -> bool:
            # One-character adverbs are prefixes too often (超穎透鏡): only longer ones lead.
            return flag in lead or word in cues or (flag in adverbs and len(word) > 1)

        cut = False  # 'after_lead' words lead only after a word that led (國內|唯一)
        while len(tokens) > 1:
            # One-character adverbs and auxiliaries before a cue word are the clause's too
            # (則|可|申請新藥上市許可), where before another verb they start the name (可解釋AI).
            k = 0
            while k < len(tokens) - 1 and len(tokens[k][0]) == 1 and tokens[k][1] in "dv":
                k += 1
            if leading(*tokens[0][:2]) or (cut and tokens[0][0] in spec.after_lead):
                tokens = tokens[1:]
            elif k and leading(*tokens[k][:2]):
                tokens = tokens[k:]
            else:
                break
            cut = True
        return name[tokens[0][2] :] if tokens else name

    def _in_event(self, text: str, end: int, en: str) -> bool:
        """Whether an abbreviation alone glosses part of an event's title: one of
        ``events_after`` (會議, 論壇 …) right after its bracket (「高齡科技產業策略(SRB)會議」);
        a name spelled out in English is the thing (碳化矽(Silicon Carbide, SiC)論壇)."""
        return not en and text.startswith(self._settings.not_technology.events_after, end)

    @cached_property
    def _generic(self) -> frozenset[str]:
        """The chunker's generic words (系統整合, 技術平台 …): defined or not, no name."""
        return frozenset(rules("chunk")["generic"])

    @cached_property
    def _attributives(self) -> frozenset[str]:
        """The chunker's bound attributives (型, 式): a word of their own only before a head."""
        return frozenset(rules("chunk")["attributives"])

    @cached_property
    def _generic_phrases(self) -> tuple[str, ...]:
        """The generic words of four characters or more (系統整合, 技術平臺): two words."""
        return tuple(g for g in self._generic if len(g) >= 4)

    def _respelled(self, zh: str, en: str, abbr: str | None) -> tuple[Label, str | None] | None:
        """The label and kind of the lexicon term the definition's abbreviation or English
        name names, where ``zh`` spells one of its Chinese names otherwise: at least
        ``respelled`` of its characters in that name, in order (企業永續報告指令(CSRD) is the
        lexicon's 企業永續報導指令, a Regulation), with or without a place in front (日本羅姆(ROHM)
        is the lexicon's company 羅姆半導體). An abbreviation alone types nothing else
        (雲端運算(CSRD) stays a technology)."""
        place = next((p for p in self._places if zh.startswith(p) and len(zh) > len(p)), "")
        for given in (abbr, en):
            known = self._known_keys.get(name_key(given)) if given else None
            if known is None:
                continue
            # 日本羅姆(ROHM): 羅姆 of Japan, the lexicon's company 羅姆半導體; 美國…(SBIR)計畫:
            # another country's programme, no Taiwanese scheme
            firm = known.label is Label.ORGANIZATION
            names = {zh, zh[len(place) :]} if firm else {zh}
            chinese = [f for f in known.surface_forms if _HAS_CJK.search(f)]
            least = self._settings.respelled
            if any(shared_in_order(n, f) >= least * len(n) for n in names for f in chinese):
                return known.label, known.kind
        return None

    @cached_property
    def _places(self) -> tuple[str, ...]:
        """Places a name may start with (rules/orgs.json), the longest first."""
        spec = rules("orgs")
        return tuple(sorted({*spec["home_places"], *spec["foreign_places"]}, key=len, reverse=True))

    def _not_technology(self, en: str, abbr: str | None, zh: str = "") -> bool:
        """Whether a gloss names a disease, an award, a day, a fair or a metric, not a
        technology (World Quantum Day, Gross Domestic Product, GDP), or the Chinese name is a
        generic word (系統整合(System Integration, SI)) or ends in the head of an industry or
        an event (資通訊科技業(ICT), 消費電子展(CES)), or in a bound attributive (現貨型)."""
        spec = self._settings.not_technology
        if zh in self._generic or zh.endswith(spec.zh_suffixes):
            return True
        if zh and self._tag(zh)[-1][0] in self._attributives:
            return True  # 現貨|型(off-the-shelf): a bound 型 or 式 qualifies a thing, names none
        words = re.findall(r"[A-Za-z]+", en)
        if words and words[-1] in spec.en_heads:
            return True
        return en in spec.metrics or abbr in spec.metrics

    def _plausible_english(self, en: str, abbr: str | None) -> bool:
        """A technical English name or an abbreviation; not a citation, date, unit or person.

        A single English word without an abbreviation (``Nvidia``, ``Megatrends``) is too
        often a company, a report or a translation gloss to make a new entity from.
        """
        settings = self._settings
        if en:
            # Whole words: Co. is a company's, Competition, Control and Co-operation are none.
            if any(re.search(rf"\b{re.escape(w)}\b(?!-)", en) for w in settings.en_stopwords):
                return False
            if settings.person_like.search(en) or re.search(r"\d{4}", en):
                return False
            if sum(c.isalpha() for c in en) < 2:
                return False
        words = len(re.findall(r"[A-Za-z]+", en))
        return bool(abbr) or words >= settings.min_en_words_new


def _initials(english: str) -> str:
    """The capitals starting the words of ``english`` (Time-Sensitive Networking → TSN)."""
    return "".join(w[0] for w in re.split(r"[ \-]+", english) if w[:1].isupper())


def split_abbr(raw: str) -> tuple[str, str | None]:
    """A normalised name and its bracketed abbreviation: ``中國科學院(CAS)`` → (中國科學院, CAS).

    The split happens before the normaliser trims the closing bracket off the name.
    """
    m = _PAREN_ABBR.match(normalise(raw).strip())
    if m is None:
        return normalise_name(raw), None
    return normalise_name(m.group("name")), m.group("abbr")


def classify(name: str, english: str = "") -> Label:
    """The label a name's ending (or its English name) gives, by ``classify`` in terms.json.

    >>> classify("教育部"), classify("光寶科技"), classify("波長選擇開關")
    (<Label.AGENCY: 'Agency'>, <Label.TECHNOLOGY: 'Technology'>, <Label.TECHNOLOGY: 'Technology'>)
    >>> classify("歐盟碳邊境調整機制"), classify("外國汙染費", "Foreign Pollution Fee Act")
    (<Label.REGULATION: 'Regulation'>, <Label.REGULATION: 'Regulation'>)
    >>> classify("框架", "AI Risk Management Framework"), classify("", "Trusted AI Framework")
    (<Label.REGULATION: 'Regulation'>, <Label.TECHNOLOGY: 'Technology'>)
    """
    return classified(name, english)[0]


def classified(name: str, english: str = "") -> tuple[Label, str | None]:
    """:func:`classify`'s label, with the kind a rule's ``abroad`` gives (else None).

    >>> classified("美國地質調查局"), classified("經濟部標準檢驗局")
    ((<Label.ORGANIZATION: 'Organization'>, 'foreign body'), (<Label.AGENCY: 'Agency'>, None))
    """
    last = re.findall(r"[A-Za-z]+", english)[-1:]
    for rule in term_settings().classify:
        if rule.prefixes is not None and not name.startswith(rule.prefixes):
            continue  # 歐盟碳邊境調整機制: a foreign body's mechanism is its regulation
        if (
            _ends_in_head(name, rule.suffixes, last)
            or (last and last[0] in rule.en_last)
            # … Risk Management Framework: a regulation's title
            or (english and f" {english}".endswith(tuple(f" {e}" for e in rule.en_ends)))
            or (english and any(w in english for w in rule.en_words))
        ):
            abroad = rule.abroad
            if abroad and name.startswith(abroad.prefixes):
                return abroad.label, abroad.kind
            return rule.label, None
    return Label.TECHNOLOGY, None


def _ends_in_head(name: str, suffixes: tuple[str, ...], last: list[str]) -> bool:
    """Whether ``name`` ends in one of ``suffixes`` as its head. A head of ``gloss_heads``
    (rules/terms.json: 法) is one only where no English name is printed with it or that name's
    ``last`` word agrees: 數位療法(Digital Therapeutic) is a treatment, 醫療法 a law.

    >>> _ends_in_head("數位療法", ("法",), ["Therapeutic"]), _ends_in_head("醫療法", ("法",), [])
    (False, True)
    """
    heads = term_settings().gloss_heads
    return any(
        name.endswith(s) and (not last or s not in heads or last[0] in heads[s]) for s in suffixes
    )


def _url(cell: str) -> str | None:
    m = _URL.search(cell)
    return m.group().strip("<>") if m else None
