"""Runs in the Runs view: delete (asks, names the run; never a running one), cancel a run another
process trains (asks first), resume a cancelled run, and quitting with a run left going."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from textual.widgets import DataTable

from tests.support.tui import screen_text, settle, table_ids, toasts
from tests.tui.test_finetune import fill, hub_model_entry, open_form  # noqa: F401 - a fixture
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import create_run


def recorded(root, name: str, status: str = "complete"):
    request = TrainRequest(model="NbAiLab/nb-bert-base", family="bert", model_type="bert", train="/d/train.conll",
                           dev="/d/dev.conll", epochs=3, batch_size=8, learning_rate=5e-5)
    run = create_run(request, output=root / name)
    run.set_status(status)
    run.release()
    return run


async def open_runs(app, pilot) -> DataTable:
    await pilot.press("r")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen.query_one("#leaderboard", DataTable)


async def test_delete_asks_with_the_runs_name_and_deletes_on_yes(make_app, tmp_path):
    run = recorded(tmp_path / "runs", "20250101-120000-old")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_runs(app, pilot)
        assert table_ids(board) == [run.name]
        await pilot.press("delete")
        assert type(app.screen).__name__ == "ConfirmScreen" and run.name in screen_text(app)
        await pilot.press("n")
        assert run.path.is_dir()
        await pilot.press("D", "y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not run.path.exists() and table_ids(board) == []
        assert any(f"Deleted run {run.name}" in toast for toast in toasts(app))


async def test_a_running_run_is_not_deleted(make_app, tmp_path):
    run = recorded(tmp_path / "runs", "20250101-120000-busy", status="running")  # this process: alive
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_runs(app, pilot)
        await pilot.press("delete")
        assert type(app.screen).__name__ == "RunsScreen"
        assert any("it can only be cancelled" in toast for toast in toasts(app))
        assert run.path.is_dir()


async def test_cancelling_a_run_started_elsewhere_asks_first(make_app, tmp_path):
    run = recorded(tmp_path / "runs", "20250101-120000-theirs", status="running")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        status = json.loads(run.file("status.json").read_text())
        run.file("status.json").write_text(json.dumps({**status, "pid": sleeper.pid}))
        app = make_app()
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await open_runs(app, pilot)
            await pilot.press("x")
            assert type(app.screen).__name__ == "ConfirmScreen"
            assert run.name in screen_text(app) and "not started here" in screen_text(app)
            await pilot.press("y")
            await app.workers.wait_for_complete()
            deadline = time.monotonic() + 30
            while sleeper.poll() is None and time.monotonic() < deadline:
                await pilot.pause(0.05)
            assert sleeper.returncode == -15
    finally:
        sleeper.kill()
        sleeper.wait()


async def test_resume_goes_on_with_a_cancelled_run(make_app, hub_model_entry, tsa_files, tmp_path):  # noqa: F811
    app = make_app()
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await open_form(pilot, "bert-cased")
        await fill(pilot, tsa_files, epochs="20")  # still training when x is pressed
        await pilot.press("ctrl+s")
        for _ in range(600):
            await pilot.pause(0.1)
            if app.run_progress and (app.run_progress.steps or app.run_progress.final):
                break
        await pilot.press("x")
        await settle(pilot)
        name = app.run_progress.name
        assert app.run_progress.status == "cancelled"

        await pilot.press("escape")
        await open_runs(app, pilot)
        await pilot.press("u")
        await settle(pilot)
        assert app.run_progress.name == name and app.run_progress.status == "complete", app.run_progress.log
        assert json.loads((tmp_path / "runs" / name / "status.json").read_text())["status"] == "complete"


async def test_quitting_leaves_the_run_going_in_the_background(make_app, hub_model_entry, tsa_files,  # noqa: F811
                                                               tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_form(pilot, "bert-cased")
        await fill(pilot, tsa_files, epochs="40")  # still training when the app is gone
        await pilot.press("ctrl+s")
        for _ in range(600):
            await pilot.pause(0.1)
            if app.run_progress and app.run_progress.started:
                break
        process = app.training
        await pilot.press("q")
        assert "leave it going in the background" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0 and process.popen.poll() is None  # the app is gone, the run goes on
    process.popen.stdout.close()  # as when the app's process ends: nobody reads the events now
    process.popen.wait(timeout=300)
    status = json.loads((tmp_path / "runs" / process.run.name / "status.json").read_text())
    assert status["status"] == "complete", status


def started(run, **progress):
    from tsa_registry.training import events as ev

    run.append_event(ev.Started(run=run.name, model="NbAiLab/nb-bert-base", device="cpu", epochs=3, start_epoch=0,
                                steps_per_epoch=10, total_steps=30, batch_size=8, gradient_accumulation_steps=1,
                                max_seq_length=64, train_sentences=80, time=0))
    if progress:
        run.append_event(ev.Progress(total_steps=30, epoch=1, learning_rate=5e-5, sentences_per_second=40,
                                     elapsed=10, time=0, **progress))


async def test_a_run_that_failed_before_its_first_step_shows_failed(make_app, tmp_path):
    killed = recorded(tmp_path / "runs", "20250101-120000-killed", status="running")
    status = json.loads(killed.file("status.json").read_text())
    killed.file("status.json").write_text(json.dumps({**status, "pid": 2**22 + 7}))  # no such process
    started(killed)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runs(app, pilot)
        await pilot.press("enter")
        await pilot.pause(0.6)
        assert type(app.screen).__name__ == "RunScreen"
        text = screen_text(app)
        assert "failed" in text and "waiting for the first step" not in text and "--%" not in text
        bar = app.screen.query_one("#run-bar")
        assert not bar.display or bar.total is not None  # never the animation of a bar without an end


async def test_a_running_run_shows_the_time_left(make_app, tmp_path):
    run = recorded(tmp_path / "runs", "20250101-120000-going", status="running")  # this process: alive
    started(run, step=5, loss=1.0, eta=125)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_runs(app, pilot)
        await pilot.press("enter")
        await pilot.pause(0.6)
        assert "0:02:05 left" in screen_text(app)
