"""Finding Norwegian encoders on the Hub: `tsa-registry search` and the terminal UI's Add screen."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from tsa_registry.languages import HUB_LANGUAGE_TAGS

# Encoders are published as masked language models; the Hub tags them "fill-mask".
ENCODER_TASK = "fill-mask"


class SearchError(RuntimeError):
    """The Hub could not be searched; the message says why and what to do."""


@dataclass(frozen=True)
class HubModel:
    """One search result: what the Hub's listing says of a model, without its files."""

    id: str
    downloads: int | None
    likes: int | None
    pipeline_tag: str | None
    library: str | None
    languages: tuple[str, ...]  # the Norwegian codes among its tags
    last_modified: str | None
    gated: bool

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "languages": list(self.languages)}


def search_hub(
    query: str = "",
    *,
    languages: tuple[str, ...] = HUB_LANGUAGE_TAGS,
    library: str | None = "transformers",
    task: str | None = ENCODER_TASK,
    limit: int = 30,
    endpoint: str | None = None,
) -> list[HubModel]:
    """Models whose id contains `query`, tagged with any of `languages`, most downloaded first.

    The Hub's tag filter takes every tag given (AND), so each language is asked for on its own
    and the answers are merged. `library` and `task` narrow further (None: no narrowing).
    """
    from huggingface_hub import HfApi

    from tsa_registry.sources.errors import explain, token_problem

    if problem := token_problem():
        raise SearchError(problem)
    api = HfApi(endpoint=endpoint)
    found: dict[str, HubModel] = {}
    try:
        _knock(api.endpoint)
    except Exception as err:  # noqa: BLE001 - becomes the one line the user reads
        failure = explain(err, None, endpoint=api.endpoint)
        raise SearchError(f"{failure.message} {failure.fix}".strip()) from None
    for code in languages:
        tags = [code] + ([library] if library else [])
        try:
            listing = api.list_models(
                search=query or None, filter=tags, pipeline_tag=task, sort="downloads", limit=limit,
                expand=["downloads", "likes", "pipeline_tag", "library_name", "tags", "lastModified", "gated"],
            )
            for info in listing:
                found[info.id] = _hub_model(info, found.get(info.id), languages)
        except Exception as err:  # noqa: BLE001 - each failure becomes a message the user can act on
            failure = explain(err, None, endpoint=endpoint or api.endpoint)
            raise SearchError(f"{failure.message} {failure.fix}".strip()) from None
    ranked = sorted(found.values(), key=lambda m: (-(m.downloads or 0), m.id.lower()))
    return ranked[:limit]


@functools.cache  # an answer once is enough for the process; a failure raises and is asked again
def _knock(endpoint: str) -> None:
    """One request, without retries, through huggingface_hub's own HTTP session (its proxies,
    offline mode and certificates): the Hub's listing retries a refused connection five times
    over about 24 s, which offline is only a wait. Any answer, even an error status, will do."""
    from huggingface_hub.utils import get_session

    get_session().head(endpoint, timeout=_KNOCK_TIMEOUT_S, follow_redirects=False)


_KNOCK_TIMEOUT_S = 5.0  # a slow network still answers within this; a refused connection fails at once


def _hub_model(info: Any, seen: HubModel | None, languages: tuple[str, ...]) -> HubModel:
    tags = set(info.tags or ())
    codes = tuple(code for code in languages if code in tags)
    if seen is not None:
        codes = tuple(dict.fromkeys(seen.languages + codes))
    modified = info.last_modified.date().isoformat() if info.last_modified else None
    return HubModel(id=info.id, downloads=info.downloads, likes=info.likes, pipeline_tag=info.pipeline_tag,
                    library=info.library_name, languages=codes, last_modified=modified,
                    gated=bool(info.gated))
