"""Fixtures shared by the whole suite. Hub-shaped fixtures live in tests/support/."""

from __future__ import annotations

from tests.support.env import isolate_hub_environment

# Before anything imports huggingface_hub: it reads its endpoint and cache paths at import.
_HUB_SOCKET = isolate_hub_environment()

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.support.models import TinyModels  # noqa: E402


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch) -> Path:
    """Each test gets its own config and data folders, never the developer's."""
    home = tmp_path / "home"
    monkeypatch.setenv("TSA_REGISTRY_HOME", str(home))
    monkeypatch.delenv("TSA_REGISTRY_FILE", raising=False)
    for variable in ("TSA_REGISTRY_PLUGINS", "TSA_REGISTRY_PLUGINS_DIR", "TSA_REGISTRY_TRACE_PLUGINS"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> TinyModels:
    """Tiny random-weight checkpoints, built on first use: `tiny_models.get("bert", cased=False)`."""
    return TinyModels(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="session")
def hub(tmp_path_factory, tiny_models):
    """A Hub-compatible server on loopback (olah, offline, serving git mirrors built here).

    `hub.model("bert-cased")` builds one of the repositories in tests/support/hub_repos.py and
    returns its repo id; `hub.log` records every request. HF_ENDPOINT already points at it.
    """
    from tests.support.hub import HubServer

    server = HubServer(tmp_path_factory.mktemp("hub"), tiny_models, sock=_HUB_SOCKET)
    server.start()
    yield server
    server.stop()
