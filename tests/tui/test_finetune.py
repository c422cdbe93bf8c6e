"""Fine-tuning from the app: the form, a real run of a tiny model to its metrics, cancel, errors."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable, Input, ProgressBar

from tests.support.tui import USER_REGISTRY, paste, screen_text, settle, table_ids, toasts, widget_text


@pytest.fixture
def hub_model_entry(hub, user_registry):
    """A tiny model on the loopback Hub, in the user's catalogue with a reference F1."""
    repo_id = hub.model("bert-cased")
    user_registry.write_text(USER_REGISTRY + f"""
[[model]]
id = "{repo_id}"
title = "Tiny BERT"
family = "bert"
status = "expected"
languages = ["nb", "nn"]

[[model.references]]
f1 = 42.0
source = "a test reference"
""", encoding="utf-8")
    return repo_id


async def open_form(pilot, model_filter: str):
    await pilot.press("slash", *model_filter, "enter", "f")
    assert type(pilot.app.screen).__name__ == "FineTuneScreen"


async def fill(pilot, tsa_files, epochs: str) -> None:
    await paste(pilot, "#field-train", str(tsa_files / "train.conll"))
    await paste(pilot, "#field-dev", str(tsa_files / "dev.conll"))
    for name, value in (("epochs", epochs), ("batch_size", "8"), ("device", "cpu")):
        await paste(pilot, f"#field-{name}", value)


async def test_fine_tune_runs_to_its_metrics_beside_the_reference(make_app, hub_model_entry, tsa_files, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await open_form(pilot, "bert-cased")
        form = app.screen
        assert form.query_one("#field-model", Input).value == hub_model_entry
        # prefilled from the bert family's suggested arguments
        assert form.query_one("#field-learning_rate", Input).value == "5e-05"
        await fill(pilot, tsa_files, epochs="2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause(0.6)  # the run screen redraws on a timer

        assert type(app.screen).__name__ == "RunScreen"
        progress = app.run_progress
        assert progress.status == "complete", progress.log
        assert len(progress.losses) == progress.total_steps == 8  # 32 sentences, batch 8, 2 epochs
        assert app.screen.query_one(ProgressBar).percentage == 1.0
        text = screen_text(app)
        assert "complete" in text and "best" in text and "ref." in text and "42.0" in text
        assert "epoch 2: dev F1" in text and "done in" in text
        assert any(f"Run {progress.name} is complete" in message for message in toasts(app))

        metrics = json.loads((tmp_path / "runs" / progress.name / "metrics.json").read_text())
        await pilot.press("escape", "r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        board = app.screen.query_one("#leaderboard", DataTable)
        assert table_ids(board) == [progress.name]
        row = board.get_row(progress.name)
        assert str(row[5]) == "complete" and str(row[2]) == f"{metrics['dev']['f1'] * 100:.1f}"
        assert str(row[4]) == "42.0"  # the catalogue's reference, beside the run
        assert str(tmp_path / "runs" / progress.name) in widget_text(app.screen.query_one("#run-folder"))

        await pilot.press("m")
        catalogue = app.screen.query_one("#catalogue", DataTable)
        assert str(catalogue.get_row(hub_model_entry)[7]) == f"{metrics['dev']['f1'] * 100:.1f}"


async def test_cancel_a_running_fine_tune(make_app, hub_model_entry, tsa_files, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await open_form(pilot, "bert-cased")
        await fill(pilot, tsa_files, epochs="500")
        await pilot.press("ctrl+s")
        for _ in range(600):  # until the first training step has been reported
            await pilot.pause(0.1)
            if app.run_progress and (app.run_progress.steps or app.run_progress.final):
                break
        assert app.run_progress.steps, app.run_progress.log
        await pilot.press("x")
        assert any("Cancelling the fine-tune…" in text for text in toasts(app))
        await settle(pilot)
        await pilot.pause(0.6)
        assert app.run_progress.status == "cancelled"
        assert "cancelled" in screen_text(app)
        status = json.loads((tmp_path / "runs" / app.run_progress.name / "status.json").read_text())
        assert status["status"] == "cancelled"
        assert app.training is None


async def test_bad_data_is_shown_in_the_form_and_nothing_starts(make_app, tsa_files, tmp_path):
    broken = tmp_path / "broken.conll"
    broken.write_text("#sent_id=a\nFilmen\tO\nvar bra\n\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_form(pilot, "nb-bert-b")
        await paste(pilot, "#field-train", str(tmp_path / "nowhere.conll"))
        message = app.screen.query_one("#form-message")
        assert "does not exist" in widget_text(message)
        await paste(pilot, "#field-dev", str(tsa_files / "dev.conll"))
        await pilot.press("ctrl+s")
        assert app.screen.query_one("#field-train", Input).has_class("-wrong")
        assert widget_text(message).startswith(f"train file: {tmp_path / 'nowhere.conll'} does not exist")

        await paste(pilot, "#field-train", str(broken))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause()
        assert f"{broken}:3" in widget_text(message)  # the file and line of the missing tab
        assert app.run_progress is None and not (tmp_path / "runs").exists()


async def test_a_failed_run_is_reported(make_app, tiny_models, tsa_files, tmp_path):
    import shutil

    folder = tmp_path / "mismatched-config"
    shutil.copytree(tiny_models.get("bert"), folder)
    config = json.loads((folder / "config.json").read_text())
    config.update(hidden_size=64, intermediate_size=128)  # the weights are 32 wide: loading fails
    (folder / "config.json").write_text(json.dumps(config))
    app = make_app()
    async with app.run_test(size=(100, 34), notifications=True) as pilot:
        await open_form(pilot, "nb-bert-b")
        await paste(pilot, "#field-model", str(folder))
        await fill(pilot, tsa_files, epochs="1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause(0.6)
        assert app.run_progress is not None, widget_text(app.screen.query_one("#form-message"))
        assert app.run_progress.status == "failed"
        assert "failed" in screen_text(app)
        assert app.run_progress.log[-1][1].startswith("failed: ")
        assert any("Run " in message and " failed: " in message for message in toasts(app))


async def test_every_wrong_field_is_shown_at_once_and_values_stay(make_app, tsa_files, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "nb-bert-b")
        await paste(pilot, "#field-train", str(tmp_path / "nowhere.conll"))
        await paste(pilot, "#field-dev", str(tsa_files / "dev.conll"))
        for name, value in (("epochs", "two"), ("batch_size", "big"), ("device", "tpu")):
            await paste(pilot, f"#field-{name}", value)
        await pilot.press("ctrl+s")
        form = app.screen
        message = widget_text(form.query_one("#form-message"))
        for line in ("train file: ", "epochs: 'two' is not a whole number", "batch size: 'big'", "device: one of"):
            assert line in message
        invalid = {name for name in ("train", "epochs", "batch_size", "device", "dev")
                   if form.query_one(f"#field-{name}", Input).has_class("-wrong")}
        assert invalid == {"train", "epochs", "batch_size", "device"}
        assert form.query_one("#field-epochs", Input).value == "two"  # as typed
        assert form.query_one("#field-dev", Input).value == str(tsa_files / "dev.conll")


async def test_the_file_picker_fills_the_focused_field(make_app, tsa_files, monkeypatch):
    monkeypatch.chdir(tsa_files)  # the picker starts in the working folder
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "nb-bert-b")
        app.screen.query_one("#field-dev", Input).focus()
        await pilot.press("ctrl+o")
        assert type(app.screen).__name__ == "FilePicker"
        for _ in range(50):  # the tree reads the folder in the background
            await pilot.pause(0.05)
            if app.screen.query_one("DirectoryTree").last_line >= 2:
                break
        await pilot.press("down", "enter")  # the first file: dev.conll
        await pilot.pause()
        assert type(app.screen).__name__ == "FineTuneScreen"
        assert app.screen.query_one("#field-dev", Input).value == str(tsa_files / "dev.conll")


async def test_a_quick_try_into_an_output_folder(make_app, hub_model_entry, tsa_files, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_form(pilot, "bert-cased")
        await fill(pilot, tsa_files, epochs="1")
        await paste(pilot, "#field-quick", "8")
        await paste(pilot, "#field-output", str(tmp_path / "try"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        progress = app.run_progress
        assert progress is not None, widget_text(app.screen.query_one("#form-message"))
        assert progress.status == "complete", progress.log
        assert progress.started.train_sentences == 8 and progress.total_steps == 1  # 8 sentences, batch 8
        assert (tmp_path / "try" / "metrics.json").is_file()


async def test_norec_tsa_as_the_data(make_app, hub_model_entry, hub, user_home):
    """Its train and dev splits, downloaded from the (test) Hub when the run starts."""
    hub.dataset("norec_tsa")
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await open_form(pilot, "bert-cased")
        await paste(pilot, "#field-train", "norec_tsa")
        for name, value in (("epochs", "1"), ("batch_size", "8"), ("device", "cpu"), ("quick", "8")):
            await paste(pilot, f"#field-{name}", value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        progress = app.run_progress
        assert progress is not None, widget_text(app.screen.query_one("#form-message"))
        assert progress.status == "complete", progress.log
        request = json.loads((app.services.runs_path() / progress.name / "args.json").read_text())
        assert request["dev"].startswith(str(user_home)) and "norec" in request["dev"].lower()
