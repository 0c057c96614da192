from graphkit.knowledge import all_lexicon_terms
from graphkit.records import Label, Mention, Term
from graphkit.resolve import Resolver, best_spans


def resolver(*learned: Term) -> Resolver:
    return Resolver(all_lexicon_terms(), learned)


def test_agency_aliases_resolve_to_the_canonical_name() -> None:
    r = resolver()
    for form in (
        "工研院",
        "ITRI",
        "財團法人工業技術研究院",
        "Industrial Technology Research Institute",
        "itri",
    ):
        term = r.lookup(Label.AGENCY, form)
        assert term is not None and term.name == "工業技術研究院", form


def test_truncated_agency_names_are_completed() -> None:
    r = resolver()
    assert r.agency("工業技術研究").name == "工業技術研究院"
    assert r.agency("國家中山科學研究").name == "國家中山科學研究院"


def test_unknown_agency_becomes_its_own_entity() -> None:
    r = resolver()
    term = r.agency("某某研究發展中心")
    assert term.name == "某某研究發展中心"
    assert r.lookup(Label.AGENCY, "某某研究發展中心") == term


def test_learned_terms_merge_with_the_lexicon() -> None:
    learned = Term(
        Label.TECHNOLOGY,
        "碳化矽",
        name_en="Silicon Carbide",
        abbr="SiC",
        aliases=("SiC晶體",),
        origin="glossary",
    )
    r = resolver(learned)
    term = r.lookup(Label.TECHNOLOGY, "SiC晶體")
    assert term is not None and term.name == "碳化矽"
    assert r.lookup(Label.TECHNOLOGY, "silicon carbide") is term


def test_learned_term_takes_the_lexicon_label() -> None:
    r = resolver(Term(Label.ORGANIZATION, "國家衛生研究院", abbr="NHRI", origin="definition"))
    assert r.lookup(Label.AGENCY, "NHRI") is not None


def test_simplified_variant_resolves() -> None:
    r = resolver()
    assert r.lookup(Label.TECHNOLOGY, "氢能") is not None


def test_best_spans_prefers_longest() -> None:
    r = resolver()
    long = Mention(Label.TECHNOLOGY, "矽光子", 0, 0, 3, key="矽光子")
    short = Mention(Label.TECHNOLOGY, "矽光", 0, 0, 2, key="矽光子")
    chosen = best_spans(r.resolve([short, long]))
    assert [c.mention.text for c in chosen] == ["矽光子"]
