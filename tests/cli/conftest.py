"""Fixtures for the command tests: small TSA data, shared with the training tests."""

from tests.support.runs import tsa_data  # noqa: F401 - shared fixture
