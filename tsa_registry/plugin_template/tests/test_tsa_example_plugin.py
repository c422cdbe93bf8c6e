"""The plugin's own tests; run `python -m pytest` once it is installed (`pip install -e .`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tsa_example_plugin
from click.testing import CliRunner

from tsa_registry import Family, ModelFacts
from tsa_registry.cli import main
from tsa_registry.plugins import load_plugins
from tsa_registry.registry import Registry, load_registry


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A config folder of the test's own, so that your registry file plays no part."""
    monkeypatch.setenv("TSA_REGISTRY_HOME", str(tmp_path))
    monkeypatch.delenv("TSA_REGISTRY_PLUGINS", raising=False)


@pytest.fixture
def registry() -> Registry:
    """The built-in plugins and this one, registered on a plugin manager of the test's own."""
    plugins = load_plugins(only=())  # built-in plugins only: this one is registered here
    plugins.register(tsa_example_plugin, "example")
    return load_registry(plugins=plugins)


def test_its_family_claims_funnel_configs(registry: Registry) -> None:
    family = registry.family_for_config({"model_type": "funnel"})
    assert family is not None and family.name == "funnel" and family.plugin == "example"
    assert family.settings == {"fp16": False}
    assert [report.error for report in registry.plugins if report.name == "example"] == [None]


def findings(registry: Registry, family: Family, model: str) -> list[str]:
    facts = ModelFacts(model=model, source="hub", folder=Path("."), config={"model_type": "funnel"})
    return [finding.code for check in registry.checks_for(family)
            for finding in check.function(facts, family) or ()]


def test_its_check_warns_about_a_checkpoint_without_decoder(registry: Registry) -> None:
    funnel = registry.family("funnel")
    assert findings(registry, funnel, "funnel-transformer/small-base") == ["funnel.no-decoder"]
    assert findings(registry, funnel, "funnel-transformer/small") == []
    # Registered for its family only: it does not run for a BERT model.
    assert all(check.plugin != "example" for check in registry.checks_for(registry.family("bert")))


def test_once_installed_it_is_listed_and_adds_its_command() -> None:
    listed = CliRunner().invoke(main, ["plugins", "--json"])
    rows = [row for row in json.loads(listed.stdout) if row["name"] == "example"]
    assert [(row["source"], row["families"], row["error"]) for row in rows] == [
        ("tsa-example-plugin", ["funnel"], None)]
    assert CliRunner().invoke(main, ["hello"]).stdout == "hello from tsa-example-plugin\n"
