"""huggingface_hub's typed errors, turned into messages that say what happened and what to do:
the one translator, for every command that reads the Hub.

Order matters: GatedRepoError is a subclass of RepositoryNotFoundError, and the Hub answers a
private or missing repository alike. Messages never include a token, nor the user and password
of a URL (HF_ENDPOINT may carry them).
"""

from __future__ import annotations

# Failures that another try, later or online, may not repeat: a command that gives up exits 1
# ("failed"), not 2 ("fix the command").
TRANSIENT = frozenset({"source.offline-not-cached", "source.network", "source.http", "source.rate-limited"})
# The model's files could not be reached, which says nothing about whether they exist: what the
# catalogue knows of a catalogue id can stand in for them.
UNREACHABLE = TRANSIENT | {"source.offline", "source.refused"}


class SourceError(Exception):
    """A model's metadata could not be read. `code` is stable; `fix` says what to do."""

    def __init__(self, code: str, message: str, fix: str = ""):
        from tsa_registry.safe_text import redact_urls

        message, fix = redact_urls(message), redact_urls(fix)
        super().__init__(message)
        self.code, self.message, self.fix = code, message, fix

    @property
    def unreachable(self) -> bool:
        """The files could not be reached (see UNREACHABLE), as opposed to not existing."""
        return self.code in UNREACHABLE

    @property
    def transient(self) -> bool:
        """Another try may work (see TRANSIENT)."""
        return self.code in TRANSIENT


def token_problem(token: str | bool | None = None) -> str | None:
    """Why the Hugging Face token cannot be sent (HTTP headers are ASCII), or None. `token=None`
    is the one huggingface_hub would use (HF_TOKEN, then `hf auth login`). Never shows it."""
    if token is False:
        return None
    if token is None or token is True:
        from huggingface_hub import get_token

        token = get_token()
    if isinstance(token, str) and not token.isascii():
        return ("the Hugging Face token (HF_TOKEN, or the one `hf auth login` saved) holds "
                "characters that are not ASCII, so it cannot be sent: a token is ASCII (hf_...); "
                "set it again, or unset HF_TOKEN")
    return None


def explain(error: BaseException, model: str | None, revision: str | None = None, *,
            endpoint: str | None = None, dataset: bool = False) -> SourceError:
    """A SourceError for an exception raised by huggingface_hub (or the network under it) while
    reading `model` (a data set's repository with `dataset=True`), or (`model=None`) while
    searching the Hub at `endpoint`. The one place where the Hub's errors become messages:
    `check`, `add`, `search`, `train` and `data get` all come here. An error that is none of the
    Hub's or the network's is raised again (when reading a repository)."""
    from huggingface_hub import errors

    from tsa_registry.safe_text import redact_urls

    if isinstance(error, errors.LocalEntryNotFoundError) and error.__cause__ is not None \
            and not isinstance(error.__cause__, errors.OfflineModeIsEnabled):
        # the Hub failed first and the cache had nothing either: the Hub's failure is the news
        return explain(error.__cause__, model, revision, endpoint=endpoint, dataset=dataset)
    if isinstance(error, errors.IncompleteSnapshotError):
        return SourceError("source.offline-not-cached", f"The HF cache holds only part of {model}, "
                           "and the Hub cannot be reached.",
                           "Run the command once online, or unset HF_HUB_OFFLINE.")
    page = f"https://huggingface.co/{'datasets/' if dataset else ''}{model}"

    at = f" at revision {revision!r}" if revision else ""
    hub = f"the Hub at {redact_urls(endpoint)}" if endpoint else "the Hub"
    doing = "the search" if model is None else f"{model}{at}"
    if isinstance(error, errors.GatedRepoError):
        return SourceError(
            "source.gated", f"{model} is gated: its files are only for users who accepted its conditions.",
            f"Accept them on {page}, then log in with `hf auth login` or set HF_TOKEN.")
    if isinstance(error, errors.RevisionNotFoundError):
        return SourceError("source.revision-not-found", f"{model} has no revision {revision!r}.",
                           "Check the branch, tag or commit given with --revision (default: main).")
    if isinstance(error, errors.RepositoryNotFoundError):
        return SourceError(
            "source.not-found", f"{model} was not found on the Hub (or it is private).",
            "Check the spelling of the repository id; for a private model, log in with "
            "`hf auth login` or set HF_TOKEN. A local folder must exist on disk.")
    if isinstance(error, (errors.LocalEntryNotFoundError, errors.OfflineModeIsEnabled)):
        if model is None:
            return SourceError("source.offline", "HF_HUB_OFFLINE is set: searching the Hub needs the network.",
                               "Unset it, or add a model by its id.")
        return SourceError(
            "source.offline-not-cached", f"{doing} is not in the Hugging Face cache, and the Hub "
            "cannot be reached (offline mode, HF_HUB_OFFLINE=1, or no network).",
            "Run the check once online (it caches the small files), or unset HF_HUB_OFFLINE.")
    if isinstance(error, errors.EntryNotFoundError):
        return SourceError("source.http", f"A file of {doing} is missing: {error}", "")
    if isinstance(error, errors.HfHubHTTPError):
        status = error.response.status_code if error.response is not None else None
        if status == 429:
            wait = error.response.headers.get("retry-after") if error.response is not None else None
            return SourceError(
                "source.rate-limited", f"{hub[0].upper()}{hub[1:]} is rate-limiting requests from this machine (429).",
                f"Wait{f' {wait} s' if wait else ' a few minutes'} and try again; logging in "
                "(`hf auth login`) raises the limit.")
        if status in (401, 403):
            return SourceError("source.refused", f"{hub[0].upper()}{hub[1:]} refused {doing} ({status}).",
                               "Check HF_TOKEN, or log in with `hf auth login`.")
        return SourceError("source.http", f"{hub[0].upper()}{hub[1:]} answered {status} to {doing}.",
                           "Try again later; if it persists, check HF_ENDPOINT.")
    network = (*_transport_errors(), ConnectionError, TimeoutError, *((OSError,) if model is None else ()))
    if isinstance(error, network):
        return SourceError(
            "source.network", f"cannot reach {hub} for {doing} ({type(error).__name__}).",
            "Check the network connection, HF_ENDPOINT or a proxy, or use the HF cache offline "
            "with HF_HUB_OFFLINE=1.")
    if model is None:
        return SourceError("source.search", f"the search failed: {type(error).__name__}: {error}")
    raise error


def _transport_errors() -> tuple[type[BaseException], ...]:
    """Network errors of the HTTP client huggingface_hub uses (httpx2 in 2.x, httpx in 1.x)."""
    import importlib

    found = []
    for name in ("httpx2", "httpx"):
        try:
            found.append(importlib.import_module(name).TransportError)
        except (ImportError, AttributeError):
            continue
    return tuple(found)
