"""DEVELOPS rules: each rule alone on text, then the extractor on a small hand-built article."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit.develops import (
    clause,
    load_settings,
    named_in,
    named_subjects,
    own_work,
)
from graphkit.developsubject import _others, by_programme, firm_led
from graphkit.errors import SchemaError
from graphkit.extract import Extractor
from graphkit.loaders.moea_whitepaper import Kind
from graphkit.records import (
    Block,
    BlockKind,
    DocumentInfo,
    ExecutorLine,
    Label,
    Mention,
    ProgrammeLine,
    ProgrammeList,
    RelType,
    Segmented,
    Term,
)
from graphkit.resolve import Resolved

SETTINGS = load_settings()


def span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("本計畫開發碳化矽晶圓雷射切割設備。", "碳化矽", True),
        ("科技專案將執行SiC與GaN功率元件供應自主化", "GaN", True),
        ("隨著5G技術發展已臻於成熟，本計畫投入6G。", "5G", False),  # background
        ("隨著5G技術發展已臻於成熟，本計畫投入6G。", "6G", True),  # the next clause
        ("本計畫建立無人機定位，降低對GNSS的依賴。", "GNSS", False),  # a contrast
        ("各國積極開發量子電腦。", "量子電腦", False),  # other parties
        ("碳化矽由本計畫開發。", "碳化矽", False),  # no work verb before it
        ("開發碳化矽市場。", "碳化矽", False),  # market context
        ("<li>開發碳化矽晶圓</li>", "碳化矽", False),  # a table cell
        ("圖2-1 開發碳化矽晶圓", "碳化矽", False),  # a figure caption
        # The last subject named before the mention in its sentence does the work.
        ("主要電信營運商也看好，逐步投入網路切片。", "網路切片", False),
        ("先進國家紛紛投入，科技專案亦開發網路切片。", "網路切片", True),
        # The work stated after the mention: right after it, or with the programme as subject.
        ("三、光電載板關鍵材料技術開發", "光電載板關鍵材料", True),
        ("■ 天線透鏡材料與結構開發 提前布局 ■", "天線透鏡材料", True),  # one more item
        ("將熱處理與鍍膜製程整合於同一設備", "熱處理", True),
        ("將熱處理、鍍膜與清洗製程整合於同一設備", "熱處理", False),  # too far from it
        ("科技專案專注於光學感測晶片與陀螺儀晶片技術開發", "光學感測晶片", True),
        ("量子晶片尚未成熟，業者將開發應用。", "量子晶片", False),  # no subject, verb apart
        ("各國專注於光學感測晶片與陀螺儀晶片技術開發", "光學感測晶片", False),  # theirs
        # A list after 如： belongs to the clause before; a gloss's comma ends nothing.
        ("將執行關鍵技術，如：SiC、氮化鋁(Aluminum Nitride, AlN)、GaN等", "GaN", True),
        ("市場成熟，如：SiC、GaN等", "GaN", False),
        ("將執行關鍵技術，例如：SiC、GaN等", "GaN", True),  # 例如, not the 如 it ends with
        ("將執行關鍵技術，譬如：SiC、GaN等", "GaN", True),
        ("將執行關鍵技術，諸如：SiC、GaN等", "GaN", True),
        # A goal is no work; nor is an industry named with its fellows.
        ("為突破矽基半導體限制，本計畫開發碳化矽。", "半導體", False),
        ("為突破矽基半導體限制，本計畫開發碳化矽。", "碳化矽", True),
        ("本計畫建立產線整合，服務半導體、印刷電路板等產業。", "印刷電路板", False),
        ("本計畫建立產線整合，服務半導體產業。", "半導體", False),
        # 產業 that starts 產業技術 or 產業化 names no industry.
        ("科技專案規劃無線接取、智慧組網及標準參與暨產業技術推進等三大分項", "智慧組網", True),
        ("本計畫推動觸覺回饋產業化", "觸覺回饋", True),
        ("本計畫推動觸覺回饋技術產業化", "觸覺回饋", True),
        # A word of one or two characters may come between the name and its industry.
        ("本計畫以AI驅動研磨技術，打造臺灣半導體信賴產業", "半導體", False),
        ("本計畫服務半導體、面板設備業者", "面板", False),
        # a clause opening with a year is a step of the programme's timeline (its weaker verbs
        # state work: ventures), unless a party named before is the subject
        ("2024年已建立線控煞車模組，2025年繼續發展小體積陶瓷電容模組", "小體積陶瓷電容模組", True),
        ("營運商積極布局，2025年繼續發展陶瓷電容模組", "陶瓷電容模組", False),
        ("在此方面，繼續發展陶瓷電容模組", "陶瓷電容模組", False),
        ("市場競爭激烈，2024年起各大CSP陸續發展矽光子模組", "矽光子模組", False),
        ("2023年起甲乙科技持續發展高頻寬記憶體", "高頻寬記憶體", False),
        ("113年將發展陶瓷電容模組", "陶瓷電容模組", True),
        # a waste right after the mention comes from its process: the input, not the work
        ("本計畫開發中空微球，利用精密鑄造廢棄陶殼模材", "精密鑄造", False),
        ("本計畫開發中空微球，利用精密鑄造技術", "精密鑄造", True),
        ("本計畫開發生物可分解塑膠廢棄後可於自然環境中分解", "生物可分解塑膠", True),
        # a verb giving the thing to firms (提供給, 協助) names no sector after the mention
        ("同時開發一套即時香氣監測系統提供給業者使用", "即時香氣監測系統", True),
        ("本計畫開發檢測系統協助業者降低成本", "檢測系統", True),
        ("本計畫開發檢測系統並協助業者降低成本", "檢測系統", True),
        ("本計畫開發檢測系統供業者使用", "檢測系統", True),
        # A clause the next one answers with 則 is a condition: what the work takes.
        ("而實現高性能晶片的製造，則必須依賴先進製程", "高性能晶片", False),
        ("本計畫實現高性能晶片的製造，並建立產線", "高性能晶片", True),
        # … and after its gloss: an industry named with its fellows all the same.
        ("本計畫整合系統整合(System Integration, SI)、ICT業者", "系統整合", False),
        ("本計畫開發系統整合(System Integration, SI)平臺", "系統整合", True),
        # A clause opening with a list word of two characters lists the work of the one before.
        ("科技專案投入核心技術研發，涵蓋基站系統、多天線", "多天線", True),
        ("科技專案投入核心技術研發，涵蓋基站系統、多天線", "基站系統", True),
        ("市場需求增加，涵蓋基站系統、多天線", "多天線", False),
        ("本計畫開發晶片，如果基站系統不足", "基站系統", False),  # 如果 is no list word
        ("本計畫開發半導體設備。", "半導體", True),
        # A locative opening the clause names the field the work is done in (article text),
        # unless a work verb ends the clause (在X設計: the work on X).
        ("科技專案在光電元件開發16通道WDM", "光電元件", False),
        ("於化合物半導體關鍵材料研發與製程最佳化上", "化合物半導體", False),
        ("本科技專案在矽基WDM元件設計,與學界合作", "矽基WDM元件", True),
        ("科技專案致力於光電元件開發", "光電元件", True),
        # ... or a work verb follows the mention with only a postposition after it (the
        # nominalised work: 在X的研發上).
        ("本計畫在碳化矽長晶技術的研發上,已完成6吋晶圓驗證", "碳化矽長晶技術", True),
        ("科技專案在先進封裝技術的開發中,完成小晶片整合", "先進封裝技術", True),
        ("科技專案在先進封裝技術的開發平臺,完成小晶片整合", "先進封裝技術", False),
        # 深耕 is work: the programme's deep work on what it names (article text).
        ("科技專案從智慧網管、協同網路運算與核心網進行技術深耕", "核心網", True),
        ("科技專案從智慧網管、協同網路運算與核心網進行測試", "核心網", False),
        # What the work acts on is no work; a condition is no statement of work.
        ("本計畫設計電源轉換器，此技術突破能降低AI資料中心耗能。", "AI", False),
        ("本計畫設計電源轉換器以降低AI資料中心耗能。", "電源轉換器", True),
        ("若臺灣全面導入生成式AI，產值可望增加。", "生成式AI", False),
        # The programme's means are its work when it is the subject; another's are not.
        ("本科技專案藉由真空熱處理技術製程升級", "真空熱處理", True),
        ("業者藉由真空熱處理技術製程升級", "真空熱處理", False),
        # A work verb after the mention that modifies a noun states a capacity, not work.
        ("本科技專案立基於半導體與電路設計方面的優勢", "半導體", False),
        ("本專案深化我國半導體既有研發能量", "半導體", False),
        ("開發場域內設有微生物品質監控系統", "微生物品質監控系統", False),  # a site
        ("本計畫開發微生物品質監控系統", "微生物品質監控系統", True),
        ("科技專案推動矽光子元件開發", "矽光子", True),
        ("科技專案參訪無人機AI創新應用研發中心", "AI", False),  # an institution
        ("科技專案擴編無人機AI的研發團隊", "AI", False),
        ("科技專案投入無人機AI的研發", "AI", True),
        # … and one a time follows states none at all.
        ("晶圓生產完成之後才切割製成單顆IC", "IC", False),
        ("晶圓生產完成後切割製成單顆IC", "IC", False),
        ("本計畫完成單顆IC", "IC", True),
        ("本計畫開發後段封裝技術", "封裝", True),  # 後 starts a word there: no time
        # A word that starts like a means word is none (以往, 以及); a negation states no work.
        ("以往業界多使用GPU,本計畫則建立新平台", "GPU", False),
        ("以GPU加速運算,建立新平台", "GPU", True),
        ("國內並沒有自主開發SDR平台的關鍵軟硬體", "SDR", False),
        # A heading or a numbered item that opens with a technique presents it as the work.
        ("■ 動態庫存預測技術 精準管理庫存 ■", "動態庫存預測", True),
        ("■ 動態庫存預測技術 精準管理庫存 ■", "動態庫存預測技術", True),
        ("【低耗損光電共封裝模組技術】", "低耗損光電共封裝模組", True),
        ("- 二、智慧調參技術：透過AI模型分析數據", "智慧調參技術", True),
        ("■ 全球AI晶片技術發展趨勢 ■", "AI晶片", False),  # not the heading's technique
        ("■ 市場需求 動態庫存預測技術 ■", "動態庫存預測", False),  # not what opens it
        ("二、智慧調參的應用：透過AI模型分析數據", "智慧調參", False),  # no technique
        # A clause opening with the means of a work verb that follows names what is worked on.
        ("以擬真模擬與單一化控制器等技術，建立產線間快速整合", "單一化控制器", True),
        ("以離子氮化技術，將熱處理與鍍膜製程整合於同一設備", "離子氮化", True),
        ("透過高頻寬互連與感測器運算，打造AI晶片解決方案", "高頻寬互連", True),
        ("以擬真模擬與單一化控制器等技術，提升產線效率", "單一化控制器", False),  # no work
        ("以降低資料中心耗能，建立產線整合", "資料中心", False),  # an aim
        ("產線多以單一化控制器為主，建立產線整合", "單一化控制器", False),  # not the opening
        # A definition says what a technique is, not what the programme does.
        ("先進封裝技術是將多個晶片或電子元件整合到單個封裝中", "電子元件", False),
        ("本計畫將多個晶片或電子元件整合到單個封裝中", "電子元件", True),
        # What a technique can be used for is no work either.
        ("數位雙生可用於驗證生成式AI模型產生的資料", "生成式AI", False),
        ("本計畫開發平臺，用於驗證生成式AI模型", "生成式AI", True),
        # Industries listed as examples in a bracket after an industry word are no work.
        ("本計畫擴大導入至國內各行各業（工具機、半導體等）", "半導體", False),
        ("本計畫擴大導入至國內工具機（含五軸機型）", "工具機", True),
        ("領域（如：導入AI、建置5G專網）", "AI", False),  # … the field opening the text too
        # A clause opening with the means (after a space too) looks for its work verb in the
        # clause and the next one only, never in the clause before.
        ("此外， 以SiC等技術，建立產線整合", "SiC", True),
        ("以SiC等技術，提升效率，建立產線整合", "SiC", False),
        ("開發晶片，以SiC等技術，提升效率", "SiC", False),
        # The subject is the last one named before the mention, whichever was named first.
        ("本計畫參考營運商作法，本計畫透過碳化矽技術製程升級", "碳化矽", True),
        ("營運商投入研發，本計畫跟進，營運商並開發網路切片", "網路切片", False),
        # Another party before the first work verb is the subject, after it the source; in
        # a qualifier closed by 之 or 的 before the mention it describes what is worked on.
        ("國際大廠積極開發量子電腦", "量子電腦", False),
        ("本計畫導入國外量子電腦", "量子電腦", False),
        ("持續投入研發具國際競爭優勢之低延遲AI感知運算技術", "AI感知運算", True),
        ("開發具國際工業級的姿態感測晶片", "姿態感測晶片", True),
        ("開發與國際新興開放網路廠商規格同步之基站", "基站", True),
        ("開發與國際新興開放網路廠商規格同步之基站", "開放網路", False),  # in the qualifier
        # 發展 states work only with the programme as the subject.
        ("科技專案開發光晶片，同時發展電流電壓轉換器", "電流電壓轉換器", True),
        ("同時發展電流電壓轉換器", "電流電壓轉換器", False),
        ("營運商與科技專案合作，營運商發展電流電壓轉換器", "電流電壓轉換器", False),
        # … and so do 規劃, 推動, 針對 and 布局; a party after the mention is neither subject
        # nor source.
        ("科技專案規劃無線接取、智慧組網等三大分項及國際標準", "智慧組網", True),
        ("本計畫已提供業者服務，推動異質整合晶片製程", "異質整合", True),
        ("政府推動異質整合晶片製程", "異質整合", False),
        ("本計畫建立平臺，針對設備預測性維護則透過AI結合歷史資料庫", "預測性維護", True),
        ("針對設備預測性維護的需求增加", "預測性維護", False),  # no subject: no work
        ("科技專案提前布局天線透鏡材料", "天線透鏡材料", True),
        ("各國提前布局天線透鏡材料", "天線透鏡材料", False),
        # The government named after the programme is the subject of what follows.
        ("科技專案對準政府推動新世代半導體技術的研發", "半導體", False),
        ("政府透過科技專案推動晶片的自主開發", "晶片", True),
        ("本計畫結合地方政府的水利單位，研發水資源感測器", "水資源感測器", True),  # an owner
        # A firm named in the clause before the mention is the subject of the work, unless
        # a partner's cue comes right before it or a qualifier's end after it.
        ("科技專案協助廠商建立回收產線", "回收產線", False),
        ("PCB供應商必須同步導入綠色材料", "綠色材料", False),
        ("科技專案與國內廠商合作開發回收產線", "回收產線", True),
        ("科技專案開發符合廠商需求的回收產線", "回收產線", True),
        ("科技專案提供業者服務，開發回收產線", "回收產線", True),  # another clause
        ("科技專案可結合業者產線開發吸附系統", "吸附系統", True),  # 結合: a partner
        # What the work does without, and what the thing worked on is for, are not the work.
        ("本計畫透過視覺里程計實現無GNSS環境下的定位", "GNSS", False),
        ("本計畫開發GNSS接收模組", "GNSS", True),
        ("開發地面設備陣列天線用液態金屬", "陣列天線", False),
        ("開發陣列天線用於衛星通訊", "陣列天線", True),
        # … nor is what holds the thing worked on (X中的Y, X上的Y), after its gloss too.
        ("開發技術去除廢棄印刷電路板(Printed Circuit Board, PCB)中的溴", "印刷電路板", False),
        ("開發晶圓上的微結構", "晶圓", False),
        ("開發晶圓上料系統", "晶圓", True),
        # Examples of a field or an application, without a bracket too.
        ("聚焦於利基應用領域，例如，無人機、重型電動車", "電動車", False),
        ("SDR技術未來還有更多應用，比如建構太空層網路", "太空層網路", False),
        ("SDR技術未來還有更多應用，比如建構太空層網路(Space Network)", "Space Network", False),
        ("SDR未來還有更多應用，比如太空層網路(Space Network)、地面層網路", "地面層網路", False),
        ("本計畫聚焦三大領域，包括碳化矽元件", "碳化矽", True),
        # … however long the examples before it are (glosses of each).
        (
            "SDR技術未來還有更多有效應用，比如建構包含太空層網路(Space-Based Network)、天空層網路"
            "(Air-Based Network)、地面層網路(Ground-Based Network)多元異質的3D通訊網路",
            "3D通訊網路",
            False,
        ),
        # A sentence opening with a clause that is only a background cue is background.
        ("傳統上，建構新的通訊系統必須開發新的硬體通訊設備", "硬體通訊設備", False),
        # The programme's system or technique named as the subject (此系統, 這項技術): its means.
        ("此系統具五大特色：透過深度學習模型辨識船舶", "深度學習", True),
        ("該公司透過深度學習模型辨識船舶", "深度學習", False),
        # What the thing worked on goes with is no work (a qualifier after the verb).
        ("本計畫建立與國產設備控制器及製程產線結合的AI方案", "製程產線", False),
        ("本計畫建立與國產設備控制器及製程產線結合的AI方案", "AI", True),
        ("本計畫結合製程產線建立AI方案", "製程產線", True),
        ("然而，SiC須經由人工合成，取得不易", "SiC", False),  # a contrast: the problem
        ("現行rTMS產品多因線圈設計限制", "rTMS", False),  # what exists: background
        ("本計畫開發樹脂，它是製作5G基地臺的關鍵材料", "5G基地臺", False),  # 它: the thing
        ("然而本計畫已開發SiC", "SiC", False),
        ("本計畫已開發SiC", "SiC", True),
        ("建構新的通訊系統，本計畫開發新的硬體通訊設備", "硬體通訊設備", True),
        # An obstacle (礙於) is no statement of work.
        ("但礙於理論模型建置需要高度專業性", "理論模型", False),
        # Making a material (製備, 合成) is work, and what the programme produces (產出, one of
        # its own verbs) is its work; a material it uses for a product (電解產出之熔質原料) is
        # none, nor is what a verb makes a use (產出用之原料).
        ("團隊進而製備出低碳型主體樹脂", "低碳型主體樹脂", True),
        ("本計畫合成氮化矽粉體並製成基板", "氮化矽粉體", True),
        ("科技專案產出的低溫微波控制模組為國內首例", "低溫微波控制模組", True),
        ("科技專案使用氧化物作為電解產出用之熔質原料", "氧化物", False),
        ("科技專案使用氧化物作為電解產出之熔質原料", "氧化物", False),
        # A clause the next one calls a trend or a focus of the field states no work, unless
        # the programme is named in it.
        ("整合非地面與地面網路的3D通訊網路，將是行動通訊的發展重點", "3D通訊網路", False),
        ("其中運用波導結構與天線罩材料技術，正成為通訊發展所關注的焦點", "天線罩材料", False),
        ("本計畫整合地面網路與衛星網路，將是未來的發展重點", "地面網路", True),
        ("開發介電透鏡材料與波導結構，皆成為突破應用瓶頸的關鍵技術", "波導結構", True),
        # ... and so does a clause that calls its own work a trend (開發X已成為…的趨勢)
        ("開發替代食品(Alternative Foods)已成為食品產業發展的重要趨勢", "替代食品", False),
        ("本計畫開發替代食品，已成為食品產業發展的重要趨勢", "替代食品", True),
        # A sentence that defines a technique describes what it does, unless the programme is
        # its subject.
        ("雷射積層製造是一種節能的加工技術，並且能夠快速製作複雜形狀元件", "複雜形狀元件", False),
        ("其優點為可配合結構重新設計，製造輕量化零件", "輕量化零件", False),
        ("本計畫的雷射製程是一種節能技術，並且能夠快速製作複雜形狀元件", "複雜形狀元件", True),
        # 是 right before the verb describes a thing, unless the programme is the subject.
        ("它不但耐高溫，還大幅減少碳排放，是製作筆電、5G基地臺的關鍵材料", "5G基地臺", False),
        ("科技專案「鋼鐵化學品技術」是建立無磷環保皮膜配方技術", "無磷環保皮膜配方", True),
        ("首先是開發創新繞折複合光學微結構技術", "光學微結構", True),
        ("雷射積層製造節能，並且能夠快速製作複雜形狀元件", "複雜形狀元件", True),
        # A clause opening with a conjunction adds to the list of the clause before it.
        ("即為建構高純度稀土金屬的提煉，與高品質合金粉體材料技術", "合金粉體材料", True),
        ("隨著需求增加，與高品質合金粉體材料技術", "合金粉體材料", False),
        ("國際大廠積極開發碳化矽元件，與本計畫開發的氮化鎵技術互補", "氮化鎵", True),
        ("國際大廠積極開發碳化矽元件，與氮化鎵技術互補", "氮化鎵", False),
        ("高純度稀土金屬的提煉，高品質合金粉體材料技術", "合金粉體材料", False),
        # A quote naming the programme or a part of it (科技專案項下之「X技術」) is named after
        # its technique: the mention filling it is the work, one inside it is not.
        ("科技專案項下之「稀土金屬還原技術」，即為提煉稀土", "稀土金屬還原", True),
        ("科技專案「鋼鐵塑型製程減碳技術」，研發節能塗層", "鋼鐵塑型製程減碳", True),
        ("科技專案「半導體合金金屬靶」，研發靶材", "半導體", False),
        ("科技專案「半導體合金金屬靶」開發鋁鈦合金靶", "半導體", False),  # a piece of the name
        ("科技專案「合金靶」開發半導體靶材", "半導體", True),  # after the quote: as any text
        ("業界「稀土金屬還原技術」，已臻成熟", "稀土金屬還原", False),
        # 它 is a thing as the subject, not inside 其它 ('other'); 然而 opens background unless
        # the programme is named; 產出 is the programme's verb only (a country 產出 its waste).
        ("它是製作筆電的關鍵材料，開發碳化矽", "碳化矽", False),
        ("本計畫整合其它模組，開發碳化矽晶片", "碳化矽", True),
        ("然而，本計畫已成功開發碳化矽長晶技術", "碳化矽長晶", True),
        ("然而，開發碳化矽長晶技術", "碳化矽長晶", False),
        ("台灣每年產出大量廢太陽能板", "太陽能板", False),
        ("本計畫產出太陽能板", "太陽能板", True),
        # What the result is for or applied to is no work, unless 的/之 closes that before
        # the mention: then it qualifies the thing worked on.
        ("本計畫開發砂模，經驗證適用於汽車、風電等關鍵零組件鑄造", "零組件鑄造", False),
        ("本計畫開發氮化矽材料應用於功率元件先進封裝", "先進封裝", False),
        ("本計畫開發氮化矽材料應用於功率元件先進封裝", "氮化矽", True),
        ("本計畫開發適用於室內環境的自主移動機器人", "自主移動機器人", True),
        ("本計畫開發適用於室內環境的自主移動機器人", "室內環境", False),
        # … and, right after the verb, 等 closes it too; a passive verb (經驗證) is no work.
        ("本計畫研發應用於腦神經、體外診斷等醫材核心晶片", "醫材核心晶片", True),
        ("本計畫研發應用於腦神經、體外診斷等醫材核心晶片", "體外診斷", False),
        ("本計畫開發晶片應用於腦神經、體外診斷等醫材", "體外診斷", False),
        ("本計畫開發砂模，其經驗證適用於汽車、風電等關鍵零組件鑄造", "零組件鑄造", False),
        ("本計畫已經驗證汽車零組件鑄造", "零組件鑄造", True),
        # The waste the work recycles is what it acts on, not what it develops.
        ("團隊透過裂解廢棄PC塑膠取得原料，合成環氧樹脂", "PC", False),
        ("團隊透過裂解廢棄PC塑膠取得原料，合成環氧樹脂", "環氧樹脂", True),
        ("本計畫開發PC塑膠", "PC", True),
        # A comparison with what is on the market (市售) or a reason (因為) is no background
        # of the sentence: the programme's work stays (a review's sentences).
        ("科技專案開發性能優於市售產品的固態電池模組", "固態電池模組", True),
        ("科技專案因為開發出高效率固態電池模組，獲得廠商青睞", "固態電池模組", True),
        # A formula makes only its own clause no prose; a table's HTML the whole sentence.
        ("本計畫開發偵測技術，提供 $>5 \\mu m$ 預警", "偵測技術", True),
        ("本計畫開發偵測技術 $>5 \\mu m$，提供預警", "偵測技術", False),
        ("<td>本計畫開發偵測技術，提供預警</td>", "偵測技術", False),
        # An effect said in a qualifier of the mention (…協助健身的X) leaves X the work; one
        # after a purpose's mark (以協助) makes what follows what the work acts on.
        ("科技專案發展可追蹤人體動作、協助健身與復健的智慧服飾", "智慧服飾", True),
        ("科技專案開發感測模組以協助健身業者的智慧服飾", "智慧服飾", False),
        ("科技專案開發感測模組，協助智慧服飾", "智慧服飾", False),
        # 解決方案 is a thing in the list worked on, not the verb 解決 of an effect.
        ("本計畫開發醫材，包含治療裝置、呼吸中止症解決方案、類腦運算晶片等", "類腦運算晶片", True),
        ("本計畫開發醫材以解決呼吸中止症，類腦運算晶片", "呼吸中止症", False),
    ],
)
def test_own_work(text: str, name: str, expected: bool) -> None:
    assert own_work(text, *span(text, name), SETTINGS, ventures=True) is expected


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("臺塑導入影像辨識技術", (0,), False),  # a named organisation is the subject
        ("臺塑導入影像辨識技術", (), True),
        ("科技專案攜手臺塑導入影像辨識技術", (6,), True),  # a partner
        ("臺塑與科技專案合作，導入影像辨識技術", (0,), True),  # in another clause
    ],
)
def test_a_named_organisation_in_the_clause_is_the_subject(
    text: str, actors: tuple[int, ...], expected: bool
) -> None:
    at = span(text, "影像辨識")
    assert own_work(text, *at, SETTINGS, actors=actors) is expected


@pytest.mark.parametrize(
    "text",
    ["科技專案開發光晶片，同時發展電流轉換器", "科技專案規劃電流轉換器", "科技專案布局電流轉換器"],
)
def test_the_programmes_weaker_verbs_state_work_only_with_ventures(text: str) -> None:
    """The chunker, vouching for a name it does not know, reads the work verbs only."""
    at = span(text, "電流轉換器")
    assert (own_work(text, *at, SETTINGS), own_work(text, *at, SETTINGS, ventures=True)) == (
        False,
        True,
    )


@pytest.mark.parametrize(
    ("lead", "text", "name", "expected"),
    [
        # The subject named earlier in the paragraph: the programme's means are its work …
        ("本計畫開發晶片。", "此外，結合供應鏈預測技術，識別工單。", "供應鏈預測", True),
        ("本計畫開發晶片。", "另，提供重布線層製程整合服務。", "重布線層", True),
        # … another party's are not, nor are they without a subject.
        ("各國開發晶片。", "此外，結合供應鏈預測技術，識別工單。", "供應鏈預測", False),
        ("", "此外，結合供應鏈預測技術，識別工單。", "供應鏈預測", False),
        ("本計畫開發晶片。各國", "另，提供重布線層製程整合服務。", "重布線層", False),
        ("營運商與本計畫合作，營運商開發晶片。", "此外，結合供應鏈預測技術。", "供應鏈預測", False),
    ],
)
def test_own_work_subject_of_the_paragraph(lead: str, text: str, name: str, expected: bool) -> None:
    assert own_work(text, *span(text, name), SETTINGS, lead) is expected


@pytest.mark.parametrize(("filler", "distance", "expected"), [("", 60, False), ("並", 61, True)])
def test_an_example_bracket_counts_up_to_sixty_characters_before_the_mention(
    filler: str, distance: int, expected: bool
) -> None:
    text = f"領域（本計畫{'持續' * 26}{filler}開發碳化矽"
    start, end = span(text, "碳化矽")
    assert start == distance  # from 領域（, which opens the text
    assert own_work(text, start, end, SETTINGS) is expected


def test_with_no_words_for_a_subject_only_the_named_one_is() -> None:
    """load_settings refuses an empty ``own`` or ``others``; the rules alone take either."""
    no_own, no_others = replace(SETTINGS, own=()), replace(SETTINGS, others=())
    assert own_work("營運商開發晶片", *span("營運商開發晶片", "晶片"), no_own) is False
    assert own_work("開發晶片", 2, 4, no_own) is True
    assert own_work("結合預測技術", 2, 4, no_own) is False  # no subject: means are no work
    assert own_work("本計畫開發晶片", 5, 7, no_others) is True
    assert own_work("本計畫透過預測技術製程升級", 5, 7, no_others) is True
    assert own_work("結合預測技術", 2, 4, no_others) is False


def test_clause_bounds() -> None:
    text = "隨著5G成熟，本計畫開發6G；並建立標準。"
    assert clause(text, *span(text, "6G"), SETTINGS.clause_breaks) == (7, 14)
    assert clause(text, *span(text, "5G"), SETTINGS.clause_breaks) == (0, 6)
    lead = "本計畫開發材料，包括SiC與GaN；並建立標準。"
    intros = SETTINGS.list_intros
    assert clause(lead, *span(lead, "GaN"), SETTINGS.clause_breaks, intros) == (0, 17)
    assert clause(lead, *span(lead, "GaN"), SETTINGS.clause_breaks) == (8, 17)
    listed = "本計畫開發材料，如：SiC(碳化矽, Silicon Carbide)、GaN等。"
    assert clause(listed, *span(listed, "GaN"), SETTINGS.clause_breaks, intros) == (0, 40)
    assert clause(listed, *span(listed, "GaN"), SETTINGS.clause_breaks) == (10, 40)
    # A break first or last in a bracket ends nothing outside it either.
    glossed = "本計畫開發碳化矽(；SiC；)晶圓"
    assert clause(glossed, *span(glossed, "晶圓"), SETTINGS.clause_breaks) == (0, 17)
    # A list opening the text, or opening it after a break, reaches back to its start; the
    # last clause ends with the text.
    for text in ("如：SiC、GaN", "，如：SiC、GaN", "，涵蓋SiC、GaN"):
        assert clause(text, *span(text, "GaN"), SETTINGS.clause_breaks, intros) == (0, len(text))


def test_named_in_the_programme_name() -> None:
    assert named_in("矽光子關鍵技術計畫", ["矽光子", "SiPh"]) == "矽光子"
    assert named_in("矽光子關鍵技術計畫", ["碳化矽"]) is None
    assert named_in("AI晶片計畫", ["I"]) is None  # one character names nothing
    # A Latin form is a whole word of the name as printed.
    assert named_in("低延遲AI Chiplet整合發展計畫", ["積體電路", "IC"]) is None
    assert named_in("低延遲AI Chiplet整合發展計畫", ["人工智慧", "AI"]) == "AI"
    forms = {"半導體": ["半導體"], "化合物半導體": ["化合物半導體"]}
    assert named_subjects("化合物半導體元件計畫", forms) == {"化合物半導體": "化合物半導體"}
    # Before a "——" the name prints the policy the programme serves, not its subject.
    policy = "建置臺灣創新生物製造研發服務能量行動方案——核酸藥物關鍵技術引進暨研發建置計畫"
    assert named_in(policy, ["生物製造"]) is None
    assert named_in(policy, ["核酸藥物"]) == "核酸藥物"
    assert named_in("生物製造研發服務能量行動方案", ["生物製造"]) == "生物製造"


def test_a_work_verb_before_a_noun_it_modifies_states_no_work() -> None:
    """X開發框架, X開發套件: 開發 modifies the framework or the kit ('capacities'), it states no
    work on X (統一控制器軟體開發框架: a framework of controller software development)."""
    text = "目的為減少控制器數量與線束長度,統一控制器軟體開發框架,以及減少算力冗餘。"
    assert own_work(text, *span(text, "控制器軟體"), SETTINGS, "本計畫開發系統。", True) is False
    text = "目的為減少控制器數量與線束長度,完成控制器軟體開發,以及減少算力冗餘。"
    assert own_work(text, *span(text, "控制器軟體"), SETTINGS, "本計畫開發系統。", True) is True


def test_a_passive_work_verb_states_no_work_of_the_programme() -> None:
    """X亦被導入Y: the thing introduced is the clause's subject, its agent unnamed (a field's
    practice), not the programme's work ('passives')."""
    text = "AI技術亦被導入數位療法中,透過分析患者的行為反應,提供即時且個人化的治療建議。"
    assert own_work(text, *span(text, "AI"), SETTINGS, "本計畫開發數位療法。", True) is False
    text = "AI技術亦導入數位療法中,透過分析患者的行為反應,提供即時且個人化的治療建議。"
    assert own_work(text, *span(text, "AI"), SETTINGS, "本計畫開發數位療法。", True) is True
    # only 被 right before the verb: a 被 earlier in the sentence (被動元件) makes no passive
    text = "本計畫為被動元件設計導入AI技術,縮短開發時程。"
    assert own_work(text, *span(text, "AI"), SETTINGS, "本計畫開發數位療法。", True) is True


def test_a_name_opening_a_longer_named_one_is_its_field_and_a_subject() -> None:
    """化合物半導體 opens 化合物半導體元件 (the programme's subject): the field it is named in,
    a subject too; 半導體 ends 化合物半導體: its head, a kind of which is named."""
    forms = {n: [n] for n in ("半導體", "化合物半導體", "化合物半導體元件")}
    assert named_subjects("化合物半導體元件關鍵技術計畫", forms) == {
        "化合物半導體": "化合物半導體",
        "化合物半導體元件": "化合物半導體元件",
    }


def test_settings_errors_name_the_field() -> None:
    with pytest.raises(SchemaError, match=r"rules/develops\.json.*'work_verbs'"):
        load_settings({"work_verbs": [], "background": ["x"], "clause_breaks": "。", "markup": "<"})
    with pytest.raises(SchemaError, match=r"'clause_breaks'"):
        load_settings({"work_verbs": ["開發"], "background": ["x"], "clause_breaks": 3})
    with pytest.raises(SchemaError, match=r"'markup'"):
        load_settings(
            {"work_verbs": ["開發"], "background": ["x"], "clause_breaks": "。", "markup": "("}
        )


def _article(paragraphs: list[str], programmes: list[str], executor: str = "工研院") -> Segmented:
    """An article of ``paragraphs`` closed by a 相關科技專案 block listing ``programmes``
    (2024~2025) and the line 執行單位:``executor``: the one article fixture of these tests."""
    lines = tuple(ProgrammeLine(p, 2024, 2025, f"{p}(2024~2025年)") for p in programmes)
    executes = f"執行單位:{executor}"
    record = ProgrammeList((*lines, ExecutorLine((executor,), executes)))
    block = "\n".join([*(line.text for line in lines), executes])
    blocks, offset = [], 0
    for text in paragraphs:
        blocks.append(Block(BlockKind.PARAGRAPH, text, offset, "領域", "章", "文章"))
        offset += len(text) + 1
    blocks.append(Block(Kind.PROGRAMME_BLOCK, block, offset, "領域", "章", "文章", record=record))
    return Segmented(DocumentInfo("t.txt", "0", "test"), "\n".join([*paragraphs, block]),
                     tuple(blocks))  # fmt: skip


def test_extractor_links_only_the_programmes_own_work() -> None:
    """An article: background sentence, work sentence, programme block."""
    head = "隨著5G技術發展已臻於成熟，市場需求增加。"
    work = "本計畫開發6G基地台晶片與碳化矽元件。"
    seg = _article([head, work], ["低軌衛星6G通訊計畫"])
    block = seg.blocks[-1].text
    texts = [head, work, block]
    terms = {n: Term(Label.TECHNOLOGY, n) for n in ("5G", "6G", "碳化矽", "低軌衛星")}
    resolved = []
    for i, text in enumerate(texts):
        for name, term in terms.items():
            if name in text:
                s, e = span(text, name)
                resolved.append(Resolved(Mention(Label.TECHNOLOGY, name, i, s, e), term))
    ex = Extractor().extract(seg, resolved)
    develops = {
        r.target.id: (r.evidence.rule, r.evidence.offset, r.evidence.text)
        for r in ex.relations
        if r.type is RelType.DEVELOPS
    }
    line = block.split("\n")[0]
    assert develops == {
        # Named in the programme's name and stated as its work: the work sentence is evidence.
        "technology:6g": ("develops/name", len(head) + 1, work),
        "technology:碳化矽": ("develops/work", len(head) + 1, work),
        # In the programme's name only: the programme line is evidence.
        "technology:低軌衛星": ("develops/name", seg.blocks[-1].offset, line),
    }  # and never 5G, from the background sentence


def test_a_known_technology_starting_a_chunked_name_is_worked_on_too() -> None:
    """本計畫開發碳化矽晶圓: the programme works on 碳化矽晶圓 and on 碳化矽; not on 半導體 in
    功率半導體元件 (a known name inside, not at the start of, the chunked one)."""
    work = "本計畫開發碳化矽晶圓與功率半導體元件。"
    seg = _article([work], ["寬能隙計畫"])
    found = [("碳化矽", "lexicon"), ("碳化矽晶圓", "chunk"), ("半導體", "lexicon"),
             ("功率半導體元件", "chunk")]  # fmt: skip
    resolved = [
        Resolved(
            Mention(Label.TECHNOLOGY, n, 0, *span(work, n), source=src), Term(Label.TECHNOLOGY, n)
        )
        for n, src in found
    ]
    ex = Extractor().extract(seg, resolved)
    targets = sorted(r.target.id for r in ex.relations if r.type is RelType.DEVELOPS)
    assert targets == ["technology:功率半導體元件", "technology:碳化矽", "technology:碳化矽晶圓"]


def _develops(seg: Segmented, names: list[str]) -> set[tuple[str, str]]:
    """The DEVELOPS pairs (programme, technology) of ``seg`` whose technologies are ``names``."""
    resolved = [
        Resolved(Mention(Label.TECHNOLOGY, n, i, *span(b.text, n)), Term(Label.TECHNOLOGY, n))
        for i, b in enumerate(seg.blocks[:-1])
        for n in names
        if n in b.text
    ]
    ex = Extractor().extract(seg, resolved)
    return {(r.source.id, r.target.id) for r in ex.relations if r.type is RelType.DEVELOPS}


def test_a_section_naming_one_programme_is_its_work_only() -> None:
    """Two programmes: the section that names one (科技專案「X」, its generic 技術/計畫 left
    off or not) is that one's work; the heading opening it too; a section naming none is
    the work of both."""
    seg = _article(
        [
            "本計畫開發碳化矽元件。",
            "■ 衛星系統為先鋒 ■",
            "科技專案「衛星終端系統技術」開發基頻模組。",
            "- 一、整合天線模組。",
            "【射頻晶片開發】",
            "科技專案「射頻前端晶片開發計畫」打造射頻模組。",
        ],
        ["衛星終端系統技術開發計畫", "射頻前端晶片開發計畫"],
    )
    a, b = "programme:衛星終端系統技術開發計畫", "programme:射頻前端晶片開發計畫"
    found = _develops(seg, ["碳化矽", "基頻模組", "天線模組", "射頻晶片", "射頻模組"])
    assert found == {
        (a, "technology:碳化矽"),
        (b, "technology:碳化矽"),
        (a, "technology:基頻模組"),
        (a, "technology:天線模組"),
        (b, "technology:射頻晶片"),
        (b, "technology:射頻模組"),
    }


def test_the_subject_of_a_sentence_is_the_last_named_in_its_section() -> None:
    """本計畫 in an earlier paragraph of the section makes 此外，結合X the programme's means; a
    heading opens a new section, where it is named no more."""
    seg = _article(
        [
            "本計畫開發感測晶片。",
            "此外，結合預測技術，識別工單。",
            "■ 市場展望 ■",
            "此外，結合排程技術，識別工單。",
        ],
        ["感測晶片計畫"],
    )
    found = _develops(seg, ["感測晶片", "預測技術", "排程技術"])
    p = "programme:感測晶片計畫"
    assert found == {(p, "technology:感測晶片"), (p, "technology:預測技術")}


def _develops_of(seg: Segmented, found: list[tuple[int, str, Term]]) -> set[str]:
    """The technologies the programme of ``seg`` develops, from mentions (block, printed, term)."""
    resolved = [
        Resolved(Mention(Label.TECHNOLOGY, p, i, *span(seg.blocks[i].text, p)), term)
        for i, p, term in found
    ]
    ex = Extractor().extract(seg, resolved)
    return {r.target.id for r in ex.relations if r.type is RelType.DEVELOPS}


def test_a_gloss_is_read_where_the_name_it_glosses_is() -> None:
    """The verb inside 委託開發服務 states no work on it, through its gloss (CDMO) either; a
    gloss of a name the work is stated on is work all the same."""
    cdmo = Term(Label.TECHNOLOGY, "委託開發服務", abbr="CDMO")
    chip = Term(Label.TECHNOLOGY, "感測晶片", name_en="Sensor Chip")
    seg = _article(["本計畫補足委託開發服務(CDMO)能量。", "本計畫開發感測晶片(Sensor Chip)。"],
                   ["複材計畫"])  # fmt: skip
    found = [(0, "委託開發服務", cdmo), (0, "CDMO", cdmo), (1, "感測晶片", chip),
             (1, "Sensor Chip", chip)]  # fmt: skip
    assert _develops_of(seg, found) == {"technology:感測晶片"}
    # Without the name before its bracket, the bracket is read as any text.
    seg = _article(["本計畫補足服務(CDMO)能量。"], ["複材計畫"])
    assert _develops_of(seg, [(0, "CDMO", cdmo)]) == set()
    seg = _article(["本計畫開發晶片(CDMO)。"], ["複材計畫"])
    assert _develops_of(seg, [(0, "CDMO", cdmo)]) == {"technology:委託開發服務"}


def test_a_verb_printed_in_front_of_a_name_is_said_of_it() -> None:
    """發展中空構件技術 printed as one mention of 中空構件: its 發展 states the work (the
    programme being the subject); a name that holds the verb (開發者平臺) has none in front."""
    part = Term(Label.TECHNOLOGY, "中空構件")
    tool = Term(Label.TECHNOLOGY, "開發者平臺")
    seg = _article(["本計畫發展中空構件技術。", "本計畫需要開發者平臺。"], ["複材計畫"])
    found = [(0, "發展中空構件技術", part), (1, "開發者平臺", tool)]
    assert _develops_of(seg, found) == {"technology:中空構件"}


def test_a_heading_stating_the_work_makes_its_section_the_programmes() -> None:
    """A heading opening with a verb of work or of its means, or with a technique, makes the
    programme the subject of its section (its means and 針對 are work) until another is named;
    a heading of background does not."""
    seg = _article(
        [
            "運用生成式AI模組 提升設備價值",
            "針對設備預測性維護則透過AI結合歷史資料庫。",
            "【金屬製造業導入AI的挑戰】",
            "針對瑕疵檢測則透過大數據結合歷史資料庫。",
            "■ 動態庫存預測技術 精準管理庫存 ■",
            "此外，結合允收預測技術，能識別工令單。",
            "各國則結合數位孿生技術。",
        ],
        ["智慧工廠計畫"],
    )
    names = ["預測性維護", "AI", "瑕疵檢測", "大數據", "動態庫存預測", "允收預測", "數位孿生"]
    found = {t for _, t in _develops(seg, names)}
    expected = ["AI", "允收預測", "動態庫存預測", "預測性維護"]
    assert sorted(found) == [f"technology:{n.lower()}" for n in expected]


def test_the_programmes_means_may_open_a_clause_its_venture_verb_ends() -> None:
    """以X，推動Y: with the programme as the subject, 推動 after the means states the work."""
    text = "以循環低碳材料，推動低碳電路板應用"
    at = span(text, "循環低碳材料")
    assert own_work(text, *at, SETTINGS, "本計畫開發樹脂。", ventures=True) is True
    assert own_work(text, *at, SETTINGS, "本計畫開發樹脂。") is False  # no ventures
    assert own_work(text, *at, SETTINGS, ventures=True) is False  # no subject


def test_the_evidence_of_the_work_names_the_programme_where_a_sentence_does() -> None:
    """Of the sentences stating the work, the first naming the programme is the evidence an
    analyst cites; without one, the first."""
    seg = _article(["■ 開發燃料電池系統 提升功率 ■", "本計畫開發燃料電池系統。", "開發電堆。"],
                   ["氫能計畫"])  # fmt: skip
    resolved = [
        Resolved(Mention(Label.TECHNOLOGY, n, i, *span(b.text, n)), Term(Label.TECHNOLOGY, n))
        for i, b in enumerate(seg.blocks[:-1])
        for n in ("燃料電池系統", "電堆")
        if n in b.text
    ]
    ex = Extractor().extract(seg, resolved)
    evidence = {r.target.id: r.evidence.text for r in ex.relations if r.type is RelType.DEVELOPS}
    assert evidence == {
        "technology:燃料電池系統": "本計畫開發燃料電池系統。",
        "technology:電堆": "開發電堆。",
    }


@pytest.mark.parametrize(
    ("text", "actor", "expected"),
    [
        ("前言，本計畫協助廠商建立回收產線", "", True),  # the firm, named after the programme
        ("前言，廠商與本計畫建立回收產線", "", False),  # the programme named after the firm
        ("前言，與國內廠商合作開發回收產線", "", False),  # a partner
        ("前言，開發符合廠商需求的回收產線", "", False),  # inside a qualifier
        ("前言，臺塑導入回收產線", "臺塑", True),  # a named organisation in the clause
        ("臺塑說，導入回收產線", "臺塑", False),  # in the clause before
    ],
)
def test_a_firm_is_the_subject_in_a_clause_that_does_not_open_the_sentence(
    text: str, actor: str, expected: bool
) -> None:
    """The firm rule reads the mention's own clause, wherever it starts in the sentence."""
    start = text.index("回收產線")
    left = text.index("，") + 1
    actors = (text.index(actor),) if actor else ()
    assert firm_led(text, (left, start), actors, SETTINGS) is expected


def test_other_inside_a_word_and_the_programme_as_the_sections_subject() -> None:
    """其它 at the start of the text is no party; with the section's heading stating the work
    (owned) the programme is the subject unless another party is named before the mention."""
    assert _others("其它模組", SETTINGS) == -1
    assert by_programme("開發", SETTINGS, owned=True) is True
    assert by_programme("各國開發", SETTINGS, owned=True) is False
    assert by_programme("開發", SETTINGS) is False


def test_a_party_a_background_cue_relies_on_is_no_subject() -> None:
    """依賴國外進口: 國外 is what the contrast relies on, not the subject of the work after it,
    so a section whose heading states the work stays the programme's (article text)."""
    lead = "原材料(如:鋼鐵、盤元等)大多依賴國外進口,其價格波動大。\n"
    assert _others(lead, SETTINGS) == -1
    assert _others("國外進口鋼鐵", SETTINGS) == 0
    assert by_programme(lead + "此外,結合", SETTINGS, owned=True) is True
    text = "結合供應鏈智慧允收預測技術,能識別需要全檢的工令單。"
    start, end = span(text, "供應鏈智慧允收預測技術")
    assert own_work(text, start, end, SETTINGS, lead, True, (), True) is True
    # Other background words keep the party the subject: 隨著各國…，並陸續建置X is theirs.
    assert _others("隨著各國積極布局", SETTINGS) == 2
    text = "隨著各國積極布局低軌衛星,並陸續建置非地面網路地面站"
    start, end = span(text, "非地面網路")
    assert own_work(text, start, end, SETTINGS, "■ 開發衛星通訊模組 ■\n", True, (), True) is False


def test_an_organisation_opening_the_sentence_leaves_later_clauses_to_the_programme() -> None:
    """A partner opening the sentence is no subject of the clause after (臺灣大學與工研院合作，
    共同開發氮化鎵元件: the programme's agency works with it); nor, without a work verb of its
    own clause, a firm that opens one (a review found both lost: the rule was dropped)."""
    text = "臺灣大學與工研院合作,共同開發氮化鎵元件"
    at = span(text, "氮化鎵元件")
    assert own_work(text, *at, SETTINGS, "本計畫開發X。", True, (0,)) is True


def test_a_later_clause_calling_the_sentence_the_key_is_a_trend() -> None:
    """…藉由X，提高Y，將會是Z的關鍵: any later clause that opens with a trend's predicate (將會是,
    a 關鍵 that ends its clause) makes the sentence what the field needs, not work."""
    text = "推動製程標準化,藉由自動化程序與智慧化數據分析,提高細胞產量與品質,將會是產業化的關鍵。"
    start, end = span(text, "數據分析")
    assert own_work(text, start, end, SETTINGS, "本計畫開發細胞製程。", True) is False
    # 關鍵 that does not end its clause is a qualifier: 為國內關鍵技術 names no trend
    text = "本計畫開發晶片封裝,為國內關鍵技術。"
    assert own_work(text, *span(text, "晶片封裝"), SETTINGS) is True


def test_what_the_thing_worked_on_is_dedicated_to_is_no_work() -> None:
    """X生產專用Y: X is what the bioreactor serves (not across 與: X設計與專用Y is work)."""
    text = "整合在自主開發的嵌合抗原受體T細胞(CAR-T)生產專用拋棄式生物反應器"
    at = span(text, "嵌合抗原受體T細胞")
    assert own_work(text, *at, SETTINGS, "本計畫開發。", True) is False
    text = "建立自然殺手異體細胞(Allogeneic NK Cells)治療所需放大製程"  # X治療所需Y too
    assert own_work(text, *span(text, "自然殺手異體細胞"), SETTINGS, "本計畫開發。", True) is False
    text = "本計畫開發多通道立體線圈陣列設計與專用頭套夾持結構"
    assert own_work(text, *span(text, "多通道立體線圈陣列"), SETTINGS) is True


def test_a_tab_ends_a_table_cell_as_a_clause() -> None:
    """A table row run on as one sentence: the verb of one cell says nothing of the next."""
    text = (
        "關鍵技術\t射頻加熱機構設計技術與高光譜感測技術\t連續式射頻加熱技術與近紅外線水活性感測技術"
    )
    start, end = span(text, "連續式射頻加熱")
    assert own_work(text, start, end, SETTINGS, "本計畫開發。", True) is False


def test_a_clause_after_an_example_intro_with_a_verb_of_its_own_is_no_list() -> None:
    """例如，A與B可透過…: the clause has its own predicate, so it is no list of what the clause
    before designs (例如，A、B等 still is)."""
    text = "AI導入可以更有效率地設計核酸藥物,例如,mRNA疫苗與基因治療藥物可透過輸入標的蛋白。"
    assert own_work(text, *span(text, "基因治療"), SETTINGS, "本計畫開發藥物。", True) is False
    text = "本計畫設計核酸藥物,例如,mRNA疫苗與基因治療藥物等。"
    assert own_work(text, *span(text, "基因治療"), SETTINGS) is True


def test_a_works_noun_a_verb_follows_is_the_subject() -> None:
    """例如，電動巴士廠運用X: a maker (…廠) a verb follows is the subject, as an industry is."""
    text = "例如,電動巴士廠運用底盤線控整合技術,成功開發國產車道維持系統。"
    at = span(text, "底盤線控整合")
    assert own_work(text, *at, SETTINGS, "本計畫開發線控底盤。", True) is False
    text = "科技專案投入創新節能設備及智慧化廠務技術。"
    assert own_work(text, *span(text, "智慧化廠務"), SETTINGS) is True


def test_an_opening_means_whose_main_clause_has_its_own_subject_is_no_work() -> None:
    """搭配遠距醫療平臺，醫師可即時追蹤療效: no work verb, the means serve the doctors; not when
    the main clause has no subject of its own (結合X，能識別Y: the programme's means) or the
    means is not the sentence's opening (…，透過真空爐加熱室…，加熱室可…)."""
    lead = "本計畫開發數位療法。"
    text = "搭配遠距醫療平臺,醫師可即時追蹤療效並在異常時迅速介入。"
    assert own_work(text, *span(text, "遠距醫療平臺"), SETTINGS, lead, True) is False
    text = "結合供應鏈智慧允收預測技術,能識別需要全檢的工令單。"
    assert own_work(text, *span(text, "供應鏈智慧允收預測"), SETTINGS, lead, True) is True
    text = "以熱處理取代舊製程,透過真空爐分隔兩腔室,加熱室可快速升溫。"
    assert own_work(text, *span(text, "真空爐"), SETTINGS, lead, True) is True


def test_what_replaces_the_old_is_an_adoption_unless_the_programme_says_it() -> None:
    """X取代傳統Y is background: most often an industry adopting X (a review found these
    market sentences turned into the programme's work when 取代 cut the clause)."""
    lead = "本計畫開發碳化矽功率模組。"
    for text, name in (
        ("近年資料中心開始導入浸沒式冷卻系統取代傳統氣冷方式。", "浸沒式冷卻系統"),
        ("半導體封裝逐步採用玻璃基板取代傳統有機基板。", "玻璃基板"),
        ("許多醫院已導入AI影像判讀系統取代傳統人工判讀。", "AI影像判讀系統"),
    ):
        assert own_work(text, *span(text, name), SETTINGS, lead, True) is False, text
    text = "本計畫開發氮化鎵元件取代矽元件。"
    assert own_work(text, *span(text, "矽元件"), SETTINGS) is False


def test_a_clause_opening_with_a_reason_states_no_work() -> None:
    """…，因為乾蝕刻過程需要…來實現對半導體材料的精密雕刻: a reason, not work (a clause of the
    programme's work in the same sentence still is)."""
    lead = "本計畫開發節能技術。"
    text = "蝕刻段耗能比重占24%,因為乾蝕刻過程需要高度精確的功率控制來實現對半導體材料的精密雕刻。"
    assert own_work(text, *span(text, "半導體材料"), SETTINGS, lead, True) is False
    text = "因為需求增加,本計畫開發乾蝕刻設備。"
    assert own_work(text, *span(text, "乾蝕刻設備"), SETTINGS) is True


@pytest.mark.parametrize("undone", ["尚未", "並未", "未能", "從未"])
def test_a_negated_work_is_no_work(undone: str) -> None:
    """國內尚未開發X, 並未建立X: what nobody has done."""
    text = f"本計畫指出國內{undone}開發車用雷達晶片。"
    assert own_work(text, *span(text, "車用雷達晶片"), SETTINGS) is False
    text = "本計畫開發車用雷達晶片。"
    assert own_work(text, *span(text, "車用雷達晶片"), SETTINGS) is True


def test_a_comparison_or_a_country_in_the_programme_s_sentence_keeps_its_work() -> None:
    """A review found these vetoed by comparison cues and more countries as parties, both
    taken back: the programme is the subject, the country qualifies a need or a partner."""
    for text, name in (
        ("本計畫相較前期更進一步開發8吋碳化矽長晶爐。", "碳化矽長晶爐"),
        ("本計畫針對印度需求開發低成本太陽能模組。", "太陽能模組"),
        ("本計畫參考英國經驗建立智慧電網調度平台。", "智慧電網調度平台"),
        ("本計畫與荷蘭業者合作開發EUV光罩檢測模組。", "EUV光罩檢測模組"),
    ):
        assert own_work(text, *span(text, name), SETTINGS) is True, text


def test_a_clause_of_what_is_to_come_is_a_prospect_unless_the_programme_plans_it() -> None:
    """未來，這些模組可結合X，打造Y: a prospect of the field, not work; 未來本科技專案將持續推動X:
    the programme's plan, its work."""
    text = "未來,這些AI模組可結合物聯網與邊緣運算,打造虛實整合平臺。"
    assert own_work(text, *span(text, "物聯網"), SETTINGS) is False
    text = "未來可望建立虛實整合平臺。"  # no subject: the field's prospect
    assert own_work(text, *span(text, "虛實整合平臺"), SETTINGS) is False
    assert own_work(text, *span(text, "虛實整合平臺"), SETTINGS, "本計畫開發晶片。") is True
    text = "未來本科技專案將持續推動數位醫療技術的整合發展。"
    assert own_work(text, *span(text, "數位醫療"), SETTINGS, "", True) is True
    text = "本計畫建立虛實整合平臺,未來將整合邊緣運算。"
    assert own_work(text, *span(text, "邊緣運算"), SETTINGS) is True
    # inside a clause 未來 qualifies: the programme's own object, its own plan
    for text, name in (
        ("開發可支援未來6G通訊之毫米波天線模組,並完成場域驗證。", "毫米波天線模組"),
        ("開發面向未來智慧工廠的AI排程系統。", "AI排程系統"),
        ("預計未來三年內完成碳化矽長晶爐開發。", "碳化矽長晶爐"),
    ):
        assert own_work(text, *span(text, name), SETTINGS, "本計畫開發晶片。", True) is True, text


def test_an_agency_mention_opening_a_clause_takes_the_work_back_from_an_industry() -> None:
    """…產業積極投入X，工研院開發Y: the extractor passes the article's Agency mentions to the
    clause rules; the executing agency opening a clause states the programme's work (a review
    found Y lost to the industry named before it)."""
    work = "半導體產業積極投入先進封裝,工研院開發矽光子元件。"
    seg = _article([work], ["前瞻封裝計畫"], "工業技術研究院")
    block = seg.blocks[-1].text
    found = [(Label.TECHNOLOGY, "先進封裝"), (Label.TECHNOLOGY, "矽光子元件")]
    itri = Term(Label.AGENCY, "工業技術研究院")
    agency = Resolved(Mention(Label.AGENCY, "工研院", 0, *span(work, "工研院")), itri)
    # The 執行單位 line names the executing agency (graphkit.structure does so in the pipeline).
    at = block.index("工業技術研究院")
    executing = Resolved(Mention(Label.AGENCY, "工業技術研究院", 1, at, at + 7), itri)
    resolved = [
        Resolved(Mention(label, n, 0, *span(work, n)), Term(label, n)) for label, n in found
    ]
    ex = Extractor().extract(seg, [*resolved, agency, executing])
    targets = sorted(r.target.id for r in ex.relations if r.type is RelType.DEVELOPS)
    assert targets == ["technology:矽光子元件"]
    ex = Extractor().extract(seg, [*resolved, executing])  # no agency opens it: the industry's
    assert [r for r in ex.relations if r.type is RelType.DEVELOPS] == []
    # Another agency opening the clause is another party (a re-review: 資策會則開發X in an
    # article 工研院 executes).
    ex = Extractor().extract(seg, [*resolved, agency])  # 工研院 here executes nothing
    assert [r for r in ex.relations if r.type is RelType.DEVELOPS] == []


def test_a_technology_opening_the_name_of_one_worked_on_develops_through_the_extractor() -> None:
    """The extractor links 天線透鏡 too: it opens 天線透鏡材料, the object of the work
    (`articlework._fields_of_work`, wired into the article's work)."""
    lens = "天線透鏡可提升訊號增益。"  # printed alone too: a technology of the article
    work = "科技專案規劃投入天線透鏡材料與結構技術開發。"
    seg = _article([lens, work], ["次太赫茲通訊計畫"])
    resolved = []
    for i, name in ((0, "天線透鏡"), (1, "天線透鏡材料")):
        s, e = span((lens, work)[i], name)
        term = Term(Label.TECHNOLOGY, name)
        resolved.append(Resolved(Mention(Label.TECHNOLOGY, name, i, s, e), term))
    ex = Extractor().extract(seg, resolved)
    targets = {r.target.id for r in ex.relations if r.type is RelType.DEVELOPS}
    assert targets == {"technology:天線透鏡材料", "technology:天線透鏡"}


def test_a_replacement_after_the_mention_makes_it_the_new_thing() -> None:
    """利用X模式取代傳統分站模式: with the programme as the subject, X is what its work puts in
    place of the old; the old thing (after 取代) and X without the programme stay background."""
    s = load_settings()
    lead = "本計畫開發複合式高效檢測技術。"
    text = "因此開發複合式高效檢測技術,利用單站多參數共光路模式取代傳統分站模式,提升檢測效率。"
    at = text.index("單站多參數共光路")
    assert own_work(text, at, at + 8, s, lead, True) is True
    old = text.index("分站模式")
    assert own_work(text, old, old + 4, s, lead, True) is False
    plain = "業界利用單站多參數共光路模式取代傳統分站模式。"
    at = plain.index("單站多參數共光路")
    assert own_work(plain, at, at + 8, s, "", True) is False


def test_work_after_the_mention_that_an_effect_aims_at_is_no_work() -> None:
    """…，進而加速X研發的蓬勃發展: an effect's verb before the mention in its own clause makes
    the nominalised work after it (X研發) an aim of another subject, unless the programme is
    named in the clause; an effect in a list the clause joins (SOP改善，與X驗證) is none."""
    text = "mRNA疫苗的成功,充分展現LNP的優勢,進而加速LNP傳輸技術與脂質材料研發的蓬勃發展。"
    assert own_work(text, *span(text, "脂質材料"), SETTINGS) is False
    text = "本計畫加速脂質材料研發。"
    assert own_work(text, *span(text, "脂質材料"), SETTINGS) is True
    text = "建立結構設計、組裝精度SOP改善,與精度量測驗證之程序與方法。"
    assert own_work(text, *span(text, "精度量測"), SETTINGS, "本計畫開發工具機。", True) is True


def test_the_vehicle_of_the_programmes_work_is_its_work() -> None:
    """…，以高密度構裝基板為載體，促進低碳製程落實: with the programme as the subject, what its
    work is carried by (or built on: 以X為核心) is its work; without it, a description."""
    lead = "本計畫開發低碳製程。"
    text = "並透過簡化基板架構與製程流程,以高密度構裝基板為載體,促進低碳製程落實。"
    assert own_work(text, *span(text, "高密度構裝基板"), SETTINGS, lead, True) is True
    assert own_work(text, *span(text, "高密度構裝基板"), SETTINGS, "", True) is False
    text = "以高密度構裝基板,促進低碳製程落實。"  # no vehicle's word after it
    assert own_work(text, *span(text, "高密度構裝基板"), SETTINGS, lead, True) is False


def test_the_field_a_result_is_applied_in_is_no_work() -> None:
    """突破高頻抗干擾材料於衛星通訊領域之應用: the material is the work, the field after 於 and
    before 之應用 is where it is applied."""
    text = "科技專案致力於突破高頻抗干擾材料於衛星通訊領域之應用。"
    assert own_work(text, *span(text, "衛星通訊"), SETTINGS, "", True) is False
    assert own_work(text, *span(text, "高頻抗干擾材料"), SETTINGS, "", True) is True


def test_a_clause_opening_with_what_the_work_makes_easier_is_a_purpose() -> None:
    """…設計，利於導入市售穿戴設備與診斷平臺: 利於 (以利, 便於) opens what the work is for, as
    為了 does; the devices are where its result goes, not its work."""
    lead = "本計畫開發生醫晶片模組。"
    text = "晶片模組並同步進行標準化封裝與介面通用化設計,利於導入市售穿戴設備與診斷平臺。"
    assert own_work(text, *span(text, "市售穿戴設備"), SETTINGS, lead, True) is False
    text = "晶片模組並同步進行標準化封裝與介面通用化設計,導入市售穿戴設備與診斷平臺。"
    assert own_work(text, *span(text, "市售穿戴設備"), SETTINGS, lead, True) is True


def test_a_work_verb_before_a_strategy_or_trend_states_no_work() -> None:
    """藥物研發策略以X為主軸: 研發 modifies the field's strategy ('capacities': 策略, 趨勢, 動向),
    the clause says where the field's drug research goes, not what the programme develops."""
    text = "藥物研發策略以神經保護及幹細胞治療為主軸。"
    assert own_work(text, *span(text, "幹細胞治療"), SETTINGS, "", True) is False
    for course in ("趨勢", "動向"):
        text = f"電池開發{course}以固態電池為主。"
        assert own_work(text, *span(text, "固態電池"), SETTINGS, "", True) is False
    text = "藥物研發以神經保護及幹細胞治療為主軸。"
    assert own_work(text, *span(text, "幹細胞治療"), SETTINGS, "", True) is True
    # 策略性 (strategic) starts a word, no strategy ('not_times')
    text = "本計畫開發策略性關鍵材料碳化矽晶圓。"
    assert own_work(text, *span(text, "碳化矽晶圓"), SETTINGS, "", True) is True
    text = "本計畫以碳化矽晶圓開發策略性功率元件。"
    assert own_work(text, *span(text, "碳化矽晶圓"), SETTINGS, "", True) is True
