"""Fixtures for the training tests: tiny models and small TSA data, made on the spot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.runs import run_copy, trained_run, tsa_data  # noqa: F401 - shared fixtures
from tests.support.torch_threads import one_cpu_thread  # noqa: F401 - on for this folder


@pytest.fixture(scope="session")
def tiny_model(tiny_models):
    """tiny_model("bert") -> folder of a 2-layer random-weight checkpoint (shared; read-only)."""
    return tiny_models.get


@pytest.fixture
def home(user_home) -> Path:
    """An empty user folder (runs, your registry file) for the test."""
    return user_home


@pytest.fixture
def registry(home):
    from tsa_registry.registry import load_registry

    return load_registry()
