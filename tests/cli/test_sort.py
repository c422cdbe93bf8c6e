"""`list --sort` and the terminal UI's Models table sort in one order (rows.sort_rows)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.registry import load_registry
from tsa_registry.rows import SORT_KEYS, sort_rows, summary


@pytest.mark.parametrize("option", sorted(SORT_KEYS))
def test_list_sorts_as_the_rows_say(option):
    out = CliRunner().invoke(main, ["list", "--json", "--sort", option]).stdout
    registry = load_registry()
    expected = sort_rows([summary(registry, e) for e in registry.entries.values()], SORT_KEYS[option])
    assert [row["id"] for row in json.loads(out)] == [row["id"] for row in expected]

