"""The built-in catalogue's facts as a user reads them: a source for every entry, other tasks'
results labelled apart from TSA F1, and licences sorted into the classes `list --licence` takes."""

from __future__ import annotations

import json

import pytest

from tsa_registry.licences import licence_class


def rows(cli, *args):
    code, out, err = cli("list", "--json", *args)
    assert code == 0, err
    return {row["id"]: row for row in json.loads(out)}


def test_at_least_thirty_entries_each_with_a_source(cli):
    from tsa_registry.registry import load_registry

    entries = load_registry().entries
    assert len(entries) >= 30
    for entry in entries.values():
        assert entry.sources or entry.references, entry.id
        assert all(s.startswith("https://") for s in entry.sources), entry.id


def test_the_2026_models_are_there_with_their_families(cli):
    by_id = rows(cli)
    sizes = ("xsmall", "small", "base", "large", "xlarge")
    assert {by_id[f"ltg/norbert4-{size}"]["family"] for size in sizes} == {"norbert4"}
    assert by_id["EuroBERT/EuroBERT-210m"]["family"] == by_id["EuroBERT/EuroBERT-610m"]["family"] == "eurobert"
    assert by_id["jhu-clsp/mmBERT-base"]["family"] == "modernbert"
    assert by_id["facebook/xlm-roberta-xl"]["simpletransformers_model_type"] == "auto"


def test_ner_results_are_labelled_and_never_taken_for_tsa_f1(cli):
    by_id = rows(cli)
    mmbert = by_id["jhu-clsp/mmBERT-base"]
    assert mmbert["reference_f1"] is None
    assert mmbert["other_result"]["task"] == "ner" and mmbert["other_result"]["f1"] == pytest.approx(0.8256)
    assert "NorNE" in mmbert["other_result"]["dataset"] and "EuroEval" in mmbert["other_result"]["source"]
    # NorBERT 3 large has both: its TSA F1 stays NorBench's, its NER result stands apart.
    assert by_id["ltg/norbert3-large"]["reference_f1"] == pytest.approx(0.541)
    assert by_id["ltg/norbert3-large"]["other_result"]["f1"] == pytest.approx(0.8785)
    sorted_ids = [r["id"] for r in json.loads(cli("list", "--json", "--sort", "f1")[1])]
    assert sorted_ids.index("NbAiLab/nb-roberta-base-scandi") > sorted_ids.index("bert-base-cased")

    code, out, _ = cli("show", "jhu-clsp/mmBERT-base")
    assert "Results on other tasks (not TSA)" in out and "NER: 82.6" in out and "NorNE-nb (EuroEval)" in out
    assert "Reference results (TSA)" not in out
    code, out, _ = cli("list")
    assert "NER 82.6" in out and "not TSA" in out


@pytest.mark.parametrize("licence, research_only, expected", [
    ("apache-2.0", False, "permissive"), ("mit", False, "permissive"), ("cc-by-4.0", False, "permissive"),
    ("agpl-3.0", False, "copyleft"), ("cc-by-nc-4.0", False, "non-commercial"),
    ("apache-2.0", True, "research-only"), (None, False, "unknown"), ("other", False, "unknown"),
])
def test_licence_classes(licence, research_only, expected):
    assert licence_class(licence, research_only=research_only) == expected


def test_list_filters_by_licence_class(cli):
    permissive = rows(cli, "--licence", "permissive")
    assert "xlm-roberta-base" in permissive and "vesteinn/ScandiBERT" not in permissive
    assert "AI-Sweden-Models/ModernBERT-base" not in permissive  # research only, whatever its tag says
    assert set(rows(cli, "--licence", "copyleft")) == {"vesteinn/ScandiBERT"}
    assert "xlm-mlm-100-1280" in rows(cli, "--licence", "non-commercial")
    assert {"AI-Sweden-Models/ModernBERT-base", "AI-Sweden-Models/ModernBERT-large"} <= set(
        rows(cli, "--licence", "research-only"))
    code, out, _ = cli("show", "AI-Sweden-Models/ModernBERT-base")
    assert "apache-2.0 (research-only)" in out and "research purposes" in out
