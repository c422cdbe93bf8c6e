"""The attacks' shared parts: payloads that leave a marker file when they run, hostile model
folders made from the tiny models, a trained run to tamper with, and the real CLI.

Each payload is shown to be live (it writes its marker when loaded the unsafe way), so a test
that finds no marker proves the tool did not run it, not that the payload was a dud.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main

UNSAFE_LOAD = "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"


class Payload:
    """Pickled, it is a call to exec: unpickling it writes the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('the payload ran')",))


def save_pickle_payload(path: Path, marker: Path) -> Path:
    """A torch.save file (as pytorch_model.bin or optimizer.pt are) that runs code when loaded."""
    import torch

    torch.save(Payload(marker), path)
    return path


def code_payload(marker: Path, body: str = "") -> str:
    """A Python module that writes the marker when imported, then defines `body`."""
    return f"open({str(marker)!r}, 'w').write('the remote code ran')\n{body}"


@pytest.fixture
def marker(tmp_path) -> Path:
    return tmp_path / "MARKER-the-payload-ran"


@pytest.fixture
def unsafe_torch_env(monkeypatch):
    """The environment variable that turns torch.load without weights_only into full unpickling,
    here and in the training processes the tests start."""
    monkeypatch.setenv(UNSAFE_LOAD, "1")


@pytest.fixture(autouse=True)
def one_cpu_thread(monkeypatch):
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    yield
    torch.set_num_threads(before)


def cli(*args: str, **options):
    return CliRunner().invoke(main, [str(a) for a in args], **options)


def copy_model(tiny_models, destination: Path, arch: str = "bert") -> Path:
    shutil.copytree(tiny_models.get(arch), destination)
    return destination


def edit_json(path: Path, **changes) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


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


def as_resumable(run: Path, epochs: int = 2) -> Path:
    """Make a copy of the one-epoch run look cancelled after epoch 1 of `epochs`."""
    edit_json(run / "args.json", epochs=epochs)
    for state in run.glob("checkpoints/epoch-*/state.json"):
        edit_json(state, epochs=epochs)
    edit_json(run / "status.json", status="cancelled", message="cancelled on request")
    return run


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
