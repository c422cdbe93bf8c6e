"""Facts from the Hugging Face Hub (or the HF cache when offline), through huggingface_hub only.

Online: `model_info` and the file tree (sizes), the small files with `snapshot_download`
(allow_patterns: exactly the files needed), and the safetensors headers with
`get_safetensors_metadata` (a Range request; no weight file is downloaded). Offline: the snapshot
the HF cache already holds. HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE and the cache location are
huggingface_hub's own settings, honoured as it reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from tsa_registry.sources.errors import SourceError, explain, token_problem
from tsa_registry.sources.facts import TOKENIZER_FILES, ModelFacts
from tsa_registry.sources.local import facts_from_folder
from tsa_registry.sources.weights import SAFE, SAFE_INDEX

ALWAYS = ("config.json", "README.md", "tokenizer_config.json", "special_tokens_map.json",
          "added_tokens.json", "model.safetensors.index.json", "pytorch_model.bin.index.json")
FAST_TOKENIZER = "tokenizer.json"
MAX_SMALL_FILE = 64 * 1024 * 1024  # a multilingual tokenizer.json is about 17 MB

Progress = Callable[[str], None]


def small_files(files: Mapping[str, int | None], *, remote_code: bool) -> list[str]:
    """The files a check needs: config, card, one tokenizer (fast if there is one), code if trusted."""
    wanted = set(ALWAYS)
    if FAST_TOKENIZER in files:
        wanted.add(FAST_TOKENIZER)
    else:  # slow tokenizers need their vocabulary files
        wanted.update(TOKENIZER_FILES)
    chosen = [name for name in files if name in wanted or (remote_code and name.endswith(".py"))]
    return [name for name in chosen if (files[name] or 0) <= MAX_SMALL_FILE]


def facts_from_hub(repo_id: str, *, revision: str | None = None, token: str | bool | None = None,
                   trust_remote_code: bool = False, endpoint: str | None = None,
                   progress: Progress | None = None) -> ModelFacts:
    """Read a Hub repository's metadata and small files. Raises SourceError.

    `token=None` lets huggingface_hub find one (HF_TOKEN, `hf auth login`); `endpoint=None`
    uses HF_ENDPOINT or huggingface.co."""
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.hf_api import RepoFile

    say = progress or (lambda message: None)
    if problem := token_problem(token):
        raise SourceError("source.token", f"{problem[0].upper()}{problem[1:]}.",
                          "Copy the token again from the Hub's settings page.")
    api = HfApi(token=token, endpoint=endpoint)
    try:
        say(f"Reading {repo_id} on the Hub")
        # An explicit revision: mirrors such as olah answer metadata only at a revision.
        info = api.model_info(repo_id, revision=revision or "main")
        tree = api.list_repo_tree(repo_id, revision=info.sha, recursive=True)
        files: dict[str, int | None] = {item.path: item.size for item in tree if isinstance(item, RepoFile)}
        wanted = small_files(files, remote_code=trust_remote_code)
        say(f"Downloading {len(wanted)} small files")
        # By the name asked for, so that the cache records it (refs/main) for offline use.
        folder = Path(snapshot_download(repo_id, revision=revision or "main", allow_patterns=wanted,
                                        token=token, endpoint=endpoint))
    except Exception as error:  # explain() re-raises what it does not know
        raise explain(error, repo_id, revision) from error
    facts = facts_from_folder(folder, model=repo_id, source="hub", revision=folder.name)
    facts.files, facts.gated = files, info.gated or False
    if not facts.card and info.card_data:
        facts.card = info.card_data.to_dict()
    loaded = facts.loaded_weights
    if loaded.format == "safetensors" and loaded.files[0] in (SAFE, SAFE_INDEX):
        # huggingface_hub reads the same file transformers loads: model.safetensors, or the index.
        say("Reading the safetensors header")
        try:
            metadata = api.get_safetensors_metadata(repo_id, revision=info.sha, token=token)
            facts.safetensors_parameters = {str(dtype): n for dtype, n in metadata.parameter_count.items()}
        except Exception as error:  # noqa: BLE001 - the count also comes from the config
            facts.notes.append(f"the safetensors header could not be read ({type(error).__name__})")
    return facts


def facts_from_cache(repo_id: str, *, revision: str | None = None) -> ModelFacts:
    """What the HF cache holds for a repository: its small files, if a check ran before."""
    from huggingface_hub import try_to_load_from_cache

    for name in ("config.json", "README.md", "tokenizer_config.json"):
        cached = try_to_load_from_cache(repo_id, name, revision=revision or "main")
        if isinstance(cached, str):
            break
    else:
        at = f" at revision {revision!r}" if revision else ""
        raise SourceError(
            "source.offline-not-cached",
            f"{repo_id}{at} is not in the Hugging Face cache, and offline mode is on (HF_HUB_OFFLINE=1).",
            "Run the check once online (it caches the small files), or unset HF_HUB_OFFLINE.")
    folder = Path(cached).parent
    facts = facts_from_folder(folder, model=repo_id, source="cache", revision=folder.name)
    facts.files_complete = False
    if not facts.weight_files:
        facts.notes.append("the weight files are not in the HF cache: their format and size are unknown offline")
    return facts


def is_repo_id(text: str) -> bool:
    """A plausible Hub id: `name` or `org/name` with the Hub's characters."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(text)
    except HFValidationError:
        return False
    return True


__all__ = ["SourceError", "facts_from_cache", "facts_from_hub", "is_repo_id", "small_files"]
