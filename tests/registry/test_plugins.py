"""Plugins: registered in-process on the plugin manager, and installed as real distributions."""

from __future__ import annotations

import json

import pytest

from tsa_registry.families import Family
from tsa_registry.hookspecs import hookimpl
from tsa_registry.plugins import PluginSet
from tsa_registry.registry import load_registry


@pytest.fixture
def plugins():
    """The installed plugins, plus whatever a test registers."""
    plugin_set = PluginSet()
    plugin_set.load_entry_points()
    return plugin_set


class MyBert:
    """A third-party refinement of BERT: claims the same config model_type."""

    @hookimpl
    def register_families(self, register):
        register(Family(name="mybert", title="My BERT", config_model_types=("bert",),
                        simpletransformers_model_type="bert", settings={"fp16": False}))


def test_builtin_families_are_ordinary_entry_point_plugins(plugins):
    registry = load_registry(plugins=plugins)
    builtin = {r.name for r in registry.plugins if r.source == "built-in"}
    assert {"bert", "xlmroberta", "distilbert", "electra", "deberta-v2", "roberta", "camembert",
            "xlm", "modernbert", "norbert3"} <= builtin
    assert registry.families["xlm"].compatibility == "incompatible"
    assert registry.families["norbert3"].compatibility == "needs-opt-in"
    assert registry.families["modernbert"].simpletransformers_model_type == "auto"


def test_family_for_config_by_model_type_and_by_auto_map(plugins):
    registry = load_registry(plugins=plugins)
    assert registry.family_for_config({"model_type": "xlm-roberta"}).name == "xlmroberta"
    norbert3_config = {"auto_map": {"AutoConfig": "configuration_norbert.NorbertConfig",
                                    "AutoModelForTokenClassification": "modeling_norbert.NorbertForTokenClassification"}}
    assert registry.family_for_config(norbert3_config).name == "norbert3"
    assert registry.family_for_config({"model_type": "gpt2"}) is None


def test_third_party_family_wins_a_tie_over_the_builtin_one(plugins):
    plugins.register(MyBert(), "mybert")
    registry = load_registry(plugins=plugins)
    assert registry.family_for_config({"model_type": "bert"}).name == "mybert"
    assert [c.describe() for c in registry.conflicts] == ["model_type 'bert': mybert wins over bert"]


def test_priority_decides_before_origin(plugins):
    class Low(MyBert):
        @hookimpl
        def register_families(self, register):
            register(Family(name="lowbert", title="Low", config_model_types=("bert",),
                            simpletransformers_model_type="bert", priority=-1))

    plugins.register(Low(), "low")
    assert load_registry(plugins=plugins).family_for_config({"model_type": "bert"}).name == "bert"


def test_a_plugin_whose_hook_raises_is_skipped_with_what_it_registered(plugins):
    class Raises:
        @hookimpl
        def register_families(self, register):
            register(Family(name="ghost", title="Ghost", config_model_types=("bert",),
                            simpletransformers_model_type="bert", priority=99))
            raise OSError("cannot read families.json")

    plugins.register(Raises(), "raises")
    registry = load_registry(plugins=plugins)
    assert "ghost" not in registry.families
    assert registry.family_for_config({"model_type": "bert"}).name == "bert"
    report = next(r for r in registry.plugins if r.name == "raises")
    assert report.error == "register_families raised OSError: cannot read families.json"
    assert any("plugin 'raises'" in p and "cannot read families.json" in p for p in registry.problems)


def test_a_malformed_family_is_reported_against_its_plugin(plugins):
    class Malformed:
        @hookimpl
        def register_families(self, register):
            register(Family(name="Bad Name", title="x", simpletransformers_model_type="bert"))

    plugins.register(Malformed(), "malformed")
    report = next(r for r in load_registry(plugins=plugins).plugins if r.name == "malformed")
    assert "family name 'Bad Name'" in report.error


def test_same_family_name_from_two_plugins_is_reported(plugins):
    class AnotherBert:
        @hookimpl
        def register_families(self, register):
            register(Family(name="bert", title="Other", config_model_types=("bert",), simpletransformers_model_type="bert"))

    plugins.register(AnotherBert(), "another")
    registry = load_registry(plugins=plugins)
    assert registry.families["bert"].plugin == "another"
    assert "family 'bert' from plugin 'bert' is shadowed by the one from 'another'" in registry.problems


# Real distributions, installed with pip into their own folder (see conftest.plugin_site).

FUNNEL_ENTRY = '[[model]]\nid = "someone/funnel-no"\nfamily = "funnel"\nstatus = "expected"\nlanguages = ["nb"]\n'


def test_installed_example_plugin_family_appears_in_plugins_and_list(cli_with_plugins, user_registry_file):
    user_registry_file(FUNNEL_ENTRY)
    code, out, err = cli_with_plugins("plugins", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["example"] == {**rows["example"], "source": "tsa-example-plugin", "version": "1.2.0",
                               "families": ["funnel"], "error": None}

    code, out, err = cli_with_plugins("list", "--family", "funnel", "--json")
    assert code == 0
    assert [(row["id"], row["simpletransformers_model_type"]) for row in json.loads(out)] == [("someone/funnel-no", "auto")]

    code, out, _ = cli_with_plugins("show", "someone/funnel-no", "--json")
    assert json.loads(out)["settings"] == {"fp16": False}


def test_installed_plugin_adds_a_command(cli_with_plugins):
    code, out, _ = cli_with_plugins("--help")
    assert "hello" in out and "Say hello from the example plugin." in out
    assert cli_with_plugins("hello")[1] == "hello from tsa-example-plugin\n"


def test_broken_plugins_are_reported_and_the_tool_keeps_working(cli_with_plugins):
    code, out, err = cli_with_plugins("plugins", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["broken-import"]["error"] == (
        "could not be loaded: ModuleNotFoundError: No module named 'a_library_that_is_not_installed'"
    )
    assert rows["broken-hook"]["error"] == "register_families raised RuntimeError: the plugin's data file is missing"
    assert rows["broken-hook"]["families"] == []

    code, out, err = cli_with_plugins("list", "--json")
    assert code == 0 and len(json.loads(out)) >= 14
    assert "plugin 'broken-import' (tsa-broken-plugin) was skipped" in err


def test_plugins_can_be_limited_by_environment(cli_with_plugins, user_registry_file):
    user_registry_file(FUNNEL_ENTRY)
    code, out, err = cli_with_plugins("plugins", "--json", env={"TSA_REGISTRY_PLUGINS": "broken-hook"})
    names = {row["name"] for row in json.loads(out)}
    assert "example" not in names and "broken-hook" in names and "bert" in names
    assert "unknown family 'funnel'" in err


# Plugins that try to end the program, or take a built-in's name (tests/plugins/misbehaving).

def test_plugins_that_exit_or_interrupt_are_reported_and_skipped(cli_with_misbehaving_plugins):
    code, out, err = cli_with_misbehaving_plugins("plugins", "--json")
    assert code == 0, err
    rows = {(row["name"], row["source"]): row for row in json.loads(out)}
    source = "tsa-misbehaving-plugin"
    assert rows[("exits-on-import", source)]["error"] == \
        "could not be loaded: SystemExit: it called sys.exit(3)"
    assert rows[("interrupts-on-import", source)]["error"] == \
        "could not be loaded: KeyboardInterrupt (raised by the plugin, not by Ctrl-C)"
    assert rows[("exits-in-hook", source)]["error"] == \
        "register_families raised SystemExit: it called sys.exit(4)"
    assert "Aborted" not in err

    code, out, err = cli_with_misbehaving_plugins("--help")
    assert code == 0 and "Commands:" in out
    code, out, err = cli_with_misbehaving_plugins("list", "--json")
    assert code == 0 and len(json.loads(out)) >= 14
    assert "plugin 'exits-on-import' (tsa-misbehaving-plugin) was skipped" in err


def test_a_plugin_named_like_a_builtin_is_a_reported_collision(cli_with_misbehaving_plugins):
    code, out, err = cli_with_misbehaving_plugins("plugins", "--json")
    bert = [row for row in json.loads(out) if row["name"] == "bert"]
    assert [(row["source"], row["families"]) for row in bert] == [
        ("built-in", ["bert"]), ("tsa-misbehaving-plugin", [])]
    assert bert[0]["error"] is None
    assert bert[1]["error"].startswith("not loaded: name collision: its entry-point name 'bert' is "
                                       "taken by the built-in plugin 'bert' (tsa_registry_plugins.bert")
    code, out, err = cli_with_misbehaving_plugins("plugins")
    assert out.count("name collision") == 1
    # Every catalogue entry of the built-in family is still there.
    code, out, _ = cli_with_misbehaving_plugins("list", "--family", "bert", "--json")
    code_alone, out_alone, _ = cli_with_misbehaving_plugins(
        "list", "--family", "bert", "--json", env={"TSA_REGISTRY_PLUGINS": ""})
    assert json.loads(out) == json.loads(out_alone) and len(json.loads(out)) >= 7


def test_sys_exit_in_a_hook_registered_at_run_time_is_contained(plugins):
    class Exits:
        @hookimpl
        def register_families(self, register):
            raise SystemExit(0)

    plugins.register(Exits(), "exits")
    registry = load_registry(plugins=plugins)
    report = next(r for r in registry.plugins if r.name == "exits")
    assert report.error == "register_families raised SystemExit: it called sys.exit(0)"
    assert "bert" in registry.families


def test_a_real_ctrl_c_inside_plugin_code_still_stops_the_command(plugins):
    import os
    import signal

    class Slow:
        @hookimpl
        def register_families(self, register):
            os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C while the hook runs
            for _ in range(10_000_000):  # Python raises it here, at its next check for signals
                pass

    plugins.register(Slow(), "slow")
    with pytest.raises(KeyboardInterrupt):
        load_registry(plugins=plugins)
