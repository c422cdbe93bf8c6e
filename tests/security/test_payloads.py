"""The payloads the attacks use are live: loaded the unsafe way, each writes its marker.

Without this, a test that finds no marker could be passing because the payload never worked.
"""

from __future__ import annotations

import importlib.util
import pickle

import pytest
import torch

from tests.support.attacks import code_payload, save_pickle_payload


def test_the_pickle_payload_runs_when_unpickled_in_full(tmp_path, marker):
    path = save_pickle_payload(tmp_path / "pytorch_model.bin", marker)
    with pytest.raises(pickle.UnpicklingError):
        torch.load(path, weights_only=True)  # transformers' and tsa-registry's own way: refused
    assert not marker.exists()
    torch.load(path, weights_only=False)
    assert marker.read_text() == "the payload ran"


def test_the_code_payload_runs_when_imported(tmp_path, marker):
    module = tmp_path / "modeling_evil.py"
    module.write_text(code_payload(marker, "VALUE = 1\n"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("modeling_evil", module)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    assert loaded.VALUE == 1 and marker.read_text() == "the remote code ran"
