"""Adding a community model: find Norwegian encoders on the Hub, and turn a check into an entry.

Both the `add` and `search` commands and the terminal UI call these; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tsa_registry.languages import HUB_LANGUAGE_TAGS

# Encoders are published as masked language models; the Hub tags them "fill-mask".
ENCODER_TASK = "fill-mask"


class SearchError(RuntimeError):
    """The Hub could not be searched; the message says why and what to do."""


class EntryError(ValueError):
    """A checked model that cannot become a catalogue entry; the message says why."""


# The catalogue records weights the way the Hub's file names show them.
WEIGHTS = {"safetensors": "safetensors", "pickle": "bin"}
STATUS = {"compatible": "expected", "compatible-with-settings": "expected", "needs-opt-in": "expected",
          "incompatible": "incompatible"}


def entry_from_report(report: Any, registry: Any, *, title: str = "") -> Any:
    """The catalogue entry for a checked model: only facts the check established, nothing guessed.

    A model the check could not read (verdict `unknown`), or whose architecture no family plugin
    claims, cannot be added: the catalogue needs a family to know its settings.
    """
    import datetime

    from tsa_registry.catalogue import CatalogueEntry
    from tsa_registry.safe_text import inert

    if report.verdict == "unknown":
        raise EntryError(f"{report.model} could not be checked ({report.reason}); fix that first.")
    family = (report.family or {}).get("name")
    if family not in registry.families:
        raise EntryError(f"no family plugin claims {report.model}'s architecture: the catalogue needs one "
                         "to know its settings. `tsa-registry plugins` lists the families.")
    tokenizer, length = report.tokenizer or {}, report.length or {}
    # The card's words go into the user's file: stored inert, so no later reader shows them raw.
    languages = [inert(code) for code in (report.norwegian or {}).get("card_languages", [])]
    reason = f": {report.reason}" if report.reason else ""
    revision = f" at revision {report.revision[:12]}" if report.revision else ""
    return CatalogueEntry(
        id=report.model,
        title=title,
        family=family,
        languages=languages,
        parameters=(report.parameters or {}).get("total") or None,
        vocab_size=tokenizer.get("vocab_size") or None,
        max_length=length.get("max_positions") or None,
        cased=tokenizer.get("cased"),
        strip_accents=tokenizer.get("strips_accents"),
        licence=inert(report.licence) if report.licence is not None else None,
        weights=sorted({WEIGHTS[f] for f in (report.weights or {}).get("formats", []) if f in WEIGHTS}),
        remote_code=bool(report.remote_code),
        status=STATUS[report.verdict],
        notes=inert(f"Added from a check{revision} on {datetime.date.today().isoformat()}: "
                    f"{report.verdict}{reason}."),
        origin="user",
    )


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

    from tsa_registry.sources.errors import token_problem

    if problem := token_problem():
        raise SearchError(problem)
    api = HfApi(endpoint=endpoint)
    found: dict[str, HubModel] = {}
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
            raise SearchError(describe_search_error(err, endpoint or api.endpoint)) from None
    ranked = sorted(found.values(), key=lambda m: (-(m.downloads or 0), m.id.lower()))
    return ranked[:limit]


def _hub_model(info: Any, seen: HubModel | None, languages: tuple[str, ...]) -> HubModel:
    tags = set(info.tags or ())
    codes = tuple(code for code in languages if code in tags)
    if seen is not None:
        codes = tuple(dict.fromkeys(seen.languages + codes))
    modified = info.last_modified.date().isoformat() if info.last_modified else None
    return HubModel(id=info.id, downloads=info.downloads, likes=info.likes, pipeline_tag=info.pipeline_tag,
                    library=info.library_name, languages=codes, last_modified=modified,
                    gated=bool(info.gated))


def describe_search_error(err: BaseException, endpoint: str) -> str:
    """A sentence for each way a search fails: offline, unreachable, refused, rate limited.
    The endpoint is shown without its user and password (HF_ENDPOINT may carry them)."""
    from tsa_registry.safe_text import redact_urls

    return redact_urls(_search_error(err, endpoint))


def _search_error(err: BaseException, endpoint: str) -> str:
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    if isinstance(err, OfflineModeIsEnabled):
        return "HF_HUB_OFFLINE is set: searching the Hub needs the network. Unset it, or add a model by its id."
    if isinstance(err, HfHubHTTPError) and err.response is not None:
        status = err.response.status_code
        if status == 429:
            return f"the Hub at {endpoint} is rate limiting searches (429): wait a minute and try again."
        if status in (401, 403):
            return (f"the Hub at {endpoint} refused the search ({status}): check HF_TOKEN or log in with "
                    "`hf auth login`.")
        return f"the Hub at {endpoint} answered {status} to the search: try again later."
    name = type(err).__name__
    if "Connect" in name or "Timeout" in name or isinstance(err, OSError):
        return f"cannot reach the Hub at {endpoint} ({name}): check the network, HF_ENDPOINT or a proxy."
    return f"the search failed: {name}: {err}"
