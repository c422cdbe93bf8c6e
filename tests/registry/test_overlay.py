"""Adding checkpoints to the user's registry file keeps what the user wrote."""

from __future__ import annotations

import msgspec
import pytest

from tsa_registry.catalogue import CatalogueEntry, Reference
from tsa_registry.overlay import add_entry
from tsa_registry.registry import load_registry

USER_FILE = """\
# My models. Keep this comment!

[[model]]
id = "me/first"   # the first one
family = "bert"
status = "expected"
"""


def entry(model_id: str, **fields) -> CatalogueEntry:
    return CatalogueEntry(id=model_id, **{"family": "bert", "status": "expected", **fields})


def test_add_keeps_comments_and_other_entries(overlay):
    path = overlay(USER_FILE)
    add_entry(entry("me/second", languages=["nb"], cased=False,
                    references=[Reference(f1=40.0, source="https://example.org/paper")]))
    text = path.read_text()
    assert text.startswith(USER_FILE)
    registry = load_registry()
    assert registry.problems == []
    second = registry.entry("me/second")
    assert second.cased is False and second.references[0].f1 == 40.0
    assert registry.settings_for(second) == {"do_lower_case": True}


def test_adding_the_same_id_replaces_it_in_place(overlay):
    path = overlay(USER_FILE + '\n[[model]]\nid = "me/last"\nfamily = "bert"\nstatus = "expected"\n')
    add_entry(entry("me/first", status="verified"))
    text = path.read_text()
    assert text.startswith("# My models. Keep this comment!")
    assert text.index('"me/first"') < text.index('"me/last"')
    assert load_registry().entry("me/first").status == "verified"
    assert text.count('"me/first"') == 1
    assert 'id = "me/first"   # the first one' in text


def test_creates_the_file_when_missing(user_home):
    path = add_entry(entry("me/new"))
    assert path == user_home / "config" / "registry.toml"
    assert "me/new" in load_registry().entries


def test_an_invalid_entry_never_reaches_the_file(overlay):
    path = overlay(USER_FILE)
    with pytest.raises(msgspec.ValidationError):
        add_entry(entry("me/bad", parameters=-3))
    assert path.read_text() == USER_FILE
