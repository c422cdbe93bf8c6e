"""Fixtures for the sweep tests: tiny models and small TSA data, made on the spot."""

from __future__ import annotations

import pytest

from tests.support.runs import tsa_data  # noqa: F401 - shared fixture


@pytest.fixture(scope="session")
def tiny_model(tiny_models):
    """tiny_model("bert") -> folder of a 2-layer random-weight checkpoint (shared; read-only)."""
    return tiny_models.get
