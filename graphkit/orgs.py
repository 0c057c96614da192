"""Organisations by their head word: 公司, 大學, 協會 … after a name-like run of tokens.

The jieba tagger of :class:`graphkit.chunk.Chunker` segments a prose clause; a token ending in a
head word closes a name, and the name is the run of noun-like tokens before it. The token in
front of the run must be a boundary (a preposition, a conjunction, punctuation …), so a verb in
front (表面處理|工業同業公會) leaves no name rather than a fragment. Settings are data
(``schema/rules/orgs.json``); the mentions are resolved like every other recogniser's
(source ``org-head``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from .chunk import PROSE, Chunker, Token
from .orgsettings import RULES as RULES
from .orgsettings import OrgSettings as OrgSettings
from .orgsettings import load_settings as load_settings
from .records import FOREIGN_BODY, DatedEvent, Label, Mention, Segmented

#: (start, end) of the printed name, (start, end) of the name proper (no modifier in front;
#: a Latin company name without its country and 公司), and whether a foreign place leads it.
Found = tuple[int, int, int, int, bool]


def org_names(tokens: Sequence[Token], settings: OrgSettings) -> list[Found]:
    """Organisation names in a tagged clause: a head-word token and the name-like run before it."""
    out: list[Found] = []
    for i, (word, _, _) in enumerate(tokens):
        head = next((h for h in settings.heads if word.endswith(h)), None)
        # A ministry, an office or a bureau is a body only with a foreign place in front
        # (美國|商務部, 日本|經濟產業省): at home those are agencies, and a lexicon's.
        government = head is None and len(word) > 1 and word not in settings.not_heads
        head = head or next((h for h in settings.foreign_heads if word.endswith(h)), None)
        if head is None or (head in settings.foreign_heads and not government):
            continue
        after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if word == head and after.startswith(settings.head_continues):
            continue  # 公司 qualifies a noun: the company's own (ChatGPT公司內部, 公司帳號)
        first = i
        # A trade association's name may hold its trade's verb (表面|處理|工業同業公會).
        trade = head in settings.verb_inside_heads
        while first > 0 and (
            _name_like(tokens, first - 1, settings)
            or (trade and _trade_verb(tokens, first - 1, settings))
        ):
            first -= 1
        before = tokens[first - 1] if first > 0 else None
        if before is not None and not _boundary(before, settings, tokens[first]):
            continue  # a verb or an adjective in front: the run is a fragment
        while first < i and (tokens[first][0] in settings.not_first or tokens[first][1] == "vn"):
            first += 1
        start, end = tokens[first][2], tokens[i][2] + len(word)
        name = "".join(t[0] for t in tokens[first : i + 1])
        proper = _proper(tokens[first:i], settings) or (
            len(word) > len(head) and tokens[i][1] in settings.proper_flags
        )
        if not (proper or name.startswith(settings.proper_words)):
            continue  # a description (新創公司, 策略聯盟), not a name
        cut = next((len(m) for m in settings.modifiers if name.startswith(m)), 0)
        body = len(name) - cut - len(head)
        if body < settings.min_chars or len(name) > settings.max_chars:
            continue
        if (
            _generic(name[cut:], tokens[first:i], word, head, settings)
            or tokens[i - 1][0].isdigit()
        ):
            continue  # a description (上市櫃公司, Google母公司), or an item code (Talent 2公司)
        # 臺北市 is at home: a home place starts it.
        home = tokens[first][0].startswith(tuple(settings.home_places))
        foreign = tokens[first][1] == "ns" and not home
        abroad = tokens[first][0].startswith(settings.foreign_places)
        if government and not ((foreign and first < i) or (abroad and len(name) > 3)):
            continue  # 美國商務部 may be one word of jieba's
        foreign = foreign or abroad
        span = _latin(tokens[first : i + 1], settings) or (start, end, start + cut, end)
        out.append((*span, foreign))
    return out


def _trade_verb(tokens: Sequence[Token], at: int, settings: OrgSettings) -> bool:
    """Whether ``tokens[at]`` is a verb inside a trade association's name: a name's word
    before it, or before the verb before it (臺灣|鑄造|品(v)|公會)."""
    verb = [k for k in (at, at - 1) if k > 0 and tokens[k][1] == "v"]
    return bool(verb) and verb[0] == at and _name_like(tokens, verb[-1] - 1, settings)


def _generic(name: str, run: Sequence[Token], word: str, head: str, settings: OrgSettings) -> bool:
    """Whether a name is a description: a 'generic' word (上市櫃公司), a head token that is one
    (Google|母公司: a parent company, not its name), or one after places (歐亞|機構, 美國|矽谷|
    研發中心, 今年|台灣|公司): the words before the head hold no name but a place's."""
    lead = 0
    while lead < len(run) and (run[lead][1] == "ns" or run[lead][0] in settings.places):
        lead += 1
    country = any(t[0] in settings.places for t in run[:lead])
    rest = name[sum(len(t[0]) for t in run[:lead]) :] if lead else ""
    # A head word of its own after a place jieba knows keeps the name (巴拿馬運河|公司).
    after_place = rest in settings.generic and (country or rest not in settings.heads)
    return name in settings.generic or (word != head and word in settings.generic) or after_place


def company_names(tokens: Sequence[Token], settings: OrgSettings) -> list[tuple[int, int]]:
    """Firms named by a word jieba does not know and a company's ending (京|元|電子, 慧|榮|科技):
    two lone characters, none a function word (``stem_not_flags``), right before a word of
    ``company_endings``, after a boundary, a word of two characters or more, or nothing, and
    doing what a firm does (``actor_words``, adverbs between: 京元電子|宣布, 智原科技|也|推出)
    or printed with its legal form (``legal_forms``: 京元電子|股份|有限公司, the name with it).
    Two countries' one-character names (``place_chars``: 台|日|科技) are no firm's.
    A known word before the ending is what a sector makes (汽車|電子, 生物科技), no firm; so is
    a name doing nothing (發展|低|碳|科技)."""
    out: list[tuple[int, int]] = []
    for i in range(2, len(tokens)):
        word, _, at = tokens[i]
        stem = tokens[i - 2 : i]
        if word not in settings.company_endings:
            continue
        legal = _legal_form(tokens[i + 1 : i + 3], settings)
        if legal is None and not _acts(tokens[i + 1 :], settings):
            continue
        if any(_no_stem(t, settings) for t in stem):
            continue
        if all(t[0] in settings.place_chars for t in stem):
            continue  # two countries (台日|科技|投資: Taiwan-Japan tech investment)
        before = tokens[i - 3] if i > 2 else None
        if before is None or _parts(before, settings):
            end = at + len(word) + (legal or 0)
            out.append((stem[0][2], end))
    return out


def maker_names(tokens: Sequence[Token], settings: OrgSettings) -> list[tuple[int, int]]:
    """Bodies named right before a model number and a product's noun (長榮|787|客機, 立榮|ATR72|
    客機: ``model_nouns``): a word of two characters or more tagged one of ``maker_flags`` (a
    proper name's or an abbreviation's), no place, after a word of its own, a boundary or
    nothing, and a Latin code with a digit. A verb there (採用|M2|晶片) names none, nor a
    country (美國|F16|戰機), nor a word before a technology's abbreviation (高階|AI|晶片).

    >>> from graphkit.chunk import Chunker
    >>> t = "改由長榮787客機載運,採用M2晶片,美國F16戰機,中高階AI晶片"
    >>> [t[s:e] for s, e in maker_names(Chunker().tag(t), load_settings())]
    ['長榮']
    """
    out: list[tuple[int, int]] = []
    for i in range(len(tokens) - 2):
        (word, flag, at), (code, code_flag, _) = tokens[i], tokens[i + 1]
        if tokens[i + 2][0] not in settings.model_nouns or code_flag != "eng":
            continue
        if not any(c.isdigit() for c in code):
            continue  # a technology's abbreviation, no model (高階|AI|晶片)
        if len(word) < 2 or flag not in settings.maker_flags or word in settings.places:
            continue
        if i == 0 or _parts(tokens[i - 1], settings):
            out.append((at, at + len(word)))
    return out


def officer_names(tokens: Sequence[Token], settings: OrgSettings) -> list[tuple[int, int]]:
    """Bodies named by a word jieba does not know before an officer's title (台|智|雲|總經理,
    ``officer_titles``): two or three lone characters, none a function word
    (``stem_not_flags``), after a boundary, a joiner or a word of two characters or more. A
    known word there (公司|總經理, 前任|董事長) names no body; nor does a person's name, which
    news prints before the title as often (林|佳|慧|總經理, 宏碁|陳|俊|聖|董事長): a stem
    whose first character is one of ``surnames`` or is tagged one of ``person_flags``. A
    ``title_prefixes`` character before the title makes it another title (副|執行長: a
    deputy's), and the words before it are as often a person's name: none is taken.

    >>> from graphkit.chunk import Chunker
    >>> t = "華碩雲端暨台智雲總經理吳漢章觀察,公司總經理表示,林佳慧總經理指出,顧志宏副執行長強調"
    >>> [t[s:e] for s, e in officer_names(Chunker().tag(t), load_settings())]
    ['台智雲']
    """
    out: list[tuple[int, int]] = []
    for i, (word, _, at) in enumerate(tokens):
        if word not in settings.officer_titles:
            continue
        if i > 0 and tokens[i - 1][0] in settings.title_prefixes:
            continue  # 副|執行長 (deputy CEO): the words before are as often a person's name
        for n in (3, 2):
            stem = tokens[max(0, i - n) : i]
            if len(stem) < n or any(_no_stem(t, settings) for t in stem):
                continue
            if stem[0][0] in settings.surnames or stem[0][1] in settings.person_flags:
                break  # a person's name: 林佳慧總經理, 陳俊聖董事長
            if n == 2 and i > 2 and tokens[i - 3][0] in settings.surnames:
                break  # a given name after its surname (何|雪|聲: 何 is a pronoun to jieba)
            before = tokens[i - n - 1] if i > n else None
            if before is None or _parts(before, settings):
                out.append((stem[0][2], at))
                break
    return out


def _no_stem(token: Token, settings: OrgSettings) -> bool:
    """Whether a token is no lone character of an unknown word: a function word (by its tag, or
    one of ``stem_not_chars``: numerals, determiners), a digit."""
    word, flag, _ = token
    function = flag in settings.stem_not_flags or word in settings.stem_not_chars
    return len(word) != 1 or function or word.isdigit()


def _parts(before: Token, settings: OrgSettings) -> bool:
    """Whether a name may start after ``before``: a word of its own, a boundary, a joiner
    (``joiners``: rules/lists.json's and orgs.json 'name_joiners')."""
    return len(before[0]) > 1 or before[1] in settings.left_flags or before[0] in settings.joiners


def _abbreviates(short: str, name: str, settings: OrgSettings) -> bool:
    """Whether ``short`` is an abbreviation of ``name``: characters of the name in order
    (京元電 of 京元電子股份有限公司, 工總 of 全國工業總會), not a place or a generic word.

    >>> s = load_settings()
    >>> [_abbreviates(a, b, s) for a, b in (("京元電", "京元電子股份有限公司"),
    ...  ("工總", "全國工業總會"), ("測試", "京元電子"), ("美國", "美國Acme公司"))]
    [True, True, False, False]
    """
    rest = iter(name)
    common = short in settings.places or short in settings.generic
    return short != name and not common and all(ch in rest for ch in short)


def _legal_form(after: Sequence[Token], settings: OrgSettings) -> int | None:
    """The length of the legal form the words ``after`` a name start with (股份|有限公司)."""
    text = "".join(t[0] for t in after)
    return next((len(f) for f in settings.legal_forms if text.startswith(f)), None)


def _acts(after: Sequence[Token], settings: OrgSettings) -> bool:
    """Whether the words after a name say it acts (``actor_words``, up to two adverbs first)."""
    rest = list(after)
    while rest and rest[0][1] in ("d", "ad") and len(after) - len(rest) < 2:
        rest.pop(0)
    return bool(rest) and rest[0][0] in settings.actor_words


def _boundary(before: Token, settings: OrgSettings, first: Token) -> bool:
    """Whether a name may start right after ``before``: a preposition, conjunction, particle …
    (``left_flags``), a verb whose object is a body (``partner_verbs``: 攜手, 加入), or any word
    when the run's ``first`` word is a proper name's of its own (``led_flags``: 收購|德國|
    Siltronic公司, 培育|清華大學): the verb is then the name's, not a piece of it."""
    led = first[1] in settings.led_flags and len(first[0]) > 1
    return led or before[1] in settings.left_flags or before[0] in settings.partner_verbs


def _proper(body: Sequence[Token], settings: OrgSettings) -> bool:
    """Whether the words before the head hold a proper name. A Latin word before an activity
    (IC|設計|公司, AI|應用) is what the body does, not its name; so is a technology's or a
    role's abbreviation (``not_latin_names``: AI|人才|銀行)."""
    flags = [t[1] for t in body]
    named = [
        j
        for j, f in enumerate(flags)
        if f in settings.proper_flags and body[j][0] not in settings.not_latin_names
    ]
    if named and all(flags[j] == "eng" for j in named):
        return "vn" not in flags[named[0] :]
    return bool(named)


def _name_like(tokens: Sequence[Token], at: int, settings: OrgSettings) -> bool:
    """Whether ``tokens[at]`` can be part of a name: a name-like flag, or the space between
    two Latin words (Ocumension Bio公司)."""
    word, flag, _ = tokens[at]
    if word.isspace():
        return 0 < at < len(tokens) - 1 and tokens[at - 1][1] == tokens[at + 1][1] == "eng"
    return flag in settings.flags and any(ch.isalnum() for ch in word)


def _latin(run: Sequence[Token], settings: OrgSettings) -> tuple[int, int, int, int] | None:
    """A Latin company name before a 'latin_heads' word, a place in front dropped: 美國
    Wolfspeed公司 names Wolfspeed (the printed form stays an alias)."""
    *body, head = run
    if body and body[0][1] == "ns":
        body = body[1:]
    latin = bool(body) and all(t[1] == "eng" or t[0].isspace() for t in body)
    if not latin or head[0] not in settings.latin_heads:
        return None
    return run[0][2], head[2] + len(head[0]), body[0][2], body[-1][2] + len(body[-1][0])


def context_names(
    text: str, settings: OrgSettings, label: Label = Label.ORGANIZATION
) -> list[tuple[int, int]]:
    """Names of bodies ``text`` names by their context: organisations (``context`` in
    orgs.json: cited as a source, an English head noun or legal form, a partner of 攜手 or
    與…合作) or, with ``label`` Agency, Taiwanese bodies by structure (``agency_context``).
    A role's or a technology's abbreviation (``not_latin_names``: CFO財務長, ESG首席顧問) is
    none.

    >>> s = load_settings()
    >>> t = "根據Global Growth Insights3 預測，並與「英發企業」合作"
    >>> [t[a:b] for a, b in context_names(t, s)]
    ['Global Growth Insights', '英發企業']
    >>> t = "市場上Metalenz、STMicroelectronics與ADI將陸續布局"
    >>> [t[a:b] for a, b in context_names(t, s)]
    ['Metalenz', 'STMicroelectronics', 'ADI']
    >>> t = "衛生福利部國民健康署與經濟部科技施政布局"
    >>> [t[a:b] for a, b in context_names(t, s, Label.AGENCY)]
    ['衛生福利部國民健康署']
    """
    return [(s, e) for s, e, _ in context_mentions(text, settings, label)]


def context_mentions(
    text: str, settings: OrgSettings, label: Label = Label.ORGANIZATION
) -> list[tuple[int, int, tuple[int, int] | None]]:
    """:func:`context_names`, each with the span of the name it is known by when a pattern's
    group ``key`` gives one (臻鼎-KY is the firm 臻鼎), else None.

    >>> t = "臻鼎-KY宣布擴產"
    >>> [(t[a:b], k and t[k[0]:k[1]]) for a, b, k in context_mentions(t, load_settings())]
    [('臻鼎-KY', '臻鼎')]
    """
    found: dict[tuple[int, int], tuple[int, int] | None] = {}
    patterns = settings.agency_context if label is Label.AGENCY else settings.context
    for _, pattern in patterns:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if groups.get("list"):
                for span in _items(m.group("list"), m.start("list")):
                    if text[span[0] : span[1]] not in settings.not_latin_names:
                        found.setdefault(span, None)
                continue
            group = next((g for g in ("name", "with", "body") if groups.get(g)), None)
            if group is None or m.group(group) in settings.not_latin_names:
                continue
            if m.group().endswith(tuple(settings.latin_heads)) and text.startswith(
                settings.head_continues, m.end()
            ):
                continue  # a product's 公司 use (ChatGPT公司內部, Copilot公司帳號)
            if groups.get("key") and m.group("key") in settings.company_endings:
                continue  # a sector's stocks (生技-KY類股), no firm
            # A 'body' is named by its whole structure (臺南市政府): no common word's ending.
            if group == "body" or not m.group(group).endswith(tuple(settings.not_heads)):
                found.setdefault(m.span(group), m.span("key") if groups.get("key") else None)
    return sorted((s, e, k) for (s, e), k in found.items())


def _items(listed: str, at: int) -> list[tuple[int, int]]:
    """The spans of the items of a Latin list (A、B與C), ``at`` its offset."""
    item = re.compile(r"[^、及與和\s]+(?: [^、及與和\s]+)*")
    return [(at + m.start(), at + m.end()) for m in item.finditer(listed)]


class OrgRecogniser:
    """Organisation mentions in the prose blocks of a document, outside quotes."""

    def __init__(self, chunker: Chunker, settings: OrgSettings | None = None) -> None:
        self.chunker = chunker
        self.settings = settings or load_settings()

    @cached_property
    def _clause(self) -> re.Pattern[str]:
        # Quoted titles are the pattern rules' (「…聯盟」); a clause stops at a quote mark.
        return re.compile(r"[^，。；：、！？,;:!?\n「」『』《》()（）]+")

    @cached_property
    def _has_head(self) -> re.Pattern[str]:
        """A head word, or a foreign place with a government's head after it (印度政府,
        美國商務部): only such a clause is worth the segmenter."""
        s = self.settings
        heads = "|".join(re.escape(h) for h in s.heads)
        places = "|".join(re.escape(p) for p in s.foreign_places)
        government = "|".join(re.escape(h) for h in s.foreign_heads)
        words = (*s.company_endings, *s.officer_titles, *s.model_nouns)
        endings = "".join(f"|{re.escape(h)}" for h in words)
        return re.compile(f"{heads}{endings}|(?:{places}).*?(?:{government})")

    def recognise(self, seg: Segmented) -> list[Mention]:
        """Organisation mentions in the prose blocks of ``seg``."""
        out: list[Mention] = []
        for i, b in enumerate(seg.blocks):
            if b.kind not in PROSE and not isinstance(b.record, DatedEvent):
                continue  # a dated event's body is prose too (工研院攜手…中山大學)
            for label in (Label.ORGANIZATION, Label.AGENCY):
                for s, e, k in context_mentions(b.text, self.settings, label):
                    key = b.text[k[0] : k[1]] if k else None
                    out.append(Mention(label, b.text[s:e], i, s, e, key=key,
                                       source="org-context"))  # fmt: skip
            for m in self._clause.finditer(b.text):
                quoted = m.start() > 0 and b.text[m.start() - 1] in "「『《"
                if quoted or not self._has_head.search(m.group()):
                    continue
                tokens = self.chunker.tag(m.group())
                found = company_names(tokens, self.settings)
                found += maker_names(tokens, self.settings)
                for start, end in found + officer_names(tokens, self.settings):
                    s, e = start + m.start(), end + m.start()
                    out.append(Mention(Label.ORGANIZATION, b.text[s:e], i, s, e,
                                       source="org-head", kind="company"))  # fmt: skip
                for start, end, p_start, p_end, foreign in org_names(tokens, self.settings):
                    s, e = start + m.start(), end + m.start()
                    ps, pe = p_start + m.start(), p_end + m.start()
                    key = b.text[ps:pe] if (ps, pe) != (s, e) else None
                    kind = FOREIGN_BODY if foreign else None
                    out.append(Mention(Label.ORGANIZATION, b.text[s:e], i, s, e, key=key,
                                       source="org-head", kind=kind))  # fmt: skip
        return out + self._short_names(seg, out)

    def _short_names(self, seg: Segmented, found: Sequence[Mention]) -> list[Mention]:
        """A body's short name given in brackets right after its name (``short_name``:
        京元電子股份有限公司(京元電)), and that name wherever the document prints it as words of
        its own (not 平|臺電|源 for 臺電): the body abbreviated after its first mention. A
        short name that is a common word (:meth:`_common`) names nothing."""
        pattern, short = self.settings.short_name, dict[str, Mention]()
        for m in found:
            hit = pattern.match(seg.blocks[m.block].text, m.end) if pattern else None
            if (
                m.label is Label.ORGANIZATION
                and hit
                and _abbreviates(hit["short"], m.text, self.settings)
                and not self._common(hit["short"])
            ):
                short.setdefault(hit["short"], m)
        if not short:
            return []
        names = re.compile("|".join(re.escape(n) for n in sorted(short, key=len, reverse=True)))
        taken = {(m.block, at) for m in found for at in range(m.start, m.end)}
        out: list[Mention] = []
        for i, b in enumerate(seg.blocks):
            if b.kind not in PROSE:
                continue
            for hit in names.finditer(b.text):
                inside = (i, hit.start()) in taken  # the full name it abbreviates, or another
                if inside or not self._whole(b.text, hit.start(), hit.end()):
                    continue
                m, (s, e) = short[hit.group()], hit.span()
                key = m.key or m.text
                out.append(Mention(Label.ORGANIZATION, hit.group(), i, s, e, key=key,
                                   source="org-head", kind=m.kind))  # fmt: skip
        return out

    def _common(self, short: str) -> bool:
        """Whether a short name is a common word: one word the segmenter tags one of
        ``short_not_flags`` (統一 'unify', 聯合 'jointly'), or one that starts names of many
        bodies (``proper_words``: 中華 of 中華航空, 中華文化節, 中華職棒)."""
        tokens = self.chunker.tag(short)
        one = len(tokens) == 1 and tokens[0][1] in self.settings.short_not_flags
        return one or short in self.settings.proper_words

    def _whole(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` starts and ends where the segmenter's words do."""
        clause = next(c for c in self._clause.finditer(text) if c.start() <= start < c.end())
        tokens = self.chunker.tag(clause.group())
        starts = {t[2] + clause.start() for t in tokens}
        ends = {t[2] + len(t[0]) + clause.start() for t in tokens}
        return start in starts and end in ends
