"""The term chunker: technology names by their shape (jieba segmentation and POS tags)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphkit import chunkshape
from graphkit.chunk import Chunker, load_settings, names, techniques, whole_words
from graphkit.errors import SchemaError
from graphkit.knowledge import rules
from graphkit.loaders.moea_whitepaper import Kind
from graphkit.normalise import normalise
from graphkit.records import Block, BlockKind, DocumentInfo, Label, Mention, Segmented, SourceText
from tests.extract_docs import block, document


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker()


@pytest.fixture(scope="module")
def long_chunker() -> Chunker:
    """The chunker reading these short test texts as a long document's (no news item's)."""
    return Chunker(replace(load_settings(), short=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Verbs and particles are boundaries; a verbal noun before a non-head word is a verb.
        (
            "打造小型化高效率電源系統，運用GaN化合物功率半導體元件的優異特性設計高效能直流電源轉換器",
            ["小型化高效率電源系統", "GaN化合物功率半導體元件", "高效能直流電源轉換器"],
        ),
        # 即時 (real-time) is a name's word, no conjunction (article 05's gold name)
        ("本計畫建立超音波裂片即時訊號監控模組", ["超音波裂片即時訊號監控模組"]),
        # A verbal noun before another verbal noun makes a compound with it, no verb.
        ("本系統具備遠端調控管理模組，可即時回報", ["遠端調控管理模組"]),
        # ... and the second of two verbal nouns ends their compound, no verb of a noun after
        # it (研磨|加工|主軸模組).
        ("以建構高品質的研磨加工主軸模組。", ["研磨加工主軸模組"]),
        # A verb right after a verb of making is its object's (建立|虛擬|工具機…, 透過|遷移|學習),
        # not after a copula or an aim's verb (成為|支撐|半導體領域).
        (
            "科技專案建立虛擬工具機數位雙生平臺,透過能耗輔助計算模組。",
            ["虛擬工具機數位雙生平臺", "能耗輔助計算模組"],
        ),
        # After a verb of means (透過, 運用: they take a clause) the verb is the clause's (a
        # review's cases).
        ("透過更換高效率馬達,降低能耗。", ["高效率馬達"]),
        ("透過租用伺服器,降低成本。", ["伺服器"]),
        ("成為支撐半導體領域的關鍵支柱。", []),
        # A name followed by a word jieba tags a person's name (高階(nr)) only qualifies it.
        ("研發開放架構高階基站方案。", []),
        # … but not a smart prefix jieba tags so too (智慧(nr)化製程: a review's case).
        ("研發碳化矽晶片智慧化製程。", ["碳化矽晶片"]),
        # Materials by their head: fibres (纖維); a resin (樹脂) is named as a material.
        ("可編織碳纖維結合熱塑型樹脂固化而成", ["編織碳纖維", "熱塑型樹脂"]),
        ("當前全球再生聚酯纖維主要原料來源", ["再生聚酯纖維"]),
        # A bound noun character after a head word ends that word, and the name (雷射|源).
        ("開發高亮度光纖雷射源", ["高亮度光纖雷射源"]),
        # ... but after a Latin word it is a noun of the name.
        ("開發Chiplet運算系統軟體", ["Chiplet運算系統軟體"]),
        # A name does not start inside a hyphenated word.
        ("投入5G-Advanced核心技術研發", ["5G-Advanced核心技術"]),
        # A quality is no technique (智慧化, 世界級, 新); a process ending in 化 is.
        ("以高值化技術提升", []),
        ("掌握世界級核心技術", []),
        ("致使業者開發新技術", []),
        ("開發金屬鈦純化技術", ["金屬鈦純化技術"]),
        # After a number a one-character word counts it.
        ("建立五大智慧機器人", ["智慧機器人"]),
        ("科技專案打造三大試產線", []),
        ("開發資源共享平臺", []),  # 平臺 is a weak head: 晶片平臺, not 資源共享平臺
        # A category of things (電子元件, 半導體材料) is a generic word, no name.
        ("加速電子元件開發", []),
        ("加速新一代高效能電子元件開發", []),  # a modifier of a generic word names nothing
        ("提升半導體材料的擴散", []),
        ("建立全臺半導體資源共享平臺", []),
        # Device and component heads: 光纖, 單元, 二極體 …
        ("開發低損耗陣列光纖。", ["低損耗陣列光纖"]),
        ("建置慣性量測單元。", ["慣性量測單元"]),
        ("開發碳化矽二極體。", ["碳化矽二極體"]),
        ("研發製造新藥、高風險醫療器材及新興生技醫藥產品", ["高風險醫療器材"]),
        # A class (等級) counts a thing, as a number does: no part of its name.
        ("須執行臨床試驗之第二等級醫療器材", ["醫療器材"]),
        # A year and a place in front are not part of the name.
        ("2028年全球AI晶片需求", ["AI晶片"]),
        ("發展CPO引擎技術", ["CPO引擎技術"]),
        # One word of working together and a work verb (合作開發(l), 聯合開發(nt)) is the
        # clause's verb: the body before it and the verb are no part of the name after it.
        ("與工研院合作開發6G技術", []),
        ("台積電與工研院共同開發矽光子技術", ["矽光子技術"]),
        ("與廠商聯合開發鈦合金材料", ["鈦合金材料"]),
        ("共同開發多語言電信大語言模型", ["多語言電信大語言模型"]),
        # 同步進行(j): doing it at the same time, one word of jieba's, and 進行 a verb
        ("晶片模組並同步進行標準化封裝與介面設計", ["晶片模組", "標準化封裝"]),
        # 深耕 (working deeply on) is a work verb before a technique, no piece of it.
        ("本計畫深耕碳化矽長晶技術", ["碳化矽長晶技術"]),
        # Fragments of verbs and generic words are no names.
        ("開發低流動性液態金屬", []),
        ("整合關鍵元件與生態系統", []),
        # A one-character prefix belongs to the name; a name glued to a lone character that
        # is no prefix is the end of a word jieba did not know.
        ("低軌道衛星", ["低軌道衛星"]),
        ("瓦特級射頻功率放大器", ["瓦特級射頻功率放大器"]),  # the text's start is a word's
        ("補足瓦特級射頻功率放大器", []),
        ("升降頻晶片及瓦特級射頻功率放大器", ["瓦特級射頻功率放大器"]),
        # ... unless that character is a prefix starting the word (次|微米).
        ("建置次微米感測晶片試產線", ["次微米感測晶片"]),
        ("開發次太赫茲天線", []),
        ("業者展開多軌道衛星技術合作", ["多軌道衛星技術"]),
        # ... and starts a technique (X技術) as it starts a name.
        ("整合多感測器數據融合技術", ["多感測器數據融合技術"]),
        ("克服單鏡頭光學技術的限制", ["單鏡頭光學技術"]),
        ("開發多種晶片模組", ["晶片模組"]),
        # Lone noun characters right after a function word or a mark start a word jieba did
        # not know (於|矽|光晶片, 、|電|漿…); after a verb they are its piece (升降|頻晶片).
        ("科技專案聚焦於矽光晶片與運算晶片整合", ["矽光晶片", "運算晶片"]),
        ("導入曝光機、電漿化學氣相沉積系統", ["曝光機", "電漿化學氣相沉積系統"]),
        ("開發SiC晶體生長與鋁鈦合金靶材", ["鋁鈦合金靶材"]),
        ("研究升降頻晶片", []),
        # ... and after a verb of making, that verb and its piece start the name (開發|升降|頻…).
        ("開發升降頻晶片", ["升降頻晶片"]),
        # A work verb ends a name whatever jieba tags it (建構 as a noun), and starts a word.
        ("本模組建構數位製程模型", ["數位製程模型"]),
        ("並開發矽光子晶片", ["矽光子晶片"]),
        # A word qualifying the technique (基礎, 共通) is not part of its name.
        ("圖1 智慧加工模組基礎技術", ["智慧加工模組"]),
        ("建立雷射加工共通技術", ["雷射加工共通技術"]),
        # A name that qualifies a noun after it names nothing (感測|數據中心).
        ("建立智慧環境感測數據中心", []),
        # ... but a noun framing what is said of it (its products, market, supply chain) does
        # not make it a qualifier: the name is the technology.
        ("協助國內產業發展高階SiC晶圓產品。", ["高階SiC晶圓"]),
        ("全球SiC晶圓供應鏈中", ["SiC晶圓"]),
        # ... but one before 業者 or 產業 makes it a sector of the economy.
        ("協助中小型晶片業者進行驗證", []),
        # A determiner is no part of a name (同一|封裝).
        ("將光引擎與運算晶片整合於同一封裝", ["運算晶片"]),
        # X技術 names X whatever its head: back to a particle, a preposition or a cue verb.
        ("結合前期於系統級散熱技術的能量", ["系統級散熱技術"]),
        ("推動AI運算與Chiplet核心技術", ["Chiplet核心技術"]),
        ("投入研發具優勢之低延遲AI感知運算技術", ["低延遲AI感知運算技術"]),
        # ... not a verb in front, an industry, a cue word alone, nor 技術 inside 技術司.
        ("建置合金熔煉技術", ["合金熔煉技術"]),
        # ... but a lone noun right after a boundary starts a word jieba did not know, unless
        # a Latin name follows it (故|CPO).
        ("開發SiC晶體生長與鋁鈦合金靶材成型技術", ["鋁鈦合金靶材成型技術"]),
        ("故CPO技術", ["CPO技術"]),
        ("次世代行動通訊產業技術", []),
        ("透過創新技術", []),
        # 先進 starts a technique's name (先進製程); a modifier alone before 技術 names none.
        ("則必須依賴先進製程技術", ["先進製程技術"]),
        ("中小企業能夠負擔得起先進技術", []),
        ("經濟部產業技術司", []),
        # ... but a one-character adverb or verb after 技術 is the clause's next word.
        ("非侵入式眼滴劑技術已進行專利申請", ["非侵入式眼滴劑技術"]),
        ("非侵入式眼滴劑技術可應用於其他眼藥", ["非侵入式眼滴劑技術"]),
        # A count inside the run (兩種, one word) introduces a category: no name.
        ("鈮與HA兩種電漿噴塗技術可依臨床需求", []),
        # 技術 before a noun qualifies it; a time word is a boundary.
        ("較上年度減列儀器技術平台", []),
        # A modifier jieba tags an adverb (高速) starts the printed name, as a noun one does.
        ("推動高速運算矽智財技術", ["高速運算矽智財技術"]),
        ("整合高速光電晶片", ["高速光電晶片"]),
        # 數位 is part of a technique's name (數位雙生), no boundary of it.
        ("推動數位雙生協作技術", ["數位雙生協作技術"]),
        # An adjective of two characters starts a name (虛實, 精密); one of one does not.
        ("強調虛實融合網路及人機協同", ["虛實融合網路"]),
        ("導入精密模具", ["精密模具"]),
        # A verb glued between a noun of the name and its head word is part of the name
        # (jieba tags 合成, 互聯 verbs); not after a measure, a qualifier or an adjective.
        ("開發射頻波束合成晶片", ["射頻波束合成晶片"]),
        ("整合光電互聯架構", ["光電互聯架構"]),
        ("節省次毫米發光二極體。", []),
        ("確保關鍵節能元件", []),
        # A head word is a name's word whatever jieba tags it (封裝, 互聯: verbs) …
        ("鎖定先進封裝模組", ["先進封裝模組"]),
        ("包含開發Chiplet封裝製造", ["Chiplet封裝"]),
        # … but a name it starts right after a word that is no boundary is a piece of a
        # longer one (共同|封裝模組): its left edge is unsure, no name.
        ("提供CPO共同封裝模組高速", []),
        # A process (整合) glued between a noun of the name and a head is the name's too.
        ("建立12吋3DIC異質整合封裝平臺", ["3DIC異質整合封裝平臺"]),
        ("低碳排與低能耗之天線整合封裝基板", ["天線整合封裝基板"]),
        # 製程 after a head word names a kind of process, no technology (晶片製程); called
        # a technique it is one (X製程技術).
        ("推動異質整合晶片製程。", []),
        ("開發矽光子晶片製程技術", ["矽光子晶片製程技術"]),
        # A head word jieba tags a verb ends the name before a mark or a function word.
        ("導入低功耗、高速晶片互聯與記憶體", ["高速晶片互聯"]),
        ("推動晶片互聯", ["晶片互聯"]),  # at the clause's end too
        # ... and a verbal noun before it leaves the run unsure: a verb's object, no name.
        ("開發加工表面品質模擬模組", []),
        # Taiwan's head words are words of the segmenter's dictionary (感測, not 感|測), and
        # so are its words the mainland's dictionary lacks (奈米, not 奈|米; 減列, not 減|列).
        ("較上年度減列奈米元件研究服務環境建置與維運", ["奈米元件"]),
        ("■ 奠基電鍍產業處理模式 導入電子產業應用 ■", []),  # 奠基 (to found) is a verb
        # a work verb with its complement is one verb, its object the name (開發出|光引擎模組)
        ("工研院已開發出光引擎模組，並與", ["光引擎模組"]),
        ("團隊研發出高功率雷射模組，並", ["高功率雷射模組"]),
        ("工研院已開發出矽光子光引擎，並與", ["矽光子光引擎"]),
        ("透過乙太網路實現天線控制單元", ["乙太網路", "天線控制單元"]),  # 以太网 there
        ("解決我國觸控面板及感測器產業", ["觸控面板"]),
        ("驗證感測晶片的良率", ["感測晶片"]),
        # Where a technology comes from (國產, 自主化) is no part of its name, and a lone
        # character right after such a word starts the name (國產自主化|空|品感測技術).
        ("確立國產自主化空品感測技術的發展", ["空品感測技術"]),
        ("開發自主化感測晶片", ["感測晶片"]),
        # A verb glued to its preposition starts no name (受限於|技術發展), and a unit's
        # lowercase letter none either (bar/s|煞車力電控技術).
        ("主要受限於技術發展與產業規模", []),
        ("已建立建壓能力172 bar/s煞車力電控技術", ["煞車力電控技術"]),
        ("開發p型氮化鎵磊晶技術", ["p型氮化鎵磊晶技術"]),  # a letter not after a slash stays
        ("建立i線曝光技術", ["i線曝光技術"]),
        # A technique's name does not run across a cooperation (航港局|合作|智慧船舶技術).
        ("科專法人與航港局合作智慧船舶技術研發", ["智慧船舶技術"]),
        # A lone character glued after another that jieba split off the same word (線|上,
        # 術|中) ends that word: it starts no name, where after a mark it may (多|感測器).
        ("並加入線上感測技術與演算法", []),
        ("透過影像融合和術中定位技術", []),
        ("開發多感測器融合技術", ["多感測器融合技術"]),
        # ... and so does one that is a piece of the word before or a one-character verb of
        # the name (無|液壓…, 防|電磁干擾…: without, against); a measure after a number is none
        # (三|大…). 生質 (biomass) is Taiwan's word, no piece (生|質) any more.
        ("開發生產替代蛋白質之生質材料轉化技術", ["生質材料轉化技術"]),
        ("規劃發展無液壓裝置電動煞車技術", []),
        ("複合材料及防電磁干擾表面塗層技術", ["複合材料"]),  # 材料 heads a name
        # 五軸, 三軸 (five-, three-axis) are Taiwan's words of machine tools, no count
        ("國產五軸體積空間精度校正技術", ["五軸體積空間精度校正技術"]),
        # A count inside a phrase (三|大, 兩|型) introduces a category: no name; a numeral
        # before a noun is a name's word (三|電模組).
        ("聚焦無人機飛行控制系統三大核心元件", []),
        ("分成聚合物、硫化物和氧化物三大技術", []),
        # Digits with a unit (8|吋) measure: no count.
        ("開發碳化矽8吋晶圓技術", ["碳化矽8吋晶圓技術"]),
        ("驗證燃料電池與氫能動力三電模組", ["燃料電池", "氫能動力三電模組"]),
        # A verb jieba tags a noun (交由, 鏈結) is no name's word: the name starts after it.
        ("並交由機器學習演算法來建立", ["機器學習演算法"]),
        ("鏈結半導體與ICT優勢", []),
        # A quality of three characters (互補性) is no technique; a longer X holding one is.
        ("加強互補性技術投入", []),
        ("導入高穩定性焊接技術", ["高穩定性焊接技術"]),
        # A goal (where it comes from: 國產化) or an investment is no technique.
        ("發展煞車系統的零組件國產化技術", []),
        ("積極投資AI技術", []),
        # A programme or its results named as X技術 is no technique.
        ("透過科技專案成果技術授權給整車廠", []),
        # A quantifier or a determiner starts no name: 很多|科技 leaves 科技, too short.
        ("很多科技技術帶動的發展", []),
        ("採用很多高效能晶片", ["高效能晶片"]),
        # A bound attributive (型, 式) needs the head it qualifies; a word ending in one does
        # not (模型, 程式).
        ("人工智慧與智慧型技術的成效", []),
        ("建立產生領導型技術", []),
        ("開發大型語言模型技術", ["大型語言模型技術"]),
        # A head qualified by business words alone is an organisation's structure.
        ("與企業營運架構整合", []),
        ("建立整合的營運架構", []),
        ("開發資料處理架構與資料處理架構", ["資料處理架構", "資料處理架構"]),
        # A device by its last character: a word of three characters or more (示波器, 光譜儀),
        # or that character alone glued after a word of two (氣氛|爐); 手機 is too short.
        ("整合示波器與光譜儀", ["示波器", "光譜儀"]),
        ("建置真空爐與氣氛爐", ["真空爐", "氣氛爐"]),
        ("導入雷射切割機，取代手機", ["雷射切割機"]),
        ("導入O-RU網與曝光機", ["曝光機"]),  # RU|網: after a Latin word, a piece of its name
        # A process is a head word (研磨, 切削, 成型, 學習 …), whatever jieba tags it; a
        # process alone is none, nor one after a verb (持續|學習).
        ("導入化學機械研磨與氣流研磨", ["化學機械研磨", "氣流研磨"]),
        ("結合適應性學習，提升切削", ["適應性學習"]),
        ("員工持續學習新知", []),
        # A head word alone names nothing, unless it names a device on its own (濾波器).
        ("整合濾波器與編碼器", ["濾波器", "編碼器"]),
        ("開發晶片與模組", []),
        # A smart kind of a thing (智慧|工廠, AI|智慧|座艙); not of an abstract word, nor one
        # qualifying the noun after it; a head word after 智慧 names it by the head.
        ("導入智慧工廠與AI智慧座艙", ["智慧工廠", "AI智慧座艙"]),
        ("打造智慧國家", []),
        ("推動智慧工廠轉型", []),
        ("提供智慧口腔照護服務", []),  # a verb after it: 智慧口腔|照護
        # ... but a cue verb after it is the clause's (white-paper prose): 成為, 相關.
        ("隨著產業持續升級,智慧工廠成為核心推動力量", ["智慧工廠"]),
        ("導入智慧工廠相關的AI及生成式AI", ["智慧工廠"]),
        # ... yet an abstract word before the cue is still none (a review's cases).
        ("智慧經濟成為下一波成長動能", []),
        ("智慧社會成為願景", []),
        ("智慧資本相關揭露已成為企業治理重點", []),
        ("發展智慧化發展策略", []),
        ("智慧財產權保護", []),
        ("開發智慧機器人", ["智慧機器人"]),
        # 著重 is a verb the mainland dictionary splits (著|重): it ends a name.
        ("著重材料成型與熱處理製程技術", ["材料成型", "熱處理製程技術"]),
        # Heads of software, wearables and materials: 函式庫 (Taiwan's word, not 函|式|庫), 手環,
        # 樹脂, 液體; a powder by its last character (合金|粉), no pollination (授粉)
        ("開發通訊協定函式庫與使用者介面", ["通訊協定函式庫", "使用者介面"]),
        ("結合健康監測手環與穿戴式手環", ["健康監測手環", "穿戴式手環"]),
        ("分離特殊有機液體", ["特殊有機液體"]),
        ("回收合金粉", ["合金粉"]),
        # 致動 (actuation) is Taiwan's word, not 致|動: the name goes on through it
        ("建立液壓致動元件測試平臺", ["液壓致動元件"]),
        ("溫室授粉", []),
        # 碳纖 is Taiwan's word (碳纖布, not 碳|纖|布); 布建 is a verb, no cloth (布|建)
        ("生產碳纖布", ["碳纖布"]),
        ("加速專網多樣化布建", []),
        # 工具 is no head: financial, policy and digital tools name no technology (a review:
        # 融資工具, 數位工具), and held out it named none the gold holds
        ("提供評估工具", []),
        ("建立數據分析工具", []),
        ("政府運用租稅優惠與融資工具", []),
        # A capitals acronym glued after the head is no part of the name: most often the
        # name's own abbreviation (電池管理系統BMS), a review found
        ("開發影像辨識函式庫API與介面", ["影像辨識函式庫"]),
        ("本計畫開發電池管理系統BMS。", ["電池管理系統"]),
        ("整合功率模組 SDK與", ["功率模組"]),
        # 材料 heads a material's name (a head, no longer only a tail); raw material names none
        ("開發輕質絕熱材料", ["輕質絕熱材料"]),
        ("採購原材料", []),
        # 增層 (a board's build-up layer) is Taiwan's word, not 增|層
        ("開發感光型增層材料", ["感光型增層材料"]),
        # 紡織品 heads a textile's name; the word alone names none
        ("開發高強柔韌紡織品", ["高強柔韌紡織品"]),
        ("回收紡織品", []),
        # Heads of chemistry, energy and medicine: 電解質, 觸媒, 藥物 …; a pump by its last
        # character (液壓|泵)
        ("開發高分子電解質", ["高分子電解質"]),
        ("開發陽極觸媒與陰極觸媒", ["陽極觸媒", "陰極觸媒"]),
        ("整合液壓泵與", ["液壓泵"]),
        ("提升藥物", []),
        ("本計畫開發標靶藥物。", ["標靶藥物"]),
        ("開發脂質奈米載體", ["脂質奈米載體"]),
        ("開發高效殺菌劑", ["高效殺菌劑"]),
        # Heads of biotech and storage: an enzyme (酵素), a tank (儲槽), a wire (線材)
        ("開發羽毛水解酵素與加值系統", ["羽毛水解酵素"]),
        ("開發定置型氫儲槽與", ["定置型氫儲槽"]),
        ("開發高速傳輸線材與", ["高速傳輸線材"]),
        # 使用 (to use) is a verb of the clause, never a word of a name
        ("推動食品業者使用酵素", []),
        # 辦理 (to carry out) too, which jieba tags a noun before a name
        ("檢測機構辦理安全檢測模組", ["安全檢測模組"]),
        # A number's unit (位元, 通道) starts no name: 20位元|超導量子電腦原型機
        ("完成20位元超導量子電腦原型機。", ["超導量子電腦原型機"]),
        ("開發8通道光纖陣列模組。", ["光纖陣列模組"]),
        # A verbal noun made an attributive (協作|型) qualifies the head, no verb of the clause
        # (仿生, biomimetic, is a noun of the name: chunk.json 'nouns')
        ("智慧工業領域，仿生協作型機器人可改善", ["仿生協作型機器人"]),
        # and so does a verb glued to one (拋棄|式, 顯影|型): disposable, photo-developable
        ("使用專用拋棄式生物反應器，進行", ["拋棄式生物反應器"]),
        ("並投入顯影型高精度增層材料的開發", ["顯影型高精度增層材料"]),
        # 位元 (bit) is Taiwan's word, not 位|元
        ("發展出以超導量子位元處理器為主", ["超導量子位元處理器"]),
        # 資安 (information security) and 無塵室 (a clean room) are Taiwan's words: 資|安,
        # 無塵室(i) an idiom in the mainland's dictionary
        ("開發資安模組", ["資安模組"]),
        ("開發無塵室節能模組", ["無塵室節能模組"]),
        # A name does not start inside a hyphenated Latin word (Low-|K, Wi-|Fi)
        ("特別針對Low-K絕緣材料、先進封裝", ["Low-K絕緣材料", "先進封裝"]),
        ("導入Wi-Fi模組與", ["Wi-Fi模組"]),
        # Taiwan's technical words (電漿 plasma, 人型 humanoid, 生醫, 光達, 矽智財 …), not pieces
        ("整合混氫燃燒器與", ["混氫燃燒器"]),
        ("導入生醫感測器與", ["生醫感測器"]),
        ("開發耐高溫阻熱塗層材料及製程", ["耐高溫阻熱塗層材料"]),  # 阻熱, not 阻|熱
        ("開發飛控模組與", ["飛控模組"]),  # 飛控 (flight control), not 飛|控
        ("導入礙子清洗無人機與", ["礙子清洗無人機"]),  # 礙子 (an insulator), not 礙|子
        # Technical nouns the mainland's dictionary tags verbs (相位 phase, 干涉 interference,
        # 協定 protocol, 接取 access, 收發, 吸附): a noun of the name, no verb of the clause
        ("並實現微型陣列干涉鏡組", ["微型陣列干涉鏡組"]),
        ("關鍵模組（如：基頻模組、相位陣列天線模組）", ["基頻模組", "相位陣列天線模組"]),
        # 再生 (recycled) and 互動 (interaction) are nouns of a name, no verb or adverb
        ("回收並製成再生氮化物粉體與", ["再生氮化物粉體"]),
        ("建置人機互動介面與", ["人機互動介面"]),
        # 配方 frames the material it is a formulation of
        ("結合陶瓷複材配方", ["陶瓷複材"]),
    ],
)
def test_names(chunker: Chunker, text: str, expected: list[str]) -> None:
    assert list(names(text, chunker)) == expected


def test_modifiers_are_left_out_of_the_name_and_kept_as_the_surface(chunker: Chunker) -> None:
    text = "本計畫開發高效能直流電源轉換器。高效能直流電源轉換器已驗證。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    found = chunker.recognise(seg)
    assert [(m.text, m.key, m.start, m.label) for m in found] == [
        ("高效能直流電源轉換器", "直流電源轉換器", 5, Label.TECHNOLOGY),
        ("高效能直流電源轉換器", "直流電源轉換器", 16, Label.TECHNOLOGY),
    ]


def test_a_modifier_whose_first_character_jieba_glued_to_the_verb_starts_the_name(
    chunker: Chunker,
) -> None:
    # 推|升高|密度: 推升 is the verb, 高密度 the modifier (升高 took its 高)
    text = "AI需求推升高密度構裝基板的需求，"
    spans = chunker.spans(chunker.tag(text))
    assert [(text[a:b], text[x:y]) for a, b, x, y in spans] == [("高密度構裝基板", "構裝基板")]
    # 以|提高|效能: 以提 is no word, 提高 is the verb and keeps its 高
    text = "以提高效能晶片的良率，"
    assert names(text, chunker) == ["效能晶片"]


def test_a_name_printed_once_is_not_kept(long_chunker: Chunker) -> None:
    # Its edges are unsure: a noun before it (業者|直流…), a verb inside (強國|邁向|…), an
    # adjective first (完整|半導體), a modifying verb before (通用|邏輯晶片), a joining mark
    # before (II-|VI…), a caption (圖2-1).
    for text in (
        "國內業者直流電源轉換器需求大增。",
        "讓臺灣從晶圓製造強國邁向晶片創新引擎的新定位。",
        "臺灣雖具備完整半導體製造優勢。",
        "維單晶平臺的通用邏輯晶片。",
        "II-VI半導體材料長期居領導地位。",
        "圖2-1 極低溫的量子晶片",
        "系統可快速調整模型,預測缺陷。",
        "建立首例低溫模組",  # a determiner before it (首例)
        "導入陣列天線模組。",  # a generic part (模組), named when printed again
        "■ 導入量子晶片 ■",  # a heading: no clause mark
        "開發人造鑄造用砂材。",  # X|用|Y: Y for X, X qualifies Y
    ):
        seg = Segmented(
            DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
        )
        assert long_chunker.recognise(seg) == [], text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("本計畫開發直流電源轉換器。", [("直流電源轉換器", 5)]),  # a work verb, a mark
        ("備連接到極低溫的量子晶片,導線數會增加。", [("量子晶片", 8)]),  # 的, a mark
        ("為了解決我國觸控面板及感測器產業的問題。", [("觸控面板", 6)]),  # 我國/r, 及/c
        ("進入商業化階段,通訊衛星成為發展主力。", [("通訊衛星", 8)]),  # a mark, a verb
    ],
)
def test_a_name_printed_once_with_clean_word_edges_is_kept(
    chunker: Chunker, text: str, found: list[tuple[str, int]]
) -> None:
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == found


def test_digits_and_a_counter_inside_a_technique_count_a_category() -> None:
    """潛力共81|項技術 (news): digits and a counter count items, as 三|大 does; no name (the
    pipeline's chunker, which keeps a technique printed once)."""
    from graphkit.pipeline import Pipeline
    from graphkit.segment import segment

    text = "經濟部技術處每年補助法人研發超過1200項技術，加總展示最前瞻、具產業運用潛力共81項技術。"
    src = SourceText(path="/tmp/n.txt", name="n.txt", text=text, sha256="0", encoding="utf-8")
    seg, _ = segment(src)
    assert Pipeline().chunker.recognise(seg) == []


def test_only_prose_is_read(chunker: Chunker) -> None:
    text = "直流電源轉換器、直流電源轉換器"
    seg = Segmented(DocumentInfo("t.txt", "0", "test"), text, (Block(Kind.GLOSSARY_ROW, text, 0),))
    assert chunker.recognise(seg) == []


def test_head_words_are_words_of_the_chunkers_own_segmenter(chunker: Chunker) -> None:
    import jieba.posseg

    assert [w for w, _, _ in chunker.tag("感測晶片與靶材")] == ["感測", "晶片", "與", "靶材"]
    assert chunker.is_word("感測") and chunker.is_word("靶材")
    # jieba's shared tagger is left as it was: other users of jieba see its own dictionary.
    assert [p.word for p in jieba.posseg.dt.cut("感测晶片", HMM=False)] == ["感", "测", "晶片"]


def test_settings_errors_name_the_field() -> None:
    words: tuple[str, ...] = ("not_first", "trailing", "tails", "modifiers", "generic")
    words += ("abstract_qualifiers",)
    words += ("technique_breaks", "technique_places", "technique_followers")
    words += ("technique_stops", "technique_not_last", "qualities", "joiners", "prefixes")
    words += ("qualifiers", "titles", "verbs", "framing", "nouns", "verbs_unknown", "processes")
    words += ("prepositional_ends", "technique_not_inside", "determiners", "attributives")
    words += ("business", "suffixes", "smart", "smart_not", "named_alone", "smart_not_before")
    words += ("suffix_joins", "suffix_not", "coordinators", "units", "count_units", "joint")
    words += ("latin_not", "quote_tails")
    words += ("known_heads", "shared_joiners", "shared_action_flags", "shared_thing_flags")
    words += ("shared_inner", "shared_piece_flags", "market", "applied", "abroad", "replaced")
    words += ("not_replaced", "background_subjects", "background_qualifier_ends")
    words += tuple(f"clean_{k}" for k in chunkshape.CLEAN)
    good: dict[str, object] = {"flags": ["n"], "heads": ["晶片"], **{w: [] for w in words}}
    good |= {"min_chars": 2, "max_chars": 9, "max_tokens": 3, "min_count": 1, "short_document": 1}
    good |= {"slash_chars": 4, "making_verbs": [], "shared_min_action": 2}
    good |= {"unit_prefixes": ["k"], "latin_list_ends": "[，。]"}
    good |= {"background_clause_breaks": "，。", "background_sentence_ends": "。"}
    good |= {"kinds_list": "(.+)等", "kinds_items": "、", "middle_item": "(?<=、).+(?=、)"}
    good |= {"count_numerals": "三", "count_measures": ["q"], "counters": "項"}
    good |= {"quote_name": "\\w+"}
    assert load_settings(good).heads == ("晶片",)
    assert load_settings(good).marks.prefixes == frozenset({"k"})
    with pytest.raises(SchemaError, match=r"field 'unit_prefixes'"):
        load_settings({k: v for k, v in good.items() if k != "unit_prefixes"})
    with pytest.raises(SchemaError, match=r"rules/chunk\.json.*'heads'"):
        load_settings({**good, "heads": "晶片"})
    with pytest.raises(SchemaError, match=r"field 'min_count': expected at least 1, got 0"):
        load_settings({**good, "min_count": 0})
    with pytest.raises(SchemaError, match=r"'background_clause_breaks': expected a non-empty"):
        load_settings({**good, "background_clause_breaks": ""})


def test_a_generic_word_after_the_name_is_printed_not_named(chunker: Chunker) -> None:
    text = "導入半導體技術。半導體技術成熟。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.key) for m in chunker.recognise(seg)] == [("半導體技術", "半導體")] * 2


def test_a_technique_printed_once_is_kept_and_named_without_its_generic_word(
    chunker: Chunker,
) -> None:
    text = "結合前期於系統級散熱技術的能量。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.key, m.start, m.end) for m in chunker.recognise(seg)] == [
        ("系統級散熱技術", "系統級散熱", 5, 12)
    ]
    # A name by its head printed as X技術 is a technique too.
    text = "發展CPO引擎技術。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.key) for m in chunker.recognise(seg)] == [("CPO引擎技術", "CPO引擎")]


def test_a_name_printed_once_is_kept_when_stated_as_work() -> None:
    from graphkit.develops import load_settings as develops_settings

    chunker = Chunker(work=develops_settings())
    text = "本計畫開發直流電源轉換器。市場上有電源轉換器。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == [("直流電源轉換器", 5)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The chunker's generic words are no objects of the work either (檢測平臺).
        ("科技專案建置三大試產線與檢測平臺。", [("試產線", 8)]),
        # 啟動 is a work verb: no part of a name (啟動|晶片創新動能).
        ("■ 建置試產線 啟動晶片創新動能 ■", [("試產線", 4)]),
        # A name right after a slash glued to a word holds the words the slash joins (an
        # object of the work, or a name by its head) ...
        ("研發開放架構高階基站CU/DU/RU網元系統方案。", [("CU/DU/RU網元系統", 10)]),
        ("科技專案開發具高導熱/低介電損耗樹脂材料。", [("高導熱/低介電損耗樹脂材料", 7)]),
        ("科技專案開發氫能動力三電(電機/電控/電電池)系統。", [("電機/電控/電電池", 13)]),
    ],
)
def test_objects_of_the_work(text: str, expected: list[tuple[str, int]]) -> None:
    from graphkit.develops import load_settings as develops_settings

    chunker = Chunker(work=develops_settings())
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == expected


def _mention(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(Label.TECHNOLOGY, name, 0, start, start + len(name))


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("本專案已建置具高通量篩選能力的平台", "高通", False),
        ("開發新型微量稀土元素摻雜之材料", "稀土", True),
        ("經濟部產業技術司法人科技專案", "經濟部產業技術司", True),
        ("與高通合作開發晶片", "高通", True),
    ],
)
def test_whole_words_drops_names_inside_a_longer_word(text: str, name: str, kept: bool) -> None:
    seg = Segmented(
        DocumentInfo(source="t.txt", sha256="0", family="generic_report"),
        text,
        (Block(BlockKind.PARAGRAPH, text, 0),),
    )
    m = _mention(text, name)
    assert whole_words(seg, [m], Chunker(), frozenset({"lexicon"})) == ([m] if kept else [])


@pytest.mark.parametrize(
    "name", ["chunk", "objects", "lists", "develops", "orgs", "terms", "recognise", "extract"]
)
def test_rule_words_are_written_as_the_normalised_text_reads(name: str) -> None:
    """Text is normalised before any rule reads it (台→臺, NFKC): a word of a rules list that
    the normaliser changes would never match, unless its normalised form is listed too."""

    def lists(value: object) -> list[list[str]]:
        if isinstance(value, dict):
            return [w for v in value.values() for w in lists(v)]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [value]
        return []

    dead = [w for words in lists(rules(name)) for w in words if normalise(w) not in words]
    assert dead == []


def test_a_name_printed_once_beside_another_in_a_list_is_kept(chunker: Chunker) -> None:
    text = "市場對電流電壓轉換器與低損耗陣列光纖的需求增加。另有直流電源轉換器的需求。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == [
        ("電流電壓轉換器", 3),
        ("低損耗陣列光纖", 11),
    ]


def test_a_name_named_as_a_sector_is_none_there_but_counts(chunker: Chunker) -> None:
    # 通訊模組|廠 and …、電子模組及整車製造等領域 name sectors; the name printed a third time
    # (as a name) is kept, since the sector mentions count among its printings.
    text = "擴展至下游組裝與通訊模組廠。涵蓋半導體、電子模組及整車製造等領域。"
    text += "整合通訊模組與電子模組。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == [
        ("通訊模組", 35),
        ("電子模組", 40),
    ]


def test_an_item_of_a_list_ending_in_a_field_is_a_sector(chunker: Chunker) -> None:
    # …、B及C領域等: a list whose last item is a field lists fields and sectors.
    text = "展現在醫材、國防航太、光學鏡頭及新材料領域等能量。"
    assert printed(chunker, text) == []
    assert printed(chunker, text.replace("領域", "")) == ["光學鏡頭"]


def test_a_technique_holding_a_sectors_word_is_none(chunker: Chunker) -> None:
    # 半導體產業節能技術: a sector's practice, not a technique's name.
    assert list(names("協助半導體產業節能技術導入", chunker)) == []
    assert list(names("協助半導體製程節能技術導入", chunker)) == ["半導體製程節能技術"]


def test_a_locative_ends_a_techniques_run(chunker: Chunker) -> None:
    # 衛星團隊|中(f)|扮演核心技術: where the body stands, no part of a technique's name
    assert list(names("研究院在衛星團隊中扮演核心技術研發者的角色", chunker)) == []
    assert list(names("研究院在國家隊中發展無人機飛控技術", chunker)) == ["無人機飛控技術"]
    # after a lone character it is a piece of a word jieba split (線|上: online)
    text = "透過複合加工機傳動精度線上估測補正技術之發展"
    assert list(names(text, chunker)) == ["加工機傳動精度線上估測補正技術"]


def test_a_quantity_and_its_unit_starts_no_name(chunker: Chunker) -> None:
    # 10kW|燃料電池: how much of one thing, no kind of it (固態氧化物 is one)
    assert list(names("測試10kW燃料電池與儲能系統", chunker)) == ["燃料電池"]
    text = "研製固態氧化物燃料電池與電源管理系統"
    assert list(names(text, chunker)) == ["固態氧化物燃料電池", "電源管理系統"]


def test_a_technique_of_making_a_thing_is_none(chunker: Chunker) -> None:
    # 產品開發(l)|技術: the making of products, no technique's name
    assert list(names("全齡健康之創新治療產品開發技術", chunker)) == []


def test_a_technique_of_lone_characters_is_none(chunker: Chunker) -> None:
    # 實|境|場|技術: pieces of a word jieba did not know, no technique
    assert list(names("推動實境場技術驗證", chunker)) == []


def test_an_adjective_no_name_starts_with_starts_what_it_qualifies(chunker: Chunker) -> None:
    # 產業|新(a)|引擎: a new engine of industry; 引擎 alone names nothing
    assert list(names("綠能成為產業新引擎", chunker)) == []


def test_a_device_character_after_two_lone_nouns_ends_an_unknown_words_name(
    chunker: Chunker,
) -> None:
    # 電解|產|氧|機: 產氧機, a word of three jieba did not know, ends the name at 機
    assert list(names("研製電解產氧機與儲能系統", chunker)) == ["電解產氧機"]
    assert list(names("研製海水淡鹽機與儲能系統", chunker)) == []  # 淡(a): no noun's piece


def test_a_paragraph_with_markup_is_no_prose(chunker: Chunker) -> None:
    table = '<ul style="list-style-type: none"> 直流電源轉換器、直流電源轉換器'
    for text, found in ((table, []), (table[35:], ["直流電源轉換器"] * 2)):
        seg = Segmented(
            DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
        )
        assert [m.text for m in chunker.recognise(seg)] == found


def test_a_reference_line_names_nothing(chunker: Chunker) -> None:
    names = "直流電源轉換器與直流電源轉換器。"
    texts = ("4 資料來源:王某(2022)。" + names, "- 4 資料來源:王某(2022)。" + names, names)
    found = []
    for text in texts:
        seg = Segmented(
            DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
        )
        found.append([(m.text, m.start) for m in chunker.recognise(seg)])
    assert found == [[], [], [("直流電源轉換器", 0), ("直流電源轉換器", 8)]]


def test_only_the_sentence_holding_a_formula_is_no_prose(chunker: Chunker) -> None:
    text = "開發直流電源轉換器;其Tg $T_g \\geq 260$ 的直流電源轉換器。直流電源轉換器已驗證。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == [
        ("直流電源轉換器", 2),
        ("直流電源轉換器", 38),
    ]


def test_only_the_clause_holding_an_inline_formula_is_no_prose(chunker: Chunker) -> None:
    text = "開發直流電源轉換器,其Tg $T_g \\geq 260$ 的直流電源轉換器。直流電源轉換器已驗證。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == [
        ("直流電源轉換器", 2),
        ("直流電源轉換器", 38),
    ]


def test_a_technique_with_a_modifier_is_printed_without_its_generic_word(chunker: Chunker) -> None:
    text = "開發超低雜訊感測元件技術。超低雜訊感測元件技術已驗證。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.key, m.start, m.end) for m in chunker.recognise(seg)] == [
        ("超低雜訊感測元件", "雜訊感測元件", 2, 10),
        ("超低雜訊感測元件", "雜訊感測元件", 13, 21),
    ]


def test_a_word_qualifying_a_technique_is_left_out_of_its_name(chunker: Chunker) -> None:
    spans = chunker.spans(chunker.tag("建立雷射加工共通技術"))
    assert [("建立雷射加工共通技術"[n:e]) for _, _, n, e in spans] == ["雷射加工"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 整合 glued after a noun, right before 技術, is part of the technique's name …
        ("增列智慧電子系統整合技術經費", ["智慧電子系統整合"]),
        ("開發Chiplet系統整合技術", ["Chiplet系統整合"]),
        # … not after a joiner (A與B整合: unsure what is integrated) nor leading the clause.
        ("開發三維單晶薄膜電晶體與電路整合技術", ["單晶薄膜電晶體"]),
        ("高速運算與異質整合技術", []),
        # X技術 holding a name by its head and more after it is the technique: its edges are
        # the text's (智慧化AI雷射|加工技術, not 智慧化AI雷射).
        ("透過智慧化AI雷射加工技術", ["AI雷射加工"]),
        ("科技專案引進平行陣列化技術", ["平行陣列"]),  # from another start: the name's
    ],
)
def test_where_a_techniques_name_begins_and_ends(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    assert [text[n:e] for _, _, n, e in chunker.spans(chunker.tag(text))] == expected


def test_a_name_inside_a_quoted_programme_title_is_none(chunker: Chunker) -> None:
    text = "透過「電源模組系統整合計畫」及「電源模組系統」開發電源模組系統。"
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in chunker.recognise(seg)] == [
        ("電源模組系統", 16),
        ("電源模組系統", 25),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One noun word before a technology the lexicon knows makes a kind of it (人形|機器人).
        ("並強化人形機器人的學習能力。", [("人形機器人", 3)]),
        ("適用於智慧物聯網的應用。", [("智慧物聯網", 3)]),
        # ... not a verb or cue word (大力發展), nor a name that is the known one itself.
        ("持續大力發展數位雙生。", []),
        ("導入工業機器人。", [("工業機器人", 2)]),
        ("廠商機器人手臂需求增加。", []),
    ],
)
def test_a_kind_of_a_known_technology_printed_once_is_kept(
    long_chunker: Chunker, text: str, expected: list[tuple[str, int]]
) -> None:
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.start) for m in long_chunker.recognise(seg)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A technique (X技術) is named without a modifier in front, printed with it …
        ("受制於大廠的高階研磨主軸技術。", [("高階研磨主軸", "研磨主軸")]),
        # … when the modifier is a word of its own (超高|頻: 超高 is none here).
        ("開發超高頻無線通訊技術。", [("超高頻無線通訊技術", "超高頻無線通訊")]),
    ],
)
def test_a_technique_is_named_without_its_modifier(
    chunker: Chunker, text: str, expected: list[tuple[str, str]]
) -> None:
    seg = Segmented(
        DocumentInfo("t.txt", "0", "test"), text, (Block(BlockKind.PARAGRAPH, text, 0),)
    )
    assert [(m.text, m.key) for m in chunker.recognise(seg)] == expected


def test_determiners_are_no_part_of_a_name_but_start_none(chunker: Chunker) -> None:
    settings = load_settings({**rules("chunk"), "not_first": [], "determiners": ["不同"]})
    assert "不同" in settings.not_first and settings.determiners == frozenset({"不同"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A device by its last character, but not where that character starts another word
        # with the next one (suffix_joins: 網|路), nor a metaphor (suffix_not: 安全網).
        ("導入光譜儀與曝光機", ["光譜儀", "曝光機"]),
        ("整合3D通訊網路的架構", []),
        ("提升機台效能", []),
        ("購買電動機車", []),  # 電動|機車: a scooter, no 電動機
        ("前往桃園機場", []),
        ("建立社會安全網", []),
        # A smart kind before an event's or a body's word names that event or body
        # (smart_not_before), and a body's word after the prefix is no thing (smart_not).
        ("打造智慧工廠", ["智慧工廠"]),
        ("推動智慧城市展與智慧醫療論壇", []),
        ("成立智能委員會", []),
    ],
)
def test_devices_and_smart_kinds_name_no_event_word_or_metaphor(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    assert list(names(text, chunker)) == expected


def printed(chunker: Chunker, text: str) -> list[str]:
    """The printed forms of the names the chunker keeps in a one-paragraph document."""
    return [m.text for m in chunker.recognise(document(block(text)))]


def test_a_subject_at_the_clause_s_start_is_no_clean_edge(long_chunker: Chunker) -> None:
    """，令人|型機器人得以…: jieba reads 令人 as a transliterated name (nrt); at the clause's start
    it is the clause's, so one printing of 令人型機器人 is no name (clean_start_not)."""

    assert printed(long_chunker, "並提升其運動控制與決策速度，令人型機器人得以展現出。") == []
    assert printed(long_chunker, "該公司引進量子晶片，並提升服務。") == ["量子晶片"]


def test_a_name_before_lone_characters_of_an_unknown_word_has_no_clean_edge(
    long_chunker: Chunker,
) -> None:
    """碳化矽馬達|逆|控|器: lone characters glued after a name, holding a noun's, are a word
    jieba does not know that goes on, so one printing of 碳化矽馬達 is no name; a function word
    and a verb after it (|將|可|提升) leave the edge clean."""

    assert printed(long_chunker, "碳化矽馬達逆控器的技術於2024年已達到。") == []
    # 驅控器 (a motor's drive controller) is a word of the chunker's now: the whole is named
    assert printed(long_chunker, "碳化矽馬達驅控器的技術於2024年功率密度已達到80 kW/L。") == [
        "碳化矽馬達驅控器"
    ]
    assert printed(long_chunker, "大廠開發車用馬達驅控器新產品。") == []
    assert printed(long_chunker, "該公司引進量子晶片將可提升服務。") == ["量子晶片"]


def test_a_technique_after_a_slash_glued_to_a_lone_character_is_unsure(chunker: Chunker) -> None:
    """軟/|硬體整合技術: the slash joins 軟 to 硬體 (軟硬體整合), so the technique's left edge is
    unsure and 硬體整合 is no name; after a Latin word's slash (2.5D/|3D堆疊技術) it stays."""
    assert techniques(chunker.tag("AI驅動圖像生成軟/硬體整合技術"), chunker.settings) == []
    text = "發展2.5D/3D堆疊技術"
    spans = techniques(chunker.tag(text), chunker.settings)
    assert [text[s:e] for _, _, s, e in spans] == ["3D堆疊"]


CLEAN_CASES = [
    # (tokens as (word, flag), the name's first and last token, clean?)
    ([("引進", "v"), ("量子", "n"), ("晶片", "n"), ("，", "x")], True),
    # a qualifier inside: a category of parts (通訊系統|關鍵|模組)
    ([("引進", "v"), ("量子", "n"), ("關鍵", "n"), ("晶片", "n"), ("，", "x")], False),
    # a first word of one character: a piece of a word jieba did not know
    ([("引進", "v"), ("光", "n"), ("晶片", "n"), ("，", "x")], False),
    # a first word that starts no name (not_first: 既有, 目前 …)
    ([("引進", "v"), ("既有", "n"), ("晶片", "n"), ("，", "x")], False),
    # a verb of one character before: the end of a longer word, no clean edge
    ([("做", "v"), ("量子", "n"), ("晶片", "n"), ("，", "x")], False),
]


@pytest.mark.parametrize(("words", "clean"), CLEAN_CASES)
def test_each_clean_edge_condition_on_its_own(
    chunker: Chunker, words: list[tuple[str, str]], clean: bool
) -> None:
    """One printing with clean edges: each condition of chunkshape.clean_edges alone decides."""
    tokens, at = [], 0
    for word, flag in words:
        tokens.append((word, flag, at))
        at += len(word)
    start, end = tokens[1][2], tokens[-1][2]
    assert chunkshape.clean_edges(tokens, start, end, chunker.settings) is clean


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([("打造", "v"), ("智慧", "n"), ("工廠", "n"), ("。", "x")], ["智慧工廠"]),
        ([("打造", "v"), ("智慧", "n"), ("廠", "n"), ("。", "x")], []),  # one character
        ([("打造", "v"), ("智慧", "n"), ("設備", "n"), ("。", "x")], []),  # a generic word
        ([("打造", "v"), ("智慧", "n"), ("晶片", "n"), ("。", "x")], []),  # a head: named by it
        ([("打造", "v"), ("智慧", "n"), ("工廠", "n"), ("轉型", "vn")], []),  # qualifies the next
    ],
)
def test_each_smart_kind_condition_on_its_own(
    chunker: Chunker, words: list[tuple[str, str]], expected: list[str]
) -> None:
    tokens, at, text = [], 0, ""
    for word, flag in words:
        tokens.append((word, flag, at))
        at, text = at + len(word), text + word
    assert [text[a:z] for a, z, _, _ in chunkshape.smart(tokens, chunker.settings)] == expected


def test_a_news_item_keeps_a_name_printed_once_in_a_sentence(
    chunker: Chunker, long_chunker: Chunker
) -> None:
    """A document of at most short_document characters (a news item) rarely prints a name
    twice: one printing in a sentence is enough; not in a heading (no clause mark)."""
    text = "國內業者直流電源轉換器需求大增。"
    assert printed(chunker, text) == ["直流電源轉換器"]
    assert printed(long_chunker, text) == []
    assert printed(chunker, "■ 量子晶片 ■") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count before it names one of a kind (兩顆|實驗衛星), a generic word last a part
        ("公司今年發射兩顆實驗衛星，驗證酬載。", []),
        ("市場上的雲端網路持續成長。", []),
        # a number or an idiom first is no name's start; verbs inside stay (手術|導航|機器人)
        ("醫院引進手術導航機器人，協助醫師開刀。", ["手術導航機器人"]),
        ("環境部建置環境感知物聯網，監測空污。", ["環境感知物聯網"]),
        # winning awards (獲獎) qualifies a technique (歷年獲獎技術): no part of its name
        ("顯示研發能量受到肯定,歷年獲獎技術超過半數已技轉。", []),
    ],
)
def test_a_name_printed_once_in_a_news_item_still_has_a_name_s_shape(
    chunker: Chunker, text: str, expected: list[str]
) -> None:
    """A short document's names are not asked for clean word edges, but for a name's shape
    (chunkshape.news_shape): a review found 實驗衛星, 雲端網路, 預測模型 let in."""
    assert printed(chunker, text) == expected


def test_a_known_technology_in_a_table_s_markup_is_no_modified_name(chunker: Chunker) -> None:
    """高速|神經網路 in a table cell names nothing (the chunker's markup rule), as elsewhere."""
    text = "表格如下：<table><tr><td>高速神經網路</td><td>2024</td></tr></table>"
    assert printed(chunker, text) == []
    assert printed(chunker, "公司開發高速神經網路晶片與高速神經網路。") != []


def test_a_modifier_is_cut_off_only_at_a_word_edge(chunker: Chunker) -> None:
    """高|解析度: 高解析 is a modifier, but jieba's word 解析度 goes on past it: no cut."""
    seg = document(block("衛星中心建構高解析度遙測衛星。"))
    assert [(m.text, m.key) for m in chunker.recognise(seg)] == [("高解析度遙測衛星", None)]
    seg = document(block("廠商開發高效能直流電源轉換器。"))
    found = [(m.text, m.key) for m in chunker.recognise(seg)]
    assert found == [("高效能直流電源轉換器", "直流電源轉換器")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Latin words ending a spaced English phrase before a name are the phrase's ...
        ("計畫推動Beyond 5G低軌通訊衛星的研發", ["低軌通訊衛星"]),
        # ... unless nothing would be left of the name without them.
        ("導入Intel 5G晶片", ["5G晶片"]),
        ("採用5G低軌通訊衛星", ["5G低軌通訊衛星"]),
        # a verb of making before a name is no part of it (研製, 設立: chunk.json verbs)
        ("經貿園區設立無人機", []),
        # Rockets, fuels and medical devices are named by their head (火箭, 燃料, 醫材).
        ("公司開發高階影像醫材", ["高階影像醫材"]),
        ("以氫燃料取代柴油", ["氫燃料"]),
        ("研製探空火箭", ["探空火箭"]),
        # 產值 frames what is said of the name, as 產品 does.
        ("今年服務型機器人產值持續成長", ["服務型機器人"]),
    ],
)
def test_news_names(chunker: Chunker, text: str, expected: list[str]) -> None:
    assert list(names(text, chunker)) == expected


def test_a_quoted_term_ending_in_a_head_word_is_named_whole(chunker: Chunker) -> None:
    """「綠光雷射口內掃描系統」: jieba's 口(q) cuts 綠光雷射 off; the quote marks are the edges."""
    assert printed(chunker, "該廠推出「綠光雷射口內掃描系統」。") == ["綠光雷射口內掃描系統"]
    assert printed(chunker, "該廠推出綠光雷射口內掃描系統。") == ["綠光雷射"]


def test_business_words_and_research_platforms_name_no_technology() -> None:
    """多元|布局|架構: a head qualified by business words (布局); 材料研發平臺: an R&D facility."""
    from graphkit.develops import load_settings as develops_settings

    chunker = Chunker(work=develops_settings())
    assert printed(chunker, "本計畫建立布局架構。") == []
    assert printed(chunker, "我國的產業政策以多元布局架構，由各部會推動。") == []
    assert printed(chunker, "本計畫建構材料研發平臺。") == []


def test_the_items_of_a_list_ending_in_deng_before_a_name_are_kinds_of_it(
    chunker: Chunker,
) -> None:
    """，A、B與C等X with X a name by its head: each item names a kind of X; not when an item
    holds a verb (研發|應用於…: the clause's verb) or ends in a bound attributive (侵入式)."""
    text = "其中，數位X光、電腦斷層與內視鏡等影像醫材，需求持續成長。"
    assert printed(chunker, text) == ["數位X光", "電腦斷層", "內視鏡", "影像醫材"]
    text = "市場上，研發應用於數位X光、電腦斷層與內視鏡等影像醫材。"
    assert printed(chunker, text) == ["影像醫材"]
    text = "研發應用於腦神經、侵入式與體外診斷等智慧醫材核心晶片。"
    assert printed(chunker, text) == ["智慧醫材核心晶片"]


def test_a_known_technology_after_a_modifier_is_printed_with_it(chunker: Chunker) -> None:
    """高速|量子運算: a modifier that is a word of its own before a name the lexicon knows
    gives a printed form keyed by the known name; not inside a word (最高|階|機器人)."""
    seg = document(block("研究團隊投入高速量子運算。"))
    found = [(m.text, m.key, m.start) for m in chunker.recognise(seg)]
    assert found == [("高速量子運算", "量子運算", 6)]
    assert printed(chunker, "推出最高階機器人。") == ["最高階機器人"]


def test_a_known_latin_technology_glued_before_a_known_one_names_a_kind_of_it(
    chunker: Chunker,
) -> None:
    """AI|影像辨識, AI|邊緣運算: both names the lexicon's, glued, make a name of their own (no
    key: a kind of the known one, not its printed form); a list's mark between parts them."""
    seg = document(block("本計畫導入AI影像辨識與AI邊緣運算。"))
    found = [(m.text, m.key, m.start) for m in chunker.recognise(seg)]
    assert ("AI影像辨識", None, 5) in found and ("AI邊緣運算", None, 12) in found
    seg = document(block("本計畫運用AI、影像辨識與雲端。"))
    assert not any(m.text.startswith("AI") for m in chunker.recognise(seg))
    # A noun after it heads the phrase (HPC|半導體|產業: a sector); a framing word does not
    seg = document(block("建構我國低能耗高效之HPC半導體產業生態鏈。"))
    assert not any(m.text.startswith("HPC") for m in chunker.recognise(seg))
    seg = document(block("本計畫導入AI影像辨識產品。"))
    assert ("AI影像辨識", None, 5) in [(m.text, m.key, m.start) for m in chunker.recognise(seg)]


def test_a_lists_middle_item_of_a_verb_and_a_head_word_is_a_name(chunker: Chunker) -> None:
    """、探空|火箭、 … 、入軌|火箭、: a list's items are names, so a verb of two characters glued
    before a head word qualifies it; a cue verb (開發) stays the item's verb."""
    text = "公司研製衛星酬載、入軌火箭、地面站天線等產品。"
    assert "入軌火箭" in printed(chunker, text)
    assert printed(chunker, "包括晶片、開發晶片、模組。") == []


def test_a_kind_of_a_known_technology_is_one_noun_word_before_its_name(chunker: Chunker) -> None:
    """人形|機器人 and 化合物|功率半導體 are kinds of the lexicon's names; a number and its unit
    (10kW|儲能系統: how much of one) and a verb phrase (大力發展|數位雙生) are not."""
    kinds = ["人形機器人", "化合物功率半導體", "10kW儲能系統", "100W燃料電池", "大力發展數位雙生"]
    assert [chunker.kind_of_known(n) for n in kinds] == [True, True, False, False, False]


def test_a_lone_character_after_a_modifier_goes_with_the_word_it_ends(chunker: Chunker) -> None:
    """新型|態: 型態 is a word, 態 ends the modifier's word and the name is 人機互動裝置; 低成本|氫:
    本氫 is none, 氫 starts the name (a review found 氫燃料電池系統 lost to a rule that named
    nothing there)."""
    found = []
    for text in ("大幅推升新型態人機互動裝置的需求。", "本計畫開發低成本氫燃料電池系統。"):
        found += [text[a:z] for _, _, a, z in chunker.spans(chunker.tag(text))]
    assert found == ["人機互動裝置", "氫燃料電池系統"]


def test_an_evaluative_word_ending_x_of_x_technique_names_no_technique(chunker: Chunker) -> None:
    """technique_not_last holds 新興 and 專業: 晶片系統專業技術 is expertise in chip systems and
    6G新興技術 emerging 6G technologies, no technique named X; a name around them stays."""
    text = "提供結合AI與晶片系統專業技術服務，以加速國內產業發展。"
    assert printed(chunker, text) == []
    settings = chunker.settings
    assert not techniques(chunker.tag("建立晶片系統專業技術"), settings)
    assert not techniques(chunker.tag("建立6G新興技術"), settings)
    assert [t[2:] for t in techniques(chunker.tag("建立6G通訊技術"), settings)] == [(2, 6)]
