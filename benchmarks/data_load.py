"""Time reading NoReC_tsa train.conll with the project's CoNLL reader (target: under 0.3 s).

Usage: python benchmarks/data_load.py [FILE ...]   (default: ../shared/data/norec_tsa/train.conll)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tsa_registry.task.conll import read_conll

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "norec_tsa" / "train.conll"


def main(paths: list[Path]) -> None:
    for path in paths:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            corpus = read_conll(path)
            times.append(time.perf_counter() - start)
        tokens = sum(len(s.tokens) for s in corpus.sentences)
        print(f"{path}: {len(corpus.sentences)} sentences, {tokens} tokens, "
              f"labels {corpus.labels}")
        print(f"  read time: best {min(times):.3f} s, median {sorted(times)[2]:.3f} s "
              f"(5 runs; target < 0.3 s)")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [DEFAULT])
