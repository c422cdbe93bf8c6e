"""Fixtures for the app tests: an empty user home, your registry file, the app factory, the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tui import USER_REGISTRY
from tsa_registry.tui.app import TsaApp, create_app


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector, name, obj):
    """Run the async tests here on asyncio, through anyio's pytest plugin. Marked as they are
    collected, with the backend fixture named, so that anyio keeps each test's id (replacing the
    items afterwards, with a `[asyncio]` id, breaks syrupy's end-of-session report)."""
    import inspect

    if inspect.iscoroutinefunction(obj) and collector.istestfunction(obj, name):
        pytest.mark.usefixtures("anyio_backend")(pytest.mark.anyio(obj))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def user_registry(tmp_path) -> Path:
    path = tmp_path / "registry.toml"
    path.write_text(USER_REGISTRY, encoding="utf-8")
    return path


@pytest.fixture
def make_app(tmp_path, user_registry):
    """The real app over your registry file and an empty runs folder of the test's own."""

    def make(**options) -> TsaApp:
        options.setdefault("user_registry", user_registry)
        options.setdefault("runs_root", tmp_path / "runs")
        return create_app(**options)

    return make


@pytest.fixture(scope="session")
def tsa_files(tmp_path_factory):
    """Small NoReC_tsa-style train and dev files (template sentences, made here)."""
    from tsa_registry.task.conll import Sentence, write_conll
    from tsa_registry.task.norwegian import tagged_sentences

    folder = tmp_path_factory.mktemp("tsa-data")
    sentences = [Sentence(f"s-{i}", tuple(w), tuple(t)) for i, (w, t) in enumerate(tagged_sentences(48, seed=5))]
    write_conll(folder / "train.conll", sentences[:32])
    write_conll(folder / "dev.conll", sentences[32:])
    return folder
