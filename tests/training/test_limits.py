"""One set of limits for a run's numbers: the `train` options, the terminal UI's fine-tune form
and TrainRequest (args.json) refuse and accept the same values, because all read LIMITS."""

from __future__ import annotations

import click
import msgspec
import pytest

from tsa_registry.cli.training import train
from tsa_registry.training.request import LIMITS, TrainRequest
from tsa_registry.tui.finetune_form import FormErrors, parse_form

OPTIONS = {"epochs": "epochs", "batch_size": "batch_size", "gradient_accumulation_steps": "gradient_accumulation_steps",
           "learning_rate": "learning_rate", "max_seq_length": "max_seq_length"}
REQUEST = dict(model="m", family="bert", model_type="bert", train="a", dev="b", epochs=1, batch_size=8,
               learning_rate=5e-5)


def cli_accepts(name: str, value: float) -> bool:
    option = next(p for p in train.params if p.name == OPTIONS[name])
    try:
        option.type.convert(str(value), option, None)
    except click.BadParameter:
        return False
    return True


def form_accepts(name: str, value: float, tsa_data) -> bool:
    values = {"model": "m", "train": str(tsa_data.train), "dev": str(tsa_data.dev),
              "test": "", "epochs": "", "batch_size": "", "gradient_accumulation_steps": "", "learning_rate": "",
              "max_seq_length": "", "device": "auto", name: str(value)}
    try:
        parse_form(values)
    except FormErrors as err:
        assert set(err.errors) == {name}
        return False
    return True


def request_accepts(name: str, value: float) -> bool:
    try:
        TrainRequest.make(**{**REQUEST, name: value})
    except msgspec.ValidationError:
        return False
    return True


def edges(name: str) -> tuple[list[float], list[float]]:
    """Values just inside and just outside the limit."""
    limit = LIMITS[name]
    if name == "learning_rate":
        return [1e-12, 5e-5, 1e12], [0.0, -1e-5, float("nan"), float("inf")]
    low = int(limit.minimum)
    return [low, low + 1, 10_000], [low - 1, -5]


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_the_option_the_form_and_the_request_agree(name, tsa_data):
    allowed, refused = edges(name)
    for value in allowed:
        assert (cli_accepts(name, value), form_accepts(name, value, tsa_data), request_accepts(name, value)) \
            == (True, True, True), value
    for value in refused:
        assert (cli_accepts(name, value), form_accepts(name, value, tsa_data), request_accepts(name, value)) \
            == (False, False, False), value


def test_an_old_args_json_still_loads(tmp_path):
    """args.json as the pydantic-era TrainRequest wrote it (no auto_batch_size, allow_pickle)."""
    old = tmp_path / "args.json"
    old.write_text("""{
  "model": "NbAiLab/nb-bert-base", "revision": null, "family": "bert", "model_type": "bert",
  "train": "/data/train.conll", "dev": "/data/dev.conll", "test": null, "epochs": 3,
  "batch_size": 16, "gradient_accumulation_steps": 1, "learning_rate": 5e-05,
  "max_seq_length": null, "seed": 42, "device": "auto", "fp16": null, "intensity": false,
  "strict": false, "trust_remote_code": false, "ner_args": {"do_lower_case": true}
}
""", encoding="utf-8")
    request = TrainRequest.load(old)
    assert (request.epochs, request.auto_batch_size, request.ner_args) == (3, False, {"do_lower_case": True})
    request.save(tmp_path / "again.json")
    assert TrainRequest.load(tmp_path / "again.json") == request
    assert '"learning_rate": 5e-05' in (tmp_path / "again.json").read_text(encoding="utf-8")  # readable as before
