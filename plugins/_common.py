"""Defaults shared by the built-in families: the NorBench TSA protocol's hyperparameters, and the
explanation of a checkpoint's own modelling code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tsa_registry import Finding

if TYPE_CHECKING:
    from tsa_registry import Check, Family, ModelFacts

NORBENCH_DEFAULTS = {
    "learning_rate": 5e-5,
    "train_batch_size": 32,
    "num_train_epochs": 10,
}

UNCASED_PROBLEM = (
    "Simpletransformers passes do_lower_case=False to the tokenizer unless told otherwise, so an "
    "uncased vocabulary turns capitalised words into [UNK]: uncased checkpoints need do_lower_case=True."
)


def remote_code_explainer(code: str, title: str) -> Check:
    """A check naming the code files and classes that --trust-remote-code would run, before
    anything runs: the same explanation for every family whose checkpoints carry their own code."""

    def explain_remote_code(facts: ModelFacts, family: Family | None) -> Iterator[Finding]:
        auto_map = (facts.config or {}).get("auto_map")
        if not isinstance(auto_map, dict) or not auto_map:
            return
        targets = sorted({str(v) for value in auto_map.values() for v in _as_list(value)})
        modules = sorted({target.split(".")[0].split("--")[-1] + ".py" for target in targets})
        token_class = [t for t in targets if t.endswith("ForTokenClassification")]
        yield Finding(
            f"{code}.remote-code",
            "warning",
            f"{title} runs its own modelling code ({', '.join(modules)}; classes "
            f"{', '.join(t.split('.')[-1] for t in targets)}). "
            + ("It defines a token-classification class, which Simpletransformers' auto type loads."
               if token_class else "It defines no token-classification class: the auto type cannot load it."),
            f"Read {', '.join(modules)} in the model's repository, then pass --trust-remote-code.",
        )

    explain_remote_code.__qualname__ = "explain_remote_code"  # the name `plugins` and traces show
    return explain_remote_code


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]
