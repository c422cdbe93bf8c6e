"""Adding community models: the Hub search, entries from check reports, `search` and `add`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.tui.search_server import SearchServer
from tsa_registry.check import check_model
from tsa_registry.check.entry import EntryError, entry_from_report
from tsa_registry.cli import main
from tsa_registry.registry import load_registry
from tsa_registry.sources.search import SearchError, search_hub

USER_FILE = """\
# My checkpoints. This comment stays.

[[model]]
id = "someone/kept"  # so does this one
family = "bert"
status = "expected"
"""


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TSA_REGISTRY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TSA_REGISTRY_FILE", raising=False)


@pytest.fixture
def server():
    with SearchServer() as running:
        yield running


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_search_asks_for_each_norwegian_code_and_merges(server):
    found = search_hub("bert", endpoint=server.endpoint)
    # most downloaded first; not the Swedish, the generative or the flax one
    assert [m.id for m in found] == ["NbAiLab/nb-bert-base", "ltg/norbert3-base", "someone/nynorsk-bert"]
    assert found[2].languages == ("nn",) and found[1].languages == ("no", "nb", "nn")
    assert found[0].downloads == 50000
    asked = [(q["filter"], q["pipeline_tag"], q["search"]) for q in server.queries]
    assert asked == [([code, "transformers"], ["fill-mask"], ["bert"]) for code in ("no", "nb", "nn")]


def test_search_without_words_lists_every_norwegian_encoder(server):
    found = search_hub(endpoint=server.endpoint)
    assert {m.id for m in found} == {"NbAiLab/nb-bert-base", "ltg/norbert3-base", "someone/nynorsk-bert"}
    assert next(m for m in found if m.id == "ltg/norbert3-base").languages == ("no", "nb", "nn")
    assert all("search" not in q for q in server.queries)


def test_search_can_drop_the_task_and_library(server):
    found = search_hub("norsk", endpoint=server.endpoint, task=None, library=None)
    assert {m.id for m in found} == {"someone/norsk-gpt", "someone/norsk-bert-flax", "someone/nynorsk-bert"}


@pytest.mark.parametrize("status, words", [(401, "HF_TOKEN"), (403, "refused the search (403)"),
                                           (404, "answered 404")])
def test_search_errors_say_what_to_do(server, status, words):
    server.fail_with = status
    with pytest.raises(SearchError, match=words.replace("(", r"\(").replace(")", r"\)")):
        search_hub("bert", endpoint=server.endpoint)


def cli_process(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`tsa-registry ARGS` in a process of its own (huggingface_hub reads HF_ENDPOINT at import)."""
    return subprocess.run([sys.executable, "-m", "tsa_registry", *args], capture_output=True, text=True,
                          env={**os.environ, **env})


def test_search_command_prints_a_table_and_json(server):
    done = cli_process("search", "bert", HF_ENDPOINT=server.endpoint)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].split()[:2] == ["NbAiLab/nb-bert-base", "50000"] and "3 models." in done.stdout
    done = cli_process("search", "--language", "sv", "--json", HF_ENDPOINT=server.endpoint)
    assert [m["id"] for m in json.loads(done.stdout)] == ["someone/bert-svensk"]


def test_search_offline_fails_with_a_message():
    done = cli_process("search", "bert", HF_HUB_OFFLINE="1")
    assert done.returncode == 1
    assert "HF_HUB_OFFLINE is set" in done.stderr and "Traceback" not in done.stderr


def test_entry_holds_what_the_check_found(hub, registry):
    repo_id = hub.model("bert-uncased")
    report = check_model(repo_id, registry=registry)
    entry = entry_from_report(report, registry, title="Tiny uncased")
    assert (entry.id, entry.family, entry.status, entry.title) == (repo_id, "bert", "expected", "Tiny uncased")
    assert entry.cased is False and entry.strip_accents is True and entry.weights == ["safetensors"]
    assert entry.parameters == report.parameters.total and entry.vocab_size == report.tokenizer.vocab_size
    assert set(entry.languages) >= {"no", "nb", "nn"} and entry.licence == "apache-2.0"
    assert entry.references == [] and "compatible-with-settings" in entry.notes
    # what the registry derives from the entry is what the check asked for
    assert registry.settings_for(entry)["do_lower_case"] is True


def test_a_model_that_could_not_be_read_is_not_an_entry(hub, registry):
    report = check_model("tsa-test/not-there", registry=registry)
    with pytest.raises(EntryError, match="could not be checked"):
        entry_from_report(report, registry)


def test_an_architecture_without_a_family_is_not_an_entry(hub, registry):
    report = check_model(hub.model("gpt2"), registry=registry)
    with pytest.raises(EntryError, match="no family plugin claims"):
        entry_from_report(report, registry)


def test_add_command_checks_and_adds_keeping_comments(hub, tmp_path):
    repo_id = hub.model("pickle-only")
    user_file = tmp_path / "registry.toml"
    user_file.write_text(USER_FILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["--registry", str(user_file), "add", repo_id], input="y\n")
    assert result.exit_code == 0, result.output
    assert "Verdict:" in result.output and f"Add {repo_id} to {user_file}?" in result.output
    text = user_file.read_text(encoding="utf-8")
    assert text.startswith(USER_FILE) and f'id = "{repo_id}"' in text and 'weights = ["bin"]' in text
    listed = CliRunner().invoke(main, ["--registry", str(user_file), "list", "--json"])
    assert repo_id in listed.output


def test_add_command_adds_nothing_when_declined_or_unreadable(hub, tmp_path):
    user_file = tmp_path / "registry.toml"
    user_file.write_text(USER_FILE, encoding="utf-8")
    declined = CliRunner().invoke(main, ["--registry", str(user_file), "add", hub.model("bert-cased")], input="n\n")
    assert declined.exit_code == 0 and "Nothing was added." in declined.output
    missing = CliRunner().invoke(main, ["--registry", str(user_file), "add", "tsa-test/not-there", "--yes"])
    assert missing.exit_code == 1 and "was not added" in missing.stderr
    assert user_file.read_text(encoding="utf-8") == USER_FILE
