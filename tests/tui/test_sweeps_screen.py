"""Sweeps in the app: models marked on the Models screen, swept here over the seeds of the sweep
form; the run table and the results filling in as the real training processes finish; a sweep
made elsewhere found in the Sweeps list, followed, and run here."""

from __future__ import annotations

import json
import statistics

import anyio
import pytest
from textual.widgets import DataTable

from tests.support.tui import USER_REGISTRY, paste, screen_text, toasts, widget_text


@pytest.fixture
def two_hub_models(hub, user_registry):
    """Two tiny models on the loopback Hub, in the user's catalogue; the first with a reference."""
    first, second = hub.model("bert-cased"), hub.model("distilbert")
    user_registry.write_text(USER_REGISTRY + f"""
[[model]]
id = "{first}"
family = "bert"
status = "expected"
languages = ["nb"]

[[model.references]]
f1 = 42.0
sd = 1.5
source = "a test reference"

[[model]]
id = "{second}"
family = "distilbert"
status = "expected"
languages = ["nb"]
""", encoding="utf-8")
    return first, second


async def until(pilot, check, seconds: float = 60) -> bool:
    """Whether check() came true within `seconds` (the screens read folders in threads)."""
    for _ in range(int(seconds * 10)):
        if check():
            return True
        await pilot.pause(0.1)
    return bool(check())


async def wait_for_states(pilot, table, expected: list[str]) -> list[str]:
    """The state column once it reads `expected` (the screen's own timer reads the folder)."""
    states: list[str] = []
    for _ in range(1800):
        await pilot.pause(0.1)
        states = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        if states == expected:
            break
    return states


async def test_sweep_the_marked_models_from_the_models_screen(make_app, two_hub_models, tsa_files):
    first, second = two_hub_models
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.remember_data({"train": str(tsa_files / "train.conll"), "dev": str(tsa_files / "dev.conll"),
                           "test": str(tsa_files / "dev.conll")})
        for model in (first, second):
            await pilot.press("slash", *model, "enter", "space", "escape")
        assert app.models_screen.marked == [first, second]
        await pilot.press("w")
        form = app.screen
        assert type(form).__name__ == "SweepFormScreen"
        assert form.values()["train"] == str(tsa_files / "train.conll")  # the data given last time
        assert form.values()["seeds"] == "5"  # NorBench's five seeds unless changed
        await paste(pilot, "#field-seeds", "1,2")  # two seeds and one epoch: seconds, not hours
        await paste(pilot, "#field-epochs", "1")
        await pilot.press("ctrl+s")
        for _ in range(300):
            await pilot.pause(0.1)
            if type(app.screen).__name__ == "SweepsScreen":
                break
        screen = app.screen
        assert type(screen).__name__ == "SweepsScreen", screen_text(app)
        table = screen.query_one("#sweep-runs", DataTable)
        states = await wait_for_states(pilot, table, ["complete"] * 4)
        assert states == ["complete"] * 4, [screen.sweep.states()]
        assert sorted(s.seed for s in screen.sweep.states()) == [1, 1, 2, 2]
        report = widget_text(screen.query_one("#sweep-report"))
        runs = screen.sweep.path / "runs"
        values = [json.loads((runs / s.key / "metrics.json").read_text())["test"]["f1"]
                  for s in screen.sweep.states() if s.model == first]
        expected = f"{statistics.mean(values) * 100:.1f} ± {statistics.stdev(values) * 100:.1f}"
        assert expected in report and "42.0 ± 1.5" in report and "2/2" in report


async def test_the_sweep_form_names_every_wrong_field_and_keeps_the_values(make_app, two_hub_models):
    first, _ = two_hub_models
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("slash", *first, "enter", "w")
        form = app.screen
        assert type(form).__name__ == "SweepFormScreen"
        await paste(pilot, "#field-train", "/no/such/train.conll")
        await paste(pilot, "#field-dev", "norec_tsa")
        await paste(pilot, "#field-seeds", "0")
        await paste(pilot, "#field-epochs", "2,x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = widget_text(form.query_one("#form-message"))
        assert "train file: /no/such/train.conll does not exist" in message
        assert "seeds: 0: give 1 to 10" in message and "epochs: '2,x'" in message
        assert "dev file" not in message  # norec_tsa is a data set's name: fetched when it runs
        assert form.values()["seeds"] == "0" and form.values()["epochs"] == "2,x"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ModelsScreen"


async def test_a_sweep_made_elsewhere_is_listed_followed_and_run_here(make_app, two_hub_models, tsa_files,
                                                                     user_registry):
    """As after planning in another terminal (or a Slurm job that has not started): the sweep
    folder is there, nothing has run; the app lists it, follows it, and `u` runs it here."""
    from tsa_registry.registry import load_registry
    from tsa_registry.sweeps.folder import create_sweep, new_sweep_path
    from tsa_registry.sweeps.plan import plan_sweep

    first, _ = two_hub_models
    app = make_app()
    plan = plan_sweep([first], seeds=[7, 8], registry=load_registry(user_registry),
                      train=tsa_files / "train.conll", dev=tsa_files / "dev.conll", epochs=[1])
    made = create_sweep(plan, new_sweep_path())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("v")
        await pilot.pause()
        listing = app.screen
        assert type(listing).__name__ == "SweepListScreen"
        table = listing.query_one("#sweep-list", DataTable)
        assert await until(pilot, lambda: table.row_count == 1)
        assert [str(c) for c in table.get_row_at(0)] == [made.name, first, "0/2", "2 pending"]
        await pilot.press("enter")
        await pilot.pause(0.5)
        screen = app.screen
        assert type(screen).__name__ == "SweepsScreen" and screen.sweep.path == made.path
        runs = screen.query_one("#sweep-runs", DataTable)
        assert await wait_for_states(pilot, runs, ["pending"] * 2) == ["pending"] * 2
        await pilot.press("u")
        assert await wait_for_states(pilot, runs, ["complete"] * 2) == ["complete"] * 2
        for _ in range(100):  # the runner's last look at the queue
            if not app.sweep_jobs.any_running():
                break
            await pilot.pause(0.1)
        await pilot.press("u")
        await pilot.pause()
        assert any("Every run is complete" in toast for toast in toasts(app))
        await pilot.press("escape")  # back to the list, which reads the sweep again
        assert await until(pilot, lambda: [str(c) for c in table.get_row_at(0)][2:] == ["2/2", "2 complete"])
        assert app.screen is listing
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ModelsScreen"


async def test_a_sweep_running_here_outlives_its_screen_and_quitting_stops_it(make_app, two_hub_models, tsa_files,
                                                                              user_registry):
    from tsa_registry.registry import load_registry
    from tsa_registry.sweeps.folder import create_sweep, new_sweep_path
    from tsa_registry.sweeps.plan import plan_sweep
    from tsa_registry.training.runs import Run

    first, _ = two_hub_models
    app = make_app()
    plan = plan_sweep([first], seeds=[7], registry=load_registry(user_registry), train=tsa_files / "train.conll",
                      dev=tsa_files / "dev.conll", epochs=[200], batch_size=4)  # still running when quit
    made = create_sweep(plan, new_sweep_path())
    run = Run(made.run_dir(plan.tasks[0].key))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("v")
        assert await until(pilot, lambda: app.screen.query_one("#sweep-list", DataTable).row_count == 1)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("u")
        for _ in range(600):  # until its first epoch is saved
            await pilot.pause(0.1)
            if made.states()[0].epochs_done >= 1:
                break
        await pilot.press("escape")  # the screen goes, the sweep goes on
        assert await until(pilot, lambda: type(app.screen).__name__ == "SweepListScreen")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "SweepsScreen"
        await pilot.press("u")
        await pilot.pause()
        assert any("already running here" in toast for toast in toasts(app))
        await pilot.press("q")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "ConfirmScreen", type(app.screen).__name__
        assert "is running here. Quit and stop it?" in widget_text(app.screen.query_one("#confirm-question"))
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    for _ in range(300):  # the run marks itself cancelled, its saved epochs kept
        if run.status().get("status") != "running":
            break
        await anyio.sleep(0.1)
    state, = made.states()
    assert state.state == "cancelled" and 1 <= state.epochs_done < 200
