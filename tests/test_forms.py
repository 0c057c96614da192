"""The stems of printed forms (graphkit.forms): what a name drops to be the name it goes by."""

from graphkit.forms import firm_stem, policy_stem


def test_a_company_s_legal_form_is_dropped_longest_first() -> None:
    """股份有限公司 goes whole (no 京元電子股份 is left), 有限公司 alone too; a bare 公司 is
    no legal form (新創公司 is a description, 中鋼公司 the lexicon's suffix rule)."""
    assert firm_stem("京元電子股份有限公司") == "京元電子"
    assert firm_stem("台灣應用材料有限公司") == "台灣應用材料"
    assert firm_stem("中鋼公司") == ""
    assert firm_stem("京元電子") == ""


def test_a_firm_s_stem_keeps_at_least_min_firm_stem_characters() -> None:
    """min_firm_stem is 2: 台電有限公司 has a stem, 某有限公司 and the form alone have none."""
    assert firm_stem("台電有限公司") == "台電"
    assert firm_stem("某有限公司") == ""
    assert firm_stem("股份有限公司") == ""


def test_a_policy_s_stem_drops_its_longest_generic_head() -> None:
    """推動方案 before 方案; at least policy_min_stem (3) characters are left."""
    assert policy_stem("五大信賴產業推動方案") == "五大信賴產業"
    assert policy_stem("晶創臺灣方案") == "晶創臺灣"
    assert policy_stem("AI政策") == ""
