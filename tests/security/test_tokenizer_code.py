"""A model whose only custom code is its tokenizer (an auto_map in tokenizer_config.json).

transformers runs that code on loading when trusted, and silently falls back to a built-in
tokenizer when not: `check` reports it, and it needs --trust-remote-code like model code.
"""

from __future__ import annotations

import json

from tests.support.attacks import cli, code_payload, copy_model, edit_json

TOKENIZER_CODE = """
from transformers import BertTokenizer


class EvilTokenizer(BertTokenizer):
    pass
"""


def tokenizer_with_code(tiny_models, tmp_path, marker):
    folder = copy_model(tiny_models, tmp_path / "custom-tokenizer")
    edit_json(folder / "tokenizer_config.json",
              auto_map={"AutoTokenizer": ["tokenization_evil.EvilTokenizer", None]})
    (folder / "tokenization_evil.py").write_text(code_payload(marker, TOKENIZER_CODE), encoding="utf-8")
    return folder


def test_tokenizer_code_is_reported_and_needs_the_flag(tiny_models, tmp_path, marker, tsa_files, user_home):
    folder = tokenizer_with_code(tiny_models, tmp_path, marker)
    checked = cli("check", folder, "--json")
    report = json.loads(checked.stdout)
    assert checked.exit_code == 20 and report["verdict"] == "needs-opt-in"
    assert "--trust-remote-code" in report["reason"] and report["remote_code"] is True
    finding = next(f for f in report["findings"] if f["code"] == "tokenizer.remote-code")
    assert "tokenization_evil.EvilTokenizer" in finding["message"] and "It was not run" in finding["message"]
    assert report["suggested_args"]["trust_remote_code"] is True

    trained = cli("train", folder, "--train", tsa_files / "train.conll", "--dev", tsa_files / "dev.conll")
    assert trained.exit_code == 2, trained.output
    assert "--trust-remote-code" in trained.output
    assert not (user_home / "data" / "runs").exists()
    assert not marker.exists()


def test_with_the_flag_the_tokenizer_code_runs_and_the_report_says_so(tiny_models, tmp_path, marker):
    folder = tokenizer_with_code(tiny_models, tmp_path, marker)
    checked = cli("check", folder, "--trust-remote-code", "--json")
    report = json.loads(checked.stdout)
    assert marker.exists()  # the payload is live: only the flag kept it from running above
    finding = next(f for f in report["findings"] if f["code"] == "tokenizer.remote-code")
    assert "will run" in finding["message"]
    assert report["tokenizer"]["class"] == "EvilTokenizer"
