"""The data sets tsa-registry knows, and how their names are read."""

from __future__ import annotations

import re

import pytest

from tsa_registry.data import KNOWN, UnknownDataSet, is_data_name, lookup
from tsa_registry.data.known import NOREC_TSA, full_name


def test_norec_tsa_is_pinned_to_a_commit_with_the_cards_layout_and_counts():
    assert KNOWN["norec_tsa"] is NOREC_TSA
    assert NOREC_TSA.repo_id == "ltg/norec_tsa" and re.fullmatch(r"[0-9a-f]{40}", NOREC_TSA.revision)
    assert {(s.name, s.hub_name, s.sentences) for s in NOREC_TSA.splits} == {
        ("train", "train", 8634), ("dev", "validation", 1531), ("test", "test", 1272)}
    assert lookup("norec_tsa")[1].files == {
        "train": "data/train-*", "validation": "data/validation-*", "test": "data/test-*"}
    intensity = lookup("norec_tsa:intensity")[1]
    assert intensity.intensity and intensity.files["validation"] == "intensity/validation-*"
    assert NOREC_TSA.licence == "cc-by-nc-4.0" and "non-commercial" in NOREC_TSA.licence_note
    assert "OvrMaeBar20" in NOREC_TSA.citation


@pytest.mark.parametrize("text, known", [
    ("norec_tsa", True), ("norec_tsa:intensity", True), ("norec_tsa:nope", True),
    ("train.conll", False), ("../shared/data/norec_tsa/train.conll", False), ("", False)])
def test_is_data_name_reads_the_part_before_the_colon(text, known):
    assert is_data_name(text) is known


def test_names_and_their_configs():
    data, config = lookup("norec_tsa")
    assert (config.name, full_name(data, config)) == ("default", "norec_tsa")
    data, config = lookup("norec_tsa", "intensity")
    assert full_name(data, config) == "norec_tsa:intensity"
    assert data.split("validation") is data.split("dev")


@pytest.mark.parametrize("text, words", [
    ("nope", "unknown data set 'nope'; known: norec_tsa"),
    ("norec_tsa:binary", "norec_tsa has no config 'binary' (configs: default, intensity)")])
def test_unknown_names_list_what_is_known(text, words):
    with pytest.raises(UnknownDataSet) as caught:
        lookup(text)
    assert str(caught.value) == words
