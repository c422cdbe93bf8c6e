"""One-off plugins without packaging: the *.py files of --plugins-dir or TSA_REGISTRY_PLUGINS_DIR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FUNNEL = '''
from tsa_registry import Family, hookimpl


@hookimpl
def register_families(register):
    register(Family(name="funnel", title="Funnel", config_model_types=("funnel",),
                    simpletransformers_model_type="auto"))


@hookimpl
def register_commands(cli):
    @cli.command()
    def wave():
        """Wave from a plugin file."""
        print("wave from funnel.py")
'''


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A plugins folder: one good plugin, two that fail to import, one named like a built-in."""
    folder = tmp_path / "my plugins"
    folder.mkdir()
    (folder / "funnel.py").write_text(FUNNEL, encoding="utf-8")
    (folder / "broken.py").write_text("import a_library_that_is_not_installed\n", encoding="utf-8")
    (folder / "bert.py").write_text("raise SystemExit('never imported')\n", encoding="utf-8")
    (folder / "quits.py").write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a plugin\n", encoding="utf-8")
    return folder


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "tsa_registry", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_each_file_of_the_folder_is_a_plugin_with_its_path_as_source(folder):
    code, out, err = run("--plugins-dir", str(folder), "plugins", "--json")
    assert code == 0, err
    rows = {(row["name"], row["source"]): row for row in json.loads(out)}
    funnel = rows[("funnel", str(folder / "funnel.py"))]
    assert (funnel["families"], funnel["error"]) == (["funnel"], None)
    assert rows[("broken", str(folder / "broken.py"))]["error"] == \
        "could not be loaded: ModuleNotFoundError: No module named 'a_library_that_is_not_installed'"
    assert rows[("quits", str(folder / "quits.py"))]["error"] == \
        "could not be loaded: SystemExit: it called sys.exit(3)"
    assert rows[("bert", str(folder / "bert.py"))]["error"].startswith(
        "not loaded: name collision: its file name 'bert' is taken by the built-in plugin 'bert'")
    assert rows[("bert", "built-in")]["error"] is None
    assert not any(row["name"] == "notes" for row in rows.values())


def test_the_environment_variable_does_the_same_and_plugin_files_add_commands(folder):
    code, out, err = run("--help", env={"TSA_REGISTRY_PLUGINS_DIR": str(folder)})
    assert code == 0 and "Wave from a plugin file." in out
    assert run("wave", env={"TSA_REGISTRY_PLUGINS_DIR": str(folder)})[1] == "wave from funnel.py\n"
    code, out, err = run("--plugins-dir", str(folder), "--help")
    assert "Wave from a plugin file." in out
    code, out, err = run("list", "--family", "funnel", "--json", env={"TSA_REGISTRY_PLUGINS_DIR": str(folder)})
    assert code == 0 and json.loads(out) == []  # a known family, with no catalogue entry yet


def test_a_plugins_dir_that_is_not_a_folder_is_a_usage_error(tmp_path):
    code, out, err = run("--plugins-dir", str(tmp_path / "missing"), "list")
    assert code == 2 and "'--plugins-dir'" in err and "does not exist" in err


def test_the_core_reports_a_missing_folder_instead_of_failing(tmp_path):
    from tsa_registry.plugins import load_plugins
    from tsa_registry.registry import load_registry

    registry = load_registry(plugins=load_plugins(tmp_path / "missing"))
    assert f"plugins folder {str(tmp_path / 'missing')!r} is not a folder; no plugin was loaded from it" \
        in registry.problems
    assert "bert" in registry.families
