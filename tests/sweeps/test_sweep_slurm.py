"""Sweeps through a real single-node Slurm (slurmctld, slurmd, munge; tests/support/slurm.py):
job arrays submitted by submitit, faults made with Slurm's own commands."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess

import pytest

from tests.support.attacks import cli
from tests.support.slurm import wait_until
from tsa_registry.sweeps.folder import open_sweep
from tsa_registry.sweeps.slurm import queued

pytestmark = pytest.mark.usefixtures("slurm_cluster")
# Enough epochs of the tiny model that a task is still running for a few seconds after it saved
# epoch 1, when the tests requeue or cancel it.
LONG = "60"
SLURM = ("--executor", "slurm", "--cpus-per-task", "1", "--mem", "2G", "--time", "60", "--parallel", "2")


def sweep_args(train, dev, *models, seeds="1,2", epochs="1", test=None, extra=()):
    return ["sweep", *map(str, models), "--train", train, "--dev", dev, *(("--test", test) if test else ()),
            "--seeds", seeds, "--epochs", epochs, "--batch-size", "16", "--lr", "2e-3", *SLURM, *extra]


def started_epochs(run_folder) -> list[int]:
    lines = (run_folder / "progress.jsonl").read_text().splitlines()
    return [json.loads(line)["start_epoch"] for line in lines if '"event":"started"' in line.replace(" ", "")]


def test_two_models_two_seeds_through_a_job_array(tiny_model, tsa_data, tmp_path):
    folder = tmp_path / "sweep"
    bert, distil = tiny_model("bert"), tiny_model("distilbert")
    result = cli(*sweep_args(tsa_data.train, tsa_data.dev, bert, distil, test=tsa_data.test,
                             extra=("--output", folder)))
    assert result.exit_code == 0, result.output
    assert "4 of 4 runs complete" in result.output
    submission, = open_sweep(folder).jobs().submissions
    assert submission.executor == "slurm" and submission.job_id
    # One array, throttled by --parallel.
    script = (folder / "slurm" / submission.job_id / f"{submission.job_id}_submission.sh").read_text()
    assert "#SBATCH --array=0-3%2" in script and "#SBATCH --requeue" in script

    report = json.loads(cli("sweep", "report", folder, "--json").stdout)
    for row, model in zip(report, (bert, distil)):
        values = [json.loads((folder / "runs" / f"{model.name}-s{s}-lr0.002-e1" / "metrics.json").read_text())
                  ["test"]["f1"] for s in (1, 2)]
        assert row["test"] == {"mean": pytest.approx(statistics.mean(values)),
                               "sd": pytest.approx(statistics.stdev(values)), "n": 2}
    # Each task trains on the one CPU it asked for (--cpus-per-task 1), not on every core.
    threads = {json.loads((run / "run.json").read_text())["environment"]["cpu_threads"]
               for run in (folder / "runs").iterdir()}
    assert threads == {1}


def test_a_failed_task_is_listed_and_resubmitted(tiny_model, tsa_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(tsa_data.folder, data)
    folder = tmp_path / "sweep"
    model = tiny_model("bert")
    # Planned with the file there, then the file goes: the task fails on the node.
    planned = cli(*sweep_args(data / "train.conll", data / "dev.conll", model, seeds="1",
                              extra=("--output", folder, "--detach")))
    assert planned.exit_code == 0, planned.output
    (data / "dev.conll").rename(data / "dev.away")
    sweep = open_sweep(folder)
    wait_until(lambda: sweep.states(queued(sweep))[0].state == "failed", 120, "the task to fail")
    status = cli("sweep", "status", folder)
    assert "1 failed" in status.output and "dev.conll" in status.output and "  | " in status.output

    (data / "dev.away").rename(data / "dev.conll")
    resumed = cli("sweep", "resume", folder)
    assert resumed.exit_code == 0, resumed.output
    assert "1 of 1 runs complete" in resumed.output
    assert [s.executor for s in sweep.jobs().submissions] == ["slurm", "slurm"]


def act_after_epoch_one(sweep, actions: dict[str, list[str]]) -> None:
    """Runs actions[key] + [job] on each task as soon as it has saved epoch 1 and is still
    running: each task on its own, since array tasks start and end at different times."""
    def act():
        for state in sweep.states(queued(sweep)):
            if state.key in actions and state.state == "running" and state.epochs_done >= 1:
                subprocess.run([*actions.pop(state.key), state.job], check=True)
        return not actions

    wait_until(act, 180, f"{', '.join(actions)} to finish an epoch")


def test_requeue_and_scancel_go_on_from_the_saved_epoch(tiny_model, tsa_data, tmp_path):
    folder = tmp_path / "sweep"
    started = cli(*sweep_args(tsa_data.train, tsa_data.dev, tiny_model("bert"), epochs=LONG,
                              extra=("--output", folder, "--detach")))
    assert started.exit_code == 0, started.output
    sweep = open_sweep(folder)
    requeued, cancelled = (t.key for t in sweep.plan().tasks)
    act_after_epoch_one(sweep, {requeued: ["scontrol", "requeue"],  # as preemption does
                                cancelled: ["scancel"]})

    def settled():
        states = {s.key: s.state for s in sweep.states(queued(sweep))}
        return states[requeued] == "complete" and states[cancelled] in ("cancelled", "failed")

    wait_until(settled, 240, "the requeued task to complete and the cancelled one to stop")
    epochs = started_epochs(sweep.run_dir(requeued))
    assert len(epochs) == 2 and epochs[0] == 0 and epochs[1] >= 1

    resumed = cli("sweep", "resume", folder)
    assert resumed.exit_code == 0, resumed.output
    first, again = started_epochs(sweep.run_dir(cancelled))
    assert first == 0 and again >= 1  # went on from its saved epoch
    assert all(s.state == "complete" and s.epochs_done == int(LONG) for s in sweep.states())


def test_a_profile_and_the_sbatch_script_submitted_by_hand(tiny_model, tsa_data, tmp_path, user_home):
    (user_home / "config").mkdir(parents=True)
    (user_home / "config" / "clusters.toml").write_text(
        '[profiles.here]\npartition = "debug"\ntime = "1:00:00"\ncpus_per_task = 1\nmem = "2G"\n'
        'setup = ["echo profile-setup-ran"]\n', encoding="utf-8")
    folder = tmp_path / "sweep"
    made = cli("sweep", tiny_model("bert"), "--train", tsa_data.train, "--dev", tsa_data.dev, "--seeds", "1",
               "--epochs", "1", "--output", folder, "--executor", "sbatch", "--profile", "here", "--mem", "3G")
    assert made.exit_code == 0, made.output
    script = (folder / "sweep.sbatch").read_text()
    assert "#SBATCH --partition=debug" in script and "#SBATCH --time=60" in script
    assert "#SBATCH --mem=3G" in script  # the command line over the profile
    assert "echo profile-setup-ran" in script and "#SBATCH --array=0-0%1" in script

    submitted = subprocess.run(["sbatch", "--parsable", folder / "sweep.sbatch"], capture_output=True, text=True,
                               cwd=tmp_path, check=True)
    job = submitted.stdout.strip().split(";")[0]
    sweep = open_sweep(folder)
    wait_until(lambda: sweep.states()[0].state == "complete", 120, f"job {job} to complete the run")
    log = next((folder / "slurm").glob("*_log.out")).read_text()
    assert "profile-setup-ran" in log

    again = cli("sweep", "resume", folder)  # submitted by hand, and found complete
    assert again.exit_code == 0 and "Every run is complete" in again.output

    unknown = cli("sweep", tiny_model("bert"), "--train", tsa_data.train, "--dev", tsa_data.dev, "--seeds", "1",
                  "--output", tmp_path / "other", "--executor", "sbatch", "--profile", "elsewhere")
    assert unknown.exit_code == 2 and "has no [profiles.elsewhere]; it has: here" in unknown.output


def test_the_warning_before_a_time_limit_requeues_through_submitit_checkpointing(tiny_model, tsa_data, tmp_path):
    """USR2 is what Slurm sends before --time runs out: submitit calls the task's checkpoint(),
    requeues it, and the task goes on from the run's saved epoch."""
    folder = tmp_path / "sweep"
    started = cli(*sweep_args(tsa_data.train, tsa_data.dev, tiny_model("bert"), seeds="1", epochs=LONG,
                              extra=("--output", folder, "--detach")))
    assert started.exit_code == 0, started.output
    sweep = open_sweep(folder)
    key, = (t.key for t in sweep.plan().tasks)
    act_after_epoch_one(sweep, {key: ["scancel", "--signal=USR2"]})
    wait_until(lambda: sweep.states(queued(sweep))[0].state == "complete", 240, "the requeued task to complete")
    run = sweep.run_dir(key)
    first, again = started_epochs(run)
    assert first == 0 and again >= 1
    log = "".join(p.read_text() for p in (folder / "slurm").rglob("*_log.*"))
    assert "Calling checkpoint method" in log and "Requeued job" in log, log[-2000:]
