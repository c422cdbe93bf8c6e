"""The 2026 families on Hub-shaped fixtures: NorBERT 4, EuroBERT (native or not in the installed
transformers), mmBERT and XLM-R XL, checked through the real client against the loopback Hub."""

from __future__ import annotations

import pytest
from packaging.version import Version

from tsa_registry.check.architecture import installed_transformers, is_native


def codes(report):
    return {f.code for f in report.findings}


def finding(report, code):
    return next(f for f in report.findings if f.code == code)


@pytest.mark.parametrize("trust", [False, True])
def test_norbert4_is_claimed_by_its_auto_map_and_judged_not_trainable(checked, trust):
    report, _ = checked("norbert4-like", trust_remote_code=trust)
    assert report.family.name == "norbert4"
    assert report.verdict == "incompatible" and report.simpletransformers_model_type == "auto"
    assert "NameError" in report.reason and "RoPE" in report.reason
    explained = finding(report, "norbert4.remote-code")  # the explanation NorBERT 3 gives too
    assert "modeling_gptbert.py" in explained.message and "--trust-remote-code" in explained.fix
    assert "GptBertForTokenClassification" in explained.message


def test_deep_check_shows_why_norbert4_cannot_be_trained(checked):
    report, _ = checked("norbert4-code", trust_remote_code=True, deep=True)
    assert report.verdict == "incompatible"
    assert report.deep is not None and not report.deep.passed
    assert report.deep.stage == "train", report.deep.error  # it loads through the auto type, then the head fails
    assert "NameError" in report.deep.error and "output_attentions" in report.deep.error
    assert "deep.failed" in codes(report)


def test_eurobert_on_transformers_with_its_own_class_runs_no_remote_code(checked):
    report, _ = checked("eurobert-like", transformers_version="5.3.0")
    assert report.family.name == "eurobert" and report.simpletransformers_model_type == "auto"
    assert report.verdict == "compatible", report.reason
    assert "trust_remote_code" not in report.suggested_args
    native = finding(report, "architecture.native")
    assert native.severity == "ok" and "transformers 5.3.0" in native.message


def test_eurobert_with_trust_remote_code_on_a_native_transformers_warns_that_remote_code_wins(checked):
    report, _ = checked("eurobert-like", transformers_version="5.24.0", trust_remote_code=True)
    native = finding(report, "architecture.native")
    assert native.severity == "warning" and "repository's code instead" in native.message


def test_eurobert_on_older_transformers_needs_its_remote_code(checked):
    report, _ = checked("eurobert-like", transformers_version="5.2.0")
    assert report.verdict == "needs-opt-in"
    missing = finding(report, "architecture.not-native")
    assert "transformers 5.2.0" in missing.message and "5.3.0" in missing.fix
    assert "--trust-remote-code" in report.reason


def test_eurobert_shows_no_norwegian_from_the_card_and_measures_it(checked):
    report, _ = checked("eurobert-like", transformers_version="5.3.0")
    assert not report.norwegian.declared
    assert "card.no-norwegian" in codes(report)
    assert {"coverage.unknown", "coverage.fertility"} & codes(report)  # English-only vocabulary
    baseline, _ = checked("bert-cased")  # the same tiny tokenizer, trained on Norwegian text
    for variety, measured in report.norwegian.coverage.items():
        norwegian = baseline.norwegian.coverage[variety]
        assert measured.subwords_per_word > norwegian.subwords_per_word
        assert measured.unknown_rate >= norwegian.unknown_rate


def test_the_installed_transformers_decides_by_default():
    from tsa_registry.registry import load_registry

    family = load_registry().families["eurobert"]
    assert is_native(family, "5.3.0") and not is_native(family, "5.2.0")
    installed = Version(installed_transformers())
    assert is_native(family, str(installed)) == (installed >= Version("5.3.0"))


def test_mmbert_goes_through_auto_as_modernbert(checked):
    report, _ = checked("mmbert-like", allow_pickle=True)
    assert report.family.name == "modernbert" and report.simpletransformers_model_type == "auto"
    assert report.verdict == "compatible", report.reason
    pickled, _ = checked("mmbert-like")
    assert pickled.verdict == "needs-opt-in" and "weights.pickle-only" in codes(pickled)


def test_xlmr_xl_goes_through_auto_and_does_not_fit_most_gpus(checked):
    report, _ = checked("xlmr-xl-like", allow_pickle=True)
    assert report.family.name == "xlmroberta-xl" and report.simpletransformers_model_type == "auto"
    assert report.verdict == "compatible", report.reason
    assert 3.4e9 < report.parameters.total < 3.6e9
    too_large = finding(report, "resources.too-large")
    assert "16 GiB" in too_large.message and "batch size 1" in too_large.message
    assert [report.resources.largest_batch_size[gib] for gib in ("8", "16", "24", "40")] == [0, 0, 0, 0]
    assert report.resources.suggested is None


def test_a_research_only_card_is_flagged_whatever_its_licence_tag(checked, registry):
    from tsa_registry.check.entry import entry_from_report
    from tsa_registry.licences import licence_class

    report, _ = checked("research-only-card")
    research = finding(report, "card.research-only")
    assert "only intended for research purposes" in research.message and "apache-2.0" in research.message
    assert "commercially" in research.fix
    entry = entry_from_report(report, registry)  # what `tsa-registry add` writes to your file
    assert entry.research_only and licence_class(entry.licence, research_only=True) == "research-only"
    plain, _ = checked("modernbert")
    assert "card.research-only" not in codes(plain)


def test_the_rotary_tables_norbert4_keeps_in_buffers_do_not_survive_from_pretrained(tmp_path):
    """The family's second reason, on the installed transformers: tables built in __init__ and
    kept in non-persistent buffers come back from from_pretrained without their values. Should a
    transformers release fix that, this fails: then the family's reason must change."""
    import json
    import shutil
    from pathlib import Path

    import torch
    from transformers import AutoConfig, AutoModelForTokenClassification

    from tests.support.hub_repos import NORBERT4_LIKE

    stand_in = Path(__file__).resolve().parents[1] / "support" / "gptbert"
    for name in ("configuration_gptbert.py", "modeling_gptbert.py"):
        shutil.copy(stand_in / name, tmp_path / name)
    config = {"auto_map": NORBERT4_LIKE["config"]["auto_map"], "vocab_size": 100, "hidden_size": 32,
              "num_layers": 2, "num_attention_heads": 2, "intermediate_size": 64, "max_sequence_length": 64}
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    built = AutoModelForTokenClassification.from_config(
        AutoConfig.from_pretrained(tmp_path, trust_remote_code=True), trust_remote_code=True)
    built.save_pretrained(tmp_path / "saved")
    for name in ("configuration_gptbert.py", "modeling_gptbert.py"):
        shutil.copy(stand_in / name, tmp_path / "saved" / name)
    loaded = AutoModelForTokenClassification.from_pretrained(tmp_path / "saved", trust_remote_code=True)
    fresh = built.model.layers[0].rotary.cos_matrix
    after = loaded.model.layers[0].rotary.cos_matrix
    assert fresh[0].eq(1).all()  # cos(0) = 1: what __init__ builds
    assert not torch.equal(after, fresh)  # what from_pretrained leaves: not the tables
