"""The organisations lexicon (schema/lexicons/organizations.jsonl): it loads, its forms name one
body each, ordinary words are never forms, and its names are recognised in sentences."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest

from graphkit.knowledge import all_lexicon_terms, load_lexicon, schema_root
from graphkit.normalise import normalise
from graphkit.pipeline import Pipeline
from graphkit.records import Label
from tests.pipeline_texts import names_of

LEXICON = "lexicons/organizations.jsonl"

#: The kinds an organisation of the lexicon may have.
KINDS = {
    "company",
    "university",
    "hospital",
    "association",
    "alliance",
    "foundation",
    "foreign body",
    "standards body",
    "firm",
    "media",
    "school",
}

#: Ordinary words, places and common nouns that a company's or a body's short name would
#: collide with (統一 "unify", 華新 in 華新麗華 and 華新科, 蘋果 the fruit, 高端 "high-end",
#: 世界先進 in 世界先進國家, 關貿 "trade", 超微 in 超微細, 百度 in 數百度); Latin words
#: matched case-insensitively (shell, sharp, canon); abbreviations that prefix a standard's
#: or a conference's name (IEEE 802.11, ISO 9001, IEC 61508); one that names a technology
#: (XAI, explainable AI); a postposition and a material (製程中|纖維, 供應鏈中|碳排: no 中纖, 中碳).
STOP = [
    "統一", "大同", "中華", "臺灣大", "聯合", "華新", "蘋果", "高端", "創意", "趨勢", "正文",
    "全新", "精華", "合一", "北極星", "奇異", "聯想", "小米", "現代", "日產", "康寧", "中原",
    "東海", "淡江", "可成", "加高", "上品", "亞光", "宏遠", "和大", "建大", "春雨", "長興",
    "漢唐", "鼎新", "精誠", "世界先進", "關貿", "應用材料", "應材", "中石化", "中大", "北大",
    "高大", "聯大", "師大", "海大", "中科大", "華夏", "東陽", "富田", "液化空氣", "超微",
    "百度", "聯合大學", "亞洲大學", "東台", "光陽", "三陽", "晶技", "康普", "高力", "為升",
    "中碳", "中纖", "中橡", "中砂", "新紡", "台南企業", "致新", "興大", "原相", "南電", "超豐",
    "大毅", "年興", "漢民", "華城", "中榮", "世紀鋼", "亞太電", "明基材", "第一銅", "美時",
    "台化", "台光電",
    "Shell", "Sharp", "Canon", "Dow", "Fed", "GE", "GM", "HP", "BP", "3M", "ISO", "IEC",
    "IEEE", "ETSI", "JEDEC", "CDP", "XAI", "Arm", "UN",
]  # fmt: skip


def _rows() -> list[dict[str, object]]:
    text = (schema_root() / "lexicons" / "organizations.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line and not line.startswith("//")]


def _key(form: str) -> str:
    return normalise(form).strip().lower()


def test_the_lexicon_loads_as_organisations_of_known_kinds() -> None:
    terms = load_lexicon(LEXICON)
    assert len(terms) == len(_rows())
    assert len(terms) >= 1100
    assert {t.label for t in terms} == {Label.ORGANIZATION}
    assert {t.kind for t in terms} <= KINDS
    kinds = Counter(t.kind for t in terms)
    assert kinds["company"] >= 650 and kinds["university"] >= 120 and kinds["hospital"] >= 40


def test_the_comment_line_comes_first() -> None:
    text = (schema_root() / "lexicons" / "organizations.jsonl").read_text(encoding="utf-8")
    assert text.startswith("// Companies, alliances, associations and foreign bodies")


def test_no_form_names_two_bodies() -> None:
    """A form (name, alias, short name, English name, abbreviation) of one organisation is no
    form of another entry of any lexicon (an abbreviation shared would merge two bodies)."""
    owners: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for term in all_lexicon_terms():
        for form in term.surface_forms:
            owners[_key(form)].add((term.label.value, normalise(term.name)))
    orgs = {_key(f) for t in load_lexicon(LEXICON) for f in t.surface_forms}
    shared = {form: names for form, names in owners.items() if form in orgs and len(names) > 1}
    assert shared == {}


def test_no_entry_is_written_twice() -> None:
    names = Counter(normalise(str(row["name"])) for row in _rows())
    assert [n for n, c in names.items() if c > 1] == []


@pytest.mark.parametrize("word", STOP)
def test_an_ordinary_word_is_no_form(word: str) -> None:
    forms = {_key(f) for t in load_lexicon(LEXICON) for f in t.surface_forms}
    assert _key(word) not in forms


def test_foreign_bodies_are_organisations_not_agencies() -> None:
    agencies = {_key(f) for t in all_lexicon_terms() if t.label is Label.AGENCY
                for f in t.surface_forms}  # fmt: skip
    foreign = [t for t in load_lexicon(LEXICON) if t.kind in ("foreign body", "standards body")]
    assert len(foreign) >= 100
    assert [t.name for t in foreign if _key(t.name) in agencies] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Companies named without a suffix in a list, by their short names.
        ("台積電、聯電與日月光投控擴大投資。", ["日月光", "聯華電子", "臺灣積體電路製造"]),
        ("群聯、慧榮與威剛推出新款固態硬碟。", ["威剛科技", "慧榮科技", "群聯電子"]),
        ("輝達與美超微、廣達合作打造AI伺服器。", ["廣達電腦", "美超微", "輝達"]),
        ("京元電與力成擴充測試產能。", ["京元電子", "力成科技"]),
        ("中鋼與燁輝合作開發高強度鋼材。", ["中國鋼鐵", "燁輝企業"]),
        ("台船與中鋼投入離岸風電水下基礎。", ["中國鋼鐵", "臺灣國際造船"]),
        ("台泥與亞泥投入儲能。", ["亞洲水泥", "臺灣水泥"]),
        ("西門子歌美颯與沃旭能源合作開發離岸風場。", ["沃旭能源", "西門子歌美颯"]),
        ("輝能與立凱投入固態電池材料。", ["立凱電能科技", "輝能科技"]),
        ("儒鴻與聚陽導入機能性紡織品。", ["儒鴻企業", "聚陽實業"]),
        ("浩鼎與中裕開發新藥。", ["中裕新藥", "臺灣浩鼎生技"]),
        # Universities by their short names, hospitals, foreign bodies by their abbreviations.
        ("臺大、清大與成大組成研究團隊。", ["成功大學", "清華大學", "臺灣大學"]),
        ("臺科大與北科大合作。", ["臺北科技大學", "臺灣科技大學"]),
        ("高雄榮總與長庚醫院合作。", ["長庚紀念醫院", "高雄榮民總醫院"]),
        ("美國國家衛生研究院(NIH)與臺大醫院合作。", ["美國國家衛生研究院", "臺大醫院"]),
        (
            "日本NEDO與韓國MOTIE皆投入氫能。",
            ["日本新能源產業技術綜合開發機構", "韓國產業通商資源部"],
        ),
        ("根據拓墣產業研究院統計。", ["拓墣產業研究院"]),
        # Foreign firms by their Chinese and English names.
        ("Keysight與羅德史瓦茲推出6G量測儀器。", ["是德科技", "羅德史瓦茲"]),
        ("巴斯夫與陶氏化學投資循環材料。", ["巴斯夫", "陶氏化學"]),
        ("愛迪達與耐吉訂定永續目標。", ["愛迪達", "耐吉"]),
        ("葡萄王與大江生醫開發保健食品。", ["大江生醫", "葡萄王生技"]),
        ("京東方與TCL華星光電擴產。", ["TCL華星光電", "京東方科技集團"]),
        # a firm whose name holds a verb, by its local names (台灣|應用(v)|材料|公司)
        ("並與台灣應用材料公司合作開發量產製程。", ["Applied Materials"]),
    ],
)
def test_known_organisations_are_recognised(
    pipeline: Pipeline, text: str, names: list[str]
) -> None:
    assert names_of(pipeline, text, Label.ORGANIZATION) == names


@pytest.mark.parametrize(
    "text",
    [
        "本專案已建置具高通量篩選能力的平台。",  # 高通 (Qualcomm) inside 高通量
        "採用超微細纖維開發機能布料。",  # 超微 (AMD) inside 超微細
        "加熱至數百度以上的高溫製程。",  # 百度 (Baidu) inside 數百度
        "全球關貿議題持續延燒。",  # 關貿 (Trade-Van) is trade
        "世界先進國家紛紛投入。",  # 世界先進 (Vanguard) in 世界先進國家
        "已成為供應鏈中碳排熱點之一。",  # 中碳 (China Steel Chemical) across 中|碳排
        "製程中纖維的強度提升。",  # 中纖 (China Man-Made Fiber) across 中|纖維
        "推出新紡織品。",  # 新紡 (Shinkong Textile) across 新|紡織品
        "導致新的問題。",  # 致新 (GMT) across 導致|新的
        "振興大健康產業。",  # 興大 (中興大學) across 振興|大健康
        "需要大毅力。",  # 大毅 (Ta-I) across 大|毅力
        "今年興建新廠。",  # 年興 (Nien Hsing) across 今年|興建
        "資源超豐富。",  # 超豐 (Greatek) across 超|豐富
        "21世紀鋼鐵業的轉型。",  # 世紀鋼 (Century Iron and Steel) across 世紀|鋼鐵
        "亞太電動車市場成長。",  # 亞太電 (Asia Pacific Telecom) across 亞太|電動車
        "採用透明基材。",  # 明基材 (BenQ Materials) across 透明|基材
        "以平臺化推動AI規模化落地。",  # 台化 (Formosa Chemicals & Fibre) inside 平臺化
        "建立平臺光電整合能力。",  # 台光電 (Elite Material) inside 平臺光電
        "可解釋性AI(Explainable AI, XAI)技術。",  # XAI is no firm
        "依據IEEE 802.11標準設計。",  # IEEE prefixes the standard's name
        "氫濃度符合UN R134規範的要求。",  # UN R134 is a UN regulation, no 聯合國
        "開發新型應用材料與製程。",  # 應用材料 (materials for applications) is no firm alone
    ],
)
def test_ordinary_words_name_no_organisation(pipeline: Pipeline, text: str) -> None:
    assert names_of(pipeline, text, Label.ORGANIZATION) == []
