"""The catalogue commands as a user runs them."""

from __future__ import annotations

import json

import pytest

from tsa_registry import __version__
from tsa_registry.cli import COMMANDS

LIST_KEYS = {"id", "family", "simpletransformers_model_type", "languages", "parameters", "status"}


def test_list_json_has_every_entry_with_family_and_model_type(cli):
    code, out, _ = cli("list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 14
    for row in rows:
        assert set(row) >= LIST_KEYS
    by_id = {row["id"]: row for row in rows}
    assert by_id["xlm-roberta-large"]["simpletransformers_model_type"] == "xlmroberta"
    assert by_id["bert-base-multilingual-cased"]["family"] == "bert"


def test_list_filters_and_sorts(cli):
    rows = json.loads(cli("list", "--json", "--family", "xlmroberta", "--sort", "parameters")[1])
    assert rows[0]["id"] == "xlm-roberta-large"
    assert {row["family"] for row in rows} == {"xlmroberta"}

    rows = json.loads(cli("list", "--json", "--language", "nn", "--status", "verified", "--sort", "f1")[1])
    assert rows[0]["id"] == "NbAiLab/nb-bert-large"
    assert "xlm-roberta-base" in {row["id"] for row in rows}  # "no" covers both written forms
    assert all(row["status"] == "verified" for row in rows)
    assert [r["reference_f1"] for r in rows] == sorted((r["reference_f1"] for r in rows), reverse=True)

    assert "bert-base-cased" not in {row["id"] for row in json.loads(cli("list", "--json", "--language", "no")[1])}


def test_list_table_shows_ids_and_reference_scores(cli):
    code, out, _ = cli("list", "--family", "bert")
    assert code == 0
    assert "NbAiLab/nb-bert-large" in out and "54.6" in out
    assert "xlm-roberta-base" not in out


def test_list_rejects_an_unknown_family(cli):
    code, _, err = cli("list", "--family", "gpt")
    assert code == 2 and "unknown family 'gpt'" in err


def test_show_json_gives_the_settings_an_uncased_model_needs(cli):
    info = json.loads(cli("show", "bert-base-multilingual-uncased", "--json")[1])
    assert info["needed_settings"]["do_lower_case"] is True
    assert info["suggested_args"]["do_lower_case"] is True
    assert LIST_KEYS | {"settings", "notes"} <= set(info)


def test_show_says_xlm_is_incompatible_and_why(cli):
    code, out, _ = cli("show", "xlm-mlm-100-1280")
    assert code == 0
    assert "incompatible" in out
    assert "half" in out and "NaN" in out
    info = json.loads(cli("show", "xlm-mlm-100-1280", "--json")[1])
    assert info["status"] == "incompatible" and info["family_details"]["reason"]


def test_show_says_when_the_users_file_overrides_an_entry(cli, user_registry_file):
    user_registry_file('[[model]]\nid = "xlm-roberta-base"\nfamily = "xlmroberta"\nstatus = "expected"\n')
    code, out, _ = cli("show", "xlm-roberta-base")
    assert "overrides the built-in entry" in out
    assert json.loads(cli("show", "xlm-roberta-base", "--json")[1])["overrides_builtin"] is True


def test_show_unknown_id_suggests_close_ones(cli):
    code, _, err = cli("show", "xlm-roberta-bas")
    assert code == 2
    assert "'xlm-roberta-bas' is not in the catalogue" in err and "xlm-roberta-base" in err


def test_plugins_json(cli):
    rows = json.loads(cli("plugins", "--json")[1])
    bert = next(row for row in rows if row["name"] == "bert")
    assert bert == {**bert, "source": "built-in", "families": ["bert"], "error": None}


def test_version(cli):
    assert cli("--version")[1].strip() == f"tsa-registry, version {__version__}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(cli, command):
    code, out, _ = cli(command, "--help")
    assert code == 0 and "Usage: " in out and "--help" in out
