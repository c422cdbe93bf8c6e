"""Family plugins add checks through the register_checks hook; a broken check is reported."""

from __future__ import annotations

from tsa_registry import Finding, hookimpl
from tsa_registry.check import check_model
from tsa_registry.plugins import PluginSet
from tsa_registry.registry import load_registry


class ExplainsRemoteCode:
    """What the NorBERT 3 family could do: explain its auto_map before anything runs."""

    @hookimpl
    def register_checks(self, register):
        def explain(facts, family):
            if family is not None and family.name == "norbert3" and facts.remote_code:
                classes = sorted(v.split(".")[-1] for v in facts.config["auto_map"].values())
                yield Finding("norbert3.remote-code", "warning", f"NorBERT 3 code defines {', '.join(classes)}.",
                              "Read modeling_norbert.py, then pass --trust-remote-code.")

        register(explain)


class ForFamilies:
    """The same check, registered for two families: it need not look at the family itself."""

    def __init__(self, *families: str):
        self.families = families

    @hookimpl
    def register_checks(self, register):
        def seen(facts, family):
            return [Finding("families.seen", "ok", f"{facts.model} is a {family.name} model")]

        register(seen, families=self.families)


class ReturnsStrings:
    @hookimpl
    def register_checks(self, register):
        register(lambda facts, family: ["not a finding"])


class Broken:
    @hookimpl
    def register_checks(self, register):
        def crash(facts, family):
            raise KeyError("no such field")

        register(crash)


def registry_with(*plugins):
    plugin_set = PluginSet()
    plugin_set.load_entry_points()
    for i, plugin in enumerate(plugins):
        plugin_set.register(plugin, f"test-plugin-{i}")
    return load_registry(plugins=plugin_set)


def test_a_plugin_check_adds_its_finding(hub):
    report = check_model(hub.model("norbert3-like"), registry=registry_with(ExplainsRemoteCode()))
    finding = next(f for f in report.findings if f.code == "norbert3.remote-code")
    assert "NorbertForTokenClassification" in finding.message and finding.severity == "warning"
    assert report.verdict == "needs-opt-in"


def test_a_check_that_raises_is_reported_and_the_rest_still_runs(hub):
    report = check_model(hub.model("norbert3-like"), registry=registry_with(Broken(), ExplainsRemoteCode()))
    codes = [f.code for f in report.findings]
    assert "plugin.check-failed" in codes and "norbert3.remote-code" in codes
    failed = next(f for f in report.findings if f.code == "plugin.check-failed")
    assert "KeyError" in failed.message and failed.severity == "warning"


def test_a_check_registered_for_families_runs_for_their_models_only(hub):
    model = hub.model("bert-cased")
    for_bert = check_model(model, registry=registry_with(ForFamilies("bert", "electra")))
    assert [f.message for f in for_bert.findings if f.code == "families.seen"] == [f"{model} is a bert model"]
    for_norbert3 = check_model(model, registry=registry_with(ForFamilies("norbert3")))
    assert not [f for f in for_norbert3.findings if f.code == "families.seen"]
    # The built-in NorBERT 3 check is registered for its family: nothing for a BERT model.
    assert not [f for f in for_bert.findings if f.code == "norbert3.remote-code"]


def test_a_check_that_returns_something_else_than_findings_is_reported(hub):
    report = check_model(hub.model("bert-cased"), registry=registry_with(ReturnsStrings()))
    failed = next(f for f in report.findings if f.code == "plugin.check-failed")
    assert "returned 'not a finding', which is not a Finding" in failed.message
    assert "(plugin 'test-plugin-0')" in failed.message


def test_the_builtin_norbert3_family_explains_its_remote_code(hub):
    report = check_model(hub.model("norbert3-like"), registry=load_registry())
    finding = next(f for f in report.findings if f.code == "norbert3.remote-code")
    assert "configuration_norbert.py, modeling_norbert.py" in finding.message
    assert "defines a token-classification class" in finding.message
    assert "--trust-remote-code" in finding.fix
    assert report.verdict == "needs-opt-in"
