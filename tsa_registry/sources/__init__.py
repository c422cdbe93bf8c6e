"""ModelFacts for a local folder, the HF cache or the Hub; never the weights."""

from __future__ import annotations

from collections.abc import Callable

from tsa_registry.sources.errors import SourceError
from tsa_registry.sources.facts import ModelFacts

__all__ = ["ModelFacts", "SourceError", "load_facts"]


def load_facts(model: str, *, revision: str | None = None, token: str | bool | None = None,
               offline: bool | None = None, trust_remote_code: bool = False,
               endpoint: str | None = None, progress: Callable[[str], None] | None = None) -> ModelFacts:
    """Facts for MODEL: an existing folder is read from disk; anything else is a Hub repo id,
    read from the Hub, or from the HF cache when offline (`offline=None`: HF_HUB_OFFLINE decides)."""
    from tsa_registry.files import FileProblem, local_folder

    shown = model if len(model) <= 80 else model[:80] + "..."
    try:
        folder = local_folder(model)
    except FileProblem as problem:
        raise SourceError("source.local-path", f"{shown!r} {problem.reason}.",
                          "Give an existing folder, or an id such as NbAiLab/nb-bert-base.") from None
    if folder is not None:
        from tsa_registry.sources.local import facts_from_folder

        return facts_from_folder(folder, model=model)
    from tsa_registry.sources import hub

    if not hub.is_repo_id(model):
        raise SourceError("source.not-found", f"{shown!r} is neither a folder nor a Hub repository id.",
                          "Give an existing folder, or an id such as NbAiLab/nb-bert-base.")
    if offline is None:
        from huggingface_hub.constants import is_offline_mode

        offline = is_offline_mode()
    if offline:
        return hub.facts_from_cache(model, revision=revision)
    return hub.facts_from_hub(model, revision=revision, token=token,
                              trust_remote_code=trust_remote_code, endpoint=endpoint, progress=progress)
