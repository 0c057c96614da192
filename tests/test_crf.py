"""The Technology CRF: settings, features, training, tagging, its candidates (graphkit.crf)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from graphkit.chunk import Chunker
from graphkit.crf import (
    CrfRecogniser,
    CrfSettings,
    Featuriser,
    load_settings,
    meta_path,
    model_path,
    spans,
)
from graphkit.crf_train import chain, train
from graphkit.develops import load_settings as develops_settings
from graphkit.errors import BackendError, SchemaError
from graphkit.records import Block, DocumentInfo, Label, Mention, RelType, Segmented, SourceText
from graphkit.rulefile import RulesFile
from tests.corpus import GOLD, corpus_file

T = Label.TECHNOLOGY

#: Hand-built sentences: a material or a device name after 開發, nothing after 推動.
SENTENCES = [
    ("開發碳化矽元件並量產", "碳化矽元件"),
    ("開發氮化鎵晶圓並量產", "氮化鎵晶圓"),
    ("開發鈮酸鋰薄膜並量產", "鈮酸鋰薄膜"),
    ("開發氧化鎵基板並量產", "氧化鎵基板"),
    ("推動產業發展並量產", ""),
    ("推動國際合作並量產", ""),
]


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    return Chunker(work=develops_settings())


def _data() -> list[tuple[str, list[str]]]:
    out = []
    for text, name in SENTENCES * 3:
        at = text.find(name) if name else -1
        found = [(at, at + len(name), T)] if name else []
        out.append((text, chain(text, found)))
    return out


def _settings(**changes: object) -> CrfSettings:
    s = load_settings()
    return replace(s, training=replace(s.training, max_iterations=50), **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, chunker: Chunker) -> Path:
    return train(_data(), chunker, _settings(), tmp_path_factory.mktemp("crf") / "t.crfsuite")


def _seg(*texts: str, kinds: tuple[str, ...] = ("paragraph", "table_row")) -> Segmented:
    info = DocumentInfo(source="x.txt", sha256="0", family="generic_report")
    blocks = tuple(Block(kinds[i % len(kinds)], t, 0) for i, t in enumerate(texts))
    return Segmented(info, "\n".join(texts), blocks)


def _raw() -> dict[str, object]:
    return dict(RulesFile.packaged("crf").data)


def test_settings_as_shipped_are_checked() -> None:
    s = load_settings()
    assert (s.enabled, s.label, s.kinds) == (True, T, frozenset({"paragraph"}))
    assert (s.threshold, s.min_words, s.window) == (0.95, 2, 2)
    assert s.training.folds == (0, 1)  # fold 2 stays held out
    assert s.candidates.keep == frozenset({T}) and s.candidates.min_tagged == 1
    assert s.markup.search("a <ul> b") and not s.markup.search("碳化矽")
    assert model_path(s).name == "technology.crfsuite" and model_path(s).is_file()
    bad = {
        "enabled": ("yes", r"field 'enabled': expected true or false"),
        "label": ("Person", r"field 'label': 'Person' is not a contract label"),
        "threshold": (1.5, r"field 'threshold'"),
        "min_words": (0, r"field 'min_words': expected at least 1"),
    }
    for field, (value, message) in bad.items():
        with pytest.raises(SchemaError, match=r"rules/crf.json: " + message):
            load_settings(RulesFile("rules/crf.json", {**_raw(), field: value}))
    for folds in ([], [0, 0], ["0"], [-1]):
        training = {**_raw()["training"], "folds": folds}  # type: ignore[dict-item]
        with pytest.raises(SchemaError, match=r"field 'training.folds': expected distinct"):
            load_settings(RulesFile("rules/crf.json", {**_raw(), "training": training}))


def test_shipped_model_matches_its_training_data_today(chunker: Chunker) -> None:
    """The shipped model reads the features it was trained on: its training blocks, featurised
    today, give the digest written beside it. A new head or noun in chunk.json, another
    segmenter word or a change to the features shows here (retrain with `make crf-model`)."""
    from graphkit.crf_train import data_digest, examples
    from graphkit.ner_train import white_paper
    from graphkit.score import load_article_gold

    s = load_settings()
    meta = json.loads(meta_path(model_path(s)).read_text(encoding="utf-8"))
    assert meta["folds"] == list(s.training.folds) and meta["window"] == s.window
    assert (meta["c1"], meta["c2"], meta["max_iterations"]) == (0.1, 0.05, 150)
    seg = white_paper(corpus_file("whitepaper"))
    data = examples(seg, load_article_gold(GOLD), s.training.folds, s)
    assert len(data) == meta["blocks"] == 316
    assert data_digest(data, Featuriser(chunker, s.window)) == meta["data"], "make crf-model"


def test_features_of_a_character(chunker: Chunker) -> None:
    feats = Featuriser(chunker)("用SiC晶片")
    assert len(feats) == 6
    assert [t[:2] for t in chunker.tag("用SiC晶片")] == [("用", "p"), ("SiC", "eng"), ("晶片", "n")]
    chars = ["c-2=i", "c-1=C", "c0=晶", "c1=片", "c2=>", "b-1=C晶", "b1=晶片", "b-2=iC", "b2=片>"]
    word = ["tp=B", "fl=n", "tpfl=Bn", "pfl=eng", "nfl=>", "w=晶片", "wl=2", "pw=SiC"]
    assert sorted(feats[4]) == sorted(
        ["b", *chars, "k0=C", "k-1=UC", "k1=CC", *word, "head", "headB"]
    )
    chars = ["c-2=S", "c-1=i", "c0=C", "c1=晶", "c2=片", "b-1=iC", "b1=C晶", "b-2=Si", "b2=晶片"]
    word = ["tp=E", "fl=eng", "tpfl=Eeng", "pfl=p", "nfl=n", "w=SiC", "wl=3", "nw=晶片"]
    assert sorted(feats[3]) == sorted(
        ["b", *chars, "k0=U", "k-1=LU", "k1=UC", *word, "before_head"]
    )
    assert "before_head" not in feats[0] and "pw=<" in feats[0]  # 用|SiC: SiC is no head
    assert Featuriser(chunker, window=1)("晶片")[0][1:4] == ["c-1=<", "c0=晶", "c1=片"]
    assert "w=LONG" in Featuriser(chunker)("用Transformer")[1]  # a word of 7 or more


def test_spans_of_a_chain() -> None:
    assert spans(["O", "B", "I", "O", "I", "I", "B"]) == [(1, 3), (4, 6), (6, 7)]
    assert spans(["I", "O"]) == [(0, 1)]
    assert spans(["O", "O"]) == []


def test_training_is_deterministic(trained: Path, chunker: Chunker, tmp_path: Path) -> None:
    again = train(_data(), chunker, _settings(), tmp_path / "again.crfsuite")
    assert again.read_bytes() == trained.read_bytes()


def test_trained_model_tags_names_in_prose_only(trained: Path, chunker: Chunker) -> None:
    rec = CrfRecogniser(chunker, _settings(threshold=0.5, min_words=1), trained)
    seg = _seg("開發碳化鋁元件並量產", "開發碳化鋁元件並量產")
    # Only the paragraph block (0) is read; the table row (1) is not.
    assert rec.recognise(seg) == [Mention(T, "碳化鋁元件", 0, 2, 7, None, "crf")]
    assert rec.tag("推動產業發展並量產") == []


def test_threshold_words_and_markup_drop_spans(trained: Path, chunker: Chunker) -> None:
    seg = _seg("開發碳化鋁元件並量產", kinds=("paragraph",))
    sure = CrfRecogniser(chunker, _settings(threshold=0.5, min_words=1), trained)
    [(start, end, p)] = sure.tag("開發碳化鋁元件並量產")
    assert (start, end) == (2, 7) and 0.5 <= p < 1.0
    exact = CrfRecogniser(chunker, _settings(threshold=p, min_words=1), trained)
    assert [m.text for m in exact.recognise(seg)] == ["碳化鋁元件"]  # the threshold is kept
    assert (
        CrfRecogniser(chunker, _settings(threshold=p + 1e-6, min_words=1), trained).recognise(seg)
        == []
    )
    words = len(chunker.tag("碳化鋁元件"))
    fewer = _settings(threshold=0.5, min_words=words + 1)
    assert CrfRecogniser(chunker, fewer, trained).recognise(seg) == []
    enough = _settings(threshold=0.5, min_words=words)
    assert [m.text for m in CrfRecogniser(chunker, enough, trained).recognise(seg)] == [
        "碳化鋁元件"
    ]
    marked = _seg("開發碳化鋁元件並量產 <ul>", kinds=("paragraph",))
    assert sure.recognise(marked) == []
    # only the sentence with markup is skipped, not the rest of its block
    two = _seg("開發碳化鋁元件並量產 <ul>。開發碳化鋁元件並量產。", kinds=("paragraph",))
    assert [(m.text, m.start) for m in sure.recognise(two)] == [("碳化鋁元件", 18)]


def test_missing_or_broken_model_is_refused_with_its_path(chunker: Chunker, tmp_path: Path) -> None:
    with pytest.raises(BackendError, match=r"NER model .*nothing.crfsuite: no such file"):
        CrfRecogniser(chunker, path=tmp_path / "nothing.crfsuite")
    broken = tmp_path / "broken.crfsuite"
    broken.write_bytes(b"not a model")
    with pytest.raises(BackendError, match=r"NER model .*broken.crfsuite"):
        CrfRecogniser(chunker, path=broken)


def test_pipeline_adds_the_candidates_the_rules_leave(trained: Path, tmp_path: Path) -> None:
    from graphkit.pipeline import Pipeline

    text = "年度報告\n\n本公司開發碳化鋁元件並量產。\n\n本公司開發碳化矽元件並量產。"
    source = SourceText("x.txt", "x.txt", text, "0", "utf-8")

    def technologies(pipeline: Pipeline) -> list[tuple[str, str]]:
        extraction, _ = pipeline.extract_document(source)
        names = {n.id: n.name for n in extraction.nodes if n.label is T}
        return sorted(
            (names[r.source.id], r.evidence.text)
            for r in extraction.relations
            if r.type is RelType.MENTIONED_IN and r.source.id in names
        )

    rules = Pipeline(crf=None)
    assert technologies(rules) == [("碳化矽", "本公司開發碳化矽元件並量產。")]
    model = CrfRecogniser(rules.chunker, _settings(threshold=0.5, min_words=1), trained)
    # A tagged name is a kind of the known name it opens (spans.SHAPED_SOURCES): 碳化矽 counts.
    assert technologies(Pipeline(crf=model)) == [
        ("碳化矽", "本公司開發碳化矽元件並量產。"),
        ("碳化矽元件", "本公司開發碳化矽元件並量產。"),
        ("碳化鋁元件", "本公司開發碳化鋁元件並量產。"),
    ]
    copy = tmp_path / "copy.crfsuite"
    shutil.copy(trained, copy)
    assert CrfRecogniser(rules.chunker, path=copy).path == copy


def test_a_large_document_is_read_in_a_child_process_with_the_same_result(
    trained: Path, chunker: Chunker, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    seg = _seg(*["開發碳化鋁元件並量產"] * 6, kinds=("paragraph",))
    here = CrfRecogniser(chunker, _settings(threshold=0.5, min_words=1), trained)
    expected = here.recognise(seg)
    assert [m.text for m in expected] == ["碳化鋁元件"] * 6
    forked = CrfRecogniser(chunker, _settings(threshold=0.5, min_words=1, fork_chars=10), trained)
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    assert forked.start(seg)() == expected and len(children) == 1 and forked.from_child
    # Too little prose for a child: read here.
    assert here.start(_seg("開發碳化鋁元件並量產", kinds=("paragraph",)))() == expected[:1]
    assert len(children) == 1
    # A child that fails (here: it cannot pickle its answer) is replaced by reading here.
    import graphkit.crf as crf

    def broken(_: object) -> bytes:
        raise RuntimeError("no pickling")

    monkeypatch.setattr(crf.pickle, "dumps", broken)
    assert forked.start(seg)() == expected and len(children) == 2 and not forked.from_child


def test_what_a_tagged_span_may_name(chunker: Chunker) -> None:
    """Two words or more (spaces are none), no opening word the chunker's names never open
    with, no English phrase (the rules read English names)."""
    rec = CrfRecogniser(chunker)
    assert rec._named("碳化矽元件") is True
    assert rec._named("DC-DC") is True and rec._named("高 NA 複合式聚焦光路模組") is True
    assert rec._named("Chief Financial Officer") is False
    assert rec._named("Scaling Law") is False
    assert rec._named("市售穿戴設備") is False  # 市售 opens no name (chunk.json determiners)
    assert rec._named("晶片") is False  # one word
    assert rec._named("SiC 晶圓") is True and rec._named("晶片 ") is False  # a space is no word


def test_a_tagged_span_ending_in_a_field_a_facility_or_a_disease_names_nothing(
    chunker: Chunker,
) -> None:
    """crf.json 'not_last': a field or a market (半導體產業), an environment (AI訓練環境), a
    disease (甲基丙二酸血症) is no technology; the same words inside a name are no ending."""
    rec = CrfRecogniser(chunker)
    assert rec._named("甲基丙二酸血症") is False
    assert rec._named("AI訓練環境") is False
    assert rec._named("半導體產業") is False
    assert rec._named("碳化矽市場") is False
    assert rec._named("市場預測模型") is True
    assert rec._named("症狀監測系統") is True


def test_a_tagged_span_before_a_sector_word_names_a_sector(chunker: Chunker) -> None:
    """crf.json 'sector_after': 領域, 市場 … right after a span, or after the 等 closing a list,
    make it a sector of the economy or a field (車用電子|等領域, 電鍍|市場規模); 產業 does not
    (台灣AI機器人|產業產值: the gold of news and articles names the technology there)."""
    rec = CrfRecogniser(chunker)
    text = "加速PCB、光電與車用電子等領域邁向低碳化，擴大電鍍市場規模，導入車用電子設計。"
    end = text.index("車用電子") + 4
    assert rec._sector(text, end) is True
    assert rec._sector(text, text.index("電鍍") + 2) is True
    industry = "台灣AI機器人產業產值可破兆元"
    assert rec._sector(industry, industry.index("機器人") + 3) is False
    assert rec._sector(text, text.rindex("車用電子") + 4) is False  # 設計: no sector word
    assert rec._sector(text, text.index("光電") + 2) is False  # a list's middle item
    field = "建立AI智慧系統應用生態系，導入AI智慧系統提升效率"
    assert rec._sector(field, field.index("系統") + 2) is True  # 應用 between
    assert rec._sector(field, field.rindex("系統") + 2) is False


def test_the_shipped_model_names_no_role_in_a_gloss() -> None:
    from graphkit.pipeline import Pipeline

    text = "受訪者包括財務長(Chief Financial Officer)與營運長(Chief Operating Officer)等高階主管。"
    source = SourceText("x.txt", "x.txt", "年度報告\n\n" + text, "0", "utf-8")
    extraction, _ = Pipeline().extract_document(source)
    assert [n.name for n in extraction.nodes if n.label is T] == []


def test_training_forms_chain_and_table() -> None:
    """Every technology form is a name (core or ok); other types' forms keep their span as
    outside; the cross-validation table prints one row per system."""
    from graphkit.crf_train import forms, table
    from graphkit.score import Counts, Scope

    gold = {
        "entities": {
            "technology": [
                {"names": ["碳化矽", "SiC"], "tier": "core"},
                {"names": ["感測器"], "tier": "ok"},
            ],
            "organization": [{"names": ["碳化矽公司"], "tier": "core"}],
        }
    }
    assert forms(gold, T) == [("碳化矽公司", None), ("SiC", T), ("感測器", T), ("碳化矽", T)]
    assert chain("碳化矽公司用SiC", [(0, 5, None), (6, 9, T)]) == [*"OOOOOO", "B", "I", "I"]
    fold = Scope("fold 2")
    fold.add("technology", Counts(3, 4, 1, 2))
    rows = table({"rules": [Scope("f0"), Scope("f1"), fold]})
    assert rows[0] == "| system | fold 0 | fold 1 | fold 2 | total |"
    cell = "P 0.750 R 0.500 (3/4, 1/2)"
    assert rows[2] == f"| rules | – | – | {cell} | {cell} |"


def test_the_child_ends_when_its_parent_is_killed(
    trained: Path, chunker: Chunker, tmp_path: Path
) -> None:
    """A build killed with SIGKILL while the CRF's child reads leaves no process behind: the
    child holds no read end of its pipe (its answer, larger than a pipe's buffer, would block
    it forever) and dies with its parent."""
    import os
    import signal
    import time

    seg = _seg(*["開發碳化鋁元件並量產"] * 3000, kinds=("paragraph",))
    settings = _settings(threshold=0.5, min_words=1, fork_chars=10)
    record = tmp_path / "child"
    parent = os.fork()
    if parent == 0:  # the build that is killed
        try:
            real = os.fork

            def fork() -> int:
                pid = real()
                if pid:
                    record.write_text(str(pid))
                return pid

            os.fork = fork  # type: ignore[assignment]
            CrfRecogniser(chunker, settings, trained).start(seg)
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(parent, 0)
    child = int(record.read_text())
    for _ in range(100):
        status = Path(f"/proc/{child}/status")
        if not status.exists() or "State:\tZ" in status.read_text():
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the CRF's child outlived its killed parent")


def test_a_span_the_model_tags_before_a_sector_word_is_read_as_no_name(
    trained: Path, chunker: Chunker
) -> None:
    """recognise applies 'sector_after': the span is tagged, and left out."""
    rec = CrfRecogniser(chunker, _settings(threshold=0.5, min_words=1), trained)
    text = "開發碳化鋁元件等市場"  # 等 closing a list, then a sector word
    assert [(s, e) for s, e, _ in rec.tag(text)] == [(2, 7)]
    assert rec.recognise(_seg(text, kinds=("paragraph",))) == []
    assert [m.text for m in rec.recognise(_seg("開發碳化鋁元件並量產", kinds=("paragraph",)))] == [
        "碳化鋁元件"
    ]
