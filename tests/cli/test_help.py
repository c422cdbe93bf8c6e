"""`tsa-registry --help` lists each command with the first line of its own docstring."""

from __future__ import annotations

import importlib

import pytest
from click.testing import CliRunner

from tsa_registry.cli import COMMANDS, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_one_liner_is_the_first_line_of_the_commands_docstring(name):
    target, one_liner = COMMANDS[name]
    module, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module), attribute)
    assert command.name == name
    assert (command.help or "").splitlines()[0] == one_liner
    assert command.get_short_help_str(limit=200) == one_liner


def test_help_lists_every_command_with_its_one_liner():
    out = CliRunner().invoke(main, ["--help"]).stdout
    for name, (_, one_liner) in COMMANDS.items():
        line = next(line for line in out.splitlines() if line.strip().startswith(name + " "))
        assert one_liner.split()[0] in line
