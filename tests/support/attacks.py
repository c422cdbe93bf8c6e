"""Payloads that leave a marker file when they run, hostile model folders made from the tiny
models, and the real CLI, for tests/security/.

Each payload is shown to be live (it writes its marker when loaded the unsafe way), so a test
that finds no marker proves the tool did not run it, not that the payload was a dud.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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


def cli(*args: str, **options):
    return CliRunner().invoke(main, [str(a) for a in args], **options)


def copy_model(tiny_models, destination: Path, arch: str = "bert") -> Path:
    shutil.copytree(tiny_models.get(arch), destination)
    return destination


def edit_json(path: Path, **changes) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def as_resumable(run: Path, epochs: int = 2) -> Path:
    """Make a copy of the one-epoch run look cancelled after epoch 1 of `epochs`."""
    edit_json(run / "args.json", epochs=epochs)
    for state in run.glob("checkpoints/epoch-*/state.json"):
        edit_json(state, epochs=epochs)
    edit_json(run / "status.json", status="cancelled", message="cancelled on request")
    return run
