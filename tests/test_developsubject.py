"""Who the subject of a technology's work is (graphkit.developsubject), on article text."""

from __future__ import annotations

from graphkit.develops import load_settings, own_work
from graphkit.developsubject import home_led

SETTINGS = load_settings()
LEAD = "本計畫開發低碳製程。\n"


def work(text: str, name: str, lead: str = LEAD) -> bool:
    start = text.index(name)
    return own_work(text, start, start + len(name), SETTINGS, lead, True)


def test_an_industry_a_work_verb_follows_is_the_subject() -> None:
    """電子製造產業也加速導入X: the industry's work, not the programme's (adverbs between)."""
    text = "此外,因應全球淨零減碳趨勢,電子製造產業也加速導入綠色生產與低碳製程技術,成為競爭關鍵。"
    assert work(text, "低碳製程") is False
    assert home_led("電子製造產業也加速導入", 0, SETTINGS) is True
    assert home_led("電子製造產業導入", 0, SETTINGS) is True


def test_an_industry_opening_a_clause_keeps_the_clauses_after_it() -> None:
    """創新醫材產業不斷突破…，開發X: the clause after has no subject of its own."""
    text = "創新醫材產業不斷突破臨床應用中的技術瓶頸,開發具高度成長潛力高附加價值醫療器材。"
    assert work(text, "高附加價值醫療器材") is False
    assert home_led("創新醫材產業不斷突破臨床應用中的技術瓶頸,開發具", 20, SETTINGS) is True
    # …unless the programme is named after it.
    assert home_led("創新醫材產業不斷突破瓶頸,本計畫開發", 14, SETTINGS) is False


def test_a_firm_after_a_verb_of_help_ending_its_clause_is_the_subject_after() -> None:
    """協助國內…業者，依循…，導入X: the helped firms do the work."""
    text = (
        "科技專案「車載電能監控與雙向電能管控系統」協助國內充電樁、功率調節器、儲能設備及系統整合業者,"
        "依循國際產業趨勢,導入結合微電網與V2X雙向能量管理系統的社區型場域驗證。"
    )
    assert work(text, "微電網") is False
    assert home_led("協助業者,依循趨勢,導入", 10, SETTINGS) is True
    # A party ending a clause after no verb of help is an object: 應用領域橫跨…等產業，
    assert home_led("應用領域橫跨PCB等產業,展望將結合", 12, SETTINGS) is False
    # after a partner's cue it is no subject: 鏈結國內…業者，以自主技術導入X
    assert home_led("協助並鏈結國內業者,以自主技術導入", 11, SETTINGS) is False


def test_a_party_that_is_no_subject_of_the_work() -> None:
    """A partner (與國內廠商合作開發X), an industry as a noun's owner or part (產業發展上,
    產業鏈, 產業競爭力), a verb made a qualifier (產業自主研發的X), a pivot in an earlier clause
    (協助企業打造…，並加速實現X: the programme's), and the country (國內, 臺灣, 我國: the
    gold holds its statements for the programme's)."""
    assert home_led("與國內廠商共同開發", 0, SETTINGS) is False
    assert home_led("在服務產業發展上,透過", 10, SETTINGS) is False
    assert home_led("將聯合國內顯示產業鏈相關業者,共同投入", 16, SETTINGS) is False
    assert home_led("提升產業競爭力,開發", 8, SETTINGS) is False
    assert home_led("打造產業自主研發的", 0, SETTINGS) is False
    assert home_led("協助企業打造方案,並加速實現", 9, SETTINGS) is False
    assert home_led("協助企業打造", 0, SETTINGS) is True
    assert home_led("國內長期深耕", 0, SETTINGS) is False
    assert home_led("產業正積極推動", 0, SETTINGS) is True  # a weaker verb after an adverb
    assert work("本科技專案扣合產業推動與智慧生活科技,將聚焦於口腔照護", "口腔照護") is True


def test_a_work_verb_said_of_a_helped_party_is_theirs() -> None:
    """有助於我國提前布局X: a verb of help names the party the work verb after it is said of."""
    text = "實現智慧減碳,有助於我國提前布局淨零製造技術,支援2050淨零排放路徑。"
    assert work(text, "淨零製造") is False
    text = "協助我國製造業順利導入數位雙生技術,強化產業競爭力。"
    assert work(text, "數位雙生") is False
    # with only adverbs between, the programme helps by its own work
    assert work("本計畫協助建立數位雙生技術。", "數位雙生", "") is True
