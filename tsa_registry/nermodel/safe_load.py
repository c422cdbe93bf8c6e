"""torch.load that never unpickles code, whatever the environment says.

`TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1` turns every `torch.load` that does not say
`weights_only=True` into a full unpickling, which runs any code a file carries. torch 2.13 lets
an explicit `weights_only=True` win, but libraries call torch.load without it
(Simpletransformers' `quantized_model` path does), so while a model is built or a checkpoint
read, `weights_only_loads()` forces weights-only loading for the whole process
(`TORCH_FORCE_WEIGHTS_ONLY_LOAD=1`; torch reads both variables at each call).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FORCE_SAFE = "TORCH_FORCE_WEIGHTS_ONLY_LOAD"
FORCE_UNSAFE = "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"


class UnsafeFileError(RuntimeError):
    """A file that would have to be unpickled in full (it holds more than tensors)."""


@contextmanager
def weights_only_loads() -> Iterator[None]:
    """Inside: every torch.load is weights-only. The two variables are restored afterwards."""
    saved = {name: os.environ.get(name) for name in (FORCE_SAFE, FORCE_UNSAFE)}
    os.environ.pop(FORCE_UNSAFE, None)  # torch refuses to run with both set
    os.environ[FORCE_SAFE] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def load_tensors(path: Path) -> Any:
    """A file of tensors and plain data (optimizer, scheduler or random state of a checkpoint).
    Anything else in it is refused, not run."""
    import torch

    with weights_only_loads():
        try:
            return torch.load(path, weights_only=True)
        except pickle.UnpicklingError as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise UnsafeFileError(
                f"{path} holds more than tensors and plain data, so it was not loaded (unpickling it "
                f"could run code; {first[:200]}). The run folder was not written this way by "
                "tsa-registry: start a new run instead of resuming this one.") from None
