"""The plugins in docs/plugins.md work as written: each one loaded from a plugins folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
BLOCK = re.compile(r"^( *)```(python|toml)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)


def files_in_doc() -> dict[str, str]:
    """Code blocks that open with a file name comment (`# rembert.py`), by that name."""
    files = {}
    for match in BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        text = textwrap.dedent(match.group(3))
        first, _, rest = text.partition("\n")
        if re.fullmatch(r"# [\w.]+\.(py|toml)", first):
            files[first[2:]] = rest
    return files


@pytest.fixture
def folder(tmp_path: Path, user_home: Path) -> Path:
    files = files_in_doc()
    folder = tmp_path / "tsa-plugins"
    folder.mkdir()
    for name, text in files.items():
        if name.endswith(".py"):
            (folder / name).write_text(text, encoding="utf-8")
    (user_home / "config").mkdir(parents=True)
    (user_home / "config" / "registry.toml").write_text(files["registry.toml"], encoding="utf-8")
    return folder


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "tsa_registry", "--plugins-dir", str(folder), *args],
                          capture_output=True, text=True, env=dict(os.environ), stdin=subprocess.DEVNULL,
                          timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_every_plugin_of_the_page_loads_and_registers(folder):
    assert {"rembert.py", "mpnet.py", "open_licences.py", "claims.py", "funnel_fallback.py"} <= set(files_in_doc())
    code, out, err = run(folder, "plugins", "--json")
    assert code == 0 and err == "", err
    rows = {row["name"]: row for row in json.loads(out) if row["source"].startswith(str(folder))}
    assert {name: (row["families"], row["checks"], row["error"]) for name, row in rows.items()} == {
        "claims": ([], 0, None),
        "funnel_fallback": (["funnel"], 0, None),  # the wrapper's fallback: funnel_extras is not installed
        "mpnet": (["mpnet"], 0, None),
        "open_licences": ([], 1, None),
        "rembert": (["rembert"], 0, None),
    }


def test_the_tutorial_commands_work(folder):
    code, out, err = run(folder, "list", "--family", "rembert", "--json")
    assert code == 0 and [row["id"] for row in json.loads(out)] == ["google/rembert"]
    code, out, err = run(folder, "show", "google/rembert", "--json")
    shown = json.loads(out)
    assert shown["family_details"]["title"] == "RemBERT"
    assert shown["suggested_args"]["learning_rate"] == 2e-5


def test_the_command_example_adds_its_command(folder, monkeypatch):
    monkeypatch.setenv("TSA_REGISTRY_PLUGINS_DIR", str(folder))
    code, out, err = run(folder, "claims")
    assert code == 0 and "rembert: rembert" in out.splitlines() and "bert: bert" in out.splitlines()


def test_the_licence_check_example(folder):
    from tsa_registry import ModelFacts
    from tsa_registry.plugins import load_plugins
    from tsa_registry.registry import load_registry

    registry = load_registry(plugins=load_plugins(folder))
    (check,) = [c for c in registry.checks_for(None) if c.plugin == "open_licences"]
    closed = ModelFacts(model="someone/closed", source="hub", folder=folder, card={"license": "other"})
    opened = ModelFacts(model="someone/open", source="hub", folder=folder, card={"license": "mit"})
    assert [f.code for f in check.function(closed, None) or ()] == ["lab.licence"]
    assert list(check.function(opened, None) or ()) == []
