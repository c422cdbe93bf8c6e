"""A run that never started is not a failed run: when the training process cannot have the
model or the data, no run folder is left behind, and `runs` lists nothing. A run that started
and then failed is kept, to read and to resume."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.registry import load_registry
from tsa_registry.training import events
from tsa_registry.training.plan import plan_training
from tsa_registry.training.process import start_training
from tsa_registry.training.runs import Run, list_runs


def runs_folder_entries(home) -> list[str]:
    runs = home / "data" / "runs"
    return sorted(p.name for p in runs.iterdir()) if runs.exists() else []


def test_a_catalogue_model_that_cannot_be_had_leaves_no_run(tsa_data, home, tmp_path, monkeypatch):
    # A catalogue id is planned from the catalogue alone; the training process then finds the
    # Hub out of reach (offline, an empty cache).
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    output = tmp_path / "my-run"
    for where in ([], ["--output", str(output)]):
        result = CliRunner().invoke(main, ["train", "bert-base-cased", "--train", str(tsa_data.train),
                                           "--dev", str(tsa_data.dev), *where])
        assert result.exit_code == 1
        assert "the run could not start, and nothing was kept: bert-base-cased is not in the " \
               "Hugging Face cache" in result.stderr
        assert "Traceback" not in result.stderr and "train.log" not in result.stderr
        assert runs_folder_entries(home) == [] and list_runs() == []  # no run, no link to one
        assert not output.exists()
    result = CliRunner().invoke(main, ["runs"])
    assert result.exit_code == 0 and "No runs yet" in result.output


def test_data_gone_before_the_process_reads_it_leaves_no_run(tiny_model, tsa_data, home, tmp_path):
    train = shutil.copy(tsa_data.train, tmp_path / "train.conll")
    request = plan_training(str(tiny_model("bert")), train=train, dev=tsa_data.dev,
                            registry=load_registry(), epochs=1, batch_size=16)
    train.unlink()  # planned with it, gone when the training process starts
    process = start_training(request, tmp_path / "run")
    final = list(process.events())[-1]
    assert isinstance(final, events.Failed) and final.kept is False
    assert "train.conll" in final.message
    assert not (tmp_path / "run").exists() and runs_folder_entries(home) == []


def test_a_run_that_started_and_failed_is_kept(tiny_model, tsa_data, home, tmp_path):
    result = CliRunner().invoke(main, [
        "train", str(tiny_model("bert")), "--train", str(tsa_data.train), "--dev", str(tsa_data.dev),
        "--epochs", "1", "--batch-size", "16", "--lr", "1e12", "--output", str(tmp_path / "run")])
    assert result.exit_code == 1 and "training failed" in result.stderr
    run = Run(tmp_path / "run")
    assert run.status()["status"] == "failed" and run.file("train.log").exists()
    final = run.events()[-1]
    assert isinstance(final, events.Failed) and final.kept
    assert [r.name for r in list_runs()] == ["run"]  # listed through its link, to resume
