"""Checking a model from the app, against the loopback Hub: findings, cancel, failures, deep."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets import DataTable

from tests.support.tui import USER_REGISTRY, screen_text, toasts, widget_text


@pytest.fixture
def hub_entries(hub, user_registry):
    """Two tiny Hub models in the user's catalogue: an uncased BERT and an XLM-R."""
    uncased, xlmr = hub.model("bert-uncased"), hub.model("xlmr")
    user_registry.write_text(USER_REGISTRY + "".join(
        f'\n[[model]]\nid = "{model}"\nfamily = "{family}"\nstatus = "expected"\n'
        for model, family in ((uncased, "bert"), (xlmr, "xlmroberta"))), encoding="utf-8")
    return uncased, xlmr


def details(app) -> str:
    return widget_text(app.screen.query_one("#details-body"))


async def test_check_shows_verdict_settings_and_gpu_fit(make_app, hub_entries):
    uncased, _ = hub_entries
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"bert-unc", "enter", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = details(app)
        assert "Verdict: compatible-with-settings" in text
        assert "do_lower_case=True" in text  # the setting an uncased vocabulary needs
        assert "16 GiB" in text  # the batch size that fits each GPU size
        assert app.checks[uncased].report.verdict == "compatible-with-settings"


async def test_findings_are_coloured_by_severity(make_app, hub_entries):
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("slash", *"bert-unc", "enter", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        console = Console(width=200, file=io.StringIO(), color_system="truecolor")
        colours: dict[str, set[str]] = {}
        for line in console.render_lines(app.screen.query_one("#details-body").content, pad=False):
            for segment in line:
                mark = segment.text.strip()[:1]
                if segment.text.strip() and mark in "✓!✗":
                    colour = segment.style.color.name if segment.style and segment.style.color else None
                    colours.setdefault(mark, set()).add(colour)
                if segment.text.strip():
                    break  # only the first visible character of each line: the finding's mark
        assert colours["✓"] == {"green"} and colours["!"] == {"yellow"}


async def test_the_check_prefills_the_fine_tune_form(make_app, hub_entries):
    uncased, _ = hub_entries
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"bert-unc", "enter", "c")
        await app.workers.wait_for_complete()
        await pilot.press("f")
        suggested = app.checks[uncased].report.suggested_args
        form = app.screen
        assert form.query_one("#field-batch_size").value == str(suggested["train_batch_size"])
        assert form.query_one("#field-epochs").value == str(suggested["num_train_epochs"])
        assert form.query_one("#field-gradient_accumulation_steps").value == str(
            suggested["gradient_accumulation_steps"])


async def test_a_check_can_be_cancelled(make_app, hub, user_registry):
    slow = hub.model("slow")  # the Hub takes a second for each answer
    user_registry.write_text(USER_REGISTRY + f'\n[[model]]\nid = "{slow}"\nfamily = "xlmroberta"\n'
                             'status = "expected"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("slash", *"test/slow", "enter", "d", "x")
        assert "cancelled" in details(app)
        await app.workers.wait_for_complete()  # the worker stops at the check's next step
        await pilot.pause()
        assert "cancelled" in details(app) and app.checks[slow].report is None  # no late answer


async def test_a_model_the_hub_does_not_have_is_reported(make_app, user_registry, hub):
    user_registry.write_text(USER_REGISTRY + '\n[[model]]\nid = "tsa-test/no-such-model"\nfamily = "bert"\n'
                             'status = "expected"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"no-such", "enter", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = details(app)
        assert "Verdict: unknown" in text and "was not found on the Hub" in text
        assert app.screen.query_one("#catalogue", DataTable).row_count == 1  # the app goes on


async def test_deep_check_is_the_second_action(make_app, hub_entries):
    _, xlmr = hub_entries
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"test/xlmr", "enter", "d")
        assert app.checks[xlmr].deep  # the second action starts a deep check
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.checks[xlmr].report.deep.passed
        assert "trained a shrunken copy" in details(app)


async def test_the_verdict_is_notified_and_on_screen_and_enter_opens_the_report_at_80x24(make_app, hub_entries):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("slash", *"bert-unc", "enter", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("compatible-with-settings" in toast and "do_lower_case=True" in toast for toast in toasts(app))
        assert "Verdict: compatible-with-settings" in screen_text(app)  # in sight, not below the facts

        await pilot.press("enter")  # the model on a screen of its own
        assert type(app.screen).__name__ == "ModelScreen"
        text = screen_text(app)
        assert "Verdict: compatible-with-settings" in text and "esc" in text.lower()
        report = widget_text(app.screen.query_one("#details-body"))
        assert "Suggested NERArgs" in report and "Largest batch size" in report and "Known problems" in report
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ModelsScreen"


async def test_a_check_offline_uses_the_catalogue_facts(make_app, user_registry, monkeypatch):
    """No Hub and no cached files: the catalogue's size gives the GPU estimate, marked as such."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)  # as HF_HUB_OFFLINE=1 at start-up
    user_registry.write_text(USER_REGISTRY + '\n[[model]]\nid = "someone/offline-bert"\nfamily = "bert"\n'
                             'parameters = 178_000_000\nvocab_size = 119_547\ncased = true\n'
                             'status = "expected"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("slash", *"offline-bert", "enter", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = details(app)
        assert "Verdict: compatible (from the catalogue's facts)" in text
        assert "A 16 GiB GPU: fits batch size" in text and "not estimated" not in text
        assert "built from the catalogue's facts only" in text
