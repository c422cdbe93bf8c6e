"""Parameter count without weights: from the safetensors headers, or from the config alone by
building the model on torch's meta device (shapes only, no memory, nothing downloaded)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tsa_registry.check.report import ParametersSection


def parameters_from_config(config: Mapping[str, Any]) -> int:
    """Parameters of the bare encoder (AutoModel, as published counts are) for a config.json.

    Raises ValueError for a config transformers cannot build. Remote-code configs are refused:
    building them would run the repository's code.
    """
    import torch
    from transformers import AutoConfig, AutoModel

    if config.get("auto_map") or "model_type" not in config:
        raise ValueError("the architecture is defined by the repository's own code")
    settings = {k: v for k, v in config.items() if k not in ("model_type", "transformers_version")}
    try:
        built = AutoConfig.for_model(config["model_type"], **settings)
    except (KeyError, ValueError) as error:
        raise ValueError(f"transformers does not know model_type {config['model_type']!r}") from error
    with torch.device("meta"):
        model = AutoModel.from_config(built, trust_remote_code=False)
    return sum(p.numel() for p in model.parameters())


def parameter_summary(config: Mapping[str, Any] | None,
                      safetensors: Mapping[str, int] | None) -> ParametersSection:
    """The header's count when there is one, else the config's."""
    if safetensors:
        return ParametersSection(total=sum(safetensors.values()), source="safetensors header",
                                 by_dtype=dict(safetensors))
    if config:
        try:
            return ParametersSection(total=parameters_from_config(config), source="config (meta device)",
                                     by_dtype={})
        except Exception as error:  # noqa: BLE001 - any config transformers cannot build
            return ParametersSection(by_dtype={}, why=str(error))
    return ParametersSection(by_dtype={})
