"""The statistical NER model: settings, training, saving, loading and tagging (graphkit.ner)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from graphkit.errors import BackendError, SchemaError
from graphkit.knowledge import ner_model_options
from graphkit.ner import (
    MODEL_ENV,
    NerRecogniser,
    NerSettings,
    load_model,
    load_settings,
    model_path,
)
from graphkit.ner_data import Example, Span
from graphkit.ner_train import to_spacy, train
from graphkit.records import Block, DocumentInfo, Label, Mention, Segmented
from graphkit.rulefile import RulesFile

T, ORG = Label.TECHNOLOGY, Label.ORGANIZATION

#: Hand-built sentences: a technology before 元件 and a company before 公司.
SENTENCES = [
    ("開發碳化矽元件", [(2, 5, T)]),
    ("開發氮化鎵元件", [(2, 5, T)]),
    ("日月光公司開發氮化鎵元件", [(0, 3, ORG), (7, 10, T)]),
    ("聯發科公司投入", [(0, 3, ORG)]),
    ("鴻海公司開發碳化矽元件", [(0, 2, ORG), (6, 9, T)]),
    ("我們開發元件", []),
    ("本公司開發鈮酸鋰並且量產", [(5, 8, T)]),
    ("本公司開發碳化矽並且量產", [(5, 8, T)]),
]


def _examples() -> list[Example]:
    return [
        Example(i, text, tuple(Span(s, e, label) for s, e, label in spans))
        for i, (text, spans) in enumerate(SENTENCES * 4)
    ]


def _settings() -> NerSettings:
    s = load_settings()
    small = replace(s.training, epochs=40, width=32, depth=2, window=2, embed_size=500)
    return replace(s, training=small, labels=(T, ORG))


def _seg(*texts: str) -> Segmented:
    info = DocumentInfo(source="x.txt", sha256="0", family="generic_report")
    kinds = ["paragraph", "table_row"]
    blocks = tuple(Block(kinds[i % 2], t, 0) for i, t in enumerate(texts))
    return Segmented(info, "\n".join(texts), blocks)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ner") / "model"
    nlp = train(_examples(), _settings())
    nlp.to_disk(out)
    return out


def test_settings_as_shipped_are_checked() -> None:
    s = load_settings()
    assert s.kinds == frozenset({"paragraph"}) and s.training.seed == 0
    assert Label.TECHNOLOGY in s.labels and s.min_chars == 2
    with pytest.raises(SchemaError, match=r"rules/ner.json: field 'labels': 'Person'"):
        load_settings(RulesFile("rules/ner.json", {**_raw(), "labels": ["Person"]}))
    with pytest.raises(SchemaError, match=r"field 'enabled': expected true or false"):
        load_settings(RulesFile("rules/ner.json", {**_raw(), "enabled": "yes"}))
    with pytest.raises(SchemaError, match=r"field 'training.epochs'"):
        load_settings(RulesFile("rules/ner.json", {**_raw(), "training": {"epochs": 0}}))


def _raw() -> dict[str, object]:
    return dict(RulesFile.packaged("ner").data)


def test_training_example_marks_ok_names_missing() -> None:
    from graphkit.ner_train import blank

    nlp = blank((T,), load_settings().training)
    ex = Example(0, "SiC與 感測器", (Span(0, 3, T), Span(5, 8, None)))
    ref = to_spacy(nlp, ex, (T,)).reference
    assert [t.text for t in ref] == ["SiC", "與", "感", "測", "器"]
    assert [t.ent_iob_ for t in ref] == ["B", "O", "", "", ""]  # "" = missing
    assert [(e.text, e.label_) for e in ref.ents] == [("SiC", "Technology")]


def test_trained_model_loads_and_tags_deterministically(trained: Path) -> None:
    seg = _seg("鴻海公司開發氮化鎵元件", "日月光公司開發碳化矽元件")
    rec = NerRecogniser(load_model(trained), _settings())
    first = rec.recognise(seg)
    # Only the paragraph block is read; the table row (block 1) is not.
    assert first == [
        Mention(ORG, "鴻海", 0, 0, 2, None, "ner"),
        Mention(T, "氮化鎵", 0, 6, 9, None, "ner"),
    ]
    again = NerRecogniser(load_model(trained), _settings())
    assert again.recognise(seg) == first


def test_training_is_deterministic(trained: Path) -> None:
    nlp = train(_examples(), _settings())
    assert nlp.get_pipe("ner").to_bytes() == load_model(trained).get_pipe("ner").to_bytes()
    assert nlp.meta["graphkit"] == {"articles": list(range(len(SENTENCES) * 4))}


def test_missing_model_is_refused_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(BackendError, match=r"NER model .*nothing: no config.cfg"):
        load_model(tmp_path / "nothing")


def test_model_path_relative_to_package_or_from_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    s = load_settings()
    assert model_path(s).parts[-2:] == ("schema", s.model) or model_path(s).name == s.model
    monkeypatch.setenv("GRAPHKIT_NER_MODEL", str(tmp_path))
    assert model_path(s) == tmp_path


def _m(label: Label, text: str, block_text: str, source: str = "ner", at: int = 0) -> Mention:
    start = block_text.index(text, at)
    return Mention(label, text, 0, start, start + len(text), None, source)


def test_candidates_keep_only_what_the_rules_leave_and_whole_words() -> None:
    from graphkit.chunk import Chunker
    from graphkit.ner import candidates

    text = "矽光子元件與TSMC,開發矽光子元件;碳化矽晶圓與碳化矽晶圓,溫度>90%的模組"
    seg = _seg(text)
    settings = replace(load_settings(), min_tagged=2, min_count=1)
    found = [
        _m(T, "矽光子元", text),  # cuts 元件 (jieba): dropped
        _m(T, "矽光子元", text, at=7),
        _m(T, "TSMC", text),  # the rules call it an Organization: dropped
        _m(T, "TSMC", text),
        _m(T, "碳化矽晶圓", text),  # twice, whole words, inside no rule span: kept
        _m(T, "碳化矽晶圓", text, at=20),
        _m(T, ">90%的模組", text),  # holds > and %: dropped
        _m(T, ">90%的模組", text),
        _m(Label.POLICY, "開發矽光子", text),  # not a label the settings keep
        _m(Label.POLICY, "開發矽光子", text),
    ]
    known = [_m(ORG, "TSMC", text, "lexicon"), _m(T, "碳化矽", text, "lexicon")]
    kept = candidates(seg, found, known, Chunker(), settings)
    assert [(m.text, m.start) for m in kept] == [("碳化矽晶圓", 19), ("碳化矽晶圓", 25)]
    # Tagged once only: not enough for min_tagged 2.
    assert candidates(seg, found[4:5], known, Chunker(), settings) == []
    # A name the rules give another label in another block is theirs there too.
    two = _seg("TSMC宣布", "TSMC宣布")
    tsmc = [Mention(T, "TSMC", 1, 0, 4, None, "ner")] * 2
    assert [m.text for m in candidates(two, tsmc, [], Chunker(), settings)] == ["TSMC"] * 2
    elsewhere = [Mention(ORG, "TSMC", 0, 0, 4, None, "lexicon")]
    assert candidates(two, tsmc, elsewhere, Chunker(), settings) == []
    # A model span crossing a rule span's edge is a fragment of it.
    crossing = [_m(T, "化矽晶圓", text), _m(T, "化矽晶圓", text, at=22)]
    known2 = [_m(T, "碳化矽晶", text, "lexicon")]
    assert candidates(seg, crossing, known2, Chunker(), settings) == []


def test_pipeline_hook_adds_the_model_candidates(trained: Path) -> None:
    from graphkit.pipeline import Pipeline
    from graphkit.records import RelType, SourceText

    text = "年度報告\n\n" + "本公司開發鈮酸鋰並且量產。\n\n" * 3
    source = SourceText("x.txt", "x.txt", text, "0", "utf-8")
    model = NerRecogniser(load_model(trained), replace(_settings(), keep=frozenset({T})))

    def technologies(pipeline: Pipeline) -> list[tuple[str, str]]:
        extraction, _ = pipeline.extract_document(source)
        names = {n.id: n.name for n in extraction.nodes if n.label is T}
        return [
            (names[r.source.id], r.evidence.text)
            for r in extraction.relations
            if r.type is RelType.MENTIONED_IN and r.source.id in names
        ]

    # The rules (and the disabled setting) find nothing.
    assert technologies(Pipeline(crf=None)) == []
    assert technologies(Pipeline(model=model)) == [("鈮酸鋰", "本公司開發鈮酸鋰並且量產。")]


def _enable(monkeypatch: pytest.MonkeyPatch) -> None:
    """``"enabled": true`` in the shipped ``rules/ner.json``, as a user would set it."""
    import graphkit.knowledge as knowledge
    import graphkit.rulefile as rulefile

    shipped = knowledge.rules

    def rules(name: str) -> dict[str, object]:
        data = shipped(name)
        return {**data, "enabled": True} if name == "ner" else data

    monkeypatch.setattr(knowledge, "rules", rules)
    monkeypatch.setattr(rulefile, "rules", rules)


def test_model_options_hash_a_model_outside_schema(
    monkeypatch: pytest.MonkeyPatch, trained: Path, tmp_path: Path
) -> None:
    """Only an enabled model outside ``schema/`` adds to the extractor's fingerprint: its path
    and a digest of its files, which a retrained model changes."""
    model = tmp_path / "model"
    shutil.copytree(trained, model)
    monkeypatch.setenv(MODEL_ENV, str(model))
    assert ner_model_options() == ()  # shipped disabled
    _enable(monkeypatch)
    first = ner_model_options()
    assert first[:2] == ("ner-model", str(model)) and len(first[2]) == 16
    assert ner_model_options() == first
    (model / "meta.json").write_text("{}", encoding="utf-8")
    assert ner_model_options()[2] != first[2]
    monkeypatch.delenv(MODEL_ENV)
    assert ner_model_options() == ()  # the packaged path: schema/ is hashed already


def test_another_model_extracts_loaded_files_again(
    monkeypatch: pytest.MonkeyPatch, trained: Path, tmp_path: Path
) -> None:
    """A build with $GRAPHKIT_NER_MODEL extracts a loaded file again once the model changes;
    with the same model the file is unchanged."""
    from graphkit.workspace import Workspace

    _enable(monkeypatch)
    model = tmp_path / "model"
    shutil.copytree(trained, model)
    monkeypatch.setenv(MODEL_ENV, str(model))
    doc = tmp_path / "note.txt"
    doc.write_text("鴻海公司開發碳化矽元件，並且量產。\n", encoding="utf-8")
    ws = Workspace(tmp_path / "store")
    assert [d.status for d in ws.build([doc], jobs=1).documents] == ["loaded"]
    assert [d.status for d in ws.build([doc], jobs=1).documents] == ["unchanged"]
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta["description"] = "trained again"  # another model at the same path
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert [d.status for d in ws.build([doc], jobs=1).documents] == ["re-extracted"]
