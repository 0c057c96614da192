import pytest

from graphkit.normalise import make_id, name_key, normalise, normalise_name
from graphkit.records import Label


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "碳化矽（Silicon Carbide，SiC）",
            "碳化矽(Silicon Carbide,SiC)",
        ),  # full-width punctuation → ASCII
        ("ＳｉＣ", "SiC"),  # full-width letters
        ("台灣", "臺灣"),  # 台 → 臺
        ("氢能移動載具", "氫能移動載具"),  # simplified-only character folded
        (
            "布局、群組、床邊、于是",
            "布局、群組、床邊、于是",
        ),  # valid Traditional characters untouched
        ("機器人2.0⁺", "機器人2.0+"),  # superscript plus
        ("執行單位：工研院", "執行單位:工研院"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("財團法人工業技術研究院", "工業技術研究院"),
        ("社團法人臺灣智慧自動化與機器人協會", "臺灣智慧自動化與機器人協會"),
        ("「晶創台灣方案」", "晶創臺灣方案"),
        ("《產業創新條例》", "產業創新條例"),
        ("  Micro   LED ", "Micro LED"),
        ("工業 技術研究院", "工業技術研究院"),  # a PDF break inside a CJK name
        ("財團法人", "財團法人"),  # a bare prefix is not stripped to nothing
    ],
)
def test_normalise_name(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_name_key_folds_case_space_and_variants() -> None:
    assert name_key("Silicon Carbide") == name_key("silicon  carbide") == "siliconcarbide"
    assert name_key("臺灣") == name_key("台灣")


def test_make_id_is_deterministic_and_label_scoped() -> None:
    assert make_id(Label.TECHNOLOGY, "碳化矽") == make_id(Label.TECHNOLOGY, " 碳化矽 ")
    assert make_id(Label.TECHNOLOGY, "碳化矽") != make_id(Label.POLICY, "碳化矽")
    assert make_id(Label.AGENCY, "財團法人工業技術研究院") == make_id(
        Label.AGENCY, "工業技術研究院"
    )


def test_make_id_bounds_long_names() -> None:
    long_name = "很長的計畫名稱" * 30
    node_id = make_id(Label.PROGRAMME, long_name)
    assert len(node_id) < 100
    assert node_id == make_id(Label.PROGRAMME, long_name)
    assert node_id != make_id(Label.PROGRAMME, long_name + "二")


def test_footnote_marks_become_spaces_and_keep_the_texts_length() -> None:
    """FDA⁵ is FDA and a footnote; NFKC alone would make it FDA5 (and ² in m² a 2)."""
    text = "美國FDA⁵核准，會議中¹⁷，擴增⁴與模型"
    assert normalise(text) == "美國FDA 核准,會議中  ,擴增 與模型"
    assert len(normalise(text)) == len(text)


def test_a_name_keeps_a_bracket_it_opened_and_loses_enclosing_ones() -> None:
    assert normalise_name("快速審查臨床試驗計畫(Fast track)") == "快速審查臨床試驗計畫(Fast track)"
    assert normalise_name("「晶創台灣方案」。") == "晶創臺灣方案"
    assert normalise_name("(計畫)") == "計畫"
    assert normalise_name("計畫)") == "計畫"
