"""Snapshots of the main screens (pytest-textual-snapshot), on fixed data.

Update them after an intended change of the look: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tsa_registry.training import events as ev
from tsa_registry.training.request import TrainRequest
from tsa_registry.training.runs import create_run

RUN = "20250101-120000-tiny-bert"


@pytest.fixture
def recorded_run(tmp_path, monkeypatch):
    """A finished run in the test's own folder, made the home folder so that the screens show
    the same path (`~/runs/...`) every time, whichever worker runs the test."""
    monkeypatch.setenv("HOME", str(tmp_path))
    root = tmp_path / "runs"
    request = TrainRequest(model="NbAiLab/nb-bert-base", family="bert", model_type="bert", train="/data/train.conll",
                           dev="/data/dev.conll", epochs=3, batch_size=8, learning_rate=5e-5)
    run = create_run(request, output=root / RUN)
    run.append_event(ev.Started(run=RUN, model=request.model, device="cpu", epochs=3, start_epoch=0,
                                steps_per_epoch=10, total_steps=30, batch_size=8, gradient_accumulation_steps=1,
                                max_seq_length=64, train_sentences=80, time=0))
    for step in range(1, 31):
        run.append_event(ev.Progress(step=step, total_steps=30, epoch=1 + (step - 1) // 10, loss=1.6 / step ** 0.5,
                                     learning_rate=5e-5, sentences_per_second=40, elapsed=step, eta=0, time=0))
        if step % 10 == 0:
            run.append_event(ev.Evaluation(epoch=step // 10, step=step, f1=0.1 * step / 10, precision=0.3,
                                           recall=0.2, best=True, time=0))
    run.append_event(ev.Done(run=RUN, best_epoch=3, dev_f1=0.3, test_f1=None, duration=31, time=0))
    run.write_metrics({"best_epoch": 3, "epochs_done": 3, "epochs": 3, "dev": {"f1": 0.3}, "test": None,
                       "history": [], "training_seconds": 30, "duration": 31})
    run.set_status("complete")
    run.release()
    return root


def test_models_screen_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_models_screen_filtered_wide(snap_compare, make_app):
    assert snap_compare(make_app(), press=["slash", *"xlm-r", "enter", "down"], terminal_size=(140, 40))


def test_help_screen(snap_compare, make_app):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(100, 30))


def test_plugins_screen(snap_compare, make_app):
    assert snap_compare(make_app(), press=["p"], terminal_size=(100, 24))


def test_fine_tune_form(snap_compare, make_app):
    assert snap_compare(make_app(), press=["slash", *"nb-bert-b", "enter", "f"], terminal_size=(80, 24))


def test_runs_screen(snap_compare, make_app, recorded_run):
    async def open_runs(pilot):  # the screen reads the runs folder in a worker: wait for it
        await pilot.app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.6)  # the loss plot is redrawn on a timer

    assert snap_compare(make_app(runs_root=recorded_run), run_before=open_runs, terminal_size=(100, 30))


def test_run_screen_at_the_end(snap_compare, make_app, recorded_run):
    async def open_run(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("o")
        await pilot.pause(0.6)

    assert snap_compare(make_app(runs_root=recorded_run), run_before=open_run, terminal_size=(100, 30))


def test_runs_screen_80x24(snap_compare, make_app, recorded_run):
    async def open_runs(pilot):
        await pilot.app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.6)

    assert snap_compare(make_app(runs_root=recorded_run), run_before=open_runs, terminal_size=(80, 24))


def test_fine_tune_form_with_errors(snap_compare, make_app):
    async def wrong(pilot):
        from tests.support.tui import paste

        await pilot.press("slash", *"nb-bert-b", "enter", "f")
        for name, value in (("train", "nowhere.conll"), ("epochs", "two"), ("batch_size", "big"), ("device", "tpu")):
            await paste(pilot, f"#field-{name}", value)
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=wrong, terminal_size=(80, 24))


def test_model_screen_with_a_check_report(snap_compare, make_app, user_registry, monkeypatch):
    """Offline, from the catalogue's facts: the same report every time."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HOME", str(user_registry.parent))  # the registry file shown as ~/registry.toml
    user_registry.write_text(user_registry.read_text() + '\n[[model]]\nid = "someone/offline-bert"\nfamily = "bert"\n'
                             'parameters = 178_000_000\nvocab_size = 119_547\ncased = true\nstatus = "expected"\n',
                             encoding="utf-8")

    async def check_and_open(pilot):
        await pilot.press("slash", *"offline-bert", "enter", "c")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=check_and_open, terminal_size=(100, 40))
