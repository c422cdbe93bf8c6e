"""What a fine-tuning run is asked to do: `TrainRequest`, the format of its args.json, and the
limits of each number in it.

`LIMITS` is the one home of those limits: the struct's constraints come from it, and so do the
`train` command's option ranges and the terminal UI's fine-tune form, so the three never differ.
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

from tsa_registry.data.terms import DataTerms
from tsa_registry.task.lengths import MIN_MAX_SEQ_LENGTH

Device = Literal["auto", "cpu", "cuda"]
DEVICES: tuple[Device, ...] = ("auto", "cpu", "cuda")


@dataclasses.dataclass(frozen=True)
class Limit:
    """The allowed range of one number: `minimum` (excluded when `exclusive`) up to `maximum`;
    never NaN or infinite."""

    minimum: float
    maximum: float | None = None
    exclusive: bool = False

    def meta(self) -> msgspec.Meta:
        if self.exclusive:
            return msgspec.Meta(gt=self.minimum, le=self.maximum)
        return msgspec.Meta(ge=self.minimum, le=self.maximum)

    def allows(self, value: float) -> bool:
        above = value > self.minimum if self.exclusive else value >= self.minimum
        return math.isfinite(value) and above and (self.maximum is None or value <= self.maximum)

    def describe(self) -> str:
        low = f"more than {self.minimum:g}" if self.exclusive else f"at least {self.minimum:g}"
        return "a finite number " + low + (f" and at most {self.maximum:g}" if self.maximum is not None else "")


LIMITS: dict[str, Limit] = {
    "epochs": Limit(1),
    "batch_size": Limit(1),
    "gradient_accumulation_steps": Limit(1),
    "learning_rate": Limit(0, exclusive=True),
    "max_seq_length": Limit(MIN_MAX_SEQ_LENGTH),
}


def ensure_within_limits(**values: float | None) -> None:
    """ValueError naming the first value outside its limit (None: not given, left to defaults)."""
    for name, value in values.items():
        if value is not None and not LIMITS[name].allows(value):
            raise ValueError(f"{name.replace('_', ' ')} {value}: give {LIMITS[name].describe()}")


class TrainRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The arguments of a run, as stored in its args.json. Validated whenever it is made with
    `TrainRequest.make` or read from a file; plain construction (tests) does not check."""

    model: str  # catalogue or Hub id, or a local folder
    revision: str | None = None
    family: str
    model_type: str  # Simpletransformers NERModel model_type
    train: str
    dev: str
    test: str | None = None
    epochs: Annotated[int, LIMITS["epochs"].meta()]
    # sentences a batch; times gradient_accumulation_steps: a step's sentences
    batch_size: Annotated[int, LIMITS["batch_size"].meta()]
    auto_batch_size: bool = False  # split the step into batches that fit the GPU
    gradient_accumulation_steps: Annotated[int, LIMITS["gradient_accumulation_steps"].meta()] = 1
    learning_rate: Annotated[float, LIMITS["learning_rate"].meta()]
    # None: the longest sentence in the data, in subwords
    max_seq_length: Annotated[int, LIMITS["max_seq_length"].meta()] | None = None
    seed: int = 42
    device: Device = "auto"
    fp16: bool | None = None  # None: on for CUDA unless the family forbids it
    intensity: bool = False
    strict: bool = False
    trust_remote_code: bool = False
    allow_pickle: bool = False
    ner_args: dict[str, Any] = {}  # NERArgs the family, catalogue or check asks for
    data_terms: DataTerms | None = None  # a known data set's licence condition, which the model inherits

    def __post_init__(self) -> None:
        # msgspec's bounds let infinity through, so LIMITS are checked here as well, in one place
        ensure_within_limits(**{name: getattr(self, name) for name in LIMITS})

    @classmethod
    def make(cls, **fields: Any) -> TrainRequest:
        """A request checked against its limits; ValueError (msgspec's) names the field."""
        return msgspec.convert(fields, cls)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(msgspec.to_builtins(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TrainRequest:
        return msgspec.json.decode(path.read_bytes(), type=cls)
