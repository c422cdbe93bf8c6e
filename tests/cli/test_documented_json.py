"""Every JSON key the README promises is in the commands' output, renamed keys included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def documented(command: str) -> set[str]:
    """The key names (backticked words) of the README's sentence or bullet on `command`."""
    start = README.index(f"`{command} --json`")
    text = README[start:]
    end = min(i for i in (text.find("\n- ", 1), text.find("\n\n"), text.find("; `", 1)) if i > 0)
    # the keys of `speed`'s object, in parentheses, are there only once a model has been measured
    text = re.sub(r"`speed` \(the latest measurement here:[^)]*\)", "`speed`", text[:end])
    return set(re.findall(r"`([a-z][a-z0-9_]*)`", text)) - {command}


def keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for value in data.values() for k in keys(value)}
    if isinstance(data, list):
        return {k for item in data for k in keys(item)}
    return set()


def run(*args: str) -> object:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("args", [["list"], ["show", "xlm-roberta-base"], ["plugins"]])
def test_the_readme_keys_are_in_the_output(args):
    promised = documented(args[0])
    assert len(promised) >= 8, promised  # the README's list was found
    assert promised <= keys(run(*args, "--json"))


def test_the_renamed_show_key_keeps_its_old_name_for_one_release():
    shown = run("show", "bert-base-multilingual-uncased", "--json")
    assert shown["needed_settings"] == shown["settings"] == {"do_lower_case": True}


def test_the_runs_keys_are_in_the_output():
    from tsa_registry.training.request import TrainRequest
    from tsa_registry.training.runs import create_run

    run_folder = create_run(TrainRequest(model="xlm-roberta-base", family="xlmroberta", model_type="xlmroberta",
                                         train="/data/train.conll", dev="/data/dev.conll", epochs=1, batch_size=8,
                                         learning_rate=5e-5))
    run_folder.release()
    assert documented("runs") <= keys(run("runs", "--json"))
