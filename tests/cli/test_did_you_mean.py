"""A mistyped command or catalogue id gets "Did you mean": for commands, and for `check`, `train`
and `speed` of an id that is near one in the catalogue. A model that cannot be read is never
called one that "cannot be fine-tuned"."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.near import near_ids

CATALOGUE = ["ltg/norbert3-base", "ltg/norbert3-large", "ltg/norbert3-small", "NbAiLab/nb-bert-base",
             "xlm-roberta-base", "xlm-roberta-large", "bert-base-multilingual-cased",
             "bert-base-multilingual-uncased", "vesteinn/ScandiBERT"]


@pytest.mark.parametrize("typed, meant", [
    ("norbert3-base", ["ltg/norbert3-base"]),  # the name without its owner
    ("ltg/norbert3-bse", ["ltg/norbert3-base"]),
    ("NorBERT3-Large", ["ltg/norbert3-large"]),  # any case
    ("scandibert", ["vesteinn/ScandiBERT"]),
    ("nb-bert-base", ["NbAiLab/nb-bert-base"]),
    ("bert-base-multilingual", ["bert-base-multilingual-cased", "bert-base-multilingual-uncased"]),
    ("ltg/norbert3-base", []),  # an id of the catalogue is no mistake
    ("someone/gpt2-norsk", []),  # nothing near: no guess
])
def test_near_ids(typed, meant):
    assert near_ids(typed, CATALOGUE) == meant


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("typed, meant", [("lst", "list"), ("chek", "check"), ("trian", "train"),
                                          ("sped", "speed"), ("tiny-modle", "tiny-model")])
def test_a_mistyped_command_gets_the_command_it_resembles(typed, meant):
    status, _, err = invoke(typed)
    assert status == 2
    assert f"No such command '{typed}'. Did you mean '{meant}'?" in err


def test_a_command_resembling_none_gets_no_guess():
    status, _, err = invoke("xyzzy")
    assert status == 2 and "No such command 'xyzzy'." in err and "Did you mean" not in err


def test_check_of_a_near_id_suggests_the_catalogue_one(hub):
    status, out, _ = invoke("check", "norbert3-base")
    assert status == 40 and "was not found on the Hub" in out
    assert "Did you mean ltg/norbert3-base (in the catalogue)?" in out


def test_train_of_a_near_id_says_it_was_not_found_not_that_it_cannot_be_trained(hub, tsa_data, user_home):
    status, _, err = invoke("train", "norbert3-base", "--train", str(tsa_data.train), "--dev", str(tsa_data.dev))
    assert status == 2
    assert "norbert3-base was not found on the Hub" in err and "Did you mean ltg/norbert3-base" in err
    assert "cannot be fine-tuned" not in err


def test_train_of_an_unreachable_model_says_so(tsa_data, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on: the Hub refuses connections
        probe.bind(("127.0.0.1", 0))
        endpoint = f"http://127.0.0.1:{probe.getsockname()[1]}"
    done = subprocess.run([sys.executable, "-m", "tsa_registry", "train", "ltg/norbert3-bse",
                           "--train", str(tsa_data.train), "--dev", str(tsa_data.dev)],
                          capture_output=True, text=True, env={**os.environ, "HF_ENDPOINT": endpoint})
    assert done.returncode == 2
    assert "cannot reach the Hub" in done.stderr and "Did you mean ltg/norbert3-base" in done.stderr
    assert "cannot be fine-tuned" not in done.stderr


def test_speed_of_a_near_id_suggests_the_catalogue_one(hub):
    status, _, err = invoke("speed", "xlm-roberta-bas")
    assert status == 2
    assert "xlm-roberta-bas was not found on the Hub" in err and "Did you mean xlm-roberta-base" in err
