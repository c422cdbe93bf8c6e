"""Training in its own process, driven as a user drives it: the CLI, cancel, a crash, resume,
then evaluation, prediction and the leaderboard on the finished run.

One story, because each training process costs seconds to start (it imports Simpletransformers).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import torch
from click.testing import CliRunner
from safetensors.torch import load_file

from tsa_registry.cli import main
from tsa_registry.task.conll import read_conll
from tsa_registry.training import events
from tsa_registry.training.process import resume_training
from tsa_registry.training.runs import Run, create_run, open_run
from tsa_registry.training.worker.loop import train_run


def cancel_after_first_epoch(runs_folder):
    """Like a second terminal (or the TUI) that cancels the run once epoch 1 is evaluated."""
    def watch():
        deadline = time.time() + 120
        while time.time() < deadline:
            for log in runs_folder.glob("*/progress.jsonl"):
                if '"event": "evaluation"' in log.read_text(encoding="utf-8"):
                    os.kill(Run(log.parent).status()["pid"], signal.SIGTERM)
                    return
            time.sleep(0.05)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_a_run_cancelled_then_crashed_resumes_to_the_same_result(tiny_model, tsa_data, home,
                                                                  tmp_path):
    runner = CliRunner()
    watcher = cancel_after_first_epoch(home / "data" / "runs")
    result = runner.invoke(main, [
        "train", str(tiny_model("bert")), "--train", str(tsa_data.train), "--dev", str(tsa_data.dev),
        "--epochs", "3", "--batch-size", "4", "--lr", "2e-3", "--json"])  # 24 steps an epoch: time to cancel
    watcher.join()
    # Cancelled: recorded as such, never as complete, with the epoch 1 checkpoint kept.
    assert result.exit_code == 130, result.output
    stream = [events.decode(line) for line in result.stdout.splitlines()]
    assert isinstance(stream[-1], events.Cancelled)
    assert [e.step for e in stream if isinstance(e, events.Progress)][:6] == list(range(1, 7))
    (folder,) = (home / "data" / "runs").iterdir()  # the default place for runs
    run = open_run(folder.name)
    assert run.status()["status"] == "cancelled"
    assert [epoch for epoch, _ in run.checkpoints()] == [1]

    # Resumed, then killed outright after epoch 2: the run is marked failed, not running.
    process = resume_training(run)
    seen = []
    for event in process.events():
        seen.append(event)
        if isinstance(event, events.Evaluation):
            os.kill(process.pid, signal.SIGKILL)
    assert next(e for e in seen if isinstance(e, events.Started)).start_epoch == 1
    assert next(e for e in seen if isinstance(e, events.Progress)).step == 25  # epoch 2's first
    assert run.effective_status()[0] == "failed"
    assert "ended with code -9" in run.status()["message"]
    assert [epoch for epoch, _ in run.checkpoints()] == [2]

    # Resumed again from the command line, with its progress display: epoch 3 only.
    result = runner.invoke(main, ["train", "--resume", str(folder)])
    assert result.exit_code == 0, result.output
    assert "epoch 3: dev F1" in result.stdout and "epoch 2: dev F1" not in result.stdout
    assert "Done: best epoch" in result.stdout
    assert run.status()["status"] == "complete"
    result = runner.invoke(main, ["train", "--resume", str(folder)])
    assert result.exit_code == 2 and "is complete" in result.output

    # The same run without interruption: the same epochs, losses, scores and weights.
    straight = create_run(run.request(), tmp_path / "straight")
    train_run(straight, lambda event: None)
    assert straight.metrics()["history"] == run.metrics()["history"]
    resumed = load_file(run.file("checkpoints/epoch-3/model.safetensors"))
    uninterrupted = load_file(straight.file("checkpoints/epoch-3/model.safetensors"))
    assert all(torch.equal(resumed[k], uninterrupted[k]) for k in resumed)

    # Evaluate, predict, and the leaderboard, on the finished run.
    result = runner.invoke(main, ["evaluate", str(folder), "--data", str(tsa_data.dev), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["f1"] == run.metrics()["dev"]["f1"]
    assert set(scores["per_polarity"]) == {"Positive", "Negative"}
    assert set(scores["target_only"]) >= {"f1", "precision", "recall"}
    result = runner.invoke(main, ["evaluate", str(folder), "--data", str(tsa_data.dev)])
    assert "all targets" in result.stdout and "target only" in result.stdout

    sentence = "Filmen var flott, men lyden var dårlig."
    result = runner.invoke(main, ["predict", str(folder), sentence, "--json"])
    assert result.exit_code == 0, result.output
    prediction = json.loads(result.stdout)
    assert prediction["text"] == sentence
    assert prediction["tokens"] == ["Filmen", "var", "flott", ",", "men", "lyden", "var", "dårlig", "."]
    assert all(sentence[t["start"]:t["end"]] == t["text"] for t in prediction["targets"])
    text_file = tmp_path / "sentences.txt"
    text_file.write_text("Boka var kjedelig .\n\nMaten var god .\n", encoding="utf-8")
    result = runner.invoke(main, ["predict", str(folder), "--file", str(text_file), "--json"])
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [
        "Boka var kjedelig .", "Maten var god ."]
    result = runner.invoke(main, ["predict", str(folder), "--file", str(tsa_data.test), "--json"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["sent_id"] for p in lines] == [s.sent_id for s in read_conll(tsa_data.test).sentences]

    result = runner.invoke(main, ["runs", "--json"])
    rows = json.loads(result.stdout)
    assert [(r["run"], r["status"], r["dev_f1"], r["test_f1"]) for r in rows] == [
        (run.name, "complete", scores["f1"], None), ("straight", "complete", scores["f1"], None)]
    assert run.name in runner.invoke(main, ["runs"]).stdout
