"""Adding a community model from the app: Hub search, check, confirm, the user's file updated."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.support.search_server import SearchServer
from tests.support.tui import USER_REGISTRY, table_ids, toasts, widget_text


@pytest.fixture
def search_hub(hub):
    """A Hub search that lists a tiny model the loopback Hub serves, among others."""
    repo_id = hub.model("bert-uncased")
    listed = [{"id": repo_id, "downloads": 120, "likes": 3, "pipeline_tag": "fill-mask",
               "library_name": "transformers", "tags": ["transformers", "bert", "fill-mask", "no", "nb"]},
              {"id": "someone/nynorsk-bert", "downloads": 15, "likes": 0, "pipeline_tag": "fill-mask",
               "library_name": "transformers", "tags": ["transformers", "bert", "fill-mask", "nn"]},
              {"id": "someone/bert-svensk", "downloads": 800, "likes": 1, "pipeline_tag": "fill-mask",
               "library_name": "transformers", "tags": ["transformers", "bert", "fill-mask", "sv"]}]
    with SearchServer(listed) as server:
        yield server, repo_id


async def test_search_check_and_add_keeps_the_files_comments(make_app, search_hub, user_registry):
    server, repo_id = search_hub
    app = make_app(hub_endpoint=server.endpoint)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await pilot.press("a", *"bert", "ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#search-results", DataTable)
        assert table_ids(results) == [repo_id, "someone/nynorsk-bert"]  # Norwegian only, most downloaded first
        assert {tuple(q["filter"]) for q in server.queries} == {("no", "transformers"), ("nb", "transformers"),
                                                                  ("nn", "transformers")}

        await pilot.press("enter")  # check the highlighted result
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = widget_text(app.screen.query_one("#add-report"))
        assert "Verdict: compatible-with-settings" in report and "Entry to add" in report
        assert "cased = False" in report and "family = 'bert'" in report

        await pilot.press("ctrl+s")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()

        text = user_registry.read_text(encoding="utf-8")
        assert text.startswith(USER_REGISTRY)  # comments and the old entry untouched
        assert f'id = "{repo_id}"' in text and 'status = "expected"' in text and "cased = false" in text
        assert any(f"Added {repo_id}" in message for message in toasts(app))
        assert type(app.screen).__name__ == "ModelsScreen"
        assert app.screen.selected_id == repo_id
        assert app.registry.entries[repo_id].origin == str(user_registry)


async def test_declining_adds_nothing(make_app, search_hub, user_registry):
    server, repo_id = search_hub
    app = make_app(hub_endpoint=server.endpoint)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("a")
        await pilot.press(*repo_id)  # a Hub id: enter checks it directly
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s", "n")
        assert user_registry.read_text(encoding="utf-8") == USER_REGISTRY
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ModelsScreen"


async def test_search_errors_are_shown(make_app, search_hub):
    server, _ = search_hub
    server.fail_with = 403
    app = make_app(hub_endpoint=server.endpoint)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await pilot.press("a", *"bert", "ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = widget_text(app.screen.query_one("#add-message"))
        assert "refused the search (403)" in message and "HF_TOKEN" in message
        assert any("refused the search" in toast for toast in toasts(app))


async def test_a_model_that_cannot_be_read_cannot_be_added(make_app, search_hub):
    server, _ = search_hub
    app = make_app(hub_endpoint=server.endpoint)
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await pilot.press("a", *"tsa-test/nothing-here", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = widget_text(app.screen.query_one("#add-report"))
        assert "was not found on the Hub" in report and "could not be checked" in report
        assert app.screen.query_one("#add").disabled
