"""The Sweeps screen: models marked on the Models screen, swept here over seeds; the run table and
the results filling in as the real training processes finish."""

from __future__ import annotations

import json
import statistics

import pytest
from textual.widgets import DataTable

from tests.support.tui import USER_REGISTRY, widget_text
from tsa_registry.tui.screens import sweeps


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


async def test_sweep_the_marked_models_from_the_models_screen(make_app, two_hub_models, tsa_files, monkeypatch):
    monkeypatch.setattr(sweeps, "TUI_SEEDS", [1, 2])  # two seeds and one epoch: seconds, not hours
    monkeypatch.setattr(sweeps, "TUI_EPOCHS", [1])
    first, second = two_hub_models
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.remember_data({"train": str(tsa_files / "train.conll"), "dev": str(tsa_files / "dev.conll"),
                           "test": str(tsa_files / "dev.conll")})
        for model in (first, second):
            await pilot.press("slash", *model, "enter", "space", "escape")
        assert app.models_screen.marked == [first, second]
        await pilot.press("w")
        screen = app.screen
        assert type(screen).__name__ == "SweepsScreen"
        table = screen.query_one("#sweep-runs", DataTable)
        for _ in range(1800):  # until all four runs are complete, read by the screen's own timer
            await pilot.pause(0.1)
            states = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
            if table.row_count == 4 and states == ["complete"] * 4:
                break
        assert states == ["complete"] * 4, [screen.sweep.states()]
        report = widget_text(screen.query_one("#sweep-report"))
        runs = screen.sweep.path / "runs"
        values = [json.loads((runs / s.key / "metrics.json").read_text())["test"]["f1"]
                  for s in screen.sweep.states() if s.model == first]
        expected = f"{statistics.mean(values) * 100:.1f} ± {statistics.stdev(values) * 100:.1f}"
        assert expected in report and "42.0 ± 1.5" in report and "2/2" in report
