"""At 80x24: the Models table keeps family and model type (shortened), and shows licence and the
latency measured here; the Runs table keeps each run's name and data, one row told from another."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.speed.test_store import measurement
from tests.support.tui import screen_text
from tests.tui.test_run_actions import open_runs, recorded
from tsa_registry.speed import store


async def test_the_models_table_keeps_family_and_model_type_at_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        header = next(line for line in text.splitlines() if line.startswith(" model "))
        assert "family" in header and "ST type" in header
        assert "modernb…" in text and "distilb…" in text  # long family names, shortened
        assert "bert-b…lingual-cased" in text and "bert-b…ngual-uncased" in text  # ids cut in the middle
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert "bert-base-multilingual-uncased" in screen_text(app)  # whole again when there is room


async def test_licence_and_the_latency_measured_here_are_columns(make_app):
    store.save([measurement(87.4, model="xlm-roberta-base")])
    app = make_app()
    async with app.run_test(size=(160, 30)) as pilot:
        await app.workers.wait_for_complete()  # measurements are read with the runs, in the background
        await pilot.pause()
        table = app.screen.query_one("#catalogue", DataTable)
        columns = [str(column.label) for column in table.columns.values()]
        row = dict(zip(columns, (str(cell) for cell in table.get_row("xlm-roberta-base"))))
        assert row["p90 ms"] == "87" and row["licence"] == "mit"
        assert dict(zip(columns, map(str, table.get_row("bert-base-cased"))))["p90 ms"] == ""  # not measured


async def test_the_runs_table_keeps_each_runs_name_and_data_at_80_columns(make_app, tmp_path):
    root = tmp_path / "runs"
    for name, data in (("20250101-120000-nb-bert-base", "train.conll"), ("20250101-130000-nb-bert-base",
                                                                           "train-small.conll")):
        run = recorded(root, name)
        args = run.file("args.json")
        args.write_text(args.read_text().replace("/d/train.conll", f"/d/{data}"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_runs(app, pilot)
        text = screen_text(app)
        assert "20250101-120000-nb-be…" in text and "20250101-130000-nb-be…" in text
        assert "train-small.conll" in text
