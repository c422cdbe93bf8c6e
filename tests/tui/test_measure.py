"""Timing the highlighted model from the app: a progress bar, then its p90 in the table."""

from __future__ import annotations

from textual.widgets import DataTable, ProgressBar

from tests.support.tui import USER_REGISTRY, screen_text, toasts, widget_text


async def test_time_it_shows_progress_then_the_latency_column(make_app, hub, user_registry):
    model = hub.model("bert-cased")
    user_registry.write_text(USER_REGISTRY + f'\n[[model]]\nid = "{model}"\nfamily = "bert"\nstatus = "expected"\n',
                             encoding="utf-8")
    app = make_app(speed_sentences=6)
    async with app.run_test(size=(160, 30), notifications=True) as pilot:
        await pilot.press("slash", *"bert-cased", "enter", "t")
        assert type(app.screen).__name__ == "MeasureScreen"
        assert app.screen.query_one(ProgressBar).display
        await app.workers.wait_for_complete()
        await pilot.pause(0.4)
        assert app.speed.status == "done", app.speed.message
        assert "done: p90" in screen_text(app)
        assert any(f"{model}: p90" in toast for toast in toasts(app))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#catalogue", DataTable)
        columns = [str(column.label) for column in table.columns.values()]
        p90 = dict(zip(columns, map(str, table.get_row(model))))["p90 ms"]
        assert p90 == f"{app.speed.p90_ms:.0f}"
        await pilot.press("enter")  # the model's own screen says it too
        assert f"p90 {app.speed.p90_ms:.0f} ms a sentence" in widget_text(app.screen.query_one("#details-body"))
