"""What went wrong while fetching a data set, and what to do: one message, one fix.

Hub errors that read the same for a model and a data set (rate limits, HTTP errors, the network)
take their words from `tsa_registry.sources.errors`; those that differ (offline and not cached,
gated, missing, a pinned revision gone) are said here. Messages never hold a token.
"""

from __future__ import annotations

from tsa_registry.data.known import Config, DataSet, full_name


class DataSetError(Exception):
    """A data set could not be fetched or installed. `code` is stable; `fix` says what to do;
    `usage` marks the user's own input or files as the cause (exit status 2, not 1)."""

    def __init__(self, code: str, message: str, fix: str = "", *, usage: bool = False):
        from tsa_registry.safe_text import redact_urls

        message, fix = redact_urls(message), redact_urls(fix)
        super().__init__(message)
        self.code, self.message, self.fix, self.usage = code, message, fix, usage

    def __str__(self) -> str:
        return f"{self.message} {self.fix}".strip()


def not_cached(data: DataSet, config: Config) -> DataSetError:
    name = full_name(data, config)
    return DataSetError(
        "data.offline-not-cached",
        f"{name} is not downloaded and not in the Hugging Face cache, and offline mode is on "
        "(HF_HUB_OFFLINE=1).",
        f"Run `tsa-registry data get {name}` once online (unset HF_HUB_OFFLINE), or give the "
        "data as file paths.")


def explain(error: BaseException, data: DataSet, config: Config) -> DataSetError:
    """A DataSetError for an exception raised by huggingface_hub or the network under it."""
    from huggingface_hub import errors

    from tsa_registry.sources.errors import explain as explain_source

    repo = f"{data.repo_id} (the Hub dataset of {data.name})"
    if isinstance(error, errors.IncompleteSnapshotError):
        return DataSetError("data.offline-not-cached", f"The HF cache holds only part of {repo}, "
                            "and the Hub cannot be reached.", not_cached(data, config).fix)
    cause = error.__cause__
    if isinstance(error, errors.LocalEntryNotFoundError) and cause is not None \
            and not isinstance(cause, errors.OfflineModeIsEnabled):
        return explain(cause, data, config)  # the Hub failed, and the cache had nothing either
    if isinstance(error, (errors.LocalEntryNotFoundError, errors.OfflineModeIsEnabled)):
        return not_cached(data, config)
    if isinstance(error, errors.GatedRepoError):
        return DataSetError(
            "data.gated", f"{repo} is gated: its files are only for users who accepted its "
            "conditions.", f"Accept them on https://huggingface.co/datasets/{data.repo_id}, then "
            "log in with `hf auth login` (or set HF_TOKEN).")
    if isinstance(error, errors.RevisionNotFoundError):
        return DataSetError(
            "data.revision-not-found", f"{repo} no longer has the revision tsa-registry reads "
            f"({data.revision}).", "Upgrade tsa-registry; until then, give the data as file paths.")
    if isinstance(error, errors.RepositoryNotFoundError):
        return DataSetError(
            "data.not-found", f"{repo} was not found on the Hub, or it needs a login.",
            "Log in with `hf auth login` (or set HF_TOKEN); check HF_ENDPOINT if it is set.")
    if isinstance(error, errors.HfHubHTTPError) and error.response is not None \
            and error.response.status_code in (401, 403):
        return DataSetError(
            "data.unauthorized", f"The Hub refused access to {repo} "
            f"(HTTP {error.response.status_code}).",
            "Log in again with `hf auth login`, or set HF_TOKEN to a valid token.")
    found = explain_source(error, data.repo_id, data.revision)  # re-raises what it does not know
    return DataSetError(found.code.replace("source.", "data.", 1), found.message,
                        found.fix + " Or give the data as file paths.")
