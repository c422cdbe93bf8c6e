"""Small TSA data and a trained tiny run, shared by the training, speed and other tests as
fixtures (import them into a folder's conftest.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tsa_registry.task.conll import Sentence, write_conll
from tsa_registry.task.norwegian import tagged_sentences


def _intensity(tags):
    # A fixed intensity per polarity keeps the intensity data learnable and deterministic.
    return tuple(t if t == "O" else f"{t}-{2 if t.endswith('Positive') else 3}" for t in tags)


@pytest.fixture(scope="session")
def tsa_data(tmp_path_factory) -> SimpleNamespace:
    """train (96), dev (24) and test (24) sentences in NoReC_tsa CoNLL, plain and with intensity."""
    folder = tmp_path_factory.mktemp("data")
    sentences = [Sentence(f"s-{i}", tuple(w), tuple(t)) for i, (w, t) in
                 enumerate(tagged_sentences(144, seed=3))]
    parts = {"train": sentences[:96], "dev": sentences[96:120], "test": sentences[120:]}
    paths = {}
    for name, part in parts.items():
        write_conll(folder / f"{name}.conll", part)
        write_conll(folder / f"{name}.intensity.conll", [s.with_tags(_intensity(s.tags)) for s in part])
        paths[name] = folder / f"{name}.conll"
        paths[f"{name}_intensity"] = folder / f"{name}.intensity.conll"
    return SimpleNamespace(folder=folder, **paths)


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory, tiny_models, tsa_data):
    """A finished one-epoch run of a tiny BERT on `tsa_data` (shared; copy it to change it)."""
    from tsa_registry.registry import load_registry
    from tsa_registry.training.plan import plan_training
    from tsa_registry.training.runs import create_run
    from tsa_registry.training.worker.loop import train_run

    request = plan_training(str(tiny_models.get("bert")), train=tsa_data.train, dev=tsa_data.dev,
                            registry=load_registry(), epochs=1, batch_size=16, learning_rate=2e-3)
    run = create_run(request, tmp_path_factory.mktemp("trained") / "run")
    train_run(run, lambda event: None)
    run.release()
    return run


@pytest.fixture
def run_copy(trained_run, tmp_path):
    """A copy of `trained_run` for a test to change or damage."""
    import shutil

    from tsa_registry.training.runs import Run

    return Run(Path(shutil.copytree(trained_run.path, tmp_path / "run-copy")))
