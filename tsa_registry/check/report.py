"""Report: the verdict of a check, its findings and each section of what was measured.

These structs are the JSON of `check --json`; docs/check-report.schema.json is generated from
them (check/schema.py), and docs/check.md says what each key means. A section is null when the
check did not get that far: the model could not be read (verdict `unknown`), or its tokenizer
could not be loaded.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec
from msgspec import UNSET, UnsetType

from tsa_registry.catalogue import Reference
from tsa_registry.check.findings import Finding

Verdict = Literal["compatible", "compatible-with-settings", "needs-opt-in", "incompatible", "unknown"]

# Exit status of `tsa-registry check` for each verdict; 1 and 2 stay click's (failure, usage).
EXIT_CODES: dict[str, int] = {
    "compatible": 0,
    "compatible-with-settings": 10,
    "needs-opt-in": 20,
    "incompatible": 30,
    "unknown": 40,
}


class Section(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A part of the report; keys that were not measured are left out."""


class FamilySection(Section):
    """The family that claims the model's architecture."""

    name: str
    title: str
    plugin: str
    problems: list[str]


class ParametersSection(Section):
    total: int | None = None
    source: Literal["safetensors header", "config (meta device)", "catalogue"] | None = None
    by_dtype: dict[str, int] | UnsetType = UNSET
    why: str | UnsetType = UNSET  # why the count is unknown


class TokenizerSection(Section, rename={"class_name": "class"}):
    """The tokenizer, loaded as NERModel loads it."""

    class_name: str
    fast: bool
    offsets: bool
    vocab_size: int
    lowercases: bool
    uncased_vocabulary: bool
    strips_accents: bool
    cased: bool
    accent_examples: dict[str, str]  # word -> what the tokenizer makes of it, where they differ
    max_length: int | None


class CoverageSection(Section):
    """How a tokenizer covers a set of sentences, each word tokenized on its own as NERModel does."""

    sentences: int
    words: int
    subwords_per_word: float
    unknown_rate: float
    unknown_examples: list[str]


class NorwegianSection(Section):
    card_languages: list[str]
    declared: bool  # the card lists Norwegian (no, nb, nn, ...)
    coverage: dict[str, CoverageSection] = {}  # "bokmål", "nynorsk", and "data" with --data


class LengthSection(Section):
    """Sentence length in subwords against the model's usable positions and max_seq_length."""

    max_positions: int | None
    max_seq_length: int
    # with --data:
    longest_sentence: int | UnsetType = UNSET
    sentences: int | UnsetType = UNSET
    cut: int | UnsetType = UNSET
    suggested_max_seq_length: int | UnsetType = UNSET


class WeightsSection(Section):
    files: dict[str, int | None]  # weight files in the repository -> bytes
    formats: list[str]  # of every weight file: safetensors, pickle, tensorflow, flax, onnx, gguf
    bytes: int | None
    loads: list[str]  # the files transformers loads (index first)
    loaded_format: Literal["safetensors", "pickle"] | None
    needs_allow_pickle: bool  # the loaded weights are pickle: `train` needs --allow-pickle
    half_precision: bool


class BatchSettings(Section):
    train_batch_size: int
    gradient_accumulation_steps: int


class ResourcesSection(Section):
    """GPU memory for fine-tuning (gpu_memory.py), or why it was not estimated."""

    estimated: bool
    why: str | UnsetType = UNSET
    fp16: bool | UnsetType = UNSET
    max_seq_length: int | UnsetType = UNSET
    gpu_memory_gib: float | UnsetType = UNSET
    batch_size: int | UnsetType = UNSET
    training_memory_bytes: int | UnsetType = UNSET
    largest_batch_size: dict[str, int] | UnsetType = UNSET  # GiB of GPU memory -> largest batch
    suggested: BatchSettings | None | UnsetType = UNSET  # None: not even a batch of one fits


Stage = Literal["shrink", "load", "features", "train", "predict"]


class DeepSection(Section):
    """`--deep`: a shrunken copy through the training path."""

    passed: bool = False
    stage: Stage | None = "shrink"  # where it failed; None when it passed
    error: str | None = None
    seconds: float = 0.0
    loss: float | None | UnsetType = UNSET
    parameters: int | UnsetType = UNSET


class CatalogueSection(Section):
    """The catalogue's entry for MODEL, when it has one."""

    id: str
    status: str
    family: str
    notes: str
    references: list[Reference]


class Report(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    model: str  # MODEL as given: catalogue id, Hub repo id or folder
    verdict: Verdict = "unknown"
    reason: str = ""  # why the verdict is not plain `compatible`
    source: Literal["local", "cache", "hub", "catalogue"] | None = None  # catalogue: its facts only
    revision: str | None = None  # the commit the facts were read at (Hub and cache)
    family: FamilySection | None = None
    simpletransformers_model_type: str | None = None  # NERModel's model_type argument
    # The NERArgs to use: family defaults, needed settings, suggested batch and length.
    suggested_args: dict[str, Any] = {}
    parameters: ParametersSection = msgspec.field(default_factory=ParametersSection)
    findings: list[Finding] = []
    tokenizer: TokenizerSection | None = None
    norwegian: NorwegianSection | None = None
    length: LengthSection | None = None
    weights: WeightsSection | None = None
    resources: ResourcesSection = msgspec.field(
        default_factory=lambda: ResourcesSection(estimated=False, why="the model could not be read"))
    licence: str | None = None
    gated: bool | str = False
    remote_code: bool = False
    catalogue: CatalogueSection | None = None
    deep: DeepSection | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def add(self, *findings: Finding) -> None:
        self.findings.extend(findings)

    def to_dict(self) -> dict[str, Any]:
        """What `check --json` prints (ReportJSON)."""
        fields = {f: getattr(self, f) for f in self.__struct_fields__}
        return msgspec.to_builtins(ReportJSON(**fields, exit_code=self.exit_code,
                                              settings=self.suggested_args))


class ReportJSON(Report, kw_only=True):
    """The report as `check --json` prints it: the report, its exit status, and `settings`."""

    exit_code: int
    # The same as suggested_args, under its name before 0.2; it goes in the release after.
    settings: dict[str, Any]
