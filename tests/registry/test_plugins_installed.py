"""Plugins installed as real distributions with pip (see conftest.plugin_site), run in a new process."""

from __future__ import annotations

import json

FUNNEL_ENTRY = '[[model]]\nid = "someone/funnel-no"\nfamily = "funnel"\nstatus = "expected"\nlanguages = ["nb"]\n'
TRACE = "tsa-registry plugin trace: "


def rows_by_name(out: str) -> dict[str, dict]:
    return {row["name"]: row for row in json.loads(out)}


def test_installed_example_plugin_family_appears_in_plugins_and_list(cli_with_plugins, user_registry_file):
    user_registry_file(FUNNEL_ENTRY)
    code, out, err = cli_with_plugins("plugins", "--json")
    assert code == 0
    rows = rows_by_name(out)
    assert rows["example"] == {**rows["example"], "source": "tsa-example-plugin", "version": "0.1.0",
                               "families": ["funnel"], "checks": 1, "error": None}
    assert rows["example"]["hooks"] == ["register_checks", "register_commands", "register_families"]

    code, out, err = cli_with_plugins("list", "--family", "funnel", "--json")
    assert code == 0
    assert [(row["id"], row["simpletransformers_model_type"]) for row in json.loads(out)] == [
        ("someone/funnel-no", "auto")]

    code, out, _ = cli_with_plugins("show", "someone/funnel-no", "--json")
    assert json.loads(out)["settings"] == {"fp16": False}


def test_installed_plugin_adds_a_command(cli_with_plugins):
    code, out, _ = cli_with_plugins("--help")
    assert "hello" in out and "Say hello from the plugin." in out
    assert cli_with_plugins("hello")[1] == "hello from tsa-example-plugin\n"


def test_broken_plugins_are_reported_and_the_tool_keeps_working(cli_with_plugins):
    code, out, err = cli_with_plugins("plugins", "--json")
    assert code == 0
    rows = rows_by_name(out)
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


# Plugins that try to end the program, fail in register_commands, or take a built-in's name
# (tests/plugins/misbehaving).

def test_plugins_that_exit_or_interrupt_are_reported_and_skipped(cli_with_misbehaving_plugins):
    code, out, err = cli_with_misbehaving_plugins("plugins", "--json")
    assert code == 0, err
    rows = {(row["name"], row["source"]): row for row in json.loads(out)}
    source = "tsa-misbehaving-plugin"
    assert rows[("exits-on-import", source)]["error"] == \
        "could not be loaded: SystemExit: it called sys.exit(3)"
    assert rows[("interrupts-on-import", source)]["error"] == \
        "could not be loaded: KeyboardInterrupt (raised by the plugin, not by Ctrl-C)"
    assert rows[("exits-in-hook", source)]["error"] == (
        "register_families raised SystemExit: it called sys.exit(4); "
        "register_commands raised SystemExit: it called sys.exit(5)")
    assert "Aborted" not in err

    code, out, err = cli_with_misbehaving_plugins("--help")
    assert code == 0 and "Commands:" in out
    code, out, err = cli_with_misbehaving_plugins("list", "--json")
    assert code == 0 and len(json.loads(out)) >= 14
    assert "plugin 'exits-on-import' (tsa-misbehaving-plugin) was skipped" in err


def test_a_failing_register_commands_is_reported_by_plugins_json(cli_with_misbehaving_plugins):
    code, out, err = cli_with_misbehaving_plugins("plugins", "--json")
    assert code == 0, err
    row = rows_by_name(out)["fails-in-commands"]
    assert row["error"] == "register_commands raised RuntimeError: the commands' data file is missing"
    assert row["families"] == ["sturdy"]  # what its other hooks registered still counts
    assert "plugin 'fails-in-commands' adds no command: register_commands raised RuntimeError" in err

    code, out, err = cli_with_misbehaving_plugins("plugins")
    assert "failed: register_commands raised RuntimeError: the commands' data file is missing" in out
    code, out, err = cli_with_misbehaving_plugins("--help")
    assert code == 0 and " half " not in out  # the command it added before raising is not kept
    code, out, err = cli_with_misbehaving_plugins("half")
    assert code == 2 and "No such command 'half'" in err


def test_tracing_shows_every_hook_call_of_a_command(cli_with_misbehaving_plugins):
    code, out, err = cli_with_misbehaving_plugins("plugins", "--json", env={"TSA_REGISTRY_TRACE_PLUGINS": "1"})
    assert code == 0
    json.loads(out)  # the trace goes to stderr only
    lines = err.splitlines()
    assert f"{TRACE}register_families on exits-in-hook raised SystemExit: it called sys.exit(4)" in lines
    assert (f"{TRACE}register_commands on fails-in-commands raised RuntimeError: "
            "the commands' data file is missing") in lines
    assert f"{TRACE}register_families on fails-in-commands: register=<registered: family sturdy>" in lines
    assert (f"{TRACE}register_commands(cli) calls fails-in-commands: "
            "tsa_misbehaving_plugin.fails_in_commands.register_commands") in lines


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
