"""Who the subject of a technology's work is (graphkit.developsubject), on article text."""

from __future__ import annotations

from graphkit.develops import load_settings, own_work
from graphkit.developsubject import firm_led, helped, home_led

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


def test_a_firm_after_a_verb_of_help_ending_its_clause_is_no_subject() -> None:
    """協助國內…業者，依循…，導入X: helping the firms is the programme's purpose, the work after
    it is the programme's (dev17 read the firms as the subject; a review found 為協助國內業者，
    開發X lost to it)."""
    text = (
        "科技專案「車載電能監控與雙向電能管控系統」協助國內充電樁、功率調節器、儲能設備及系統整合業者,"
        "依循國際產業趨勢,導入結合微電網與V2X雙向能量管理系統的社區型場域驗證。"
    )
    assert work(text, "微電網") is True
    assert home_led("協助業者,依循趨勢,導入", 10, SETTINGS) is False
    # A party ending a clause after no verb of help is an object: 應用領域橫跨…等產業，
    assert home_led("應用領域橫跨PCB等產業,展望將結合", 12, SETTINGS) is False
    # the firms' own work verb in the clause after help is theirs: 協助我國製造業順利導入X
    assert work("科技專案協助我國製造業順利導入協作機器人。", "協作機器人", "") is False


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


def agency_work(text: str, name: str, agency: str) -> bool:
    """``work`` on an article whose lead names no subject, ``agency`` resolved as an Agency."""
    start = text.index(name)
    agencies = (text.find(agency),)
    return own_work(text, start, start + len(name), SETTINGS, "", True, agencies=agencies)


def test_an_agency_opening_a_clause_is_a_subject_of_its_own() -> None:
    """…產業積極投入X，工研院開發Y: the executing agency (an Agency mention) opening a clause
    takes the work back from the industry named before it (a review found these dropped)."""
    text = "半導體產業積極投入先進封裝,工研院開發扇出型封裝技術與矽光子元件。"
    assert agency_work(text, "矽光子元件", "工研院") is True
    text = "國內業者積極導入AI,金屬中心則建置協作機器人示範產線。"
    assert agency_work(text, "協作機器人", "金屬中心") is True
    text = "國內業者積極投入電動車零組件,工研院開發碳化矽功率模組。"
    assert agency_work(text, "碳化矽功率模組", "工研院") is True
    assert agency_work(text, "電動車零組件", "工研院") is False  # the firms' clause stays theirs
    # an agency inside a clause (與工研院合作) opens none
    text = "國內業者積極導入AI,並與工研院建置協作機器人產線。"
    assert agency_work(text, "協作機器人", "工研院") is False


def test_a_party_helped_ending_its_clause_is_no_change_of_subject() -> None:
    """協助國內業者，開發X: helping firms is the programme's purpose; the work after is its own."""
    assert work("為協助國內業者,開發氮化鎵功率元件與驅動電路。", "氮化鎵功率元件", "") is True
    assert work("為協助產業,開發氮化鎵功率元件。", "氮化鎵功率元件", "") is True
    assert work("本計畫協助國內業者,建立機器視覺驗證平臺。", "機器視覺", "") is True
    text = "工研院協助國內產業,開發碳化矽晶圓加工設備。"
    assert agency_work(text, "碳化矽晶圓加工設備", "工研院") is True
    assert agency_work("工研院輔導中小企業,建置邊緣運算平臺。", "邊緣運算", "工研院") is True


def test_a_place_or_an_owned_thing_is_no_party() -> None:
    """於國內晶圓廠導入X, 在示範工廠建置X: a place the work is done in; 本計畫之示範工廠導入X:
    the programme's own plant; 工廠 is a plant, no maker (電動巴士廠 is)."""
    assert work("本計畫於國內晶圓廠導入碳化矽長晶監控系統,完成產線驗證。", "碳化矽", "") is True
    assert agency_work("工研院在示範工廠建置數位分身產線。", "數位分身", "工研院") is True
    assert agency_work("工研院在國內面板廠完成機器視覺檢測驗證。", "機器視覺", "工研院") is True
    assert work("本計畫於南部設立示範工廠驗證固態電池量產製程。", "固態電池", "") is True
    assert work("本計畫之示範工廠導入協作機器人與機器視覺。", "協作機器人", "") is True
    assert home_led("本計畫於國內晶圓廠導入", 0, SETTINGS) is False
    assert home_led("本計畫之示範工廠導入", 0, SETTINGS) is False
    assert home_led("南部新設工廠導入", 0, SETTINGS) is False
    assert home_led("國內工具機廠陸續導入", 0, SETTINGS) is True  # a maker
    # only after the programme's (or an agency's) name: 在產業紛紛導入X的同時 frames a time
    assert work("在產業紛紛導入AI的同時,本計畫開發碳化矽。", "AI") is False
    assert home_led("工研院在國內面板廠完成", 0, SETTINGS, (0,)) is False


def test_a_claim_of_importance_after_stated_work_leaves_the_work() -> None:
    """…，並整合X，將是…的關鍵: the programme's own work verb states X; the trend vetoes only
    a sentence with no work of the programme's (藉由X，提高Y，將會是Z的關鍵)."""
    text = "工研院開發碳化矽長晶爐,並整合機器視覺製程監控,將是國產設備自主的關鍵。"
    assert agency_work(text, "機器視覺", "工研院") is True
    assert agency_work(text, "碳化矽長晶爐", "工研院") is True
    text = "科技專案開發碳化矽長晶技術,建立長晶參數模型,並導入機器視覺監控,為國產設備自主化的關鍵。"
    assert work(text, "機器視覺", "") is True
    text = "藉由矽光子共封裝技術,提高傳輸頻寬,將會是AI資料中心發展的關鍵。"
    assert work(text, "矽光子", "") is False
    # the programme named in the mention's clause keeps its work stated after it (X技術的研發)
    text = "科技專案還將專注於矽光子技術的研發,將是未來的發展重點。"
    assert work(text, "矽光子", "") is True


def test_the_programme_named_after_a_verb_of_help_does_the_work() -> None:
    """本計畫協助業者導入本計畫開發之X: the programme's own; 促進產學研合作開發X: a joint work
    the programme is part of."""
    text = "本計畫協助業者導入本計畫自主開發之機器視覺技術。"
    assert work(text, "機器視覺", "") is True
    assert work("本計畫協助國內產業導入本計畫開發之邊緣運算平臺。", "邊緣運算", "") is True
    assert work("本計畫促進產學研合作開發矽光子元件。", "矽光子元件", "") is True
    assert helped("協助業者導入本計畫自主開發", SETTINGS.work_verbs, SETTINGS) is False
    # adverbs between the verb of help and the work verb are no party (協助建立, 協助加速建立)
    assert helped("協助積極建立", SETTINGS.work_verbs, SETTINGS) is False
    assert helped("有助於我國提前布局", (*SETTINGS.work_verbs, *SETTINGS.own_verbs), SETTINGS)


def test_an_industry_the_programme_joins_or_a_time_needed_or_its_own_means() -> None:
    """整合上下游產業建立X: 產業 is the object of 整合; 縮短所需工時: 所需 far from the
    mention; 透過本計畫之X，業者可…: the programme's own thing."""
    assert work("本計畫整合上下游產業建立國產固態電池供應鏈。", "固態電池", "") is True
    assert work("本計畫導入數位分身縮短所需工時。", "數位分身", "") is True
    assert work("透過本計畫之協作機器人技術,業者可減少人力。", "協作機器人", "") is True
    assert work("搭配邊緣運算,此系統可即時判讀瑕疵。", "邊緣運算") is True  # its own system


def test_partner_cues_and_modals_are_data() -> None:
    """串聯, 匯集 are partners' cues (本計畫串聯國內產業，建置X); 不再 is a modal of another
    subject after a means (透過X，醫療器材不再受限…); a capacity noun (能量) is no modal."""
    assert work("本計畫串聯國內產業,建置協作機器人驗證場域。", "協作機器人", "") is True
    assert work("本計畫串聯國內業者開發協作機器人。", "協作機器人", "") is True
    assert work("本計畫匯集國內業者共同開發協作機器人。", "協作機器人", "") is True
    assert work("透過感測晶片,醫療器材不再受限於醫院。", "感測晶片") is False
    assert work("透過感測晶片,國內廠商能量大幅成長。", "感測晶片") is True  # 能量: a noun


def test_a_firm_after_a_partner_cue_and_its_modifiers_is_a_partner() -> None:
    """與國內相關業者合作建立X: the firms are partners of the programme's work, however many
    modifiers stand between the cue and the firm (wpgold2 article 60 missed it with a cue at
    most 4 characters before the firm)."""
    text = "科技專案將與國內相關業者合作建立液壓致動元件設計與測試整合技術,開發液壓集成模組。"
    assert work(text, "液壓致動元件設計與測試整合技術", "") is True
    # a work verb between the cue and the firm ends the partnership: the firm leads again
    assert firm_led("與大學整合廠商建立模組", (0, 9), (), SETTINGS) is True
    assert firm_led("與國內相關業者合作建立模組", (0, 11), (), SETTINGS) is False


def test_a_firm_the_work_is_provided_to_is_no_subject() -> None:
    """提供中小型業者進行…服務，涵蓋X: the firms are served; the list is the programme's work
    (dev article 06 lost 先進製程 to the firm read as the subject)."""
    text = (
        "科技專案打造三大試產線與高精密檢測平臺,提供中小型業者進行元件驗證與少量試製服務,"
        "涵蓋先進製程、3DIC封裝與次微米感測晶片。"
    )
    assert work(text, "先進製程", "") is True


def test_round_22_review_sentences() -> None:
    """A 與 joining words of a firm's name makes no partner; a claim with 為…之核心 is no
    vehicle; 致力於X應用開發 is work, not a field of use; 以利 opens the programme's next work."""
    assert work("國內紡織與成衣相關業者積極導入無水染色技術。", "無水染色", "") is False
    assert work("國內面板與印刷電路板業者積極導入雷射鑽孔技術。", "雷射鑽孔", "") is False
    assert work("本計畫與國內相關業者合作建立無水染色技術。", "無水染色", "") is True
    assert work("本計畫以半導體為臺灣經濟發展之核心,推動產業升級。", "半導體", "") is False
    assert work("本計畫致力於生成式AI應用開發,建立產業專屬模型。", "生成式AI", "") is True
    assert work("本計畫建置試量產線,以利開發下世代氮化鎵元件。", "氮化鎵元件", "") is True
