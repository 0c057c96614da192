"""Driver: the transformer NER baseline — CKIP's bert-base Chinese NER, on CPU.

No model hub is reachable here, and speed does not depend on the weights, so the model is the
architecture of ``ckiplab/bert-base-chinese-ner`` with random weights:
``BertForTokenClassification`` with the bert-base configuration (12 layers, hidden size 768,
12 heads, intermediate size 3072, 512 positions), the vocabulary size of bert-base-chinese
(21,128) and CKIP's NER label set (73 BIES labels: O plus B/I/E/S of the 18 OntoNotes types).
The vocabulary is built locally from the characters of the corpus plus BERT's special tokens
(padded with ``[unused…]`` entries to 21,128) and saved with ``BertTokenizerFast``; model and
tokenizer go to a temporary directory that ``CkipNerChunker(model_name=DIR, device=-1)`` loads,
so the text runs through ckip-transformers' own code path.

The sample (the first ``--chars`` characters of the text) runs twice, in two input modes:

* ``packed``: one input, which ckip-transformers cuts into full ``--max-length`` windows. No
  padding: the fastest way to run it, so the speed ratio to graphkit is on the conservative
  side. The benchmark's target is judged on this mode.
* ``paragraphs``: one input per non-empty line, the way a document is usually given to it.
  ckip-transformers pads every window to the longest window of the whole call (not of the
  batch), so short paragraphs cost as much as long ones: several times slower.

One window runs first, untimed, as a warm-up.

Usage::

    python -m benchmarks.baseline --text FILE --vocab-from DIR --json-out FILE \
        [--chars 20000] [--batch-size 16] [--max-length 510] [--inputs packed,paragraphs]

Writes ``{"available": false, "reason": ...}`` and prints how to install the packages when
torch, transformers or ckip-transformers is missing. Uses only the standard library besides
those, so it can run under another interpreter (``--baseline-python``).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

INSTALL = "pip install torch==2.13.0 && pip install 'graphkit[ckip]'"

#: The 18 OntoNotes entity types CKIP's NER models tag.
ONTONOTES_TYPES = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
    "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
)  # fmt: skip
LABELS = ("O", *(f"{tag}-{kind}" for kind in ONTONOTES_TYPES for tag in "BIES"))
#: bert-base-chinese's vocabulary size (CKIP's models keep it).
VOCAB_SIZE = 21128
SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
INPUT_MODES = ("packed", "paragraphs")
#: BERT's position embeddings: a window plus [CLS] and [SEP] must fit.
MAX_POSITIONS = 512


def build_vocab(folder: Path) -> list[str]:
    """Special tokens, every non-space character of the ``*.txt`` files, then padding."""
    chars: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        chars.update(path.read_text(encoding="utf-8-sig"))
    tokens = [*SPECIAL, *sorted(c for c in chars if not c.isspace())]
    tokens += [f"[unused{i}]" for i in range(VOCAB_SIZE - len(tokens))]
    return tokens


def make_model(directory: Path, vocab: list[str], max_length: int) -> int:
    """Save a randomly initialised CKIP-shaped NER model and tokenizer; returns parameters."""
    import torch

    # BertTokenizerFast is exported lazily (transformers 5), out of sight of its stubs.
    from transformers import (  # type: ignore[attr-defined]
        BertConfig,
        BertForTokenClassification,
        BertTokenizerFast,
    )

    vocab_file = directory / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # ckip-transformers asserts max_length < model_max_length - 2 (strictly), so a 510-char
    # window needs model_max_length 513; the sequence is still 512 tokens with [CLS]/[SEP].
    tokenizer = BertTokenizerFast(
        vocab_file=str(vocab_file), do_lower_case=False, model_max_length=max_length + 3
    )
    tokenizer.save_pretrained(str(directory))
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        max_position_embeddings=MAX_POSITIONS,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    model.save_pretrained(str(directory))
    return int(sum(p.numel() for p in model.parameters()))


def split_inputs(sample: str, mode: str) -> list[str]:
    """The sample as ckip-transformers' input list: one text, or one per paragraph (line)."""
    if mode == "packed":
        return [sample]
    return [line for line in sample.split("\n") if line.strip()]


def padded_tokens(inputs: list[str], max_length: int) -> int:
    """Tokens the model runs over: ckip pads every window to the longest one, plus 2 each.

    >>> padded_tokens(["ab", "abcd"], 3)  # windows ab, abc, d: three of 3 + 2
    15
    """
    windows = [
        len(text[i : i + max_length]) for text in inputs for i in range(0, len(text), max_length)
    ]
    return len(windows) * (max(windows) + 2)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Set up the model, warm up, time the sample."""
    try:
        import torch
        from ckip_transformers.nlp import CkipNerChunker
    except ImportError as exc:
        print(
            f"baseline skipped: {exc}. Install the CKIP baseline with:\n    {INSTALL}",
            file=sys.stderr,
        )
        return {"available": False, "reason": str(exc), "install": INSTALL}
    from importlib import metadata

    text = args.text.read_text(encoding="utf-8-sig")
    sample = text[: args.chars]
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-ckip-") as tmp:
        t0 = time.perf_counter()
        parameters = make_model(Path(tmp), build_vocab(args.vocab_from), args.max_length)
        t1 = time.perf_counter()
        chunker = CkipNerChunker(model_name=tmp, device=-1)
        t2 = time.perf_counter()
        opts = {
            "batch_size": args.batch_size,
            "max_length": args.max_length,
            "show_progress": False,
        }
        chunker([sample[: args.max_length]], **opts)
        modes = {}
        for mode in args.inputs:
            inputs = split_inputs(sample, mode)
            t3 = time.perf_counter()
            found = chunker(inputs, **opts)
            seconds = time.perf_counter() - t3
            chars = sum(map(len, inputs))
            modes[mode] = {
                "inputs": len(inputs),
                "chars": chars,
                "padded_tokens": padded_tokens(inputs, args.max_length),
                "seconds": seconds,
                "chars_per_s": chars / seconds,
                "entities": sum(len(sentence) for sentence in found),
            }
    return {
        "available": True,
        "model": "BertForTokenClassification, bert-base (12x768, 12 heads, 3072), random weights",
        "parameters": parameters,
        "labels": len(LABELS),
        "vocab_size": VOCAB_SIZE,
        "sample_chars": len(sample),
        "batch_size": args.batch_size,
        "max_length": args.max_length,
        "torch_threads": torch.get_num_threads(),
        "setup_s": t1 - t0,
        "load_s": t2 - t1,
        "modes": modes,
        "peak_rss_self_kb": int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "versions": {
            d: metadata.version(d) for d in ("torch", "transformers", "ckip-transformers")
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, write the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, required=True, help="text to take the sample from")
    parser.add_argument("--vocab-from", type=Path, required=True, help="folder of *.txt files")
    parser.add_argument("--json-out", type=Path, required=True)
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=510)
    parser.add_argument(
        "--inputs",
        default="packed,paragraphs",
        type=lambda v: [m for m in v.split(",") if m],
        help="input modes, comma-separated: packed (one text) and/or paragraphs (one per line)",
    )
    args = parser.parse_args(argv)
    if not 0 < args.max_length <= MAX_POSITIONS - 2:
        parser.error(f"--max-length must be 1..{MAX_POSITIONS - 2} (BERT has 512 positions)")
    if not args.inputs or set(args.inputs) - set(INPUT_MODES):
        parser.error(f"--inputs takes {', '.join(INPUT_MODES)}")
    args.json_out.write_text(json.dumps(run(args)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
