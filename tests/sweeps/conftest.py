"""Fixtures for the sweep tests: tiny models, small TSA data and a real Slurm, made on the spot."""

from __future__ import annotations

import pytest

from tests.support.runs import tsa_data  # noqa: F401 - shared fixture
from tests.support.slurm import slurm_cluster, stop_if_started  # noqa: F401 - shared fixture


@pytest.fixture(scope="session")
def tiny_model(tiny_models):
    """tiny_model("bert") -> folder of a 2-layer random-weight checkpoint (shared; read-only)."""
    return tiny_models.get


def pytest_sessionfinish(session, exitstatus):
    stop_if_started(session)
