"""`tsa-registry speed` end to end: a catalogue-like model from the loopback Hub (random weights
from its config), a run (its own weights, int8), budgets, `list` and `show`. Structure, counts and
ordering only: never a time."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main

FAST = ["--sentences", "12", "--threads", "1"]


def speed(*args, registry=None):
    head = ["--registry", str(registry)] if registry else []
    return CliRunner().invoke(main, [*head, "speed", *args], catch_exceptions=False)


@pytest.fixture
def catalogue(hub, tmp_path):
    """A registry file whose one entry is a tiny BERT on the loopback Hub."""
    repo_id = hub.model("bert-cased")
    path = tmp_path / "registry.toml"
    path.write_text(f'[[model]]\nid = "{repo_id}"\nfamily = "bert"\nlanguages = ["nb"]\n'
                    'status = "expected"\n', encoding="utf-8")
    return repo_id, path


def test_catalogue_model_is_timed_full_size_with_random_weights(hub, catalogue):
    repo_id, registry = catalogue
    since = hub.mark()
    result = speed(repo_id, *FAST, "--json", registry=registry)
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    assert (found["model"], found["source"], found["weights"]) == (repo_id, "catalogue", "random")
    assert hub.weight_downloads(repo_id, since) == []  # config and tokenizer only
    [m] = found["measurements"]  # --threads 1: no second pass at one thread
    assert (m["device"], m["dtype"], m["threads"], m["sentences"]) == ("cpu", "float32", 1, 12)
    assert len(m["revision"]) == 40  # the Hub commit
    assert m["latency"]["count"] == 12
    assert m["latency"]["p50_ms"] <= m["latency"]["p90_ms"] <= m["latency"]["p99_ms"]
    assert sorted(int(k) for k in m["throughput"]) == [1, 8, 32, 64]
    assert m["end_to_end"]["latency"]["count"] == 12 and m["end_to_end"]["batch_size"] == 32
    assert m["subwords"]["max"] >= m["subwords"]["p90"] >= m["subwords"]["p50"] > 2
    assert m["memory"]["kind"] == "rss" and m["memory"]["weights_mib"] > 0

    # Kept: `list` and `show` find it for this machine, and --max-latency filters by it.
    listed = CliRunner().invoke(main, ["--registry", str(registry), "list", "--json"])
    row = next(r for r in json.loads(listed.stdout) if r["id"] == repo_id)
    assert row["speed"]["p90_ms"] == m["latency"]["p90_ms"] and row["speed"]["revision"] == m["revision"]
    assert all(r["speed"] is None for r in json.loads(listed.stdout) if r["id"] != repo_id)
    within = CliRunner().invoke(main, ["--registry", str(registry), "list", "--json", "--max-latency", "1e9"])
    assert [r["id"] for r in json.loads(within.stdout)] == [repo_id]
    below = CliRunner().invoke(main, ["--registry", str(registry), "list", "--max-latency", "1e-9", "--json"])
    assert json.loads(below.stdout) == []
    table = CliRunner().invoke(main, ["--registry", str(registry), "list"])
    assert "p90 ms" in table.stdout
    shown = CliRunner().invoke(main, ["--registry", str(registry), "show", repo_id])
    assert "Speed here: p50" in shown.stdout
    assert json.loads(CliRunner().invoke(main, ["--registry", str(registry), "show", repo_id,
                                                "--json"]).stdout)["speed"]["threads"] == 1


def test_budget_marks_the_models_within_it(catalogue, trained_run):
    repo_id, registry = catalogue
    generous = json.loads(speed(repo_id, str(trained_run.path), *FAST, "--budget-ms", "1e9", "--json",
                                registry=registry).stdout)
    assert [(r["source"], r["meets_budget"], r["budget_ms"]) for r in generous] == [
        ("catalogue", True, 1e9), ("run", True, 1e9)]
    strict = speed(repo_id, *FAST, "--budget-ms", "1e-9", registry=registry)
    assert strict.exit_code == 0
    assert "✗ over the budget of 1e-09 ms" in strict.stdout
    assert "Within 1e-09 ms at p90 on this machine: none. Over: " + repo_id in strict.stdout


def test_a_run_is_timed_with_its_weights_and_int8_with_its_dev_f1(trained_run, tsa_data):
    result = speed(str(trained_run.path), *FAST, "--int8", "--json")
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    assert (found["source"], found["weights"]) == ("run", "real")
    report = found["int8"]
    assert report["dev"] == str(tsa_data.dev)
    assert 0 <= report["f1"] <= 1 and 0 <= report["f1_int8"] <= 1
    assert report["latency_speedup"] > 0 and report["throughput_speedup"] > 0
    assert report["measurement"]["dtype"] == "int8" and report["measurement"]["latency"]["count"] == 12
    text = speed(str(trained_run.path), *FAST, "--int8")
    assert "int8 (dynamic, linear layers)" in text.stdout and "strict span F1" in text.stdout


def test_predict_int8_tags_every_word(trained_run):
    result = CliRunner().invoke(main, ["predict", str(trained_run.path), "--int8", "--json",
                                       "Filmen var flott , men lyden var dårlig ."])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert len(found["tags"]) == len(found["tokens"]) == 9


def test_int8_needs_a_run(catalogue):
    repo_id, registry = catalogue
    result = speed(repo_id, *FAST, "--int8", registry=registry)
    assert result.exit_code == 2 and "--int8 is for a run" in result.output


def test_a_folder_with_weights_uses_them_and_pickle_needs_the_flag(tiny_models, tmp_path):
    real = json.loads(speed(str(tiny_models.get("xlmroberta")), *FAST, "--json").stdout)[0]
    assert (real["source"], real["weights"]) == ("folder", "real")
    assert real["measurements"][0]["revision"].startswith("files:")
    pickled = shutil.copytree(tiny_models.get("bert", weights="bin"), tmp_path / "pickled")
    refused = speed(str(pickled), *FAST)
    assert refused.exit_code == 2
    assert "--allow-pickle" in refused.output and "--random-weights" in refused.output
    random = json.loads(speed(str(pickled), *FAST, "--random-weights", "--json").stdout)[0]
    assert random["weights"] == "random"


def test_remote_code_is_timed_only_when_trusted(hub):
    repo_id = hub.model("remote-code")
    result = speed(repo_id, *FAST)
    assert result.exit_code == 2
    assert "--trust-remote-code" in result.output


def test_user_sentences_and_bad_data(tiny_models, tsa_data, tmp_path):
    folder = str(tiny_models.get("bert"))
    found = json.loads(speed(folder, "--data", str(tsa_data.dev), "--sentences", "5", "--threads", "1",
                             "--json").stdout)[0]
    assert found["measurements"][0]["data"] == str(tsa_data.dev)
    assert found["measurements"][0]["sentences"] == 5
    bad = tmp_path / "bad.conll"
    bad.write_text("Filmen\tO\n\tO\n\n", encoding="utf-8")
    result = speed(folder, "--data", str(bad))
    assert result.exit_code == 2 and str(bad) in result.output


def test_an_unreachable_model_fails_cleanly_and_others_go_on(tiny_models):
    result = speed("no-such-org/no-such-model", str(tiny_models.get("bert")), *FAST, "--json")
    assert result.exit_code != 0
    assert [r["source"] for r in json.loads(result.stdout)] == ["folder"]

