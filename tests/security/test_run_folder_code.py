"""Remote code in a shared run folder: modelling .py files and an auto_map in its model, and
args.json saying `trust_remote_code: true, model_type: "auto"`.

Trust comes from the command line of the invocation that loads the run, never from the folder:
predict, evaluate and train --resume refuse, and say that --trust-remote-code is needed.
"""

from __future__ import annotations

import json

import pytest

from tests.support.attacks import as_resumable, cli, code_payload, edit_json

AUTO_MAP = {"AutoConfig": "configuration_evil.EvilConfig",
            "AutoModelForTokenClassification": "modeling_evil.EvilForTokenClassification"}


def plant_code(run, marker, *, claim_trust: bool = True):
    """What an attacker adds to a run before sharing it."""
    for folder in [run / "model", *run.glob("checkpoints/epoch-*")]:
        edit_json(folder / "config.json", auto_map=AUTO_MAP)
        for module in ("configuration_evil.py", "modeling_evil.py"):
            (folder / module).write_text(code_payload(marker), encoding="utf-8")
    if claim_trust:
        edit_json(run / "args.json", trust_remote_code=True, model_type="auto")
    return run


COMMANDS = {
    "predict": lambda run, data: ["predict", run, "Filmen var flott."],
    "evaluate": lambda run, data: ["evaluate", run, "--data", data],
    "train --resume": lambda run, data: ["train", "--resume", as_resumable(run)],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_run_folder_cannot_turn_on_remote_code(run_copy, marker, tsa_files, command):
    run = plant_code(run_copy, marker)
    result = cli(*COMMANDS[command](run, tsa_files / "dev.conll"))
    assert not marker.exists(), "the run folder's code ran"
    assert result.exit_code == 2, result.output
    assert "was trained with the model's own code" in result.output
    assert "--trust-remote-code again" in result.output
    if command == "train --resume":
        assert json.loads((run / "status.json").read_text())["status"] == "cancelled"  # nothing started


@pytest.mark.parametrize("command", COMMANDS)
def test_an_auto_map_in_the_runs_model_needs_the_flag_too(run_copy, marker, tsa_files, command):
    """args.json claims nothing, but the model points to its own code: the message names it."""
    run = plant_code(run_copy, marker, claim_trust=False)
    edit_json(run / "args.json", model_type="auto")
    result = cli(*COMMANDS[command](run, tsa_files / "dev.conll"))
    assert not marker.exists(), "the run folder's code ran"
    assert result.exit_code == 2, result.output
    assert "model/config.json has an auto_map" in result.output and "--trust-remote-code" in result.output
    assert "Traceback" not in result.output


def test_the_flag_of_this_invocation_is_what_lets_the_code_run(run_copy, marker):
    run = plant_code(run_copy, marker)
    cli("predict", run, "Filmen var flott.", "--trust-remote-code")
    assert marker.exists()  # the user's explicit choice: the payload is live
