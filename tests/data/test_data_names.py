"""`norec_tsa` in place of a data file: downloaded on first use, a file of that name still wins,
and the data's licence condition follows the model trained on it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.runs import trained_run, tsa_data  # noqa: F401 - shared fixtures
from tsa_registry.data.terms import terms_of


def cli(*args: str, cwd=None, **env: str):
    return subprocess.run([sys.executable, "-m", "tsa_registry", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env={**os.environ, **env})


def test_speed_reads_the_dev_split_after_downloading_it(norec_hub, tmp_path, tiny_models, user_home):
    done = cli("speed", str(tiny_models.get("bert")), "--data", "norec_tsa", "--sentences", "4", "--json",
               HF_HOME=str(tmp_path / "hf"))
    assert done.returncode == 0, done.stderr
    assert "Downloading data/validation-00000-of-00001.parquet" in done.stderr  # lines, not a bar: no TTY
    dev = user_home / "data" / "datasets" / "norec_tsa" / "default" / "dev.conll"
    assert str(dev) in done.stdout  # the measurement names the file it timed


def test_offline_without_a_copy_train_says_what_to_do(tmp_path, tiny_models):
    done = cli("train", str(tiny_models.get("bert")), "--train", "norec_tsa", "--dev", "norec_tsa",
               "--output", str(tmp_path / "run"), HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    assert done.returncode == 1, done.stderr
    assert "norec_tsa" in done.stderr and "HF_HUB_OFFLINE" in done.stderr
    assert not (tmp_path / "run").exists()


def test_a_file_named_like_the_data_set_wins(tmp_path, tsa_data):  # noqa: F811
    (tmp_path / "norec_tsa").write_bytes(tsa_data.dev.read_bytes())
    done = cli("score", "norec_tsa", str(tsa_data.dev), "--json", cwd=tmp_path, HF_HUB_OFFLINE="1")
    assert done.returncode == 0, done.stderr
    assert '"f1": 1.0' in done.stdout  # the file against itself, nothing downloaded


def test_a_file_in_the_data_folder_carries_the_non_commercial_condition(user_home, tsa_data):  # noqa: F811
    folder = user_home / "data" / "datasets" / "norec_tsa" / "default"
    folder.mkdir(parents=True)
    (folder / "train.conll").write_bytes(tsa_data.train.read_bytes())
    terms = terms_of(folder / "train.conll")
    assert terms is not None and terms.data_set == "norec_tsa" and terms.licence == "cc-by-nc-4.0"
    assert "non-commercial" in terms.caveat
    assert terms_of(tsa_data.train) is None  # data of one's own carries no condition


def test_a_run_on_other_data_has_no_caveat(trained_run, user_home):  # noqa: F811
    done = cli("show", str(trained_run.path))
    assert done.returncode == 0, done.stderr
    assert "dev F1" in done.stdout and "commercial" not in done.stdout
    assert "licence" not in (trained_run.model_dir / "README.md").read_text(encoding="utf-8").lower()
