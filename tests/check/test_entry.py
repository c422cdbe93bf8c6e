"""A checked model as a catalogue entry, and `tsa-registry add`, which writes it to your registry file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tsa_registry.check import check_model
from tsa_registry.check.entry import EntryError, entry_from_report
from tsa_registry.cli import main

USER_FILE = """\
# My checkpoints. This comment stays.

[[model]]
id = "someone/kept"  # so does this one
family = "bert"
status = "expected"
"""



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
