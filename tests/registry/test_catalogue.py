"""The catalogue: the built-in registry.toml, your registry file, and bad files."""

from __future__ import annotations

import pytest

from tsa_registry.registry import UnknownModelError, load_registry

FOUR = {"bert-base-multilingual-uncased", "bert-base-multilingual-cased", "xlm-roberta-base", "xlm-roberta-large"}

ENTRY = """
[[model]]
id = "{id}"
family = "{family}"
languages = ["nb"]
status = "expected"
"""


def test_builtin_catalogue_loads_cleanly_with_the_original_four():
    registry = load_registry()
    assert registry.problems == []
    assert len(registry.entries) >= 14
    assert set(registry.entries) >= FOUR
    for entry in registry.entries.values():
        assert entry.family in registry.families
        assert all(ref.source.startswith("https://") for ref in entry.references)


def test_uncased_checkpoints_need_lower_casing_and_remote_code_needs_trust():
    registry = load_registry()
    assert registry.settings_for(registry.entry("bert-base-multilingual-uncased")) == {"do_lower_case": True}
    assert registry.settings_for(registry.entry("NbAiLab/nb-bert-large"))["do_lower_case"] is True
    assert "do_lower_case" not in registry.settings_for(registry.entry("bert-base-multilingual-cased"))
    assert registry.settings_for(registry.entry("ltg/norbert3-base"))["trust_remote_code"] is True
    assert registry.settings_for(registry.entry("microsoft/mdeberta-v3-base"))["fp16"] is False


def test_unknown_id_suggests_the_closest_ones():
    with pytest.raises(UnknownModelError) as caught:
        load_registry().entry("nb-bert-bas")
    assert "NbAiLab/nb-bert-base" in caught.value.suggestions
    assert "NbAiLab/nb-bert-base" in str(caught.value)


def test_overlay_adds_and_overrides_entries(user_registry_file):
    path = user_registry_file(
        ENTRY.format(id="someone/norsk-bert", family="bert")
        + ENTRY.format(id="xlm-roberta-base", family="xlmroberta").replace('"expected"', '"incompatible"')
    )
    registry = load_registry()
    assert registry.problems == []
    assert registry.entry("someone/norsk-bert").origin == str(path)
    assert registry.entry("xlm-roberta-base").status == "incompatible"
    assert registry.overridden == {"xlm-roberta-base"}


def test_registry_file_named_explicitly_must_exist(tmp_path):
    registry = load_registry(tmp_path / "missing.toml")
    assert len(registry.entries) >= 14
    assert any("missing.toml: registry file not found" in p for p in registry.problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[model]]\nid = "a"\nfamily = "bert"\nstatus = "expected"\nparameters = \n', ["TOML syntax error", "line 5"]),
        (ENTRY.format(id="a/b", family="berty"), ["entry 1 (id 'a/b')", "field 'family'", "unknown family 'berty'"]),
        ('[[model]]\nid = "a/b"\nfamily = "bert"\n',
         ["entry 1 (id 'a/b')", "field 'status'", "required field is missing"]),
        (
            ENTRY.format(id="a/b", family="bert") + ENTRY.format(id="a/b", family="bert"),
            ["entry 2 (id 'a/b')", "duplicate id 'a/b', first given in entry 1"],
        ),
        (
            ENTRY.format(id="a/b", family="bert") + "parameters = \"big\"\n",
            ["entry 1 (id 'a/b')", "field 'parameters'", "'big'"],
        ),
        (ENTRY.format(id="a/b", family="bert") + "languages = \"nb\"\n", ["Cannot overwrite a value"]),
        (
            ENTRY.format(id="a/b", family="bert") + "[[model.references]]\nf1 = \"high\"\nsource = \"x\"\n",
            ["field 'references.0.f1'", "'high'"],
        ),
        (ENTRY.format(id="a/b", family="bert") + "paramters = 5\n", ["field 'paramters'", "unknown field"]),
        (ENTRY.format(id="a/b", family="bert").replace("expected", "great"), ["field 'status'", "'great'"]),
        ("[[models]]\nid = 'x'\n", ["unknown top-level key 'models'"]),
    ],
    ids=["syntax", "unknown-family", "missing-field", "duplicate-id", "wrong-type", "redefined-key",
         "nested-field", "misspelt-field", "bad-status", "wrong-table"],
)
def test_bad_registry_file_is_reported_and_the_rest_still_loads(user_registry_file, text, expected):
    path = user_registry_file(text)
    registry = load_registry()
    assert len(registry.problems) == 1, registry.problems
    problem = registry.problems[0]
    assert problem.startswith(str(path))
    for fragment in expected:
        assert fragment in problem
    assert set(registry.entries) >= FOUR


def test_only_the_broken_entry_is_skipped(user_registry_file):
    user_registry_file(ENTRY.format(id="good/one", family="bert") + ENTRY.format(id="bad/one", family="nope"))
    registry = load_registry()
    assert "good/one" in registry.entries
    assert "bad/one" not in registry.entries


def test_registry_file_that_is_not_utf8(user_registry_file):
    path = user_registry_file("")
    path.write_bytes(ENTRY.format(id="caf\xe9", family="bert").encode("latin-1"))
    registry = load_registry()
    assert registry.problems == [f"{path}:3: is not UTF-8 text (byte 0xe9); convert it, e.g. with "
                                 "`iconv -f latin1 -t utf-8`; none of its entries were loaded."]


def test_a_registry_file_nested_too_deeply_is_a_problem_not_a_crash(user_registry_file):
    path = user_registry_file("x = " + "[" * 500 + "]" * 500 + "\n" + ENTRY.format(id="me/one", family="bert"))
    registry = load_registry()
    assert registry.problems == [f"{path}: values nested too deeply for TOML to be read (hundreds "
                                 "of brackets or braces inside each other). Fix it; none of its "
                                 "entries were loaded."]
    assert "xlm-roberta-base" in registry.entries


def test_a_device_as_registry_file_is_refused(monkeypatch):
    monkeypatch.setenv("TSA_REGISTRY_FILE", "/dev/zero")
    registry = load_registry()
    assert registry.problems == ["/dev/zero: is not a regular file (a device or a socket): give a "
                                 "file; none of its entries were loaded."]
    assert "xlm-roberta-base" in registry.entries
