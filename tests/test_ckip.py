"""The ckip NER backend, loaded through its real loading path from a tiny model made here.

No model hub is needed: the tests build a one-layer BERT token classifier whose weights are
set by hand so that every character has one fixed CKIP tag, whatever surrounds it:

* 工 ``B-ORG``, 業技術研究 ``I-ORG``, 院 ``E-ORG``
* 《 ``B-LAW``, 氣候變遷因應法 ``I-LAW``, 》 ``E-LAW``
* 碳 and s ``B-PRODUCT``, 化 and i ``I-PRODUCT``, 矽 and c ``E-PRODUCT``, 晶 ``S-PRODUCT``
* 我 ``B-GPE``, 國 ``E-GPE``; every other character (and ``[UNK]``) ``O``.

CKIP's decoder turns B, I…, E runs into entities, so what the model finds in any text is known
exactly: the matches of ``B-class I-class* E-class`` (:data:`ORACLE`). The vocabulary is made
of the characters of three real blocks of the white paper, lowercased, as Chinese BERT
vocabularies are. The model is saved with ``save_pretrained`` and loaded by path, as a
downloaded CKIP model is.
"""

from __future__ import annotations

import doctest
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import graphkit.ckip
from graphkit.ckip import CkipRecogniser, load_settings, split_text
from graphkit.errors import BackendError, Errors, SchemaError
from graphkit.loaders.moea_whitepaper import Kind
from graphkit.read import read
from graphkit.records import Block, BlockKind, Label, Mention, Segmented
from graphkit.segment import segment
from tests.corpus import corpus_file

TYPES = ("ORG", "LAW", "PRODUCT", "GPE", "PERSON")
TAGS = ["O", *(f"{p}-{t}" for t in TYPES for p in "BIES")]
CHAR_TAGS = {
    **dict.fromkeys("工", "B-ORG"),
    **dict.fromkeys("業技術研究", "I-ORG"),
    **dict.fromkeys("院", "E-ORG"),
    **dict.fromkeys("《", "B-LAW"),
    **dict.fromkeys("氣候變遷因應法", "I-LAW"),
    **dict.fromkeys("》", "E-LAW"),
    **dict.fromkeys("碳s", "B-PRODUCT"),
    **dict.fromkeys("化i", "I-PRODUCT"),
    **dict.fromkeys("矽c", "E-PRODUCT"),
    **dict.fromkeys("晶", "S-PRODUCT"),
    **dict.fromkeys("我", "B-GPE"),
    **dict.fromkeys("國", "E-GPE"),
}
#: What the tiny model finds, as (label, regex over the block, group holding the name).
ORACLE = (
    (Label.ORGANIZATION, re.compile("(工[業技術研究]*院)")),
    (Label.REGULATION, re.compile("《([氣候變遷因應法]{2,})》")),  # 《》 trimmed, 2 chars at least
    (Label.TECHNOLOGY, re.compile("([碳sS][化iI]*[矽cC])")),
)
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
POSITIONS = 128


def oracle(seg: Segmented) -> list[tuple[Label, int, int, int]]:
    found = [
        (label, index, m.start(1), m.end(1))
        for index, block in enumerate(seg.blocks)
        for label, regex in ORACLE
        for m in regex.finditer(block.text)
    ]
    return sorted(found, key=lambda f: (f[1], f[2], f[3], f[0].value))


def spans(mentions: list[Mention]) -> list[tuple[Label, int, int, int]]:
    return [(m.label, m.block, m.start, m.end) for m in mentions]


def needs_extra() -> tuple[ModuleType, ModuleType]:
    """torch and transformers, or a skip when the ckip extra is not installed."""
    hint = "the ckip extra is not installed: pip install 'graphkit[ckip]'"
    torch = pytest.importorskip("torch", reason=hint)
    transformers = pytest.importorskip("transformers", reason=hint)
    pytest.importorskip("ckip_transformers", reason=hint)
    return torch, transformers


@pytest.fixture(scope="module")
def torch() -> Iterator[ModuleType]:
    """torch, run on one thread here: a tiny model gains nothing from two, and on a busy
    two-core machine OpenMP's waiting threads make every small matrix product ~40x slower."""
    torch, _ = needs_extra()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def whitepaper() -> Segmented:
    seg, _ = segment(read(corpus_file("whitepaper")))
    return seg


@pytest.fixture(scope="module")
def sample(whitepaper: Segmented) -> Segmented:
    """Three real blocks: an executing agency, a law in 《》 with 我國, and SiC."""

    def first(kind: str | None, *needles: str) -> Block:
        return next(
            b
            for b in whitepaper.blocks
            if (kind is None or b.kind is kind) and all(n in b.text for n in needles)
        )

    blocks = (
        first(Kind.PROGRAMME_BLOCK, "執行單位:工業技術研究院"),
        first(None, "《氣候變遷因應法》", "我國"),
        first(BlockKind.PARAGRAPH, "碳化矽(Silicon Carbide, SiC)"),
    )
    return Segmented(whitepaper.info, whitepaper.text, blocks)


def save_tiny_model(path: Path, chars: str, *, tags: list[str] = TAGS) -> Path:
    """A tiny CKIP-style NER model in ``path``, tagging each character as :data:`CHAR_TAGS`."""
    torch, transformers = needs_extra()
    vocab = SPECIAL + sorted({c for c in chars.lower() if not c.isspace()} - set(SPECIAL))
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=POSITIONS,
        id2label=dict(enumerate(tags)),
        label2id={t: i for i, t in enumerate(tags)},
    )
    model = transformers.BertForTokenClassification(config).eval()
    with torch.no_grad():
        # Each token's embedding is a scaled one-hot of its tag; positions, token types and
        # the encoder layer's residual branches add nothing, so the hidden state is the
        # layer-normed one-hot, and an identity classifier reads the tag back.
        embed = torch.zeros(len(vocab), config.hidden_size)
        for i, token in enumerate(vocab):
            tag = CHAR_TAGS.get(token, "O")
            embed[i, tags.index(tag) if tag in tags else 0] = 10.0
        model.bert.embeddings.word_embeddings.weight.copy_(embed)
        model.bert.embeddings.position_embeddings.weight.zero_()
        model.bert.embeddings.token_type_embeddings.weight.zero_()
        layer = model.bert.encoder.layer[0]
        for dense in (layer.attention.output.dense, layer.output.dense):
            dense.weight.zero_()
            dense.bias.zero_()
        model.classifier.weight.copy_(torch.eye(len(tags), config.hidden_size))
        model.classifier.bias.zero_()
    model.save_pretrained(path)
    # Read vocab.txt the way every transformers version does (the constructor's argument was
    # renamed in 5.0), then save the tokenizer beside the model as CKIP's models have it.
    tokenizer = transformers.BertTokenizerFast.from_pretrained(
        path, do_lower_case=False, model_max_length=POSITIONS
    )
    assert len(tokenizer) == len(vocab)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def model_dir(
    tmp_path_factory: pytest.TempPathFactory, sample: Segmented, torch: ModuleType
) -> Path:
    chars = "".join(b.text for b in sample.blocks) + "".join(CHAR_TAGS)
    return save_tiny_model(tmp_path_factory.mktemp("ckip") / "tiny-ner", chars)


@pytest.fixture(scope="module")
def recogniser(model_dir: Path) -> CkipRecogniser:
    return CkipRecogniser(model_dir)


# ------------------------------------------------------------------------------ recognise


def test_finds_what_the_model_tags_with_block_offsets(
    recogniser: CkipRecogniser, sample: Segmented
) -> None:
    found = recogniser.recognise(sample)
    assert spans(found) == oracle(sample)
    for m in found:
        assert m.text == sample.blocks[m.block].text[m.start : m.end]
        assert (m.source, m.key) == ("ckip", None)
    by_label = {(m.label, m.text) for m in found}
    assert (Label.ORGANIZATION, "工業技術研究院") in by_label
    assert (Label.REGULATION, "氣候變遷因應法") in by_label  # 《》 trimmed off
    assert {(Label.TECHNOLOGY, "碳化矽"), (Label.TECHNOLOGY, "SiC")} <= by_label  # case kept


def test_unmapped_and_single_character_entities_are_dropped(
    recogniser: CkipRecogniser, sample: Segmented
) -> None:
    # 我國 is a GPE: the contract has no place label. 晶 alone is an S-PRODUCT, one character.
    found = recogniser.recognise(sample)
    assert "我國" in sample.blocks[1].text and "晶" in "".join(b.text for b in sample.blocks)
    assert all(m.text != "我國" and len(m.text) >= 2 for m in found)


def test_label_map_is_configurable(model_dir: Path, sample: Segmented) -> None:
    rec = CkipRecogniser(model_dir, labels={"GPE": Label.ORGANIZATION})
    found = rec.recognise(sample)
    assert found and {(m.label, m.text) for m in found} == {(Label.ORGANIZATION, "我國")}


def test_long_blocks_are_cut_at_breaks_and_offsets_kept(
    model_dir: Path, recogniser: CkipRecogniser, sample: Segmented
) -> None:
    small = CkipRecogniser(model_dir, max_length=24, batch_size=3)
    assert small.max_length == 24
    assert recogniser.max_length == POSITIONS - 2  # lowered from 510 to what the model takes
    assert max(len(b.text) for b in sample.blocks) > 4 * 24
    assert small.recognise(sample) == recogniser.recognise(sample)


def test_a_name_across_the_length_limit_stays_whole(model_dir: Path, sample: Segmented) -> None:
    # CKIP alone would cut this block after 12 characters, inside 工業技術研究院 (8 to 15).
    text = "對我國產業而言,工業技術研究院協助產業"
    seg = Segmented(sample.info, text, (Block(BlockKind.PARAGRAPH, text, 0),))
    found = CkipRecogniser(model_dir, max_length=12).recognise(seg)
    assert [(m.text, m.start, m.end) for m in found] == [("工業技術研究院", 8, 15)]


def test_loads_the_layout_ckiplab_publishes(
    tmp_path: Path,
    model_dir: Path,
    recogniser: CkipRecogniser,
    sample: Segmented,
    torch: ModuleType,
) -> None:
    from safetensors.torch import load_file

    # ckiplab's model repositories hold pytorch_model.bin, vocab.txt and a config naming
    # BertTokenizerFast, with no safetensors and no tokenizer.json.
    legacy = broken_copy(model_dir, tmp_path / "legacy", {"tokenizer.json": None})
    weights = load_file(legacy / "model.safetensors")
    torch.save(weights, legacy / "pytorch_model.bin")
    (legacy / "model.safetensors").unlink()
    config = json.loads((legacy / "config.json").read_text(encoding="utf-8"))
    config.update(tokenizer_class="BertTokenizerFast", directionality="bidi")
    (legacy / "config.json").write_text(json.dumps(config), encoding="utf-8")
    assert CkipRecogniser(legacy).recognise(sample) == recogniser.recognise(sample)


def test_whole_white_paper(recogniser: CkipRecogniser, whitepaper: Segmented) -> None:
    found = recogniser.recognise(whitepaper)
    assert spans(found) == oracle(whitepaper)
    assert all(m.text == whitepaper.blocks[m.block].text[m.start : m.end] for m in found)
    occurrences = sum(b.text.count("工業技術研究院") for b in whitepaper.blocks)
    assert sum(m.text == "工業技術研究院" for m in found) == occurrences > 50


def test_empty_and_blank_blocks(recogniser: CkipRecogniser, sample: Segmented) -> None:
    blocks = (Block(BlockKind.PARAGRAPH, "", 0), Block(BlockKind.PARAGRAPH, " \n ", 0))
    assert recogniser.recognise(Segmented(sample.info, "", blocks)) == []
    assert recogniser.recognise(Segmented(sample.info, "", ())) == []


# ----------------------------------------------------------------------------- splitting


@pytest.mark.parametrize("limit", [1, 3, 7, 50])
def test_split_text_gives_the_text_back(limit: int) -> None:
    text = "對我國產業而言,在地緣政治。與平衡經濟發展的情境下;全球碳稅"
    pieces = split_text(text, limit, ["。;", ","])
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p and 0 < len(p) <= limit for o, p in pieces)


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("甲乙丙丁。戊己,庚辛", 8, ["甲乙丙丁。", "戊己,庚辛"]),  # a sentence end first
        ("甲。乙丙丁戊,己庚辛", 8, ["甲。乙丙丁戊,", "己庚辛"]),  # …unless it leaves a stub
        ("甲乙丙丁戊己庚辛", 5, ["甲乙丙丁戊", "己庚辛"]),  # no break: cut hard, as CKIP does
        ("", 5, [""]),
    ],
)
def test_split_text_prefers_sentence_then_clause_ends(
    text: str, limit: int, pieces: list[str]
) -> None:
    offsets = [sum(map(len, pieces[:i])) for i in range(len(pieces))]
    assert split_text(text, limit, ["。", ","]) == list(zip(offsets, pieces, strict=True))


# -------------------------------------------------------------------------------- errors


def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ckip_transformers", "ckip_transformers.nlp"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import` fail as if not installed
    with pytest.raises(BackendError) as err:
        CkipRecogniser(tmp_path)
    assert str(err.value) == Errors.E040
    assert "pip install 'graphkit[ckip]'" in str(err.value)


def test_missing_torch_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(BackendError, match=re.escape(Errors.E040)):
        CkipRecogniser(tmp_path)


def e041(path: object, detail: str) -> str:
    return re.escape(Errors.E041.format(path=path, detail="")) + ".*" + detail


def test_bad_model_directories(tmp_path: Path, model_dir: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(BackendError, match=e041(missing, "no such directory")):
        CkipRecogniser(missing)
    with pytest.raises(BackendError, match=e041("./nowhere", "no such directory")):
        CkipRecogniser("./nowhere")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BackendError, match=e041(empty, "no config.json")):
        CkipRecogniser(empty)
    afile = model_dir / "config.json"
    with pytest.raises(BackendError, match=e041(afile, "is a file")):
        CkipRecogniser(afile)


def broken_copy(model_dir: Path, to: Path, files: dict[str, bytes | None]) -> Path:
    """A copy of the model with some files replaced (bytes) or removed (None)."""
    shutil.copytree(model_dir, to)
    for name, content in files.items():
        path = to / name
        if content is None:
            path.unlink()
        else:
            path.write_bytes(content)
    return to


@pytest.mark.parametrize(
    ("files", "detail"),
    [
        ({"config.json": b"{not json"}, "config"),
        ({"model.safetensors": None}, "model.safetensors"),
        ({"model.safetensors": b"garbage"}, ""),
        ({"vocab.txt": None, "tokenizer.json": None}, "no vocab.txt or tokenizer.json"),
        # 999 lines and the 5 special tokens, for a model that embeds far fewer
        ({"tokenizer.json": None, "vocab.txt": "\n".join(map(str, range(999))).encode()}, "1004"),
    ],
    ids=["bad-config", "no-weights", "bad-weights", "no-tokenizer", "foreign-tokenizer"],
)
def test_broken_model_files(
    tmp_path: Path, model_dir: Path, files: dict[str, bytes | None], detail: str
) -> None:
    broken = broken_copy(model_dir, tmp_path / "broken", files)
    with pytest.raises(BackendError, match=e041(broken, re.escape(detail))):
        CkipRecogniser(broken)


def test_a_model_without_ckip_tags_is_refused(tmp_path: Path) -> None:
    # A word-segmentation model, or a base BERT whose head has default labels.
    path = save_tiny_model(tmp_path / "ws", "工業技術", tags=["B", "I"])
    with pytest.raises(BackendError, match=e041(path, "not CKIP's NER tags")):
        CkipRecogniser(path)


def test_cuda_device_without_cuda(model_dir: Path, torch: ModuleType) -> None:
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(BackendError, match=e041(model_dir, "finds none")):
        CkipRecogniser(model_dir, device=0)


def test_bad_arguments(model_dir: Path) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        CkipRecogniser(model_dir, batch_size=0)


# ------------------------------------------------------------------------------ settings


def test_shipped_label_map() -> None:
    settings = load_settings()
    assert settings.labels["ORG"] is Label.ORGANIZATION
    assert settings.labels["LAW"] is Label.REGULATION
    assert settings.labels["PRODUCT"] is Label.TECHNOLOGY
    assert settings.labels["GPE"] is None and settings.labels["PERSON"] is None
    assert settings.min_chars >= 1 and "《" in settings.trim and settings.breaks


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ({"labels": {"ORG": "Person"}}, "not a contract label"),
        ({"labels": []}, "'labels' must be an object"),
        ({"labels": {}, "min_chars": 0}, "min_chars"),
        ({"labels": {}, "breaks": "。"}, "breaks"),
    ],
)
def test_bad_settings(data: dict[str, object], detail: str) -> None:
    with pytest.raises(SchemaError, match=detail):
        load_settings(data)


def test_settings_file_is_json_with_a_comment() -> None:
    root = Path(__file__).resolve().parents[1]
    data = json.loads((root / "schema" / "rules" / "ckip.json").read_text(encoding="utf-8"))
    assert "_comment" in data and set(data["labels"]) >= {"ORG", "LAW", "PRODUCT", "GPE"}


def test_hub_names_are_passed_on() -> None:
    assert (
        CkipRecogniser._locate("ckiplab/bert-base-chinese-ner") == "ckiplab/bert-base-chinese-ner"
    )


def test_doctests() -> None:
    assert doctest.testmod(graphkit.ckip, optionflags=doctest.ELLIPSIS).failed == 0


def test_importing_the_module_does_not_import_torch() -> None:
    code = "import sys, graphkit.ckip; print(sorted({'torch', 'transformers'} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_build_with_the_ckip_backend_adds_model_names(
    model_dir: Path, tmp_path: Path, torch: ModuleType
) -> None:
    """``graphkit build --ner ckip`` runs the model beside the rules and resolves its names.

    The tiny model tags 《氣候變遷因應法》-style titles as LAW and 碳化矽 as PRODUCT: a law no
    lexicon lists becomes a Regulation, and the technology merges with the lexicon's node.
    """
    from click.testing import CliRunner

    from graphkit.cli import main
    from graphkit.workspace import Workspace

    doc = tmp_path / "note.txt"
    doc.write_text(
        "經濟部依《氣候變遷因應法》推動減碳，工業技術研究院開發碳化矽功率元件，協助業者。\n"
        "工業技術研究院也與業者合作，研發碳化矽模組。\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["build", str(doc), "--store", str(store), "--ner", "ckip", "--ckip-model", str(model_dir)],
    )
    assert result.exit_code == 0, result.stderr
    ws = Workspace(store)
    laws = {r["n"] for r in ws.cypher("MATCH (r:Regulation) RETURN r.name AS n").records()}
    sic = ws.cypher("MATCH (t:Technology {name: '碳化矽'}) RETURN count(t) AS n").records()
    orgs = ws.cypher(
        "MATCH (o:Organization {name: '工業技術研究院'}) RETURN count(o) AS n"
    ).records()
    assert "氣候變遷因應法" in laws
    assert sic == [{"n": 1}]
    assert orgs == [{"n": 0}], "a model ORG that is a known Agency merges into the Agency"


def test_ckip_backend_needs_a_model(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graphkit.cli import main

    doc = tmp_path / "note.txt"
    doc.write_text("工研院開發碳化矽。\n", encoding="utf-8")
    result = CliRunner(env={"GRAPHKIT_CKIP_MODEL": None}).invoke(
        main, ["build", str(doc), "--store", str(tmp_path / "s"), "--ner", "ckip"]
    )
    assert result.exit_code == 1
    assert "--ckip-model" in result.stderr
