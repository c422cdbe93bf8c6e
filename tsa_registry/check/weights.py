"""The weight files: which ones transformers loads, their format, total size, stored precision.

The format that counts is the one of the files transformers will load (sources/weights.py),
not of whatever else lies in the repository: a decoy `adapter_model.safetensors` beside a
pickled `pytorch_model.bin` is pickle. Pickle weights need the same opt-in as in `train`
(`--allow-pickle`), so `check` and `train` agree on whether a model can be used.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tsa_registry.check.findings import Finding, error, ok, warning
from tsa_registry.check.report import WeightsSection
from tsa_registry.sources.facts import weight_format

if TYPE_CHECKING:
    from tsa_registry.sources.facts import ModelFacts

HALF = {"F16", "BF16", "float16", "bfloat16"}


def weights_findings(facts: ModelFacts, *, allow_pickle: bool = False) -> tuple[WeightsSection, list[Finding]]:
    files = facts.weight_files
    loaded = facts.loaded_weights
    formats = sorted({f for f in map(weight_format, files) if f})
    sizes = [size for size in files.values() if size is not None]
    found: list[Finding] = [
        error("weights.unreadable", f"{name} is not a readable safetensors file ({why}): loading the "
              "model will fail.", "Download the file again (it may be cut short), or use another revision.")
        for name, why in facts.weight_errors.items()
    ]
    ignored = sorted(name for name in files if name not in loaded.files)
    if loaded.problem:
        found.append(error("weights.not-loadable", f"The weights cannot be loaded safely: {loaded.problem}.",
                           "Use a revision with model.safetensors, or ask the authors to fix the repository."))
    elif loaded.format is None and not files:
        why = "; ".join(facts.notes) or "the repository has no weight files"
        found.append(warning("weights.unknown", f"Weights unknown: {why}.", ""))
    elif loaded.format is None:
        found.append(warning("weights.unknown", f"Weights unknown: transformers loads none of "
                             f"{', '.join(ignored)} (it reads model.safetensors, its sharded index, or "
                             "pytorch_model.bin).", "Use a revision with model.safetensors."))
    elif loaded.format == "safetensors":
        found.append(ok("weights.safetensors", f"Weights in safetensors ({_short(loaded.files)}): "
                        "loading them runs no code."))
    else:
        opt_in = "--allow-pickle was given" if allow_pickle else \
            "`train` loads them only with --allow-pickle"
        decoys = [name for name in ignored if weight_format(name) == "safetensors"]
        beside = f" ({_short(decoys)} beside them is never loaded)" if decoys else ""
        found.append(warning(
            "weights.pickle-only", f"The weights transformers loads are pickle ({_short(loaded.files)})"
            f"{beside}: unpickling a file can run code that it carries; {opt_in}.",
            "Prefer a revision with model.safetensors; pass --allow-pickle only if you trust the model."))
    dtypes = facts.safetensors_parameters or {}
    stored = (facts.config or {}).get("dtype") or (facts.config or {}).get("torch_dtype")
    half = sum(n for d, n in dtypes.items() if d in HALF) > sum(dtypes.values()) / 2 if dtypes \
        else stored in HALF
    if half:
        found.append(warning(
            "weights.half-precision", "The weights are stored in half precision: transformers 5 loads "
            "them as stored, and Simpletransformers then fine-tunes in pure half precision (the loss "
            "becomes NaN, or fp16 mixed precision refuses the half-precision gradients).",
            "Load the model in float32: pass dtype=torch.float32 to NERModel."))
    info = WeightsSection(files=files, formats=formats, bytes=sum(sizes) if sizes else None,
                          loads=list(loaded.files), loaded_format=loaded.format,
                          needs_allow_pickle=loaded.format == "pickle" and not loaded.problem,
                          half_precision=bool(half))
    return info, found


def _short(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
