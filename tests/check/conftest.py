"""Fixtures for the check tests: the real registry (built-in plugins) and a checked-model helper."""

from __future__ import annotations

import pytest

from tsa_registry.check import check_model


@pytest.fixture(scope="session")
def registry():
    from tsa_registry.registry import load_registry

    return load_registry()


@pytest.fixture
def checked(hub, registry):
    """check(name_or_id, **options) -> (report, requests the check made to the test Hub).

    Every check made through it must fetch no weights (the safetensors header's Range request is
    fine): that is the check's promise, asserted here for all of them."""

    def run(model: str, **options):
        repo = hub.model(model) if model in _names() else model
        start = hub.mark()
        report = check_model(repo, registry=registry, **options)
        assert hub.weight_downloads(repo, since=start) == []
        return report, hub.requests(since=start)

    return run


def _names():
    from tests.support.hub_repos import SPECS

    return SPECS
