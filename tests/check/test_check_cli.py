"""`tsa-registry check` from the command line: text, JSON valid against the documented schema,
exit status by verdict, --data, --deep, and a token that is never printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.task.norwegian import tagged_sentences

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "check-report.schema.json").read_text())


def run(*args: str):
    result = CliRunner().invoke(main, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name, code", [
    ("bert-cased", 0), ("bert-uncased", 10), ("norbert3-like", 20), ("xlm", 30), ("gpt2", 30),
    ("malformed-config", 40),
])
def test_json_report_validates_and_the_exit_status_follows_the_verdict(hub, name, code):
    status, out, _ = run(hub.model(name), "--json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert status == code == report["exit_code"]
    assert {"model", "verdict", "simpletransformers_model_type", "settings", "parameters", "findings",
            "norwegian", "resources"} <= set(report)


def test_unknown_repo_is_a_clear_message_not_a_traceback(hub):
    status, out, _ = run("tsa-test/no-such-model")
    assert status == 40
    assert "Verdict: unknown" in out and "was not found on the Hub" in out and "Traceback" not in out


def test_text_report(hub):
    status, out, _ = run(hub.model("bert-uncased"))
    assert status == 10
    assert "Verdict: compatible-with-settings" in out
    assert "do_lower_case=True" in out and "'får' → 'far'" in out
    assert "Largest batch size" in out and "80 GiB" in out


def test_data_length_and_coverage(hub, tmp_path):
    data = tmp_path / "train.conll"
    sentences = tagged_sentences(30, seed=5)
    long_words = [w for words, _ in sentences[:12] for w in words]  # one long sentence
    lines = ["\n".join(f"{w}\t{t}" for w, t in zip(words, tags)) for words, tags in sentences]
    lines.append("\n".join(f"{w}\tO" for w in long_words))
    data.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = run(hub.model("bert-cased"), "--data", str(data), "--max-seq-length", "32", "--json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    length = report["length"]
    assert length["sentences"] == 31 and length["max_seq_length"] == 32 and length["cut"] >= 1
    # The suggestion is what `train` chooses by itself: the longest sentence, within the positions.
    assert length["suggested_max_seq_length"] == length["longest_sentence"] > 32
    assert report["norwegian"]["coverage"]["data"]["words"] == sum(len(w) for w, _ in sentences) + len(long_words)
    assert any(f["code"] == "length.cut" for f in report["findings"])
    assert report["suggested_args"]["max_seq_length"] == 32


def test_bad_data_file_names_file_and_line(hub, tmp_path):
    bad = tmp_path / "bad.conll"
    bad.write_text("Filmen\tB-targ-Positive\nvar god\n", encoding="utf-8")
    status, _, err = run(hub.model("bert-cased"), "--data", str(bad))
    assert status == 2 and f"{bad}:2" in err and "tab" in err


def test_token_is_used_but_never_printed(hub, monkeypatch):
    secret = "hf_" + "NeverPrintThisToken123"
    monkeypatch.setenv("HF_TOKEN", secret)
    repo = hub.model("gated")
    start = hub.mark()
    status, out, err = run(repo)
    assert status == 40 and "gated" in out
    assert any(r.authorization for r in hub.requests(repo, since=start))  # the client sent it
    assert secret not in out + err and "NeverPrint" not in out + err


def test_deep_check_on_a_tiny_local_model(tiny_models):
    status, out, _ = run(str(tiny_models.get("bert")), "--deep", "--json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert status == 0 and report["deep"]["passed"] is True and report["deep"]["stage"] is None
    print(f"deep check: {report['deep']['seconds']} s")


def test_deep_check_fails_when_the_training_features_differ_from_nermodels(tiny_models, monkeypatch):
    """A feature builder broken on purpose (words with "å" get a stray [PAD]): `train` would warn
    and fall back; --deep must not pass."""
    from tsa_registry.nermodel import features

    right = features.word_pieces

    def broken(tokenizer, words):
        return {w: p + ["[PAD]"] if "å" in w else p for w, p in right(tokenizer, words).items()}

    monkeypatch.setattr(features, "word_pieces", broken)
    status, out, _ = run(str(tiny_models.get("bert")), "--deep", "--json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert status == 30 and report["verdict"] == "incompatible"
    assert report["deep"]["passed"] is False and report["deep"]["stage"] == "features"
    finding = next(f for f in report["findings"] if f["code"] == "deep.features-differ")
    word = finding["message"].split("the word ")[1].split(" ")[0].strip("'")
    assert "å" in word and f"['{word}', '[PAD]']" in finding["message"] and f"['{word}']" in finding["message"]
    assert finding["severity"] == "error" and finding["fix"]


def test_deep_check_finds_the_xlm_failure(hub):
    status, out, _ = run(hub.model("xlm"), "--deep", "--json")
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    assert status == 30
    assert report["deep"]["passed"] is False and report["deep"]["stage"] == "train"
    assert "loss is nan" in report["deep"]["error"]


def test_hf_hub_offline_checks_from_the_cache_without_a_request(hub):
    repo = hub.model("distilbert")
    assert run(repo)[0] == 0  # online once: the small files land in the HF cache
    start = hub.mark()
    done = subprocess.run([sys.executable, "-m", "tsa_registry", "check", repo, "--json"],
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["source"] == "cache" and report["verdict"] == "compatible"
    assert hub.requests(since=start) == []
    assert any(f["code"] == "weights.unknown" for f in report["findings"])  # weights are not cached


def test_the_committed_schema_is_the_one_the_report_structs_generate():
    from tsa_registry.check.schema import schema_text

    committed = (Path(__file__).parents[2] / "docs" / "check-report.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: python -m tsa_registry.check.schema > docs/check-report.schema.json"


def test_settings_is_kept_beside_suggested_args_for_one_release(hub):
    status, out, _ = run(hub.model("bert-cased"), "--json")
    report = json.loads(out)
    assert report["settings"] == report["suggested_args"] and report["suggested_args"]["max_seq_length"]


OFFLINE_ENTRY = """
[[model]]
id = "someone/offline-bert"
family = "bert"
languages = ["nb"]
parameters = 178_000_000
vocab_size = 119_547
max_length = 512
cased = true
weights = ["safetensors"]
licence = "apache-2.0"
status = "expected"
"""


def test_a_catalogue_id_that_cannot_be_read_gets_a_report_from_the_catalogue(tmp_path):
    """Offline and not in the HF cache: the catalogue's facts (family, settings, size, GPU
    estimate), marked as such, rather than `unknown`."""
    registry = tmp_path / "registry.toml"
    registry.write_text(OFFLINE_ENTRY, encoding="utf-8")
    result = CliRunner().invoke(main, ["--registry", str(registry), "check", "someone/offline-bert", "--offline",
                                       "--json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["source"] == "catalogue" and report["verdict"] == "compatible" and result.exit_code == 0
    assert "from the catalogue's facts" in report["reason"]
    assert report["parameters"] == {"total": 178_000_000, "source": "catalogue"}
    assert report["resources"]["estimated"] and report["resources"]["largest_batch_size"]["16"] > 1
    assert report["simpletransformers_model_type"] == "bert" and report["licence"] == "apache-2.0"
    assert [f["code"] for f in report["findings"]] == ["source.catalogue-only"]

    text = CliRunner().invoke(main, ["--registry", str(registry), "check", "someone/offline-bert", "--offline"])
    assert "Verdict: compatible (from the catalogue's facts)" in text.stdout
    assert "Largest batch size" in text.stdout and "tokenizer, card and weights were not checked" in text.stdout
