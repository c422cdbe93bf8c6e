"""`runs rm` (asks, names the runs, refuses running ones), `runs --in FOLDER`, and stopping a
run that another process trains."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from click.testing import CliRunner

from tsa_registry.cli import main
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.run_admin import stop_run
from tsa_registry.training.runs import create_run, list_runs


def finished(output=None, status="complete"):
    request = TrainRequest(model="xlm-roberta-base", family="xlmroberta", model_type="xlmroberta",
                           train="/d/train.conll", dev="/d/dev.conll", epochs=3, batch_size=32, learning_rate=5e-5)
    run = create_run(request, output)
    run.set_status(status)
    run.release()
    return run


def test_rm_names_the_run_asks_and_deletes_only_on_yes(user_home):
    run = finished()
    declined = CliRunner().invoke(main, ["runs", "rm", run.name], input="n\n")
    assert declined.exit_code == 0 and run.name in declined.stdout and "Nothing deleted." in declined.stdout
    assert run.path.is_dir()

    done = CliRunner().invoke(main, ["runs", "rm", run.name], input="y\n")
    assert done.exit_code == 0 and f"Deleted {run.name}." in done.stdout
    assert not run.path.exists() and list_runs() == []


def test_rm_of_a_run_kept_elsewhere_removes_its_folder_and_its_link(user_home, tmp_path):
    run = finished(tmp_path / "elsewhere")
    assert [r.name for r in list_runs()] == ["elsewhere"]  # linked into the runs folder
    done = CliRunner().invoke(main, ["runs", "rm", "elsewhere", "--yes"])
    assert done.exit_code == 0, done.output
    assert not run.path.exists() and list_runs() == []


def test_a_running_run_is_refused_and_kept(user_home):
    run = finished(status="running")  # this process, which is alive: running
    result = CliRunner().invoke(main, ["runs", "rm", run.name, "--yes"])
    assert result.exit_code == 2 and "is running: a running run can only be cancelled" in result.stderr
    assert run.path.is_dir()


def test_runs_in_a_folder_lists_only_the_runs_there(user_home, tmp_path):
    mine, other = finished(tmp_path / "project" / "a"), finished()
    rows = json.loads(CliRunner().invoke(main, ["runs", "--json", "--in", str(tmp_path / "project")]).stdout)
    assert [row["run"] for row in rows] == [mine.name]
    assert {row["run"] for row in json.loads(CliRunner().invoke(main, ["runs", "--json"]).stdout)} == {
        mine.name, other.name}


def test_stopping_a_run_that_another_process_trains(user_home):
    """SIGTERM to the process that status.json names; it is the process's to mark the run."""
    run = finished(status="running")  # on this machine
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        status = run.status()
        status.update(status="running", pid=sleeper.pid)
        run.file("status.json").write_text(json.dumps(status), encoding="utf-8")
        stop_run(run)
        deadline = time.monotonic() + 30
        while sleeper.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sleeper.returncode == -15  # SIGTERM
    finally:
        sleeper.kill()
        sleeper.wait()
