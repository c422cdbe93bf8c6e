"""What a `tsa-registry check` costs: bytes fetched from the Hub against the weights' size, and time.

Serves Hub-shaped repositories from a loopback server (olah, offline, as in the tests), with
models of realistic proportions: a vocabulary trained on NoReC_tsa and several layers, so that
the small files and the safetensors header weigh against the weights as they do on the Hub.
Prints, per fixture: bytes fetched (response bodies), weight bytes, their ratio (target: at most
2%), weight-file downloads (target: none), and wall time; then the time of `check --deep`.

    python benchmarks/check_cost.py [--data ../shared/data/norec_tsa/train.conll] [--size small|base]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.env import isolate_hub_environment  # noqa: E402

SOCKET = isolate_hub_environment()  # before huggingface_hub is imported

SIZES = {"small": {"hidden_size": 768, "num_layers": 4, "vocab_size": 20_000},  # BERT-base width
         "base": {"hidden_size": 768, "num_layers": 12, "vocab_size": 30_000}}
FIXTURES = {  # name: (arch, extra options)
    "bert-cased": ("bert", {}),
    "bert-uncased": ("bert", {"cased": False}),
    "xlm-roberta": ("xlmroberta", {}),
    "distilbert": ("distilbert", {}),
    "deberta-v2": ("deberta-v2", {}),
    "bert-pickle-only": ("bert", {"weights": "bin"}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "norec_tsa" / "train.conll")
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--only", nargs="*", choices=FIXTURES, help="fixtures to measure (default: all)")
    args = parser.parse_args()

    from tests.support.hub import HubServer
    from tsa_registry.check import check_model
    from tsa_registry.registry import load_registry
    from tsa_registry.tiny import build_tiny_model, default_texts, texts_from_conll

    root = Path(tempfile.mkdtemp(prefix="tsa-check-cost-"))
    texts = texts_from_conll(args.data) if args.data.is_file() else default_texts(2000)
    hub = HubServer(root, sock=SOCKET).start()
    registry = load_registry()
    print(f"models: {args.size} {SIZES[args.size]}, tokenizer trained on {len(texts)} sentences")
    print(f"{'fixture':18} {'fetched':>12} {'weights':>14} {'ratio':>7} {'weight GETs':>11} {'wall':>7}  verdict")
    for name in args.only or FIXTURES:
        arch, options = FIXTURES[name]
        folder = build_tiny_model(root / "build" / name, arch, texts=texts, **SIZES[args.size], **options)
        repo = hub.add_folder(f"bench/{name}", folder)
        start, started = hub.mark(), time.perf_counter()
        report = check_model(repo, registry=registry)
        wall = time.perf_counter() - started
        fetched, weights = hub.bytes_sent(repo, since=start), hub.weights_of(repo)
        downloads = len(hub.weight_downloads(repo, since=start))
        print(f"{name:18} {fetched:>12,} {weights:>14,} {fetched / weights:>7.2%} {downloads:>11} "
              f"{wall:>6.1f}s  {report.verdict}")
    tiny = build_tiny_model(root / "build" / "tiny-deep", "bert")
    started = time.perf_counter()
    report = check_model(str(tiny), registry=registry, deep=True)
    print(f"check --deep on a tiny local BERT: {time.perf_counter() - started:.1f} s wall "
          f"(deep part {report.deep.seconds} s, passed: {report.deep.passed})")
    hub.stop()


if __name__ == "__main__":
    main()
