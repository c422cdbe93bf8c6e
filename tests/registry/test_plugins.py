"""Plugins registered in-process on a plugin manager of the test's own, as a plugin author would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest

import tsa_registry
from tsa_registry import Family, Finding, hookimpl
from tsa_registry.plugins import PluginSet, load_plugins
from tsa_registry.registry import Registry, load_registry


@pytest.fixture
def plugins() -> PluginSet:
    """The installed plugins, plus whatever a test registers."""
    return load_plugins()


def report(registry: Registry, name: str):
    return next(r for r in registry.plugins if r.name == name)


def funnel(**fields) -> Family:
    return Family(**{"name": "funnel", "title": "Funnel", "config_model_types": ("funnel",),
                     "simpletransformers_model_type": "auto", **fields})


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
    norbert3_config = {"auto_map": {
        "AutoConfig": "configuration_norbert.NorbertConfig",
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
    assert report(registry, "raises").error == "register_families raised OSError: cannot read families.json"
    assert any("plugin 'raises'" in p and "cannot read families.json" in p for p in registry.problems)


def test_errors_are_not_forgotten_by_the_next_load(plugins):
    class Raises:
        @hookimpl
        def register_checks(self, register):
            raise RuntimeError("no checks today")

    plugins.register(Raises(), "raises")
    first, second = load_registry(plugins=plugins), load_registry(plugins=plugins)
    assert report(first, "raises").error == report(second, "raises").error == \
        "register_checks raised RuntimeError: no checks today"
    with pytest.raises(FrozenInstanceError):
        plugins.infos[0].load_error = "changed"  # type: ignore[misc]


def test_a_malformed_family_is_reported_against_its_plugin(plugins):
    class Malformed:
        @hookimpl
        def register_families(self, register):
            register(Family(name="Bad Name", title="x", simpletransformers_model_type="bert"))

    class NotAFamily:
        @hookimpl
        def register_families(self, register):
            register({"name": "funnel"})

    plugins.register(Malformed(), "malformed")
    plugins.register(NotAFamily(), "not-a-family")
    registry = load_registry(plugins=plugins)
    assert "family name 'Bad Name'" in report(registry, "malformed").error
    assert report(registry, "not-a-family").error == \
        "register_families raised TypeError: register() takes a tsa_registry.Family, not {'name': 'funnel'}"


def test_same_family_name_from_two_plugins_is_reported(plugins):
    class AnotherBert:
        @hookimpl
        def register_families(self, register):
            register(Family(name="bert", title="Other", config_model_types=("bert",),
                            simpletransformers_model_type="bert"))

    plugins.register(AnotherBert(), "another")
    registry = load_registry(plugins=plugins)
    assert registry.families["bert"].plugin == "another"
    assert "family 'bert' from plugin 'bert' is shadowed by the one from 'another'" in registry.problems


# Hooks go through pluggy: implementations take the arguments they name, wrappers run, tracers see.

def test_an_implementation_may_take_fewer_arguments_than_its_hook(plugins):
    ran = []

    class NoArguments:
        @hookimpl
        def register_checks(self):  # pluggy passes only the arguments an implementation names
            ran.append("register_checks")

    plugins.register(NoArguments(), "no-arguments")
    registry = load_registry(plugins=plugins)
    assert ran == ["register_checks"]
    assert report(registry, "no-arguments").error is None
    assert report(registry, "no-arguments").hooks == ("register_checks",)


class FallsBack:
    """Its family needs a library that may be missing; its wrapper registers a plainer one."""

    @hookimpl
    def register_families(self, register):
        raise ImportError("funnel_extras is not installed")

    @hookimpl(wrapper=True, specname="register_families")
    def fall_back(self, register):
        try:
            return (yield)
        except ImportError:
            register(funnel(problems=("funnel_extras is missing: the plain family is used.",)))
            return []


def test_a_wrapper_wraps_its_plugins_implementation(plugins):
    plugins.register(FallsBack(), "falls-back")
    registry = load_registry(plugins=plugins)
    assert report(registry, "falls-back").error is None
    assert report(registry, "falls-back").families == ("funnel",)
    assert registry.family_for_config({"model_type": "funnel"}).problems == (
        "funnel_extras is missing: the plain family is used.",)


def test_a_wrapper_that_raises_fails_its_own_plugin_only(plugins):
    class BrokenWrapper:
        @hookimpl
        def register_families(self, register):
            register(funnel())

        @hookimpl(wrapper=True, specname="register_families")
        def check_what_was_registered(self, register):
            yield
            raise ValueError("the wrapper rejects it")

    plugins.register(BrokenWrapper(), "broken-wrapper")
    plugins.register(MyBert(), "mybert")
    registry = load_registry(plugins=plugins)
    assert report(registry, "broken-wrapper").error == "register_families raised ValueError: the wrapper rejects it"
    assert "funnel" not in registry.families
    assert report(registry, "mybert").error is None and "mybert" in registry.families


def test_tracing_prints_each_hook_call_and_its_outcome(monkeypatch, capsys):
    class Raises:
        @hookimpl
        def register_families(self, register):
            raise RuntimeError("no families today")

    monkeypatch.setenv("TSA_REGISTRY_TRACE_PLUGINS", "1")
    plugins = load_plugins(only=())
    plugins.register(FallsBack(), "falls-back")
    plugins.register(Raises(), "raises")
    load_registry(plugins=plugins)
    lines = capsys.readouterr().err.splitlines()
    prefix = "tsa-registry plugin trace: "
    assert f"{prefix}register_families on bert: register=<registered: family bert>" in lines
    assert (f"{prefix}register_families(register) calls falls-back: {__name__}.FallsBack.register_families, "
            f"falls-back: {__name__}.FallsBack.fall_back (wrapper)") in lines
    assert f"{prefix}register_families on falls-back: register=<registered: family funnel>" in lines
    assert f"{prefix}register_families on raises raised RuntimeError: no families today" in lines
    assert f"{prefix}register_checks on norbert3: register=<registered: check explain_remote_code>" in lines


def test_no_trace_unless_asked(plugins, capsys):
    load_registry(plugins=plugins)
    assert "trace" not in capsys.readouterr().err


# Checks registered for families.

class ChecksFunnel:
    @hookimpl
    def register_families(self, register):
        register(funnel())

    @hookimpl
    def register_checks(self, register):
        register(self.only_funnel, families=("funnel",))
        register(self.every_model)

    def only_funnel(self, facts, family):
        yield Finding("funnel.seen", "ok", "a Funnel model")

    def every_model(self, facts, family):
        return [Finding("any.seen", "ok", "a model")]


def test_a_check_registered_for_families_runs_only_for_them(plugins):
    plugins.register(ChecksFunnel(), "checks-funnel")
    registry = load_registry(plugins=plugins)
    mine = [c.name for c in registry.checks_for(registry.family("funnel")) if c.plugin == "checks-funnel"]
    assert mine == ["ChecksFunnel.only_funnel", "ChecksFunnel.every_model"]
    assert [c.name for c in registry.checks_for(registry.family("bert"))] == ["ChecksFunnel.every_model"]
    assert [c.name for c in registry.checks_for(None)] == ["ChecksFunnel.every_model"]
    assert [c.name for c in registry.checks_for(registry.family("norbert3"))] == [
        "explain_remote_code", "ChecksFunnel.every_model"]
    assert report(registry, "checks-funnel").checks == 2


def test_families_must_be_names_not_one_string(plugins):
    class OneString:
        @hookimpl
        def register_checks(self, register):
            register(lambda facts, family: None, families="funnel")

    plugins.register(OneString(), "one-string")
    registry = load_registry(plugins=plugins)
    assert report(registry, "one-string").error == \
        "register_checks raised TypeError: families= takes family names such as ('bert',), not 'funnel'"
    assert not [c for c in registry.checks if c.plugin == "one-string"]


# One import for a plugin author.

def test_the_package_exports_what_a_plugin_needs():
    from tsa_registry.check.findings import Finding as HomeFinding
    from tsa_registry.hookspecs import Check
    from tsa_registry.hookspecs import hookimpl as home_hookimpl

    assert {"hookimpl", "Family", "Finding", "Check", "ModelFacts"} <= set(tsa_registry.__all__)
    assert (tsa_registry.hookimpl, tsa_registry.Finding, tsa_registry.Check) == (home_hookimpl, HomeFinding, Check)
    assert all(getattr(tsa_registry, name) is not None for name in tsa_registry.__all__)
    with pytest.raises(AttributeError):
        tsa_registry.NoSuchName  # noqa: B018


def test_importing_the_package_imports_nothing_more():
    probe = ("import sys, tsa_registry; "
             "print(sorted(m for m in sys.modules if m.startswith(('tsa_registry', 'pluggy', 'yaml'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['tsa_registry']"


# Sturdiness: a plugin cannot end the command; a real Ctrl-C still does.

def test_sys_exit_in_a_hook_registered_at_run_time_is_contained(plugins):
    class Exits:
        @hookimpl
        def register_families(self, register):
            raise SystemExit(0)

    plugins.register(Exits(), "exits")
    registry = load_registry(plugins=plugins)
    assert report(registry, "exits").error == "register_families raised SystemExit: it called sys.exit(0)"
    assert "bert" in registry.families


def test_a_real_ctrl_c_inside_plugin_code_still_stops_the_command(plugins):
    class Slow:
        @hookimpl
        def register_families(self, register):
            os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C while the hook runs
            for _ in range(10_000_000):  # Python raises it here, at its next check for signals
                pass

    plugins.register(Slow(), "slow")
    with pytest.raises(KeyboardInterrupt):
        load_registry(plugins=plugins)
