"""The NERArgs a checkpoint needs: one place for the rules, shared by show, check and train."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tsa_registry.families import Family


def needed_settings(
    family: Family,
    *,
    cased: bool | None = None,
    remote_code: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Settings without which the checkpoint trains badly or not at all.

    Simpletransformers always passes ``do_lower_case=args.do_lower_case`` (default False) to the
    tokenizer, overriding the checkpoint's own tokenizer_config, so an uncased vocabulary turns
    every capitalised word into [UNK] unless ``do_lower_case`` is set. Remote code needs
    ``trust_remote_code`` for both the model and the tokenizer.
    """
    settings = dict(family.settings)
    if cased is False:
        settings["do_lower_case"] = True
    if remote_code:
        settings["trust_remote_code"] = True
    settings.update(extra or {})
    return settings


def suggested_args(family: Family, needed: Mapping[str, Any]) -> dict[str, Any]:
    """Starting hyperparameters: the family's defaults with the needed settings on top."""
    return {**family.defaults, **needed}
