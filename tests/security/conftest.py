"""The attacks' fixtures: a marker file, the unsafe torch environment, small data, and a trained
run to tamper with. The payloads and helpers are in tests/support/attacks.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.attacks import UNSAFE_LOAD
from tests.support.torch_threads import one_cpu_thread  # noqa: F401 - on for this folder


@pytest.fixture
def marker(tmp_path) -> Path:
    return tmp_path / "MARKER-the-payload-ran"


@pytest.fixture
def unsafe_torch_env(monkeypatch):
    """The environment variable that turns torch.load without weights_only into full unpickling,
    here and in the training processes the tests start."""
    monkeypatch.setenv(UNSAFE_LOAD, "1")


@pytest.fixture(scope="session")
def tsa_files(tmp_path_factory):
    """Small train and dev files in NoReC_tsa CoNLL."""
    from tsa_registry.task.conll import Sentence, write_conll
    from tsa_registry.task.norwegian import tagged_sentences

    folder = tmp_path_factory.mktemp("security-data")
    sentences = [Sentence(f"s-{i}", tuple(w), tuple(t)) for i, (w, t) in enumerate(tagged_sentences(40, seed=11))]
    write_conll(folder / "train.conll", sentences[:24])
    write_conll(folder / "dev.conll", sentences[24:])
    return folder


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory, tiny_models, tsa_files):
    """A real run (one epoch of a tiny BERT), trained once; copy it with `run_copy` to tamper."""
    import torch

    from tsa_registry.registry import load_registry
    from tsa_registry.training.plan import plan_training
    from tsa_registry.training.runs import create_run
    from tsa_registry.training.worker.loop import train_run

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        request = plan_training(str(tiny_models.get("bert")), train=tsa_files / "train.conll",
                                dev=tsa_files / "dev.conll", registry=load_registry(), epochs=1,
                                batch_size=8, learning_rate=1e-3)
        run = create_run(request, tmp_path_factory.mktemp("security-run") / "run")
        train_run(run, lambda event: None)
    finally:
        torch.set_num_threads(threads)
    assert run.status()["status"] == "complete"
    return run.path


@pytest.fixture
def run_copy(trained_run, tmp_path) -> Path:
    """A copy of the trained run, to change as an attacker would before sharing it."""
    return Path(shutil.copytree(trained_run, tmp_path / "shared-run", symlinks=True))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
