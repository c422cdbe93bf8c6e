"""Fixtures for the registry tests: an empty user home, the CLI in and out of process, plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.plugins import pip_install
from tsa_registry.cli import main
from tsa_registry.new_plugin import new_plugin

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_SOURCES = ROOT / "tests" / "plugins"


@pytest.fixture
def user_registry_file(user_home):
    """Your registry file: write TOML text into it."""
    path = user_home / "config" / "registry.toml"
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def cli():
    """Run the CLI in this process; return (exit code, stdout, stderr)."""

    def run(*args: str):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory) -> Path:
    """The example plugin (what `plugins new example` writes) and the broken plugins, installed."""
    example = new_plugin("example", tmp_path_factory.mktemp("example"))
    target = tmp_path_factory.mktemp("plugin-site")
    pip_install(target, example, PLUGIN_SOURCES / "broken")
    return target


@pytest.fixture(scope="session")
def misbehaving_site(tmp_path_factory) -> Path:
    """The misbehaving plugins (sys.exit, KeyboardInterrupt, a name taken by a built-in)."""
    target = tmp_path_factory.mktemp("misbehaving-site")
    pip_install(target, PLUGIN_SOURCES / "misbehaving")
    return target


def _cli_in(site: Path):
    def run(*args: str, env: dict[str, str] | None = None):
        environment = {**os.environ, "PYTHONPATH": str(site), **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "tsa_registry", *args], capture_output=True, text=True,
            env=environment, stdin=subprocess.DEVNULL, timeout=120,
        )
        return done.returncode, done.stdout, done.stderr

    return run


@pytest.fixture
def cli_with_plugins(plugin_site, user_home):
    """Run `tsa-registry` in a new process that sees the installed plugins."""
    return _cli_in(plugin_site)


@pytest.fixture
def cli_with_misbehaving_plugins(misbehaving_site, user_home):
    """Run `tsa-registry` in a new process that sees the misbehaving plugins."""
    return _cli_in(misbehaving_site)


def as_json(text: str):
    return json.loads(text)
