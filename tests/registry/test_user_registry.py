"""Adding checkpoints to your registry file keeps what the user wrote."""

from __future__ import annotations

import msgspec
import pytest

from tsa_registry.catalogue import CatalogueEntry, Reference
from tsa_registry.registry import load_registry
from tsa_registry.user_registry import add_entry

USER_FILE = """\
# My models. Keep this comment!

[[model]]
id = "me/first"   # the first one
family = "bert"
status = "expected"
"""


def entry(model_id: str, **fields) -> CatalogueEntry:
    return CatalogueEntry(id=model_id, **{"family": "bert", "status": "expected", **fields})


def test_add_keeps_comments_and_other_entries(user_registry_file):
    path = user_registry_file(USER_FILE)
    add_entry(entry("me/second", languages=["nb"], cased=False,
                    references=[Reference(f1=0.4, sd=0.012, source="https://example.org/paper")]))
    text = path.read_text()
    assert text.startswith(USER_FILE)
    assert "f1 = 40.0" in text and "sd = 1.2" in text  # the file writes F1 in percent
    registry = load_registry()
    assert registry.problems == []
    second = registry.entry("me/second")
    assert second.cased is False and second.references[0].f1 == pytest.approx(0.4)
    assert registry.settings_for(second) == {"do_lower_case": True}


def test_adding_the_same_id_replaces_it_in_place(user_registry_file):
    path = user_registry_file(USER_FILE + '\n[[model]]\nid = "me/last"\nfamily = "bert"\nstatus = "expected"\n')
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


def test_an_invalid_entry_never_reaches_the_file(user_registry_file):
    path = user_registry_file(USER_FILE)
    with pytest.raises(msgspec.ValidationError):
        add_entry(entry("me/bad", parameters=-3))
    assert path.read_text() == USER_FILE


@pytest.mark.parametrize(("text", "line", "message"), [
    (USER_FILE + "notes = = 1\n", 7, "TOML syntax error"),
    ("# mine\n[model]\nid = \"me/x\"\n", 2, "'model' must be an array of tables ([[model]]), not a table"),
    ("model = 5\n", 1, "'model' must be an array of tables ([[model]]), not integer 5"),
    ("# caf\xe9\n" + USER_FILE, 1, "is not UTF-8 text (byte 0xe9)"),
])
def test_a_broken_registry_file_is_named_with_its_line_and_left_unchanged(user_registry_file, text, line, message):
    from tsa_registry.user_registry import UserRegistryError

    path = user_registry_file("")
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(UserRegistryError) as caught:
        add_entry(entry("me/new"))
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value) and "the file is unchanged" in str(caught.value)
    assert path.read_bytes() == text.encode("latin-1")


def test_a_symlinked_registry_file_stays_a_link_to_the_file_written(tmp_path, user_home):
    real = tmp_path / "dotfiles" / "tsa-registry.toml"
    real.parent.mkdir()
    real.write_text(USER_FILE, encoding="utf-8")
    link = user_home / "config" / "registry.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    add_entry(entry("me/second"))
    assert link.is_symlink() and link.resolve() == real
    assert "me/second" in real.read_text() and real.read_text().startswith(USER_FILE)
    assert "me/second" in load_registry().entries


def test_add_command_refuses_a_broken_registry_file_before_checking(tmp_path):
    from click.testing import CliRunner

    from tsa_registry.cli import main

    path = tmp_path / "registry.toml"
    path.write_text("model = 5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--registry", str(path), "add", "someone/model", "--yes"])
    assert result.exit_code == 2
    assert f"{path}:1: 'model' must be an array of tables" in result.stderr
    assert "Traceback" not in result.output and "Checking" not in result.output
    assert path.read_text() == "model = 5\n"
