"""The DEVELOPS settings: what ``schema/rules/develops.json`` holds, read once and checked.

The cue words of the DEVELOPS rules (:mod:`graphkit.develops`) are data; this module turns the
file into a frozen :class:`DevelopsSettings` whose errors name the file and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .knowledge import rules
from .rulefile import RulesFile

#: Name of the settings file under ``schema/rules``.
RULES = "develops"


@dataclass(frozen=True, slots=True)
class DevelopsSettings:
    """What ``schema/rules/develops.json`` holds, checked.

    Attributes:
        work_verbs: Verbs that state the programme's own work (開發, 建立 …); one must come
            before the technology in its clause.
        background: Words that make a clause background, market context or a contrast
            (隨著, 市場, 依賴 …); a clause with one develops nothing.
        parties: Other parties and places (各國, 國際, 大廠, 美國 …): named before the
            clause's first work verb they are its subject (國際大廠開發X: theirs), after it
            the source (導入國外X), unless one of ``qualifier_ends`` follows them: then they
            qualify what is worked on (研發具國際競爭優勢之X: own work).
        qualifier_ends: What closes a qualifier in front of a noun (之, 的).
        clause_breaks: Characters that end a clause.
        markup: HTML or LaTeX: a sentence with it is a table cell or formula, never work.
        titles: A figure or table caption: a title, not a statement of work.
        own: Words naming the programme as the subject (本計畫, 科技專案 …).
        others: Words naming another party as the subject (各國, 大廠, 營運商 …): when the
            last subject before the mention in its sentence is one of these, the work is
            theirs.
        work_after: What states the work after the mention (X技術開發, X的研發): a clause
            whose subject is the programme (one of ``own``) may name its work verb after.
        list_intros: Words that, before a colon, introduce an enumeration (如：A、B): the
            colon does not end the clause, the list belongs to the verb before it.
        purpose: A clause that opens with it states a goal (為突破矽基半導體限制): what it
            names is the problem or the aim, not the work.
        sector: Right after a mention (and the items listed with it), what makes it an
            industry or a market (半導體、印刷電路板等產業), not a technology worked on.
        effects: Verbs of an effect or an aim (降低, 提升, 滿足 …): after the work verb and
            before the mention, they make the mention what the work acts on, not the work
            (開發轉換器以降低AI資料中心耗能).
        not_effects: Nouns that hold an effect's verb and are none (解決方案: a solution,
            listed as a thing worked on: 開發…裝置、…解決方案、X晶片).
        purpose_marks: Right before an effect's verb, what makes it the work's aim (以降低,
            來提升, 進而減少); without one, an effect followed by a qualifier's end is said in a
            qualifier of the mention (發展可…協助健身的智慧服飾: the mention is the work).
        examples: Before a mention, an open bracket after an industry or a field (各行各業（,
            應用領域（如：): the bracket lists examples of industries, not work.
        means: Verbs of the means of the work (透過, 結合, 藉由 …): they state work when the
            programme is the subject of the sentence (本科技專案藉由真空熱處理技術…).
        own_verbs: Verbs that state work only with the programme as the subject (科技專案
            同時發展X, 規劃X, 推動X, 針對X, 布局X; 隨著產業發展, 政府推動 are none).
        capacities: Nouns that a work verb after the mention modifies (研發能量, 設計人才,
            設計方面): a capacity or a field, not a statement of work.
        means_opens: Words that open a clause stating the means (以, 透過 …): what it names
            is worked on when a work verb follows in it or in the next clause.
        times: Words that, right after a work verb, make it a time (完成之後, 完成後，).
        not_means: Words starting with a means word that are none (以往, 以及, 以上 …).
        not_times: Words starting with a time word or a capacity that are none (後段, 後端:
            開發後段封裝; 策略性: 開發策略性材料).
        item_opens: What opens a heading or a numbered item (■, 【, - 二、) up to the mention.
        item_technique: After a mention that opens a heading or an item, what makes it the
            technique the item presents (X技術 and the heading's space, its end or a colon).
        heading: A paragraph that is a heading (■ … ■, 【…】, a line without a clause's
            punctuation): it opens a section of the article.
        consequences: Words opening the clause after the mention's that make the mention's
            a condition (實現高性能晶片的製造，則必須依賴先進製程: what it takes, not work).
        name_suffixes: Generic words a programme's name may end with, left off when the text
            quotes it (科技專案「X技術」 names the programme X技術開發計畫).
        firms: Firms (廠商 …): in the mention's clause before it, the work's subject.
        partners: Right before a firm or organisation, what makes it a partner (與國內廠商)
            or the one the work serves (提供中小型業者…服務): no subject of the work.
        negations: Right before a mention, what the work does without (無GNSS環境, 擺脫X).
        for_use: Right after a mention (and its gloss), what makes it a use of the thing worked
            on (X用Y) or what holds it (X中的Y, X上的Y).
        definitions: Words that define a thing or say what it is good for (是一種, 是指,
            優點為): before the mention in its sentence, without the programme as the subject,
            the sentence describes a technique (…，是一種…加工技術，並且能夠…製作X), not work.
        conjunctions: A clause that opens with one (…稀土金屬的提煉，與高品質合金粉體材料技術)
            adds to the list of the clause before it: it is read with that clause.
        copulas: What, right before a work verb, makes it a description of a thing (它…是製作
            筆電的關鍵材料), unless the programme is the subject (科技專案「X」是建立Y技術).
        companions: A qualifier after the work verb naming what the thing worked on goes with
            (與國產設備控制器及製程產線結合的): a mention inside it is not the work.
        trends: The clause after the mention's, when it says the mention's is a trend or a
            focus of the field (…的3D通訊網路，將是下世代行動通訊的發展重點): no work, unless
            the programme is named in the mention's clause.
        heading_states: Words a heading ends in when it names a state of the field (現況,
            趨勢, 背景): its section is no statement of the programme's work.
        not_others: Words that hold one of ``others`` and are none (其它: other).
        applications: Words saying what a thing is for or applied to (適用於, 應用於): between
            the work verb and the mention, with no qualifier's end (之, 的) closing them before
            it, they make the mention the result's use (經驗證適用於汽車零組件鑄造), not work;
            closed, they qualify the thing worked on (開發適用於室內的AMR: AMR is the work).
        application_ends: What closes a use right after the work verb (研發應用於A、B等晶片:
            the 晶片 is the work); after an object (開發X應用於Y) only ``qualifier_ends`` do.
        passives: What, right before a work verb, makes it passive (經驗證適用於: 'having been
            verified'; AI亦被導入X): it says what was done to a thing, not the programme's work.
        wastes: Right before a mention, what makes it the waste the work recycles (廢棄PC塑膠):
            what the work acts on, not what it develops; right after one, what makes it the
            process the waste comes from (精密鑄造廢棄陶殼模材).
        waste_times: Right after a waste word after a mention, what makes the word the
            product's own end of life (塑膠廢棄後可分解): no waste of its process.
        heading_closers: The marks a heading may end with (■, 】, a colon, spaces), left off
            before reading what its words end in (``heading_states``).
        heading_technique: A technique a heading opens with (after its mark or number): its
            first word up to 技術 (■ 動態庫存預測技術 精準管理庫存 ■).
        heading_word_end: What, right after ``heading_technique``, ends the heading's first
            word (a space, a closing mark, a colon or the heading's end): the heading then
            presents that technique as the programme's work.
        locative: A locative (在, 於, an adverb before it) that is all of the mention's clause
            before it, after the programme's name (科技專案在光電元件開發16通道WDM): the mention
            is the field the work is done in, not its object.
        vehicles: Right after a mention that 以 comes before in its clause, what makes it the
            vehicle or the base of the work (以X為載體, 以X作為…的載具, 以X為核心): with the
            programme as the subject, its work.
        field_uses: Right after a mention that one of ``places`` (於, 在) comes right before,
            what makes it the field a result is applied in (突破X材料於衛星通訊領域之應用).
        year_led: A clause opening with a year and no subject (2025年繼續發展X): a step of the
            programme's timeline, whose subject is the programme unless another is named.
        contrast_cues: The background cues whose object a party right after is (依賴國外進口):
            no subject of the work that follows.
        locative_ends: What may follow a work verb after the mention in a locative clause
            (在X技術的研發上): the mention is then the nominalised work's object.
        home_parties: An industry, its field and its makers (產業, 業界, 廠): a
            subject of the work when a verb of work follows them (after ``subject_adverbs``
            only: 電子製造產業也加速導入X, 電動巴士廠運用X) or end a clause (協助國內業者，
            導入X); named last before the mention, the work is theirs, not the programme's.
        subject_adverbs: Adverbs and modals between a subject and its verb (也, 將, 不斷 …).
        helps: Verbs of help (協助, 輔導, 有助於 …): a party that ends their clause (協助國內
            業者，) is the subject of the work the sentence states after it; a party between
            one and a work verb in the mention's clause (有助於我國提前布局X) is that verb's.
        modals: Modals (可, 能, 不再 …): after a noun that opens the clause after a means clause
            in a sentence with no work verb (透過X，醫療器材不再…), that noun is who uses X.
        joint: Words of a joint work (合作, 共同): right before a work verb a party after a verb
            of help does (促進產學研合作開發X), the programme takes part in the work.
        places: Locatives (在, 於): a party after one in its clause, with no verb before it, is
            where the work is done (本計畫於國內晶圓廠導入X), no subject.
        not_parties: Words holding one of ``home_parties`` that name no party (工廠: a plant).
        undone: What, right before a work verb, says it was not done (尚未開發X, 並未建立X):
            the verb states no work.
        future: Words of what is to come (未來): a clause that opens with one states a
            prospect, not work, unless the programme is the subject (named before the mention,
            or the subject of its section: 未來本科技專案將持續推動X, its plan); inside a clause
            the word qualifies (支援未來6G通訊之X, 預計未來三年內完成X) and vetoes nothing.
        modal_reach: How far into the clause after an opening means a modal may come for the
            words before it to be a subject of its own (搭配X，醫師可…).
        partner_reach: How far before a firm one of ``partners`` may come, with no verb of
            work, means or help between, for the firm to be a partner (與國內相關業者合作建立X).
        partner_between: The words that may stand between such a cue and the firm (國內, 相關:
            串聯國內業者開發X); anything else needs one of ``joint`` after the firm (與國內外
            業者合作), else the cue joins words of the firm's name (紡織與成衣相關業者導入X).
        replacements: The ``background`` words of a replacement (取代): after the mention in
            its clause, with the programme as the subject named in the sentence or the clause
            opening with one of ``means_opens``, the mention is the new thing the work puts in
            place (利用X模式取代傳統分站模式), no background.
    """

    work_verbs: tuple[str, ...]
    background: tuple[str, ...]
    parties: tuple[str, ...]
    qualifier_ends: tuple[str, ...]
    clause_breaks: frozenset[str]
    markup: re.Pattern[str]
    titles: re.Pattern[str]
    own: tuple[str, ...]
    others: tuple[str, ...]
    work_after: re.Pattern[str]
    list_intros: tuple[str, ...]
    purpose: re.Pattern[str]
    sector: re.Pattern[str]
    effects: tuple[str, ...]
    not_effects: tuple[str, ...]
    purpose_marks: tuple[str, ...]
    examples: re.Pattern[str]
    means: tuple[str, ...]
    own_verbs: tuple[str, ...]
    capacities: tuple[str, ...]
    means_opens: tuple[str, ...]
    times: tuple[str, ...]
    not_means: tuple[str, ...]
    not_times: tuple[str, ...]
    item_opens: re.Pattern[str]
    item_technique: re.Pattern[str]
    heading: re.Pattern[str]
    consequences: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    firms: tuple[str, ...]
    partners: tuple[str, ...]
    negations: tuple[str, ...]
    for_use: re.Pattern[str]
    definitions: tuple[str, ...]
    conjunctions: tuple[str, ...]
    copulas: re.Pattern[str]
    companions: re.Pattern[str]
    trends: re.Pattern[str]
    heading_states: tuple[str, ...]
    not_others: tuple[str, ...]
    applications: tuple[str, ...]
    application_ends: tuple[str, ...]
    passives: re.Pattern[str]
    wastes: tuple[str, ...]
    waste_times: tuple[str, ...]
    heading_closers: str
    heading_technique: re.Pattern[str]
    heading_word_end: re.Pattern[str]
    locative: re.Pattern[str]
    vehicles: re.Pattern[str]
    field_uses: re.Pattern[str]
    year_led: re.Pattern[str]
    contrast_cues: tuple[str, ...]
    locative_ends: tuple[str, ...]
    home_parties: tuple[str, ...]
    subject_adverbs: tuple[str, ...]
    helps: tuple[str, ...]
    modals: tuple[str, ...]
    joint: tuple[str, ...]
    places: tuple[str, ...]
    not_parties: tuple[str, ...]
    undone: tuple[str, ...]
    future: tuple[str, ...]
    modal_reach: int
    partner_reach: int
    partner_between: tuple[str, ...]
    replacements: tuple[str, ...]


#: How a field is read: a list of words (``non_empty``: at least one), a regular expression, a
#: string, the characters of a non-empty string, or an integer of at least 1.
_Kind = Literal["words", "non_empty words", "pattern", "text", "characters", "count"]

#: Every field of the file and how it is read, in the order they are read: a file with several
#: bad fields reports the first of them. The dataclass is built by keyword, so its own order of
#: fields does not matter.
_FIELDS: tuple[tuple[str, _Kind], ...] = (
    ("clause_breaks", "characters"),
    ("markup", "pattern"),
    ("work_verbs", "non_empty words"),
    ("background", "non_empty words"),
    ("parties", "words"),
    ("qualifier_ends", "words"),
    ("titles", "pattern"),
    ("own", "non_empty words"),
    ("others", "non_empty words"),
    ("work_after", "pattern"),
    ("list_intros", "words"),
    ("purpose", "pattern"),
    ("sector", "pattern"),
    ("effects", "words"),
    ("means", "words"),
    ("own_verbs", "words"),
    ("examples", "pattern"),
    ("capacities", "words"),
    ("means_opens", "words"),
    ("times", "words"),
    ("not_means", "words"),
    ("not_times", "words"),
    ("item_opens", "pattern"),
    ("item_technique", "pattern"),
    ("heading", "pattern"),
    ("consequences", "words"),
    ("name_suffixes", "words"),
    ("firms", "words"),
    ("partners", "words"),
    ("negations", "words"),
    ("for_use", "pattern"),
    ("trends", "pattern"),
    ("definitions", "words"),
    ("conjunctions", "words"),
    ("copulas", "pattern"),
    ("companions", "pattern"),
    ("heading_states", "words"),
    ("not_others", "words"),
    ("applications", "words"),
    ("application_ends", "words"),
    ("passives", "pattern"),
    ("wastes", "words"),
    ("waste_times", "words"),
    ("heading_closers", "text"),
    ("heading_technique", "pattern"),
    ("heading_word_end", "pattern"),
    ("locative", "pattern"),
    ("vehicles", "pattern"),
    ("field_uses", "pattern"),
    ("year_led", "pattern"),
    ("modal_reach", "count"),
    ("partner_reach", "count"),
    ("contrast_cues", "non_empty words"),
    ("locative_ends", "non_empty words"),
    ("home_parties", "non_empty words"),
    ("subject_adverbs", "non_empty words"),
    ("helps", "non_empty words"),
    ("modals", "non_empty words"),
    ("joint", "non_empty words"),
    ("places", "non_empty words"),
    ("not_parties", "non_empty words"),
    ("not_effects", "words"),
    ("purpose_marks", "words"),
    ("undone", "words"),
    ("future", "words"),
    ("replacements", "words"),
    ("partner_between", "words"),
)


def _read(rf: RulesFile, field: str, kind: _Kind) -> Any:
    """``field`` of ``rf`` read as ``kind`` (Any: each kind's type is checked by its read, and
    the settings' by the test that loads them)."""
    match kind:
        case "words":
            return rf.words(field)
        case "non_empty words":
            return rf.words(field, non_empty=True)
        case "pattern":
            return rf.pattern(field)
        case "text":
            return rf.text(field)
        case "characters":
            return frozenset(rf.text(field, non_empty=True))
        case "count":
            return rf.integer(field, minimum=1)


def load_settings(data: Mapping[str, Any] | None = None) -> DevelopsSettings:
    """The DEVELOPS settings: ``schema/rules/develops.json`` unless ``data`` is given.

    Raises:
        SchemaError: A field is missing or has the wrong type (the message names the field).
    """
    rf = RulesFile(f"rules/{RULES}.json", rules(RULES) if data is None else data)
    return DevelopsSettings(**{field: _read(rf, field, kind) for field, kind in _FIELDS})
