"""Model folders for `tsa-registry speed` where the Hub cannot be reached: a real config.json and a
tokenizer of the model's kind, no weights (`speed` builds the full-size model with random weights).

Writes OUT/bert-base-multilingual-cased (mBERT: the real config.json, a WordPiece tokenizer) and
OUT/xlm-roberta-base (the real config.json, a SentencePiece-style Unigram tokenizer). The configs
are the real ones (tests/support/real_configs.py), so the architecture timed is the real one,
embeddings included. The real tokenizers cannot be downloaded here, so each tokenizer is trained
with the `tokenizers` library on the text of a CoNLL file (default: NoReC_tsa train), with
VOCAB entries: it splits Norwegian into about as many pieces as a multilingual vocabulary
does, but not into exactly the real tokenizer's pieces. `speed` prints the subwords a
sentence it timed; latency follows that number. With the Hub reachable, `tsa-registry speed
bert-base-multilingual-cased xlm-roberta-base` uses the real tokenizers instead.

Usage: python benchmarks/speed_models.py OUT [--texts FILE.conll] [--vocab N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.real_configs import BERT_BASE_MULTILINGUAL_CASED, XLM_ROBERTA_BASE  # noqa: E402

TRAIN = next((folder / "train.conll" for folder in (
    Path(os.environ.get("NOREC_TSA_DIR", ROOT / "missing")), *(up / "shared" / "data" / "norec_tsa"
                                                             for up in ROOT.parents))
    if (folder / "train.conll").is_file()), ROOT.parent / "shared" / "data" / "norec_tsa" / "train.conll")
MODELS = {"bert-base-multilingual-cased": ("bert", BERT_BASE_MULTILINGUAL_CASED),
          "xlm-roberta-base": ("xlmroberta", XLM_ROBERTA_BASE)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--texts", type=Path, default=TRAIN, help="CoNLL file to train the tokenizers on")
    parser.add_argument("--vocab", type=int, default=8000, help="tokenizer vocabulary size")
    options = parser.parse_args()
    from tsa_registry.tiny.models import texts_from_conll
    from tsa_registry.tiny.tokenizers import build_tokenizer

    texts = texts_from_conll(options.texts)
    for name, (arch, config) in MODELS.items():
        folder = options.out / name
        folder.mkdir(parents=True, exist_ok=False)
        _, ids = build_tokenizer(arch, texts, folder, cased=True, strip_accents=None, vocab_size=options.vocab)
        if ids["pad"] != config["pad_token_id"]:
            sys.exit(f"{name}: the tokenizer's padding id {ids['pad']} is not the config's {config['pad_token_id']}")
        (folder / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        print(f"{folder}: config.json of {name}, a {arch} tokenizer of {options.vocab} pieces")


if __name__ == "__main__":
    main()
