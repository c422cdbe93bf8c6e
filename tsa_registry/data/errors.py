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
    """A DataSetError for an exception raised by huggingface_hub or the network under it: the
    Hub's errors are read by `tsa_registry.sources.errors`; a data set only words some fixes
    its own way (the revision is pinned; file paths do instead)."""
    from tsa_registry.sources.errors import explain as explain_source

    found = explain_source(error, data.repo_id, data.revision, dataset=True)  # re-raises the unknown
    code = found.code.replace("source.", "data.", 1)
    if code == "data.offline-not-cached":
        return not_cached(data, config)
    if code == "data.revision-not-found":
        return DataSetError(code, f"{data.repo_id} (the Hub dataset of {data.name}) no longer has "
                            f"the revision tsa-registry reads ({data.revision}).",
                            "Upgrade tsa-registry; until then, give the data as file paths.")
    return DataSetError(code, found.message, found.fix + " Or give the data as file paths.")
