"""Sweeps on the local executor, end to end with real training processes of tiny models."""

from __future__ import annotations

import json
import shutil
import statistics

import pytest

from tests.support.attacks import cli
from tsa_registry.cpus import cores
from tsa_registry.registry import load_registry
from tsa_registry.sweeps.folder import create_sweep, open_sweep
from tsa_registry.sweeps.local import run_local
from tsa_registry.sweeps.plan import plan_sweep
from tsa_registry.training import events


def sweep_args(tsa_data, *models, seeds="1,2", extra=()):
    return ["sweep", *map(str, models), "--train", tsa_data.train, "--dev", tsa_data.dev, "--test", tsa_data.test,
            "--seeds", seeds, "--epochs", "1", "--batch-size", "16", "--lr", "2e-3", *extra]


def test_two_models_two_seeds_end_to_end(tiny_model, tsa_data, tmp_path):
    folder = tmp_path / "sweep"
    bert, distil = tiny_model("bert"), tiny_model("distilbert")
    dry = cli(*sweep_args(tsa_data, bert, distil, extra=("--output", folder, "--dry-run")))
    assert dry.exit_code == 0, dry.output
    assert "4 to run, 0 already complete" in dry.output and not folder.exists()

    result = cli(*sweep_args(tsa_data, bert, distil, extra=("--output", folder)))
    assert result.exit_code == 0, result.output
    assert "4 of 4 runs complete" in result.output
    runs = sorted(p.name for p in (folder / "runs").iterdir())
    assert runs == [f"{m.name}-s{s}-lr0.002-e1" for m in (bert, distil) for s in (1, 2)]
    # Each is an ordinary run: `runs` lists it, with its seed in args.json.
    listed = json.loads(cli("runs", "--json").stdout)
    assert sorted(r["run"] for r in listed) == runs
    assert json.loads((folder / "runs" / runs[1] / "args.json").read_text())["seed"] == 2

    again = cli(*sweep_args(tsa_data, bert, distil, seeds="1,2,3", extra=("--output", folder, "--dry-run")))
    assert "2 to run, 4 already complete" in again.output, again.output

    # The report's mean ± sd, against numbers computed here from each run's metrics.json.
    report = json.loads(cli("sweep", "report", folder, "--json").stdout)
    for row, model in zip(report, (bert, distil)):
        metrics = [json.loads((folder / "runs" / f"{model.name}-s{s}-lr0.002-e1" / "metrics.json").read_text())
                   for s in (1, 2)]
        for split in ("dev", "test"):
            values = [m[split]["f1"] for m in metrics]
            assert row[split] == {"mean": pytest.approx(statistics.mean(values)),
                                  "sd": pytest.approx(statistics.stdev(values)), "n": 2}
        assert row["best_epochs"] == [1, 1] and row["complete"] == 2
        assert row["wall_seconds"] == pytest.approx(sum(m["duration"] for m in metrics))
    csv = cli("sweep", "report", folder, "--csv").stdout.splitlines()
    assert csv[0].startswith("model,learning_rate,epochs") and len(csv) == 3
    status = cli("sweep", "status", folder)
    assert "4 complete" in status.output


def test_a_failed_run_is_listed_with_its_log_and_resumed(tiny_model, tsa_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(tsa_data.folder, data)
    folder = tmp_path / "sweep"
    model = tiny_model("bert")
    sweep = create_sweep(plan_sweep([str(model)], seeds=[7], registry=load_registry(),
                                    train=data / "train.conll", dev=data / "dev.conll", epochs=[1],
                                    batch_size=16, learning_rate=2e-3), folder)
    (data / "dev.conll").rename(data / "dev.away")  # gone by the time the run starts
    assert run_local(sweep) == {f"{model.name}-s7-lr0.002-e1": "failed"}

    status = cli("sweep", "status", folder)
    assert "1 failed" in status.output
    assert "dev.conll" in status.output and "  | " in status.output  # the end of its train.log
    assert f"sweep resume {folder}" in status.output

    (data / "dev.away").rename(data / "dev.conll")
    resumed = cli("sweep", "resume", folder)
    assert resumed.exit_code == 0, resumed.output
    assert "1 of 1 runs complete" in resumed.output
    assert open_sweep(folder).states()[0].state == "complete"
    assert "Every run is complete" in cli("sweep", "resume", folder).output


def test_a_cancelled_run_goes_on_from_its_saved_epoch(tiny_model, tsa_data, tmp_path):
    model = tiny_model("bert")
    sweep = create_sweep(plan_sweep([str(model)], seeds=[5], registry=load_registry(),
                                    train=tsa_data.train, dev=tsa_data.dev, epochs=[2], batch_size=4,
                                    learning_rate=2e-3), tmp_path / "sweep")  # 24 steps an epoch: time to cancel

    def interrupt_after_epoch_one(key, event):
        if isinstance(event, events.Evaluation):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_local(sweep, on_event=interrupt_after_epoch_one)
    state, = sweep.states()
    assert (state.state, state.epochs_done) == ("cancelled", 1)

    seen: list = []
    results = run_local(sweep, on_event=lambda key, event: seen.append(event))
    assert results == {f"{model.name}-s5-lr0.002-e2": "complete"}
    started, = [e for e in seen if isinstance(e, events.Started)]
    assert started.start_epoch == 1  # epoch 1 was not trained again
    assert [e.epoch for e in seen if isinstance(e, events.Evaluation)] == [2]
    assert sweep.states()[0].epochs_done == 2


def test_runs_side_by_side_share_the_cores(tiny_model, tsa_data, tmp_path):
    """--gpus 0,1 runs two at a time; each gets half the cores, so they do not fight over them
    (on a machine without those GPUs, both train on the CPU)."""
    folder = tmp_path / "sweep"
    result = cli(*sweep_args(tsa_data, tiny_model("bert"), extra=("--output", folder, "--gpus", "0,1")))
    assert result.exit_code == 0, result.output
    assert "2 of 2 runs complete" in result.output
    environments = [json.loads((run / "run.json").read_text())["environment"] for run in (folder / "runs").iterdir()]
    assert [e["cpu_threads"] for e in environments] == [max(1, cores() // 2)] * 2


def test_a_run_that_another_process_trains_is_left_to_it(tiny_model, tsa_data, tmp_path):
    """Two runners on one sweep (the app's `u` and `tsa-registry sweep` in another terminal): a
    run whose lock is held is skipped, never marked failed under the runner that holds it."""
    from tsa_registry.training.runs import create_run

    sweep = create_sweep(plan_sweep([str(tiny_model("bert"))], seeds=[5], registry=load_registry(),
                                    train=tsa_data.train, dev=tsa_data.dev, epochs=[1], batch_size=16),
                         tmp_path / "sweep")
    task = sweep.plan().tasks[0]
    other = create_run(task.request, sweep.run_dir(task.key))  # locked, as its training process holds it
    try:
        assert run_local(sweep) == {task.key: "running"}
        assert other.status()["status"] == "running"  # not marked failed under the other runner
    finally:
        other.set_status("cancelled", "the other runner stopped")
        other.release()
    assert run_local(sweep) == {task.key: "complete"}
