"""Fixtures for the data set tests: NoReC_tsa-shaped dataset repositories on the test Hub."""

from __future__ import annotations

import msgspec
import pytest

from tests.support.hub_datasets import DATASETS, rows
from tsa_registry.data.known import NOREC_TSA
from tsa_registry.task.conll import Sentence

SPLITS = {"train": "train", "dev": "validation", "test": "test"}  # our name -> the Hub's


@pytest.fixture
def norec_hub(hub):
    """The test Hub, serving the stand-in for ltg/norec_tsa at the pinned revision."""
    hub.dataset("norec_tsa")
    return hub


def variant(hub, name: str):
    """NOREC_TSA pointed at dataset fixture `name` (same layout, same revision)."""
    return msgspec.structs.replace(NOREC_TSA, repo_id=hub.dataset(name))


def served(split: str, intensity: bool = False) -> list[Sentence]:
    """The sentences the test Hub serves for one of our splits (train, dev, test)."""
    return [Sentence(i, tuple(w), tuple(t))
            for i, w, t in rows(DATASETS["norec_tsa"], intensity)[SPLITS[split]]]


def same(a: list[Sentence], b: list[Sentence]) -> bool:
    return [(s.sent_id, s.tokens, s.tags) for s in a] == [(s.sent_id, s.tokens, s.tags) for s in b]
