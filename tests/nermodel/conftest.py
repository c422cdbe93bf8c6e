"""Fixtures for the NERModel adapter's tests: the real registry, PyTorch on one thread."""

from __future__ import annotations

import pytest

from tests.support.runs import trained_run, tsa_data  # noqa: F401 - shared fixtures
from tests.support.torch_threads import one_cpu_thread  # noqa: F401 - on for this folder


@pytest.fixture(scope="session")
def registry():
    from tsa_registry.registry import load_registry

    return load_registry()
